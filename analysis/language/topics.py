"""Topics: definitions read from TOML (`resources/topics.toml`, plus `$NEWSLENS_TOPICS`) and the
matching of an article against them. The rule language is documented at the top of
`resources/topics.toml`.
"""

from __future__ import annotations

import bisect
import tomllib
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from analysis.language.patterns import SignalIndex, StringFinder
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
        """Whether a text (Simplified key) with these entities meets the rule."""
        keywords = {k for r in _rules_in(self) for k in (*r.any_keywords, *r.none_keywords)}
        present = {k for k in keywords if k in text_simplified}
        return _matches(self, text_simplified, present, entity_ids)


def _has_hits(text: str, keywords: tuple[str, ...], needed: int) -> bool:
    hits = 0
    for keyword in keywords:
        hits += text.count(keyword)
        if hits >= needed:
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
    rule: Rule, text: str, present: set[str], ids: Collection[str], *, count_hits: bool = True
) -> bool:
    """`Rule.matches`, given the set of keywords present in `text` (`TopicMatcher.present`);
    with `count_hits` False, one keyword is enough whatever `min_keyword_hits` asks (for one
    sentence of an article that meets the rule as a whole)."""
    if rule.is_empty() or not _entity_conditions_hold(rule, ids):
        return False
    if rule.none_keywords and not present.isdisjoint(rule.none_keywords):
        return False
    if rule.any_keywords:
        if present.isdisjoint(rule.any_keywords):
            return False
        if (
            count_hits
            and rule.min_keyword_hits > 1
            and not _has_hits(
                text, tuple(k for k in rule.any_keywords if k in present), rule.min_keyword_hits
            )
        ):
            return False
    return not rule.any_of or any(
        _matches(r, text, present, ids, count_hits=count_hits) for r in rule.any_of
    )


class TopicMatcher:
    """Assigns articles to one list of topics.

    One scan finds which keywords a text contains (`patterns.StringFinder`). Each topic is
    indexed by the entity ids and keywords one of which its rule cannot match without
    (`_signals`), so that an article is checked only against the topics something in it points
    to; the few keywords that are signals have a scan of their own, and the scan for every
    keyword runs only for an article some topic may match by its entities.
    """

    __slots__ = ("_index", "_keywords", "_signal_keywords", "topics")

    def __init__(self, topics: tuple[Topic, ...]) -> None:
        self.topics = topics
        rules = [r for t in topics for r in _rules_in(t.rule)]
        keywords = {k for r in rules for k in (*r.any_keywords, *r.none_keywords)}
        self._keywords = StringFinder(keywords)
        self._index = SignalIndex(_signals(topic.rule) for topic in topics)
        self._signal_keywords = StringFinder(keywords.intersection(self._index.signals))

    def assign(
        self, text_simplified: str, placed_ids: Sequence[tuple[str, int]]
    ) -> tuple[str, ...]:
        """The ids of the topics an article is about, in definition order.

        `text_simplified` is the Simplified key of title and body; `placed_ids` the known
        entities it mentions (and their countries), each with the offset of a mention. A topic
        whose rule the article meets counts only where the article is about it: the rule is
        met by the lead alone (the title and the first sentences, `LEAD_SENTENCES`), or by
        `MIN_EVIDENCE_SENTENCES` sentences or more, each on its own. A passing mention
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
        present = self._keywords.found(text_simplified)
        met = [n for n in candidates if _matches(topics[n].rule, text_simplified, present, ids)]
        if not met:
            return ()
        sentences = split_sentences(text_simplified)
        if len(sentences) <= LEAD_SENTENCES:  # a short article is all lead
            return tuple(topics[n].id for n in met)
        lead_end = sentences[LEAD_SENTENCES - 1][1]
        lead = text_simplified[:lead_end]
        lead_ids = frozenset(entity_id for entity_id, start in placed_ids if start < lead_end)
        lead_present = self._keywords.found(text_simplified, 0, lead_end)
        return tuple(
            topics[n].id
            for n in met
            if _matches(topics[n].rule, lead, lead_present, lead_ids)
            or self._sentences_meeting(topics[n].rule, text_simplified, sentences, placed_ids)
            >= MIN_EVIDENCE_SENTENCES
        )

    def _sentences_meeting(
        self,
        rule: Rule,
        text: str,
        sentences: list[tuple[int, int]],
        placed_ids: Sequence[tuple[str, int]],
    ) -> int:
        """How many sentences meet `rule` on their own (one keyword hit each is enough)."""
        ids_by_sentence: list[set[str]] = [set() for _ in sentences]
        ends = [end for _, end in sentences]
        for entity_id, start in placed_ids:
            at = bisect.bisect_right(ends, start)
            if at < len(sentences):
                ids_by_sentence[at].add(entity_id)
        return sum(
            _matches(rule, text, self._keywords.found(text, start, end), ids, count_hits=False)
            for (start, end), ids in zip(sentences, ids_by_sentence, strict=True)
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
