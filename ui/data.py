"""Cached access to the query layer: one typed function per view a page draws.

`ui.data.timeline(flt, interval="week")` is `analysis.queries.timeline(store, flt, ...)` on the
store this server reads, cached (st.cache_data) on its arguments plus the store's folder and
`Store.version()`, so a new batch or another filter is a new entry and nothing stale is ever
shown. The frozen `Filter` is part of the key as it is: Streamlit hashes a dataclass by its
fields (tests/test_ui_data.py checks that equal filters share an entry and different ones do
not). Pages call these functions, never `analysis.queries` directly.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Concatenate, ParamSpec, TypeVar

import streamlit as st

from analysis import queries
from analysis.render import images
from analysis.settings import Settings
from analysis.store.batches import Store

P = ParamSpec("P")
R = TypeVar("R")


def settings() -> Settings:
    """The settings this server runs with, from the environment (a dozen variables: cheap to
    read on every call; app.py reports a bad value before any page asks)."""
    return Settings.from_env()


def store() -> Store:
    """The store this server reads: --store is not a Streamlit option, so $NEWSLENS_STORE or
    data/store/ (built from data/sample/ on first use)."""
    return _store(settings())


@st.cache_resource(show_spinner=False)
def _store(current: Settings) -> Store:
    from analysis.ingest import ensure_sample_store

    shared = Store(current.store, query_threads=current.duckdb_threads)
    ensure_sample_store(shared)
    return shared


def _cache_sized_by(function: Callable[P, R], entries: Callable[[Settings], int]) -> Callable[P, R]:
    """`function` cached by st.cache_data with `entries(settings)` entries at most; the cache
    is made on the first call, when the settings are read (not at import)."""
    made: list[Callable[P, R]] = []

    def call(*args: P.args, **kwargs: P.kwargs) -> R:
        if not made:
            made.append(
                st.cache_data(max_entries=entries(settings()), show_spinner=False)(function)
            )
        return made[0](*args, **kwargs)

    return call


def cached_query(query: Callable[Concatenate[Store, P], R]) -> Callable[P, R]:
    """`query` on the current store, cached on its arguments, the store's folder and version."""

    def run(root: str, version: str, *args: P.args, **kwargs: P.kwargs) -> R:
        del root, version  # part of the key only
        return query(store(), *args, **kwargs)

    # Streamlit names a cache after its function's module and qualified name: one per query.
    run.__qualname__ = f"cached_query.{query.__module__}.{query.__qualname__}"
    cached = _cache_sized_by(run, lambda current: current.query_cache_entries)

    @functools.wraps(query)
    def call(*args: P.args, **kwargs: P.kwargs) -> R:
        current = store()
        return cached(str(current.root), current.version(), *args, **kwargs)

    return call


# The selection: Filter (and options) -> frame or counts.
articles = cached_query(queries.articles)
article_count = cached_query(queries.article_count)
summary = cached_query(queries.summary)
topic_counts = cached_query(queries.topic_counts)
timeline = cached_query(queries.timeline)
timeline_peaks = cached_query(queries.timeline_peaks)
terms = cached_query(queries.terms)
distinctive_terms = cached_query(queries.distinctive_terms)
ranked_entities = cached_query(queries.ranked_entities)
co_mentions = cached_query(queries.co_mentions)
entity_trend = cached_query(queries.entity_trend)
entity_spellings = cached_query(queries.entity_spellings)
entity_sentences = cached_query(queries.entity_sentences)
event_tally = cached_query(queries.event_tally)
event_counts_over_time = cached_query(queries.event_counts_over_time)
quantity_by_claimant = cached_query(queries.quantity_by_claimant)
quantity_by_period = cached_query(queries.quantity_by_period)
tolls_to_date = cached_query(queries.tolls_to_date)
event_evidence = cached_query(queries.event_evidence)
event_places = cached_query(queries.event_places)

# The store as a whole, and single articles.
stats = cached_query(queries.stats)
rejected_files = cached_query(queries.rejected_files)
sources = cached_query(queries.sources)
date_span = cached_query(queries.date_span)
topic_ids = cached_query(queries.topic_ids)
article = cached_query(queries.article)
article_topics = cached_query(queries.article_topics)
article_entities = cached_query(queries.article_entities)
article_events = cached_query(queries.article_events)


def _draw_wordcloud(words: tuple[tuple[str, float], ...]) -> bytes | None:
    return images.wordcloud_png(dict(words), settings=settings())


_wordcloud = _cache_sized_by(_draw_wordcloud, lambda current: current.image_cache_entries)


def wordcloud_png(words: tuple[tuple[str, float], ...]) -> bytes | None:
    """The word cloud for these (term, weight) pairs; cached because drawing takes ~1 s."""
    return _wordcloud(words)
