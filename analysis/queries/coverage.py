"""How much is covered: the size of the selection, its topics, the peaks of its timeline (each
with the headline that best explains it) and the terms that set it apart."""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from collections.abc import Sequence
from typing import Any

import pandas as pd

from analysis.model import Filter
from analysis.queries._sql import check_interval, iso_date, read_frame, read_rows, selection_sql
from analysis.queries.core import ALL_TOPICS, timeline
from analysis.store.batches import Store

__all__ = [
    "distinctive_terms",
    "period_bounds",
    "summary",
    "timeline_peaks",
    "topic_counts",
    "topic_ids",
]


def topic_ids(store: Store) -> list[str]:
    """The topics found in the store, most articles first."""
    rows = read_rows(store, "SELECT topic FROM topics GROUP BY topic ORDER BY count(*) DESC, topic")
    return [str(r[0]) for r in rows]


def period_bounds(period: str, interval: str) -> tuple[dt.date, dt.date]:
    """First and last day of the period starting on `period` (ISO date)."""
    check_interval(interval)
    start = dt.date.fromisoformat(period[:10])
    if interval == "day":
        return start, start
    if interval == "week":
        return start, start + dt.timedelta(days=6)
    next_month = (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return start, next_month - dt.timedelta(days=1)


def timeline_peaks(
    store: Store,
    flt: Filter,
    *,
    interval: str = "week",
    topics: Sequence[str] = (),
    max_peaks: int = 5,
) -> pd.DataFrame:
    """The periods that stand out, each with the headline that best explains it.

    A peak is a period of a series at least one standard deviation above the series' mean and
    with at least two articles (the `max_peaks` highest over all series). Its headline is the
    title of the article in that period whose terms best match the period's distinctive terms
    (terms frequent in the period and rare in the rest of the selection).
    """
    series = timeline(store, flt, interval=interval, topics=list(topics) if topics else None)
    columns = ["period", "topic", "articles", "title", "article_id"]
    if series.empty:
        return pd.DataFrame(columns=columns)
    stats = series.groupby("topic")["articles"].agg(["mean", "std"]).fillna(0.0)
    series = series.join(stats, on="topic")
    candidates = series[
        (series["articles"] >= 2) & (series["articles"] >= series["mean"] + series["std"])
    ].nlargest(max_peaks, "articles")
    records = []
    for row in candidates.itertuples():
        title, article_id = _headline(store, flt, row.period, interval, row.topic)
        records.append([row.period, row.topic, int(row.articles), title, article_id])
    return pd.DataFrame(records, columns=columns).sort_values("period", ignore_index=True)


def _headline(
    store: Store, flt: Filter, period: str, interval: str, topic: str
) -> tuple[str | None, str | None]:
    start, end = period_bounds(period, interval)
    narrowed = dataclasses.replace(
        flt,
        date_from=max(start, flt.date_from) if flt.date_from else start,
        date_to=min(end, flt.date_to) if flt.date_to else end,
        topics=flt.topics if topic == ALL_TOPICS else (topic,),
    )
    inside, inside_params = selection_sql(narrowed)
    everything, every_params = selection_sql(flt)
    sql = f"""
        WITH inside AS ({inside}),
        local AS (SELECT term, count(DISTINCT article_id) AS k FROM terms
                  WHERE article_id IN (SELECT id FROM inside) GROUP BY term
                  ORDER BY k DESC LIMIT 300),
        df AS (SELECT term, count(DISTINCT article_id) AS n FROM terms
               WHERE term IN (SELECT term FROM local) AND article_id IN ({everything})
               GROUP BY term),
        total AS (SELECT count(*) AS n FROM ({everything})),
        key_terms AS (SELECT local.term, k * ln((SELECT n FROM total) / df.n) AS w
                      FROM local JOIN df USING (term) ORDER BY w DESC LIMIT 15)
        SELECT a.title, a.id, coalesce(sum(kt.w), 0) AS score
        FROM articles a LEFT JOIN terms t
          ON t.article_id = a.id AND t.article_id IN (SELECT id FROM inside)
        LEFT JOIN key_terms kt ON kt.term = t.term
        WHERE a.id IN (SELECT id FROM inside)
        GROUP BY a.title, a.id ORDER BY score DESC, a.title LIMIT 1
    """
    rows = read_rows(store, sql, [*inside_params, *every_params, *every_params])
    return (rows[0][0], rows[0][1]) if rows else (None, None)


def distinctive_terms(store: Store, flt: Filter, *, limit: int = 200) -> pd.DataFrame:
    """`term`, `count`, `rest`, `weight`: terms over-represented in the selection against the
    rest of the corpus (smoothed log ratio of relative frequencies, times the count's log)."""
    selected, params = selection_sql(flt)
    sql = f"""
        WITH sel AS ({selected}),
        counts AS (
          SELECT term,
                 sum("count") FILTER (WHERE article_id IN (SELECT id FROM sel)) AS c,
                 sum("count") FILTER (WHERE article_id NOT IN (SELECT id FROM sel)) AS r
          FROM terms GROUP BY term),
        totals AS (SELECT sum(coalesce(c, 0)) AS nc, sum(coalesce(r, 0)) AS nr,
                          count(*) AS v FROM counts)
        SELECT term, coalesce(c, 0) AS count, coalesce(r, 0) AS rest,
               ln((coalesce(c, 0) + 1) / (nc + v)) - ln((coalesce(r, 0) + 1) / (nr + v)) AS lr
        FROM counts, totals WHERE c > 0
    """
    frame = read_frame(store, sql, params)
    if frame.empty:
        return pd.DataFrame(columns=["term", "count", "rest", "weight"])
    frame["weight"] = frame["lr"].clip(lower=0) * frame["count"].map(lambda c: math.log1p(c))
    frame = frame[frame["weight"] > 0].nlargest(limit, ["weight", "count"])
    top = frame["weight"].max() if len(frame) else 0
    frame["weight"] = frame["weight"] / top if top else 0.0
    return frame[["term", "count", "rest", "weight"]].astype({"count": int, "rest": int})


def summary(store: Store, flt: Filter) -> dict[str, Any]:
    """Counts for the selection: `articles`, `sources`, `first`, `last`, `events`, `undated`."""
    selected, params = selection_sql(flt)
    sql = f"""
        SELECT count(*), count(DISTINCT source), min(published_date), max(published_date),
               count(*) FILTER (WHERE published_at IS NULL),
               (SELECT count(*) FROM events WHERE article_id IN ({selected}))
        FROM articles WHERE id IN ({selected})
    """
    row = read_rows(store, sql, [*params, *params])[0]
    return {
        "articles": int(row[0]),
        "sources": int(row[1]),
        "first": iso_date(row[2]),
        "last": iso_date(row[3]),
        "undated": int(row[4]),
        "events": int(row[5]),
    }


def topic_counts(store: Store, flt: Filter) -> pd.DataFrame:
    """`topic`, `articles`: the topics of the selection, most articles first."""
    selected, params = selection_sql(flt)
    sql = f"""
        SELECT topic, count(DISTINCT article_id) AS articles FROM topics
        WHERE article_id IN ({selected}) GROUP BY topic ORDER BY articles DESC, topic
    """
    return read_frame(store, sql, params).astype({"articles": int})
