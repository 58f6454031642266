"""Entities: which known people, countries, places and organisations a text mentions, and which
names it uses that the gazetteer does not know.

Matching goes through the segmentation (`tokenize.py`), never through substring search: every
gazetteer spelling is in the tokenizer's user dictionary, so a name is one token, and a spelling
only counts where it is a whole token. 乌 inside 乌鲁木齐 or 朝 inside 朝着 is never a country.
Abbreviations count only under the rules of `abbreviations.py`.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable

from analysis.language.abbreviations import Abbreviations
from analysis.language.gazetteer import Gazetteer
from analysis.language.memo import WordMemo
from analysis.language.tokenize import Segmentation, Tokenizer, is_term
from analysis.model import UNKNOWN_PREFIX, EntityMention, Mention

# jieba tags that mark a name, and the entity type each stands for.
_NAME_TAGS = {
    "nr": "person",
    "nrt": "person",
    "nrfg": "person",
    "ns": "place",
    "nt": "organization",
}
_NUMBER_CHARACTERS = frozenset("0123456789０１２３４５６７８９零〇一二两三四五六七八九十百千万廿")
# Between an organisation and its post may stand the words of a title (国务院 / 副 / 总理,
# 联合国 / 第一副 / 代表, 日本外务省 / 亚洲 / 大洋洲 / 局局长): nouns, numerals, 副 (jieba tags).
_TITLE_TAGS = frozenset({"n", "ns", "nt", "nz", "b", "m", "j"})
_TITLE_REACH = 4  # tokens after an organisation looked at for its post
# The title of a book, document, programme or paper: 《舊金山和約》, 《习近平关于…论述摘编》.
_WORK_TITLE = re.compile(r"[《〈]([^《》〈〉\n]{1,80})[》〉]")
# An outlet's own byline or credit (docs/QUALITY.md, "What counts"): 中央社记者 X, 据总台报道员,
# （中央社华盛顿12日综合外电报导）. The dateline place inside it still counts.
_CREDIT = re.compile(r"记者|报道员|特派员|摄影")
# The dots between the parts of a transliterated name (伊斯梅尔·哈尼亚).
_NAME_SEPARATORS = frozenset("·・•‧")
_BYLINE = re.compile(r"[^（）()\n]{0,30}(?:电|报导|报道)[）)]")


class EntityFinder:
    """Known entities and unknown names in segmented texts, for one gazetteer and tokenizer."""

    __slots__ = (
        "_mention_words",
        "_names",
        "_title_words",
        "_type_and_country",
        "abbreviations",
        "gazetteer",
        "generic_heads",
        "named_heads",
        "not_names",
        "one_character_mentions",
        "posts",
        "tokenizer",
    )

    def __init__(
        self,
        gazetteer: Gazetteer,
        tokenizer: Tokenizer,
        abbreviations: Abbreviations,
        *,
        not_names: Collection[str],
        posts: Collection[str] = (),
        name_heads: tuple[Collection[str], Collection[str]] = ((), ()),
    ) -> None:
        self.gazetteer = gazetteer
        self.tokenizer = tokenizer
        self.abbreviations = abbreviations
        self.not_names = frozenset(not_names)
        self.posts = frozenset(posts)
        self.named_heads, self.generic_heads = map(frozenset, name_heads)
        # entity id -> (type, country) of a mention: a country is its own country
        self._type_and_country = {
            entity_id: (entry.type, entity_id if entry.type == "country" else entry.country)
            for entity_id, entry in gazetteer.entries.items()
        }
        # a word that may be a mention -> the name inside it (`_names_inside`), or ()
        self._mention_words: WordMemo[tuple[int, int, str] | tuple[()]] = WordMemo(
            self._may_be_mentions
        )
        self._names: WordMemo[str] = WordMemo(self._name_types)
        self._title_words: WordMemo[bool] = WordMemo(self._may_be_in_titles)
        # one-character tokens are not counted (`Segmentation.counts`): the abbreviations that
        # can stand alone (俄, 美) are looked for in every text
        first = sorted(abbreviations.first_characters)
        self.one_character_mentions = frozenset(self._may_be_mentions(first))

    # --- known entities ------------------------------------------------------------------

    def mentions(self, seg: Segmentation) -> list[Mention]:
        """Every mention of a gazetteer entity, in order, with offsets into the text."""
        aliases, words = self.gazetteer.aliases, seg.words
        accepted = self._mention_words.accepted(seg.counts)
        wanted = accepted.keys() | self.one_character_mentions
        mentions: list[Mention] = []
        skip_until = -1
        for i, start in token_positions(words, wanted):
            if i <= skip_until:
                continue
            entity_id = aliases.get(words[i])
            end = start + len(words[i])
            inner = accepted.get(words[i]) if entity_id is None else None
            if inner:  # 和 / 普京, 英国 / 政府
                cut, cut_end, entity_id = inner
                if cut_end < len(words[i]):  # the rest is a name suffix (北京市 / 分行)
                    if not self._opens_a_name(entity_id, words, i):
                        mentions.append(self._mention(seg, entity_id, start, start + cut_end))
                    continue
                start += cut
            if entity_id is not None:
                if self._is_fragment(entity_id, seg.key, start, end):  # 伊斯梅尔·哈尼亚
                    continue
                if self._is_post_of(entity_id, words, i):  # 国务院 / 总理: a job title
                    mentions += self._country_of_post(seg, entity_id, start, end)
                elif not self._opens_a_name(entity_id, words, i):  # 昆明 / 海关
                    mentions.append(self._mention(seg, entity_id, start, end))
                continue
            named = self.abbreviations.one_character_names(words[i])  # 赴美, 在京, 港澳
            if named:
                known = [(k, e) for k, e in named if e in self._type_and_country]
                mentions += [self._mention(seg, e, start + k, start + k + 1) for k, e in known]
                continue
            found, skip_until = self._abbreviation_mentions(seg, i, start)
            mentions += found
        return [m for m in _outside_work_titles(seg.key, mentions) if not self._is_credit(seg, m)]

    def summarize(self, mentions: Iterable[Mention]) -> list[EntityMention]:
        """One row per entity: how often it is mentioned and the spellings used, most
        mentioned first. `name` is the gazetteer's Simplified name (the same for every article,
        so views can group on it); `surface_forms` keeps the article's own script."""
        forms: dict[str, dict[str, None]] = {}
        counts: dict[str, int] = {}
        for m in mentions:
            forms.setdefault(m.entity_id, {})[m.surface] = None
            counts[m.entity_id] = counts.get(m.entity_id, 0) + 1
        rows = []
        for entity_id, count in sorted(counts.items(), key=_most_first):
            entry = self.gazetteer.entries[entity_id]
            rows.append(
                EntityMention(
                    id=entity_id,
                    name=entry.name_hans,
                    name_en=entry.name_en,
                    type=entry.type,
                    count=count,
                    surface_forms=tuple(forms[entity_id]),
                )
            )
        return rows

    def _may_be_mentions(self, words: list[str]) -> dict[str, tuple[int, int, str] | tuple[()]]:
        """Tokens that are a gazetteer spelling or may be built from abbreviations (-> ()),
        and those that hold a name glued to a word (-> the name's start, end and id)."""
        aliases, abbreviations = self.gazetteer.aliases, self.abbreviations
        found: dict[str, tuple[int, int, str] | tuple[()]] = {
            w: ()
            for w in words
            if w in aliases
            or abbreviations.is_construction(w)
            or abbreviations.one_character_names(w)
        }
        return {**self._names_inside([w for w in words if w not in found]), **found}

    def _names_inside(self, words: list[str]) -> dict[str, tuple[int, int, str]]:
        """Tokens that are not a spelling but hold one, glued by the segmenter to a function
        character before it (和普京, 赴美国) or to a plain word after it (英国政府, 美军基地):
        word -> (start, end, entity id) of the name inside (abbreviations.toml)."""
        aliases, rules = self.gazetteer.aliases, self.abbreviations.rules
        suffixes = rules.name_suffixes | rules.suffixes
        found: dict[str, tuple[int, int, str]] = {}
        for word in words:
            if len(word) < 3 or word in aliases:
                continue
            entity_id = aliases.get(word[1:])
            if entity_id is not None and word[0] in rules.name_prefixes:
                found[word] = (1, len(word), entity_id)
                continue
            for cut in range(len(word) - 1, 1, -1):
                entity_id = aliases.get(word[:cut])
                if entity_id is None:
                    continue
                entity_type, rest = self._type_and_country[entity_id][0], word[cut:]
                post = entity_type == "organization" and rest in self.posts  # ruling 2
                if rest in suffixes and entity_type != "person" and not post:
                    found[word] = (0, cut, entity_id)
                break
        return found

    def _is_fragment(self, entity_id: str, key: str, start: int, end: int) -> bool:
        """Whether a place, country or organisation spelling is one part of a person's
        transliterated name (伊斯梅尔, a town, in 伊斯梅尔·哈尼亚): not a mention. A person's
        spelling there is the person (阿尔巴尼斯 in 安东尼·阿尔巴尼斯)."""
        return self._type_and_country[entity_id][0] != "person" and _in_longer_name(key, start, end)

    def _is_credit(self, seg: Segmentation, m: Mention) -> bool:
        """Whether organisation mention `m` is an outlet's byline or credit: followed by 记者 /
        报道员, or opening a parenthesis that ends with 电 / 报导 (the dateline)."""
        if m.type != "organization":
            return False
        key = seg.key
        if _CREDIT.match(key, m.end):
            return True
        return m.start > 0 and key[m.start - 1] in "（(" and bool(_BYLINE.match(key, m.end))

    def _is_post_of(self, entity_id: str, words: list[str], i: int) -> bool:
        """Whether organisation `words[i]` is only the first part of a post (国务院 / 总理,
        外交部 / 发言人, 联合国 / 第一副 / 代表): docs/QUALITY.md, ruling 2."""
        if not self.posts or self._type_and_country[entity_id][0] != "organization":
            return False
        for word in words[i + 1 : i + 1 + _TITLE_REACH]:
            if any(word[k:] in self.posts for k in range(len(word))):
                return True
            if not self._title_words.accepted({word: 1}):
                return False
        return False

    def _opens_a_name(self, entity_id: str, words: list[str], i: int) -> bool:
        """Whether place or country `words[i]` begins the name of an organisation, event or
        venue (昆明 / 海关, 北京 / 理工大学, 东京 / 放送 / 电视台): ruling 4 of docs/QUALITY.md."""
        if self._type_and_country[entity_id][0] not in ("place", "country"):
            return False
        following = words[i + 1 : i + 1 + _TITLE_REACH]
        for n, word in enumerate(following):
            tails = [word[k:] for k in range(len(word))]
            if any(t in self.named_heads for t in tails):
                return True
            if any(t in self.generic_heads for t in tails) and (
                n > 0 or tails[0] not in self.generic_heads
            ):
                return True
            if not self._title_words.accepted({word: 1}):
                return False
        return False

    def _country_of_post(
        self, seg: Segmentation, entity_id: str, start: int, end: int
    ) -> list[Mention]:
        """The country written at the head of an organisation used in a post (伊朗 in
        伊朗外交部 / 发言人, 乌 in 乌国防部情报总局 / 局长): a country before a post counts."""
        country = self._type_and_country[entity_id][1]
        if country is None:
            return []
        key = seg.key[start:end]
        for cut in range(len(key) - 1, 0, -1):
            head = key[:cut]
            found = self.gazetteer.aliases.get(head)
            if cut == 1 and head not in self.abbreviations.rules.ambiguous:  # 乌, not 中 (中共)
                found = self.abbreviations.countries.get(head)
            if found == country:
                return [self._mention(seg, country, start, start + cut)]
        return []

    def _may_be_in_titles(self, words: list[str]) -> dict[str, bool]:
        """Words that may stand inside a title, between an organisation and its post."""
        return dict.fromkeys(self.tokenizer.tags(words, only=_TITLE_TAGS), True)

    def _abbreviation_mentions(
        self, seg: Segmentation, i: int, start: int
    ) -> tuple[list[Mention], int]:
        """Mentions made of abbreviations starting at token i (at offset `start`), and the last
        token they used."""
        words, abbreviations = seg.words, self.abbreviations
        rules = abbreviations.rules
        shape = abbreviations.shape(words[i])
        if shape is None or (i > 0 and _is_number(words[i - 1])):  # 31日称, 14日 / 美韩: dates
            return [], i
        parts, suffix = shape
        if suffix and len(parts) == 1:  # 俄军, 美方 -> the country
            return [self._suffixed_mention(seg, abbreviations.countries[parts[0]], i, i, start)], i
        run, last = [(i, parts)], i  # 俄乌, 中美关系, 美英 / 法: extend over the next tokens
        while not suffix and last + 1 < len(words):
            nxt = abbreviations.shape(words[last + 1])
            if nxt is None or (nxt[1] and len(nxt[0]) == 1):
                break
            last += 1
            run.append((last, nxt[0]))
            suffix = nxt[1]
        following = words[last + 1] if last + 1 < len(words) else ""
        if not suffix and abbreviations.opens_a_word(run[-1][1][-1], following):
            run[-1] = (last, run[-1][1][:-1])  # 中俄新 / 时代: 新时代, not Singapore
        if sum(len(p) for _, p in run) >= 2:
            compound_follows = bool(suffix) or following in rules.compound_suffixes
            if abbreviations.compound_counts(run, compound_follows=compound_follows):
                return self._run_mentions(seg, run, start), last
            return [], last
        # a lone abbreviation counts only before a suffix token (乌 / 海军, 俄 / 国防部)
        if (
            i + 1 < len(words)
            and words[i + 1] in rules.suffixes
            and words[i] not in rules.ambiguous
        ):
            country_id = abbreviations.countries[parts[0]]
            return [self._suffixed_mention(seg, country_id, i, i + 1, start)], i + 1
        return [], i

    def _run_mentions(
        self, seg: Segmentation, run: list[tuple[int, tuple[str, ...]]], start: int
    ) -> list[Mention]:
        """One mention per abbreviation in a run of consecutive tokens, the first at offset
        `start` (俄乌 -> 俄 + 乌)."""
        mentions: list[Mention] = []
        for i, parts in run:
            position = start
            for part in parts:
                end = position + len(part)
                mentions.append(
                    self._mention(seg, self.abbreviations.countries[part], position, end)
                )
                position = end
            start += len(seg.words[i])
        return mentions

    def _suffixed_mention(
        self, seg: Segmentation, country_id: str, first: int, last: int, start: int
    ) -> Mention:
        """俄軍 / 俄 + 國防部: the alias of the whole spelling if there is one, else the
        country. Tokens first..last, the first at offset `start`."""
        spelling = "".join(seg.words[first : last + 1])
        entity_id = self.gazetteer.aliases.get(spelling, country_id)
        return self._mention(seg, entity_id, start, start + len(spelling))

    def _mention(self, seg: Segmentation, entity_id: str, start: int, end: int) -> Mention:
        entity_type, country = self._type_and_country[entity_id]
        return Mention(entity_id, entity_type, start, end, seg.text[start:end], country)

    # --- names the gazetteer does not know -------------------------------------------------

    def unknown_names(self, seg: Segmentation) -> list[EntityMention]:
        """Names the tagger marks as person/place/organisation (nr/ns/nt) that are not in the
        gazetteer, as `known=False` rows with id `unknown:<Simplified spelling>`."""
        found = self._names.accepted(seg.counts)
        if not found:
            return []
        if seg.text == seg.key:  # each name is written as its key
            forms: dict[str, dict[str, None]] = {w: {w: None} for w in found}
        else:
            forms = {w: {} for w in found}
            words, text = seg.words, seg.text
            for i, start in token_positions(words, found):
                forms[words[i]][text[start : start + len(words[i])]] = None
        rows = [
            EntityMention(
                id=UNKNOWN_PREFIX + word,
                name=word,
                name_en="",
                type=entity_type,
                count=seg.counts[word],
                surface_forms=tuple(forms[word]),
                known=False,
            )
            for word, entity_type in found.items()
        ]
        return sorted(rows, key=lambda r: (-r.count, r.id))

    def _name_types(self, words: list[str]) -> dict[str, str]:
        """Word -> entity type, for the words the tagger marks as a name that may be new."""
        tags = self.tokenizer.tags(words, only=_NAME_TAGS)
        return {word: _NAME_TAGS[tag] for word, tag in tags.items() if self._may_be_name(word)}

    def _may_be_name(self, word: str) -> bool:
        return (
            len(word) >= 2
            and word not in self.gazetteer.aliases
            and word not in self.not_names
            and is_term(word)
            and not self.abbreviations.is_construction(word)
        )


def _outside_work_titles(key: str, mentions: list[Mention]) -> list[Mention]:
    """The mentions not inside the title of a work: a name inside 《舊金山和約》 or
    《东海和平倡议》 is part of a document's name (docs/QUALITY.md, ruling 4); a title that is
    itself the name (《人民日报》) still counts."""
    if "《" not in key and "〈" not in key:
        return mentions
    spans = [match.span(1) for match in _WORK_TITLE.finditer(key)]
    return [
        m
        for m in mentions
        if not any(a <= m.start and m.end <= b and (a, b) != (m.start, m.end) for a, b in spans)
    ]


def _in_longer_name(key: str, start: int, end: int) -> bool:
    """Whether the name at key[start:end] is one part of a transliterated name written with a
    separator (伊斯梅尔 in 伊斯梅尔·哈尼亚)."""
    before = key[start - 2 : start] if start >= 2 else ""
    after = key[end : end + 2]
    return (len(before) == 2 and before[1] in _NAME_SEPARATORS and _is_han(before[0])) or (
        len(after) == 2 and after[0] in _NAME_SEPARATORS and _is_han(after[1])
    )


def _is_han(character: str) -> bool:
    return "\u3400" <= character <= "\u9fff"


def token_positions(words: list[str], wanted: Collection[str]) -> list[tuple[int, int]]:
    """(index, start offset) of each word that is in `wanted`."""
    found: list[tuple[int, int]] = []
    if not wanted:
        return found
    offset = 0
    for i, word in enumerate(words):
        if word in wanted:
            found.append((i, offset))
        offset += len(word)
    return found


def _most_first(item: tuple[str, int]) -> tuple[int, str]:
    return -item[1], item[0]


def _is_number(word: str) -> bool:
    return all(c in _NUMBER_CHARACTERS for c in word)
