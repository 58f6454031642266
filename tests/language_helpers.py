"""One-call forms of the language wing's steps for tests: each runs on an `Analyzer` built once
per gazetteer (and topic list) for the whole test session."""

from __future__ import annotations

import functools
from collections.abc import Collection, Iterable, Sequence

from analysis.language.analyze import Analyzer
from analysis.language.gazetteer import Gazetteer
from analysis.language.tokenize import Token
from analysis.language.topics import Topic, TopicMatcher, load_topics
from analysis.model import AnalyzedArticle, Article, EntityMention, Event, Mention


@functools.cache
def analyzer_for(gazetteer: Gazetteer | None = None) -> Analyzer:
    return Analyzer(gazetteer=gazetteer)


def segment(text: str, *, gazetteer: Gazetteer | None = None) -> list[Token]:
    return list(analyzer_for(gazetteer).segment(text).tokens())


def count_terms(text: str, *, gazetteer: Gazetteer | None = None) -> dict[str, int]:
    analyzer = analyzer_for(gazetteer)
    return analyzer.terms.count(analyzer.segment(text))


def find_mentions(text: str, *, gazetteer: Gazetteer | None = None) -> list[Mention]:
    analyzer = analyzer_for(gazetteer)
    return analyzer.entities.mentions(analyzer.segment(text))


def summarize_mentions(
    mentions: Iterable[Mention], *, gazetteer: Gazetteer | None = None
) -> list[EntityMention]:
    return analyzer_for(gazetteer).entities.summarize(mentions)


def discover_names(text: str, *, gazetteer: Gazetteer | None = None) -> list[EntityMention]:
    analyzer = analyzer_for(gazetteer)
    return analyzer.entities.unknown_names(analyzer.segment(text))


def extract_events(
    text: str, mentions: Sequence[Mention], *, key: str | None = None
) -> list[Event]:
    from analysis.language.events import extract_events as extract

    return extract(text, mentions, vocab=analyzer_for().vocabulary, key=key)


@functools.cache
def _matcher(topics: tuple[Topic, ...]) -> TopicMatcher:
    return TopicMatcher(topics)


def assign_topics(
    text: str, entity_ids: Collection[str], *, topics: tuple[Topic, ...] | None = None
) -> tuple[str, ...]:
    placed = [(entity_id, 0) for entity_id in entity_ids]  # every one in the title
    return _matcher(topics if topics is not None else load_topics()).assign(text, placed)


def analyze_article(article: Article, *, gazetteer: Gazetteer | None = None) -> AnalyzedArticle:
    return analyzer_for(gazetteer).analyze(article)
