"""Entities: which known people, countries, places and organisations a text mentions, and which
names it uses that the gazetteer does not know.

Matching goes through the segmentation (`tokenize.py`), never through substring search: every
gazetteer spelling is in the tokenizer's user dictionary, so a name is one token, and a spelling
only counts where it is a whole token. 乌 inside 乌鲁木齐 or 朝 inside 朝着 is never a country.
One-character country abbreviations count only under the rules of `resources/abbreviations.toml`.
"""

from __future__ import annotations

import functools
import tomllib
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from analysis.language.gazetteer import Gazetteer, default_gazetteer
from analysis.language.lexicon import Classifier
from analysis.language.text import to_simplified
from analysis.language.tokenize import (
    Segmentation,
    Tokenizer,
    get_tokenizer,
    is_term,
    read_word_list,
)
from analysis.model import UNKNOWN_PREFIX, EntityMention, Mention
from analysis.paths import RESOURCES

ABBREVIATIONS_FILE = RESOURCES / "abbreviations.toml"
NOT_NAMES_FILE = RESOURCES / "not_names.txt"

# jieba tags that mark a name, and the entity type each stands for.
_NAME_TAGS = {
    "nr": "person",
    "nrt": "person",
    "nrfg": "person",
    "ns": "place",
    "nt": "organization",
}
_NUMBER_CHARACTERS = frozenset("0123456789０１２３４５６７８９零〇一二两三四五六七八九十百千万廿")


@dataclass(frozen=True, slots=True)
class AbbreviationRules:
    suffixes: frozenset[str]
    compound_suffixes: frozenset[str]
    not_abbreviations: frozenset[str]
    ambiguous: frozenset[str]
    anchors: frozenset[str]


@functools.cache
def load_abbreviation_rules(path: Path = ABBREVIATIONS_FILE) -> AbbreviationRules:
    data = tomllib.loads(path.read_text(encoding="utf-8"))

    def words(name: str) -> frozenset[str]:
        return frozenset(to_simplified(w) for w in data.get(name, ()))

    return AbbreviationRules(
        suffixes=words("suffixes"),
        compound_suffixes=words("compound_suffixes"),
        not_abbreviations=words("not_abbreviations"),
        ambiguous=words("ambiguous"),
        anchors=words("anchors"),
    )


@functools.cache
def _not_names() -> frozenset[str]:
    return frozenset(read_word_list(NOT_NAMES_FILE))


# --- known entities ------------------------------------------------------------------------


def find_mentions(text: str, *, gazetteer: Gazetteer | None = None) -> list[Mention]:
    """Every mention of a gazetteer entity in `text`, in order, with offsets into `text`."""
    gazetteer = gazetteer or default_gazetteer()
    return find_mentions_in(get_tokenizer(gazetteer).segment(text), gazetteer=gazetteer)


def find_mentions_in(segmentation: Segmentation, *, gazetteer: Gazetteer) -> list[Mention]:
    aliases, words = gazetteer.aliases, segmentation.words
    wanted = set(segmentation.lexicon.accepted(segmentation.counts, _mention_words(gazetteer)))
    wanted |= _one_character_mentions(gazetteer)  # not in `counts`: looked for in every text
    mentions: list[Mention] = []
    skip_until = -1
    for i, start in _positions(words, wanted):
        if i <= skip_until:
            continue
        entity_id = aliases.get(words[i])
        if entity_id is not None:
            end = start + len(words[i])
            mentions.append(_mention(segmentation, gazetteer, entity_id, start, end))
            continue
        found, skip_until = _abbreviation_mentions(segmentation, gazetteer, i, start)
        mentions += found
    return mentions


@functools.cache
def _first_characters(gazetteer: Gazetteer) -> frozenset[str]:
    return frozenset(a[0] for a in gazetteer.abbreviations)


@functools.cache
def _mention_words(gazetteer: Gazetteer) -> Classifier:
    """Tokens that are a gazetteer spelling or may be built from abbreviations (`_shape`)."""
    aliases = gazetteer.aliases
    return lambda words: [
        w for w in words if w in aliases or _is_abbreviation_construction(w, gazetteer)
    ]


@functools.cache
def _one_character_mentions(gazetteer: Gazetteer) -> frozenset[str]:
    """The one-character tokens `_mention_words` accepts (俄, 美: abbreviations standing alone;
    an alias has two characters or more, so only an abbreviation's first character can be one)."""
    return frozenset(_mention_words(gazetteer)(sorted(_first_characters(gazetteer))))


class _NameWords:
    """The classifier of new names: tokens the tagger marks as a name (`_NAME_TAGS`) that
    `_may_be_name`. It keeps the type of each name it accepts, for `discover_names_in`."""

    __slots__ = ("gazetteer", "kinds", "tokenizer")

    def __init__(self, tokenizer: Tokenizer, gazetteer: Gazetteer) -> None:
        self.tokenizer = tokenizer
        self.gazetteer = gazetteer
        self.kinds: dict[str, str] = {}  # name -> entity type

    def __call__(self, words: list[str]) -> list[str]:
        if len(self.kinds) > _KINDS_LIMIT:
            self.kinds.clear()  # a name asked for later is tagged again (`kinds_of`)
        accepted = []
        for word, kind in self._tagged_kinds(words).items():
            if _may_be_name(word, self.gazetteer):
                self.kinds[word] = kind
                accepted.append(word)
        return accepted

    def kinds_of(self, names: list[str]) -> dict[str, str]:
        """Name -> entity type, for names this classifier accepted."""
        kinds = self.kinds
        if any(name not in kinds for name in names):
            kinds.update(self._tagged_kinds(names))
        return {name: kinds[name] for name in names if name in kinds}

    def _tagged_kinds(self, words: list[str]) -> dict[str, str]:
        """Word -> entity type, for the words the tagger marks as a name."""
        tags = self.tokenizer.tags(words, only=_NAME_TAGS)
        return {word: _NAME_TAGS[tag] for word, tag in tags.items()}


_KINDS_LIMIT = 1_000_000  # names whose type a classifier remembers before it starts again


@functools.cache
def _name_words(tokenizer: Tokenizer, gazetteer: Gazetteer) -> _NameWords:
    return _NameWords(tokenizer, gazetteer)


def _positions(words: list[str], wanted: Collection[str]) -> list[tuple[int, int]]:
    """(index, start offset) of each word that is in `wanted`.

    The offsets are added up here rather than read from `Segmentation.starts`: a table of every
    token's offset costs an int object per token, and only these few are needed."""
    found: list[tuple[int, int]] = []
    if not wanted:
        return found
    offset = 0
    for i, word in enumerate(words):
        if word in wanted:
            found.append((i, offset))
        offset += len(word)
    return found


@functools.lru_cache(maxsize=1 << 16)
def _shape(word: str, gazetteer: Gazetteer) -> tuple[tuple[str, ...], str] | None:
    """A word built from abbreviations, as (abbreviations, suffix): 俄乌 -> ((俄, 乌), ""),
    中美关系 -> ((中, 美), 关系), 俄军 -> ((俄,), 军); None for any other word."""
    rules = load_abbreviation_rules()
    if word in rules.not_abbreviations:
        return None
    parts = _split_abbreviations(word, gazetteer.abbreviations)
    if parts is not None:
        return parts, ""
    for cut in range(len(word) - 1, 0, -1):
        parts = _split_abbreviations(word[:cut], gazetteer.abbreviations)
        tail = word[cut:]
        if parts is None:
            continue
        if tail in rules.suffixes or (len(parts) >= 2 and tail in rules.compound_suffixes):
            return parts, tail
    return None


def _abbreviation_mentions(
    seg: Segmentation, gazetteer: Gazetteer, i: int, start: int
) -> tuple[list[Mention], int]:
    """Mentions made of abbreviations starting at token i (at offset `start`), and the last
    token they used."""
    words = seg.words
    shape = _shape(words[i], gazetteer)
    if shape is None or (i > 0 and _is_number(words[i - 1])):  # 31日称, 14日 / 美韩: dates
        return [], i
    parts, suffix = shape
    rules = load_abbreviation_rules()
    if suffix and len(parts) == 1:  # 俄军, 美方 -> the country
        country_id = gazetteer.abbreviations[parts[0]]
        return [_suffixed_mention(seg, gazetteer, country_id, i, i, start)], i
    run, last = [(i, parts)], i  # 俄乌, 中美关系, 美英 / 法: extend over the next tokens
    while not suffix and last + 1 < len(words):
        nxt = _shape(words[last + 1], gazetteer)
        if nxt is None or (nxt[1] and len(nxt[0]) == 1):
            break
        last += 1
        run.append((last, nxt[0]))
        suffix = nxt[1]
    if sum(len(p) for _, p in run) >= 2:
        following = words[last + 1] if last + 1 < len(words) else ""
        if _compound_counts(
            run, words, rules, compound_follows=bool(suffix) or following in rules.compound_suffixes
        ):
            return _run_mentions(seg, gazetteer, run, start), last
        return [], last
    # a lone abbreviation counts only before a suffix token (乌 / 海军, 俄 / 国防部)
    if i + 1 < len(words) and words[i + 1] in rules.suffixes and words[i] not in rules.ambiguous:
        country_id = gazetteer.abbreviations[parts[0]]
        return [_suffixed_mention(seg, gazetteer, country_id, i, i + 1, start)], i + 1
    return [], i


def _compound_counts(
    run: list[tuple[int, tuple[str, ...]]],
    words: Sequence[str],
    rules: AbbreviationRules,
    *,
    compound_follows: bool,
) -> bool:
    """Whether a run of abbreviations names countries (rule 5 of abbreviations.toml)."""
    parts = [p for _, ps in run for p in ps]
    if len(set(parts)) < len(parts):  # 美美与共, 意义
        return False
    if compound_follows:  # 以巴冲突, 沙伊两国, 埃以边境
        return True
    ambiguous = sum(p in rules.ambiguous for p in parts)
    if len(run) == 1:  # one token: 中日, 中越, 俄乌 count; 以新, 新港, 哈巴 do not
        return ambiguous < len(parts) or not rules.anchors.isdisjoint(parts)
    return ambiguous <= 1  # 中 / 俄 counts; 以 / 新 does not


def _split_abbreviations(word: str, abbreviations: Mapping[str, str]) -> tuple[str, ...] | None:
    """`word` as a sequence of abbreviations (longest first), or None if it is not one."""
    parts: list[str] = []
    position = 0
    while position < len(word):
        for size in (3, 2, 1):
            piece = word[position : position + size]
            if len(piece) == size and piece in abbreviations:
                parts.append(piece)
                position += size
                break
        else:
            return None
    return tuple(parts)


def _run_mentions(
    seg: Segmentation, gazetteer: Gazetteer, run: list[tuple[int, tuple[str, ...]]], start: int
) -> list[Mention]:
    """The mentions of a run of consecutive tokens, the first at offset `start`."""
    mentions: list[Mention] = []
    for i, parts in run:
        mentions += _split_token_mentions(seg, gazetteer, start, parts)
        start += len(seg.words[i])
    return mentions


def _split_token_mentions(
    seg: Segmentation, gazetteer: Gazetteer, start: int, parts: tuple[str, ...]
) -> list[Mention]:
    """One mention per abbreviation inside the token at offset `start` (俄乌 -> 俄 + 乌)."""
    mentions: list[Mention] = []
    for part in parts:
        end = start + len(part)
        mentions.append(_mention(seg, gazetteer, gazetteer.abbreviations[part], start, end))
        start = end
    return mentions


def _suffixed_mention(
    seg: Segmentation, gazetteer: Gazetteer, country_id: str, first: int, last: int, start: int
) -> Mention:
    """俄軍 / 俄 + 國防部: the alias of the whole spelling if there is one, else the country.
    Tokens first..last, the first at offset `start`."""
    spelling = "".join(seg.words[first : last + 1])
    entity_id = gazetteer.aliases.get(spelling, country_id)
    return _mention(seg, gazetteer, entity_id, start, start + len(spelling))


def _mention(
    seg: Segmentation, gazetteer: Gazetteer, entity_id: str, start: int, end: int
) -> Mention:
    entity_type, country = _type_and_country(gazetteer)[entity_id]
    return _new_mention(entity_id, entity_type, start, end, seg.text[start:end], country)


# Mentions and rows are built with `tuple.__new__`, as the named tuples they are: a named
# tuple's own `__new__` is a Python function, slow to call from compiled code (xwlb: 130,000
# mentions and 120,000 rows).


def _new_mention(
    entity_id: str, entity_type: str, start: int, end: int, surface: str, country: str | None
) -> Mention:
    return tuple.__new__(Mention, (entity_id, entity_type, start, end, surface, country))


def _new_row(
    entity_id: str,
    name: str,
    name_en: str,
    entity_type: str,
    count: int,
    surface_forms: tuple[str, ...],
    known: bool,
) -> EntityMention:
    return tuple.__new__(
        EntityMention, (entity_id, name, name_en, entity_type, count, surface_forms, known)
    )


@functools.cache
def _type_and_country(gazetteer: Gazetteer) -> dict[str, tuple[str, str | None]]:
    """Entity id -> (type, country) of a mention: a country is its own country."""
    return {
        entity_id: (entry.type, entity_id if entry.type == "country" else entry.country)
        for entity_id, entry in gazetteer.entries.items()
    }


def _is_number(word: str) -> bool:
    return all(c in _NUMBER_CHARACTERS for c in word)


def summarize_mentions(
    mentions: Iterable[Mention], *, gazetteer: Gazetteer | None = None
) -> list[EntityMention]:
    """One row per entity: how often it is mentioned and the spellings used, most mentioned first.

    `name` is the gazetteer's Simplified name (the same for every article, so views can group on
    it); `surface_forms` keeps the article's own script.
    """
    gazetteer = gazetteer or default_gazetteer()
    forms: dict[str, dict[str, None]] = {}
    counts: dict[str, int] = {}
    for m in mentions:
        forms.setdefault(m.entity_id, {})[m.surface] = None
        counts[m.entity_id] = counts.get(m.entity_id, 0) + 1
    entries = gazetteer.entries
    return [
        shared_row(
            _new_row(
                entity_id,
                (entry := entries[entity_id]).name_hans,
                entry.name_en,
                entry.type,
                count,
                tuple(forms[entity_id]),
                True,
            )
        )
        for entity_id, count in sorted(counts.items(), key=_most_first)
    ]


def _most_first(item: tuple[str, int]) -> tuple[int, str]:
    return -item[1], item[0]


_SHARED_ROWS_LIMIT = 100_000  # distinct rows remembered before the pool starts again
_shared_rows: dict[EntityMention, EntityMention] = {}


def shared_row(row: EntityMention) -> EntityMention:
    """The one object kept for rows equal to `row` (rows are immutable, so sharing is safe).

    Most rows repeat: xwlb's 130,000 entity rows hold 24,000 distinct values (中国 said once,
    in one spelling, …). An ingest keeps a batch of up to 20,000 analysed articles, and the
    garbage collector walks every object such a batch holds at each full collection. Shared,
    the whole corpus held in memory has 106,000 fewer objects for it to walk, and it spends
    0.16 s instead of 0.45 s (`bench/analysis_speed.py`'s loop, gc.callbacks timing)."""
    pool = _shared_rows
    kept = pool.get(row)
    if kept is None:
        if len(pool) >= _SHARED_ROWS_LIMIT:
            pool.clear()
        pool[row] = kept = row
    return kept


# --- names the gazetteer does not know ------------------------------------------------------


def discover_names(text: str, *, gazetteer: Gazetteer | None = None) -> list[EntityMention]:
    """Names the tagger marks as person/place/organisation (nr/ns/nt) that are not in the
    gazetteer, as `known=False` rows with id `unknown:<Simplified spelling>`."""
    gazetteer = gazetteer or default_gazetteer()
    tokenizer = get_tokenizer(gazetteer)
    return discover_names_in(tokenizer.segment(text), tokenizer=tokenizer, gazetteer=gazetteer)


def discover_names_in(
    segmentation: Segmentation, *, tokenizer: Tokenizer, gazetteer: Gazetteer
) -> list[EntityMention]:
    counts = segmentation.counts
    name_words = _name_words(tokenizer, gazetteer)
    names = segmentation.lexicon.accepted(counts, name_words)
    if not names:
        return []
    found = name_words.kinds_of(names)
    if segmentation.text == segmentation.key:  # each name is written as its key
        forms: dict[str, dict[str, None]] = {w: {w: None} for w in found}
    else:
        forms = {w: {} for w in found}
        words, text = segmentation.words, segmentation.text
        for i, start in _positions(words, found):
            forms[words[i]][text[start : start + len(words[i])]] = None
    rows = [
        shared_row(_new_row(UNKNOWN_PREFIX + w, w, "", kind, counts[w], tuple(forms[w]), False))
        for w, kind in found.items()
    ]
    return sorted(rows, key=lambda r: (-r.count, r.id))


def _may_be_name(word: str, gazetteer: Gazetteer) -> bool:
    return (
        len(word) >= 2
        and word not in gazetteer.aliases
        and word not in _not_names()
        and is_term(word)
        and not _is_abbreviation_construction(word, gazetteer)
    )


def _is_abbreviation_construction(word: str, gazetteer: Gazetteer) -> bool:
    """俄朝, 中美关系, 俄方, 美军: built from abbreviations, so not a new name."""
    return word[0] in _first_characters(gazetteer) and _shape(word, gazetteer) is not None
