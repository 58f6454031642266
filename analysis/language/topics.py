"""Topics: definitions read from TOML (`resources/topics.toml`, plus `$NEWSLENS_TOPICS`) and the
matching of an article against them. The rule language is documented at the top of
`resources/topics.toml`.
"""

from __future__ import annotations

import bisect
import tomllib
from collections import Counter
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from itertools import accumulate
from pathlib import Path
from typing import Any

from analysis.language.patterns import SignalIndex, StringFinder, longest_first
from analysis.language.sentences import split_sentences
from analysis.language.text import to_simplified
from analysis.paths import RESOURCES

TOPICS_FILE = RESOURCES / "topics.toml"
LEAD_SENTENCES = 3  # the title and the first two sentences of the body
MIN_EVIDENCE_SENTENCES = 2  # or sentences of the body that meet the rule on their own

_LIST_FIELDS = ("all_entities", "any_entities", "none_entities", "any_keywords", "none_keywords")
_RULE_FIELDS = (*_LIST_FIELDS, "min_keyword_hits", "any_of")
_TOPIC_FIELDS = ("id", "label_zh_hans", "label_zh_hant", "label_en", "enabled", *_RULE_FIELDS)


class TopicsError(ValueError):
    """A topics file that cannot be used; the message names the file and the topic."""


@dataclass(frozen=True, slots=True)
class Rule:
    all_entities: frozenset[str] = frozenset()
    any_entities: frozenset[str] = frozenset()
    none_entities: frozenset[str] = frozenset()
    any_keywords: tuple[str, ...] = ()  # Simplified
    none_keywords: tuple[str, ...] = ()
    min_keyword_hits: int = 1
    any_of: tuple[Rule, ...] = ()

    def is_empty(self) -> bool:
        return not (
            self.all_entities
            or self.any_entities
            or self.none_entities
            or self.any_keywords
            or self.none_keywords
            or self.any_of
        )

    def matches(self, text_simplified: str, entity_ids: Collection[str]) -> bool:
        """Whether a text (Simplified key) with these entities meets the rule, every
        occurrence of a keyword counting (`TopicMatcher.assign` counts only those that are
        words of the segmentation)."""
        keywords = {k for r in _rules_in(self) for k in (*r.any_keywords, *r.none_keywords)}
        hits = {k: n for k in keywords if (n := text_simplified.count(k))}
        return _matches(self, hits, entity_ids)


def _has_hits(hits: Mapping[str, int], keywords: tuple[str, ...], needed: int) -> bool:
    total = 0
    for keyword in keywords:
        total += hits.get(keyword, 0)
        if total >= needed:
            return True
    return False


@dataclass(frozen=True, slots=True)
class Topic:
    id: str
    label_zh_hans: str
    label_zh_hant: str
    label_en: str
    rule: Rule
    enabled: bool = True

    def matches(self, text_simplified: str, entity_ids: Collection[str]) -> bool:
        return self.enabled and self.rule.matches(text_simplified, entity_ids)


def parse_topics(text: str, *, source: str) -> tuple[Topic, ...]:
    """The [[topic]] tables of a TOML text; `source` names the file in error messages."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise TopicsError(f"{source}: not valid TOML: {error}") from None
    tables = data.get("topic", [])
    if not isinstance(tables, list):
        raise TopicsError(f"{source}: `topic` must be an array of tables ([[topic]])")
    return tuple(_parse_topic(t, source=source, position=n) for n, t in enumerate(tables, 1))


def _parse_topic(table: Mapping[str, Any], *, source: str, position: int) -> Topic:
    topic_id = table.get("id")
    where = f"{source}: topic {topic_id or f'#{position}'}"
    if not isinstance(topic_id, str) or not topic_id:
        raise TopicsError(f"{where}: needs an `id`")
    _check_keys(table, _TOPIC_FIELDS, where=where)
    label_en = str(table.get("label_en", topic_id))
    return Topic(
        id=topic_id,
        label_zh_hans=str(table.get("label_zh_hans", label_en)),
        label_zh_hant=str(table.get("label_zh_hant", table.get("label_zh_hans", label_en))),
        label_en=label_en,
        rule=_parse_rule(table, where=where, nested=False),
        enabled=bool(table.get("enabled", True)),
    )


def _parse_rule(table: Mapping[str, Any], *, where: str, nested: bool) -> Rule:
    if nested:
        _check_keys(table, _RULE_FIELDS[:-1], where=f"{where} any_of")
    lists = {
        name: _string_list(table.get(name, []), where=f"{where} {name}") for name in _LIST_FIELDS
    }
    hits = table.get("min_keyword_hits", 1)
    if not isinstance(hits, int) or hits < 1:
        raise TopicsError(f"{where}: min_keyword_hits must be a whole number ≥ 1")
    any_of = table.get("any_of", [])
    if not isinstance(any_of, list):
        raise TopicsError(f"{where}: any_of must be an array of tables ([[topic.any_of]])")
    return Rule(
        all_entities=frozenset(lists["all_entities"]),
        any_entities=frozenset(lists["any_entities"]),
        none_entities=frozenset(lists["none_entities"]),
        any_keywords=tuple(to_simplified(k) for k in lists["any_keywords"]),
        none_keywords=tuple(to_simplified(k) for k in lists["none_keywords"]),
        min_keyword_hits=hits,
        any_of=tuple(_parse_rule(sub, where=where, nested=True) for sub in any_of),
    )


def _check_keys(table: Mapping[str, Any], allowed: tuple[str, ...], *, where: str) -> None:
    unknown = sorted(set(table) - set(allowed))
    if unknown:
        raise TopicsError(
            f"{where}: unknown key(s) {', '.join(unknown)}; allowed: {', '.join(allowed)}"
        )


def _string_list(value: Any, *, where: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise TopicsError(f"{where}: must be a list of non-empty strings")
    return value


def merge_topics(base: tuple[Topic, ...], extra: tuple[Topic, ...]) -> tuple[Topic, ...]:
    """`extra` over `base`: same id replaces (in place), new ids come after."""
    merged = {t.id: t for t in base}
    merged.update((t.id, t) for t in extra)
    return tuple(merged.values())


def read_topics(path: Path) -> tuple[Topic, ...]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as error:
        raise TopicsError(f"{path}: cannot be read: {error.strerror}") from None
    return parse_topics(text, source=str(path))


def load_topics(extra_path: Path | None = None) -> tuple[Topic, ...]:
    """The enabled topics: the built-in ones with those of `extra_path` (the settings' topics
    file, `$NEWSLENS_TOPICS`) merged over them."""
    topics = read_topics(TOPICS_FILE)
    if extra_path is not None:
        topics = merge_topics(topics, read_topics(extra_path))
    return tuple(t for t in topics if t.enabled)


# --- matching many articles: every keyword looked for in one regex scan ------------------------


def _entity_conditions_hold(rule: Rule, ids: Collection[str]) -> bool:
    """The entity conditions of `rule` itself (not of its alternatives)."""
    if not rule.all_entities.issubset(ids):
        return False
    if rule.any_entities and rule.any_entities.isdisjoint(ids):
        return False
    return rule.none_entities.isdisjoint(ids)


def _entities_allow(rule: Rule, ids: Collection[str]) -> bool:
    """Whether a text with these entities may meet `rule`: its entity conditions hold, and
    those of one of its alternatives. A rule this rejects is rejected by `_matches`."""
    return _entity_conditions_hold(rule, ids) and (
        not rule.any_of or any(_entities_allow(r, ids) for r in rule.any_of)
    )


def _matches(
    rule: Rule, hits: Mapping[str, int], ids: Collection[str], *, count_hits: bool = True
) -> bool:
    """`Rule.matches`, given how often each keyword present occurs (`hits`, no entry for a
    keyword absent); with `count_hits` False, one keyword is enough whatever
    `min_keyword_hits` asks (for one sentence of an article that meets the rule as a whole)."""
    if rule.is_empty() or not _entity_conditions_hold(rule, ids):
        return False
    if rule.none_keywords and not hits.keys().isdisjoint(rule.none_keywords):
        return False
    if rule.any_keywords:
        if hits.keys().isdisjoint(rule.any_keywords):
            return False
        if (
            count_hits
            and rule.min_keyword_hits > 1
            and not _has_hits(hits, rule.any_keywords, rule.min_keyword_hits)
        ):
            return False
    return not rule.any_of or any(
        _matches(r, hits, ids, count_hits=count_hits) for r in rule.any_of
    )


class _KeywordFinder:
    """Where the keywords occur in a text, overlapping ones included, in one regex scan (as
    `patterns.StringFinder`, with the offset of each occurrence)."""

    __slots__ = ("_pattern", "_prefixes")

    def __init__(self, keywords: Collection[str]) -> None:
        unique = sorted(set(keywords))
        self._pattern = longest_first(unique) if unique else None
        self._prefixes = {k: tuple(p for p in unique if k.startswith(p)) for k in unique}

    def occurrences(self, text: str) -> list[tuple[int, str]]:
        """(start, keyword) of every occurrence, in the order of the starts."""
        found: list[tuple[int, str]] = []
        if self._pattern is None:
            return found
        start, search, prefixes = 0, self._pattern.search, self._prefixes
        while (m := search(text, start)) is not None:
            start = m.start()
            found.extend((start, k) for k in prefixes[m.group()])
            start += 1
        return found


def is_whole_words(start: int, end: int, word_starts: Sequence[int]) -> bool:
    """Whether `text[start:end]` stands as a word, or words, in a segmentation whose words
    start at `word_starts` (then the length of the text): it ends where a word ends, or
    inside the word it begins in with two characters or more of that word after it.

    So 中东 is refused in 中东部 and 中东欧, 中美 in 中美洲 and 中/美元, 韩国 in 韩国瑜, 人质 in
    有人/质疑, 关税 in 有关/税费, 以巴 in 以/巴黎 (a word the keyword does not finish is another
    word), while 加沙 counts in 加沙地带, 停火 in 停火协议. Where it begins is not checked: a
    character jieba joined before it is mostly a preposition or a pronoun (关税 in 零关税, 台独
    in 反台独, 核项目 in 其核/项目, 导弹 in 防空导弹)."""
    at = bisect.bisect_right(word_starts, end - 1) - 1  # the word of the last character
    word_start, word_end = word_starts[at], word_starts[at + 1]
    return end == word_end or (start >= word_start and word_end - end >= 2)


class TopicMatcher:
    """Assigns articles to one list of topics.

    Each topic is indexed by the entity ids and keywords one of which its rule cannot match
    without (`_signals`), so that an article is checked only against the topics something in
    it points to; the few keywords that are signals have a scan of their own
    (`patterns.StringFinder`), and the scan for every keyword (`_KeywordFinder`) runs only for
    an article some topic may match by its entities.
    """

    __slots__ = ("_index", "_keywords", "_signal_keywords", "topics")

    def __init__(self, topics: tuple[Topic, ...]) -> None:
        self.topics = topics
        rules = [r for t in topics for r in _rules_in(t.rule)]
        keywords = {k for r in rules for k in (*r.any_keywords, *r.none_keywords)}
        self._keywords = _KeywordFinder(keywords)
        self._index = SignalIndex(_signals(topic.rule) for topic in topics)
        self._signal_keywords = StringFinder(keywords.intersection(self._index.signals))

    def assign(
        self,
        text_simplified: str,
        placed_ids: Sequence[tuple[str, int]],
        words: Sequence[str] | None = None,
    ) -> tuple[str, ...]:
        """The ids of the topics an article is about, in definition order.

        `text_simplified` is the Simplified key of title and body; `placed_ids` the known
        entities it mentions (and their countries), each with the offset of a mention; `words`
        the segmentation of the key. A keyword counts only where it is a word or words of the
        segmentation (`is_whole_words`: 大陆 in 中国大陆 or 大陆/配偶, not 中东 in 中东部);
        without `words`, wherever it occurs.

        A topic whose rule the article meets counts only where the article is about it: the
        rule is met by the lead alone (the title and the first sentences, `LEAD_SENTENCES`)
        and by one sentence of it on its own, or by `MIN_EVIDENCE_SENTENCES` sentences or more,
        each on its own. A passing mention
        (one 韓國 in a story on chips) does not make the article about the topic."""
        topics = self.topics
        ids = frozenset(entity_id for entity_id, _ in placed_ids)
        signals = self._signal_keywords.found(text_simplified)
        candidates = [
            n
            for n in self._index.candidates((*ids, *signals))
            if topics[n].enabled and _entities_allow(topics[n].rule, ids)
        ]
        if not candidates:  # most articles: no keyword needs looking for
            return ()
        occurrences = self._keywords.occurrences(text_simplified)
        if words is not None:
            word_starts = [0, *accumulate(map(len, words))]
            occurrences = [
                (start, k)
                for start, k in occurrences
                if is_whole_words(start, start + len(k), word_starts)
            ]
        hits = Counter(k for _, k in occurrences)
        met = [n for n in candidates if _matches(topics[n].rule, hits, ids)]
        if not met:
            return ()
        sentences = split_sentences(text_simplified)
        if len(sentences) <= LEAD_SENTENCES:  # a short article is all lead
            return tuple(topics[n].id for n in met)
        evidence = _Evidence(sentences, occurrences, placed_ids)
        lead_hits, lead_ids = evidence.within(0, sentences[LEAD_SENTENCES - 1][1])
        return tuple(
            topics[n].id
            for n in met
            if (
                _matches(topics[n].rule, lead_hits, lead_ids)
                and evidence.one_meets(topics[n].rule, sentences[:LEAD_SENTENCES])
            )
            or evidence.sentences_meeting(topics[n].rule) >= MIN_EVIDENCE_SENTENCES
        )


class _Evidence:
    """The keywords and entities of an article, found once, per part of it."""

    __slots__ = ("_ids", "_occurrences", "_placed", "_sentences", "_starts")

    def __init__(
        self,
        sentences: list[tuple[int, int]],
        occurrences: list[tuple[int, str]],
        placed_ids: Sequence[tuple[str, int]],
    ) -> None:
        self._sentences = sentences
        self._occurrences = occurrences
        self._starts = [start for start, _ in occurrences]
        self._placed = placed_ids
        self._ids: list[frozenset[str]] | None = None

    def within(self, start: int, end: int) -> tuple[Counter[str], frozenset[str]]:
        """The keyword hits and the entity ids of `text[start:end]`."""
        return self._hits(start, end), frozenset(i for i, at in self._placed if start <= at < end)

    def _hits(self, start: int, end: int) -> Counter[str]:
        first = bisect.bisect_left(self._starts, start)
        last = bisect.bisect_left(self._starts, end)
        return Counter(k for at, k in self._occurrences[first:last] if at + len(k) <= end)

    def one_meets(self, rule: Rule, sentences: Sequence[tuple[int, int]]) -> bool:
        """Whether one of these sentences meets `rule` on its own (one keyword hit is
        enough): what the rule asks for stands together, not 乌克兰 in one sentence and 冲突
        in another."""
        return any(
            _matches(rule, *self.within(start, end), count_hits=False) for start, end in sentences
        )

    def sentences_meeting(self, rule: Rule) -> int:
        """How many sentences meet `rule` on their own (one keyword hit each is enough)."""
        if self._ids is None:
            ids_by_sentence: list[set[str]] = [set() for _ in self._sentences]
            ends = [end for _, end in self._sentences]
            for entity_id, start in self._placed:
                at = bisect.bisect_right(ends, start)
                if at < len(ends):
                    ids_by_sentence[at].add(entity_id)
            self._ids = [frozenset(ids) for ids in ids_by_sentence]
        return sum(
            _matches(rule, self._hits(start, end), ids, count_hits=False)
            for (start, end), ids in zip(self._sentences, self._ids, strict=True)
        )


def _rules_in(rule: Rule) -> list[Rule]:
    return [rule, *(r for sub in rule.any_of for r in _rules_in(sub))]


def _signals(rule: Rule) -> frozenset[str] | None:
    """Entity ids and keywords at least one of which is present wherever `rule` matches; None
    when the rule needs none (it only excludes). An empty rule never matches: no signal. (Ids
    and keywords share one namespace: a keyword spelt like an id only adds candidates.)"""
    if rule.is_empty():
        return frozenset()
    needs = [s for s in (rule.all_entities, rule.any_entities, frozenset(rule.any_keywords)) if s]
    if rule.any_of:
        alternatives = [_signals(sub) for sub in rule.any_of]
        if all(a is not None for a in alternatives):
            needs.append(frozenset().union(*alternatives))  # type: ignore[arg-type]
    return min(needs, key=len) if needs else None
