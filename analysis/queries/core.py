"""The query layer: Filter -> DataFrame, one function per view, in DuckDB over the store.

Every function takes the store and a Filter and returns a DataFrame whose columns are the
output shapes of the command line (README), so that what a page draws is what its CSV download
holds.
Teasers are left out of every count unless the filter asks for them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import pandas as pd

from analysis.model import ARTICLE_COLUMNS, EVENT_FIELDS, Filter
from analysis.queries._sql import (
    INTERVALS,
    check_interval,
    connect,
    event_type_clause,
    iso_date,
    iso_dates,
    periods_cte,
    read_frame,
    read_rows,
    selection_sql,
)
from analysis.store.batches import Store

__all__ = [
    "ALL_TOPICS",
    "ENTITY_COLUMNS",
    "EVENT_COLUMNS",
    "INTERVALS",
    "TERM_COLUMNS",
    "TIMELINE_COLUMNS",
    "article_count",
    "articles",
    "date_span",
    "events",
    "rejected_files",
    "sources",
    "stats",
    "terms",
    "timeline",
    "top_entities",
]

TIMELINE_COLUMNS = ("period", "topic", "articles", "share")
ENTITY_COLUMNS = ("entity_id", "name", "name_en", "type", "articles", "mentions")
EVENT_COLUMNS = (*EVENT_FIELDS, "article_id", "published_at", "source", "title")
TERM_COLUMNS = ("term", "count", "weight")
ALL_TOPICS = "all"


def articles(
    store: Store, flt: Filter, *, limit: int | None = None, offset: int = 0
) -> pd.DataFrame:
    """The selected articles, newest first, with the model's fields."""
    selected, params = selection_sql(flt)
    columns = ", ".join(ARTICLE_COLUMNS)
    sql = (
        f"SELECT {columns} FROM articles WHERE id IN ({selected}) "
        "ORDER BY published_at DESC NULLS LAST, title"
    )
    if limit is not None:
        sql += f" LIMIT {int(limit)} OFFSET {int(offset)}"
    return read_frame(store, sql, params)


def article_count(store: Store, flt: Filter) -> int:
    selected, params = selection_sql(flt)
    rows = read_rows(store, f"SELECT count(*) FROM ({selected})", params)
    return int(rows[0][0]) if rows else 0


def stats(store: Store) -> dict[str, Any]:
    """Counts for `stats`: articles, teasers, sources, first, last, events, rejected, and health."""
    with connect(store) as con:
        row = con.execute(
            """
            SELECT
              count(*) FILTER (WHERE kind = 'article'),
              count(*) FILTER (WHERE kind = 'teaser'),
              count(DISTINCT source) FILTER (WHERE kind = 'article'),
              min(published_date) FILTER (WHERE kind = 'article'),
              max(published_date) FILTER (WHERE kind = 'article'),
              count(*) FILTER (WHERE kind = 'article' AND published_at IS NULL)
            FROM articles
            """
        ).fetchone()
        assert row is not None
        events = con.execute(
            "SELECT count(*) FROM events WHERE article_id IN "
            "(SELECT id FROM articles WHERE kind = 'article')"
        ).fetchone()
        files = con.execute(
            """
            WITH latest AS (
              SELECT path, rejected, duplicates,
                     row_number() OVER (PARTITION BY path ORDER BY ingested_at DESC) AS n
              FROM files)
            SELECT count(*) FILTER (WHERE rejected IS NOT NULL AND n = 1),
                   coalesce(sum(duplicates), 0)
            FROM latest
            """
        ).fetchone()
        langs = con.execute(
            "SELECT lang, count(*) FROM articles WHERE kind = 'article' "
            "GROUP BY lang ORDER BY 2 DESC"
        ).fetchall()
    return {
        "articles": int(row[0]),
        "teasers": int(row[1]),
        "sources": int(row[2]),
        "first": iso_date(row[3]),
        "last": iso_date(row[4]),
        "events": int(events[0]) if events else 0,
        "rejected": int(files[0]) if files else 0,
        "undated": int(row[5]),
        "duplicates_folded": int(files[1]) if files else 0,
        "languages": {str(lang): int(n) for lang, n in langs},
    }


def rejected_files(store: Store) -> pd.DataFrame:
    """Input files whose latest ingest rejected them, with the reason."""
    return read_frame(
        store,
        """
            SELECT path, rejected AS reason, ingested_at FROM (
              SELECT *, row_number() OVER (PARTITION BY path ORDER BY ingested_at DESC) AS n
              FROM files)
            WHERE n = 1 AND rejected IS NOT NULL ORDER BY path
            """,
    )


def sources(store: Store) -> list[str]:
    """Every source in the store, most articles first."""
    rows = read_rows(
        store,
        "SELECT source FROM articles WHERE source IS NOT NULL AND kind = 'article' "
        "GROUP BY source ORDER BY count(*) DESC, source",
    )
    return [str(r[0]) for r in rows]


def date_span(store: Store) -> tuple[dt.date | None, dt.date | None]:
    rows = read_rows(
        store,
        "SELECT min(published_date), max(published_date) FROM articles WHERE kind = 'article'",
    )
    return (rows[0][0], rows[0][1]) if rows else (None, None)


def timeline(
    store: Store,
    flt: Filter,
    *,
    interval: str = "week",
    topics: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Articles per period and topic, zero-filled, with the share of all articles of the period.

    `topics` are the series to draw (default: the filter's topics; none: all selected articles
    as one series named "all"). `share` is articles / all articles of that period in the whole
    corpus (teasers excluded), so it reads as "share of all coverage".
    """
    check_interval(interval)
    series = list(topics if topics is not None else flt.topics)
    selected, params = selection_sql(flt)
    base_flt = Filter(date_from=flt.date_from, date_to=flt.date_to)
    base_selected, base_params = selection_sql(base_flt)
    topic_rows = (
        "SELECT article_id AS id, topic FROM topics WHERE topic IN "
        f"({', '.join('?' * len(series))})"
        if series
        else f"SELECT id, '{ALL_TOPICS}' AS topic FROM articles"
    )
    sql = f"""
        WITH {periods_cte(interval, selected)},
        everything AS (
          SELECT date_trunc('{interval}', published_date)::DATE AS period, count(*) AS n
          FROM articles WHERE id IN ({base_selected}) AND published_date IS NOT NULL
          GROUP BY 1),
        names AS (SELECT unnest(?::VARCHAR[]) AS topic),
        counts AS (
          SELECT sel.period, t.topic, count(DISTINCT sel.id) AS n
          FROM sel JOIN ({topic_rows}) t ON t.id = sel.id GROUP BY 1, 2)
        SELECT p.period, names.topic, coalesce(c.n, 0) AS articles,
               coalesce(c.n, 0) / nullif(e.n, 0) AS share
        FROM periods p CROSS JOIN names
        LEFT JOIN counts c ON c.period = p.period AND c.topic = names.topic
        LEFT JOIN everything e ON e.period = p.period
        ORDER BY p.period, names.topic
    """
    all_params = [*params, *base_params, series or [ALL_TOPICS], *series]
    frame = read_frame(store, sql, all_params)
    frame["share"] = frame["share"].fillna(0.0).astype(float)
    frame["articles"] = frame["articles"].astype(int)
    frame["period"] = iso_dates(frame["period"])
    return frame[list(TIMELINE_COLUMNS)]


def top_entities(
    store: Store,
    flt: Filter,
    *,
    entity_type: str | None = None,
    limit: int = 50,
    include_unknown: bool = False,
) -> pd.DataFrame:
    """Entities of the selected articles, by the number of articles that mention them."""
    selected, params = selection_sql(flt)
    where = ["article_id IN (" + selected + ")"]
    if entity_type:
        where.append("type = ?")
        params.append(entity_type)
    if not include_unknown:
        where.append("known")
    sql = f"""
        SELECT entity_id, any_value(name) AS name, any_value(name_en) AS name_en,
               any_value(type) AS type, count(DISTINCT article_id) AS articles,
               sum("count")::BIGINT AS mentions
        FROM entities WHERE {" AND ".join(where)}
        GROUP BY entity_id ORDER BY articles DESC, mentions DESC, entity_id
        LIMIT {int(limit)}
    """
    return read_frame(store, sql, params)[list(ENTITY_COLUMNS)]


def events(store: Store, flt: Filter, *, event_type: str | None = None) -> pd.DataFrame:
    """Every event of the selected articles, with its article's date, source and title."""
    selected, params = selection_sql(flt)
    type_clause = event_type_clause(event_type, params)
    # Batches written before `cumulative` and `conflict` read NULL there: a new conflict event.
    defaults = {"cumulative": "false", "conflict": "true"}
    columns = ", ".join(
        f"coalesce(e.{c}, {defaults[c]}) AS {c}" if c in defaults else f"e.{c}"
        for c in EVENT_FIELDS
    )
    sql = f"""
        SELECT {columns}, e.article_id, a.published_at, a.source, a.title
        FROM events e JOIN articles a ON a.id = e.article_id
        WHERE e.article_id IN ({selected}) {type_clause}
        ORDER BY a.published_at DESC NULLS LAST, e.article_id, e.type
    """
    return read_frame(store, sql, params)[list(EVENT_COLUMNS)]


def terms(store: Store, flt: Filter, *, limit: int = 200) -> pd.DataFrame:
    """The most frequent terms of the selected articles; weight = count / the top count."""
    selected, params = selection_sql(flt)
    sql = f"""
        SELECT term, sum("count")::BIGINT AS count FROM terms
        WHERE article_id IN ({selected}) GROUP BY term ORDER BY count DESC, term
        LIMIT {int(limit)}
    """
    frame = read_frame(store, sql, params)
    top = frame["count"].max() if len(frame) else 0
    frame["weight"] = frame["count"] / top if top else 0.0
    return frame[list(TERM_COLUMNS)]
