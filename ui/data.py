"""Cached access to the query layer: every call is keyed on the store, its version and the filter.

The cache key is made of plain values only (the store folder, `Store.version()`, the filter's
query string and the query's own options), so a new batch or a new filter is a new entry and
nothing stale is ever shown. Pages call the functions here, never `analysis.queries` directly.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from analysis.model import Filter
from analysis.queries import core as queries
from analysis.queries import coverage, entities, events, reading
from analysis.render import images
from analysis.store.batches import Store, store_path
from ui import state

# name -> function(store, filter, **options): the views a page may ask for.
_QUERIES: dict[str, Callable[..., Any]] = {
    "articles": queries.articles,
    "article_count": queries.article_count,
    "timeline": queries.timeline,
    "top_entities": queries.top_entities,
    "terms": queries.terms,
    "summary": coverage.summary,
    "topic_counts": coverage.topic_counts,
    "timeline_peaks": coverage.timeline_peaks,
    "distinctive_terms": coverage.distinctive_terms,
    "ranked_entities": entities.ranked_entities,
    "co_mentions": entities.co_mentions,
    "entity_trend": entities.entity_trend,
    "entity_spellings": entities.entity_spellings,
    "entity_sentences": entities.entity_sentences,
    "event_tally": events.event_tally,
    "event_counts_over_time": events.event_counts_over_time,
    "quantity_by_claimant": events.quantity_by_claimant,
    "event_evidence": events.event_evidence,
    "event_places": events.event_places,
}
# name -> function(store, *args): what does not depend on the filter.
_STORE_QUERIES: dict[str, Callable[..., Any]] = {
    "stats": queries.stats,
    "rejected_files": queries.rejected_files,
    "sources": queries.sources,
    "date_span": queries.date_span,
    "topic_ids": coverage.topic_ids,
    "article_topics": reading.article_topics,
    "article_entities": reading.article_entities,
    "article_events": reading.article_events,
}


def store() -> Store:
    """The store this server reads: --store is not a Streamlit option, so $NEWSLENS_STORE or
    data/store/ (built from data/sample/ on first use)."""
    return _store(str(store_path()))


@st.cache_resource(show_spinner=False)
def _store(root: str) -> Store:
    from analysis.ingest import ensure_sample_store

    shared = Store(root)
    ensure_sample_store(shared)
    return shared


@st.cache_data(max_entries=1024, show_spinner=False)
def _run(name: str, root: str, version: str, filter_query: str, options: tuple) -> Any:
    del version  # part of the key only
    fn = _QUERIES[name]
    return fn(Store(root), state.filter_from_query(filter_query), **dict(options))


@st.cache_data(max_entries=256, show_spinner=False)
def _run_store(name: str, root: str, version: str, args: tuple) -> Any:
    del version
    return _STORE_QUERIES[name](Store(root), *args)


def query(name: str, flt: Filter, **options: Any) -> Any:
    """The named query for `flt`; list options are passed as tuples (hashable)."""
    plain = tuple(sorted((k, _plain(v)) for k, v in options.items()))
    current = store()
    return _run(name, str(current.root), current.version(), state.filter_query(flt), plain)


def store_query(name: str, *args: Any) -> Any:
    current = store()
    return _run_store(name, str(current.root), current.version(), tuple(_plain(a) for a in args))


def _plain(value: Any) -> Any:
    if isinstance(value, list | tuple):
        return tuple(value)
    return value


def version() -> str:
    return store().version()


@st.cache_data(max_entries=64, show_spinner=False)
def wordcloud_png(words: tuple[tuple[str, float], ...]) -> bytes | None:
    """The word cloud for these (term, weight) pairs; cached because drawing takes ~1 s."""
    return images.wordcloud_png(dict(words))
