"""The analysis of one article: normalise → segment → entities → events → topics → terms.

The text is converted to Simplified once and segmented once (`tokenize.Tokenizer.segment`); every
later step reads that one segmentation. Title and body are analysed together.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from analysis.language.entities import discover_names_in, find_mentions_in, summarize_mentions
from analysis.language.events import extract_events
from analysis.language.gazetteer import Gazetteer, default_gazetteer
from analysis.language.text import clean_text, is_chinese
from analysis.language.tokenize import count_terms_in, get_tokenizer
from analysis.language.topics import assign_topics
from analysis.model import TEASER, AnalyzedArticle, Article, Mention

_CHUNK_SIZE = 64  # articles sent to a worker at a time


def article_text(article: Article) -> str:
    """Title and body as one text, the form every analysis step reads."""
    return clean_text(f"{article.title}\n\n{article.body}" if article.title else article.body)


def should_analyze(article: Article) -> bool:
    """Teasers and articles not in Chinese are kept but not analysed."""
    return article.kind != TEASER and is_chinese(article.lang)


def analyze_article(article: Article, *, gazetteer: Gazetteer | None = None) -> AnalyzedArticle:
    """An article with its entities (known and discovered), events, topics and term counts."""
    if not should_analyze(article):
        return AnalyzedArticle(article=article)
    gazetteer = gazetteer or default_gazetteer()
    tokenizer = get_tokenizer(gazetteer)
    text = article_text(article)
    segmentation = tokenizer.segment(text)
    mentions = find_mentions_in(segmentation, gazetteer=gazetteer)
    known = summarize_mentions(mentions, gazetteer=gazetteer)
    unknown = discover_names_in(segmentation, tokenizer=tokenizer, gazetteer=gazetteer)
    return AnalyzedArticle(
        article=article,
        entities=(*known, *unknown),
        events=tuple(extract_events(text, mentions, key=segmentation.key)),
        topics=assign_topics(segmentation.key, topic_entity_ids(mentions)),
        terms=count_terms_in(segmentation, stopwords=tokenizer.stopwords),
    )


# --- many articles -------------------------------------------------------------------------

_worker_gazetteer: Gazetteer | None = None


def warm_up(*, gazetteer: Gazetteer | None = None) -> None:
    """Load everything analysis needs (gazetteer, tokenizer, topics, entity and event rules) now
    rather than on the first article: call it before forking workers, or as a pool initializer.
    Analysing one small article is what loads them all."""
    sample = Article(title="俄乌冲突", body="俄国防部称，乌克兰3架无人机被击落。", lang="zh-Hans")
    analyze_article(sample, gazetteer=gazetteer)


def _init_worker(gazetteer: Gazetteer | None) -> None:
    global _worker_gazetteer
    _worker_gazetteer = gazetteer
    warm_up(gazetteer=gazetteer)


def _analyze_in_worker(article: Article) -> AnalyzedArticle:
    return analyze_article(article, gazetteer=_worker_gazetteer)


def analyze_many(
    articles: Iterable[Article], *, workers: int = 1, gazetteer: Gazetteer | None = None
) -> Iterator[AnalyzedArticle]:
    """`analyze_article` over many articles, in input order, lazily (so callers can report
    progress). With workers > 1 a pool of forked processes shares the work; each worker builds
    its tokenizer once (or inherits the parent's, when the parent built it before the fork).
    """
    if workers <= 1:
        for article in articles:
            yield analyze_article(article, gazetteer=gazetteer)
        return
    gazetteer = gazetteer or default_gazetteer()
    warm_up(gazetteer=gazetteer)  # before the fork, so workers inherit it
    context: Any = multiprocessing.get_context("fork")
    with context.Pool(workers, initializer=_init_worker, initargs=(gazetteer,)) as pool:
        yield from pool.imap(_analyze_in_worker, articles, chunksize=_CHUNK_SIZE)


def topic_entity_ids(mentions: Sequence[Mention]) -> set[str]:
    """The ids topic rules see: every entity, and the country each one belongs to
    (普京 counts for russia, 朝鮮勞動黨 for north-korea)."""
    return {m.entity_id for m in mentions} | {m.country for m in mentions if m.country}
