"""Queries the dashboard needs beyond `queries.py`, with the same contract: Store, Filter -> frame.

They are kept apart only while `queries.py` is being written by others; each one is a candidate
to move there unchanged. Like every query, they read through `queries.selection_sql`, so the
sidebar filter means the same thing here as everywhere else. Nothing here imports streamlit.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from typing import Any

import pandas as pd

from analysis.model import Filter
from analysis.queries import INTERVALS, _frame, connect, selection_sql
from analysis.sentences import split_sentences
from analysis.store import Store

# The sums of quantities the Events page compares: measure -> (event type, unit test).
MEASURES = (
    "missiles_launched",
    "missiles_intercepted",
    "drones_launched",
    "drones_downed",
    "killed",
    "injured",
)
_MEASURE_SQL = """
    CASE
      WHEN type = 'missile_launch' THEN 'missiles_launched'
      WHEN type = 'drone_attack' THEN 'drones_launched'
      WHEN type = 'interception' AND unit = '架' THEN 'drones_downed'
      WHEN type = 'interception' THEN 'missiles_intercepted'
      WHEN type IN ('killed', 'injured') THEN type
    END
"""
UNATTRIBUTED = "(unattributed)"


def _check_interval(interval: str) -> None:
    if interval not in INTERVALS:
        raise ValueError(f"interval must be one of {', '.join(INTERVALS)}")


def _names_cte() -> str:
    return (
        "names AS (SELECT entity_id, any_value(name) AS name, any_value(name_en) AS name_en "
        "FROM entities GROUP BY entity_id)"
    )


def period_bounds(period: str, interval: str) -> tuple[dt.date, dt.date]:
    """First and last day of the period starting on `period` (ISO date)."""
    _check_interval(interval)
    start = dt.date.fromisoformat(period[:10])
    if interval == "day":
        return start, start
    if interval == "week":
        return start, start + dt.timedelta(days=6)
    next_month = (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return start, next_month - dt.timedelta(days=1)


def topic_ids(store: Store) -> list[str]:
    """The topics found in the store, most articles first."""
    with connect(store) as con:
        rows = con.execute(
            "SELECT topic FROM topics GROUP BY topic ORDER BY count(*) DESC, topic"
        ).fetchall()
    return [str(r[0]) for r in rows]


def article_topics(store: Store, article_ids: Sequence[str]) -> pd.DataFrame:
    """`article_id`, `topics` (comma-joined ids) for the given articles."""
    with connect(store) as con:
        return _frame(
            con,
            "SELECT article_id, string_agg(topic, ', ' ORDER BY topic) AS topics FROM topics "
            "WHERE article_id IN (SELECT unnest(?::VARCHAR[])) GROUP BY article_id",
            [list(article_ids)],
        )


def article_entities(store: Store, article_id: str) -> pd.DataFrame:
    with connect(store) as con:
        frame = _frame(
            con,
            'SELECT entity_id, name, name_en, type, "count" AS mentions, '
            "array_to_string(surface_forms, ' / ') AS surface_forms, known "
            'FROM entities WHERE article_id = ? ORDER BY "count" DESC, entity_id',
            [article_id],
        )
    return frame


def article_events(store: Store, article_id: str) -> pd.DataFrame:
    with connect(store) as con:
        return _frame(
            con,
            "SELECT type, quantity, unit, actor, target, location, claimant, sentence "
            "FROM events WHERE article_id = ? ORDER BY type",
            [article_id],
        )


def event_tally(store: Store, flt: Filter, *, interval: str = "month") -> pd.DataFrame:
    """`period`, `type`, `events`, `quantity`: events of the selection per period and type."""
    _check_interval(interval)
    selected, params = selection_sql(flt)
    sql = f"""
        SELECT date_trunc('{interval}', a.published_date)::DATE AS period, e.type,
               count(*) AS events, coalesce(sum(e.quantity), 0) AS quantity
        FROM events e JOIN articles a ON a.id = e.article_id
        WHERE e.article_id IN ({selected}) AND a.published_date IS NOT NULL
        GROUP BY 1, 2 ORDER BY 1, 2
    """
    with connect(store) as con:
        frame = _frame(con, sql, params)
    frame["period"] = pd.to_datetime(frame["period"]).dt.date.map(lambda d: d.isoformat())
    return frame.astype({"events": int, "quantity": int})


def quantity_by_claimant(store: Store, flt: Filter) -> pd.DataFrame:
    """`measure`, `claimant`, `claimant_name`, `quantity`, `events`: sums by who says so."""
    selected, params = selection_sql(flt)
    sql = f"""
        WITH {_names_cte()},
        measured AS (
          SELECT {_MEASURE_SQL} AS measure, coalesce(claimant, '{UNATTRIBUTED}') AS claimant,
                 quantity
          FROM events WHERE article_id IN ({selected}))
        SELECT m.measure, m.claimant, coalesce(n.name, m.claimant) AS claimant_name,
               coalesce(sum(m.quantity), 0) AS quantity, count(*) AS events
        FROM measured m LEFT JOIN names n ON n.entity_id = m.claimant
        WHERE m.measure IS NOT NULL
        GROUP BY 1, 2, 3 ORDER BY 1, quantity DESC
    """
    with connect(store) as con:
        return _frame(con, sql, params).astype({"quantity": int, "events": int})


def event_evidence(store: Store, flt: Filter, *, event_type: str | None = None) -> pd.DataFrame:
    """Every event with its evidence, entity ids replaced by display names where known."""
    selected, params = selection_sql(flt)
    type_clause = ""
    if event_type:
        type_clause = "AND e.type = ?"
        params.append(event_type)
    named = ", ".join(
        f"coalesce({c}.name, e.{c}) AS {c}" for c in ("actor", "target", "location", "claimant")
    )
    joins = " ".join(
        f"LEFT JOIN names {c} ON {c}.entity_id = e.{c}"
        for c in ("actor", "target", "location", "claimant")
    )
    sql = f"""
        WITH {_names_cte()}
        SELECT a.published_date AS date, e.type, e.quantity, e.unit, {named},
               e.location AS location_id, e.sentence, a.title, a.source, e.article_id
        FROM events e JOIN articles a ON a.id = e.article_id {joins}
        WHERE e.article_id IN ({selected}) {type_clause}
        ORDER BY a.published_at DESC NULLS LAST, e.article_id, e.type
    """
    with connect(store) as con:
        frame = _frame(con, sql, params)
    frame["date"] = pd.to_datetime(frame["date"]).dt.date.map(
        lambda d: d.isoformat() if isinstance(d, dt.date) else None
    )
    return frame


def co_mentions(
    store: Store, flt: Filter, *, top: int = 15, entity_type: str | None = None
) -> pd.DataFrame:
    """Pairs among the `top` entities of the selection: `entity_a`, `name_a`, `entity_b`,
    `name_b`, `articles` (articles mentioning both)."""
    selected, params = selection_sql(flt)
    type_clause = "AND type = ?" if entity_type else ""
    type_params = [entity_type] if entity_type else []
    sql = f"""
        WITH sel AS (SELECT article_id, entity_id, any_value(name) AS name FROM entities
                     WHERE known AND article_id IN ({selected}) {type_clause}
                     GROUP BY 1, 2),
        top AS (SELECT entity_id FROM sel GROUP BY 1
                ORDER BY count(*) DESC, entity_id LIMIT {int(top)}),
        kept AS (SELECT * FROM sel WHERE entity_id IN (SELECT entity_id FROM top))
        SELECT a.entity_id AS entity_a, any_value(a.name) AS name_a,
               b.entity_id AS entity_b, any_value(b.name) AS name_b,
               count(DISTINCT a.article_id) AS articles
        FROM kept a JOIN kept b ON a.article_id = b.article_id AND a.entity_id < b.entity_id
        GROUP BY 1, 3 ORDER BY articles DESC, 1, 3
    """
    with connect(store) as con:
        return _frame(con, sql, [*params, *type_params]).astype({"articles": int})


def entity_trend(
    store: Store, flt: Filter, entity_ids: Sequence[str], *, interval: str = "week"
) -> pd.DataFrame:
    """`period`, `entity_id`, `name`, `articles`: articles mentioning each entity, zero-filled."""
    _check_interval(interval)
    selected, params = selection_sql(flt)
    sql = f"""
        WITH sel AS (
          SELECT id, date_trunc('{interval}', published_date)::DATE AS period FROM articles
          WHERE id IN ({selected}) AND published_date IS NOT NULL),
        bounds AS (SELECT min(period) AS lo, max(period) AS hi FROM sel),
        periods AS (SELECT unnest(generate_series(lo, hi, INTERVAL 1 {interval}))::DATE AS period
                    FROM bounds WHERE lo IS NOT NULL),
        wanted AS (SELECT unnest(?::VARCHAR[]) AS entity_id),
        {_names_cte()},
        counts AS (SELECT sel.period, e.entity_id, count(DISTINCT e.article_id) AS n
                   FROM entities e JOIN sel ON sel.id = e.article_id
                   WHERE e.entity_id IN (SELECT entity_id FROM wanted) GROUP BY 1, 2)
        SELECT p.period, w.entity_id, coalesce(n.name, w.entity_id) AS name,
               coalesce(c.n, 0) AS articles
        FROM periods p CROSS JOIN wanted w
        LEFT JOIN counts c ON c.period = p.period AND c.entity_id = w.entity_id
        LEFT JOIN names n ON n.entity_id = w.entity_id
        ORDER BY 1, 2
    """
    with connect(store) as con:
        frame = _frame(con, sql, [*params, list(entity_ids)])
    frame["period"] = pd.to_datetime(frame["period"]).dt.date.map(lambda d: d.isoformat())
    return frame.astype({"articles": int})


def entity_spellings(store: Store, flt: Filter, entity_id: str) -> pd.DataFrame:
    """`source`, `spelling`, `articles`: how each source writes one entity."""
    selected, params = selection_sql(flt)
    sql = f"""
        SELECT coalesce(a.source, '') AS source, form AS spelling,
               count(DISTINCT e.article_id) AS articles
        FROM (SELECT article_id, unnest(surface_forms) AS form FROM entities
              WHERE entity_id = ? AND article_id IN ({selected})) e
        JOIN articles a ON a.id = e.article_id
        GROUP BY 1, 2 ORDER BY 1, articles DESC, 2
    """
    with connect(store) as con:
        return _frame(con, sql, [entity_id, *params]).astype({"articles": int})


def entity_sentences(store: Store, flt: Filter, entity_id: str, *, limit: int = 12) -> pd.DataFrame:
    """`date`, `source`, `sentence`, `title`, `article_id`: sentences naming the entity,
    newest articles first, at most one sentence per article."""
    selected, params = selection_sql(flt)
    sql = f"""
        SELECT a.published_date AS date, a.source, a.title, a.body, a.id AS article_id,
               e.surface_forms
        FROM entities e JOIN articles a ON a.id = e.article_id
        WHERE e.entity_id = ? AND e.article_id IN ({selected})
        ORDER BY a.published_at DESC NULLS LAST LIMIT {int(limit) * 3}
    """
    with connect(store) as con:
        rows = con.execute(sql, [entity_id, *params]).fetchall()
    records: list[dict[str, Any]] = []
    for date, source, title, body, article_id, forms in rows:
        sentence = _first_sentence_with(body or "", [f for f in (forms or []) if f])
        if sentence:
            records.append(
                {
                    "date": date.isoformat() if date else None,
                    "source": source,
                    "sentence": sentence,
                    "title": title,
                    "article_id": article_id,
                }
            )
        if len(records) >= limit:
            break
    return pd.DataFrame(records, columns=["date", "source", "sentence", "title", "article_id"])


def _first_sentence_with(body: str, forms: Sequence[str]) -> str | None:
    for start, end in split_sentences(body):
        sentence = body[start:end]
        if any(form in sentence for form in forms):
            return sentence
    return None


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
    from analysis.queries import timeline

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
    narrowed = Filter(
        date_from=max(start, flt.date_from) if flt.date_from else start,
        date_to=min(end, flt.date_to) if flt.date_to else end,
        topics=flt.topics if topic == "all" else (topic,),
        sources=flt.sources,
        entity=flt.entity,
        q=flt.q,
        include_teasers=flt.include_teasers,
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
    with connect(store) as con:
        row = con.execute(sql, [*inside_params, *every_params, *every_params]).fetchone()
    return (row[0], row[1]) if row else (None, None)


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
    with connect(store) as con:
        frame = _frame(con, sql, params)
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
    with connect(store) as con:
        row = con.execute(sql, [*params, *params]).fetchone()
    assert row is not None
    return {
        "articles": int(row[0]),
        "sources": int(row[1]),
        "first": row[2].isoformat() if isinstance(row[2], dt.date) else None,
        "last": row[3].isoformat() if isinstance(row[3], dt.date) else None,
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
    with connect(store) as con:
        return _frame(con, sql, params).astype({"articles": int})
