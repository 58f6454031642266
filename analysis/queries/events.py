"""What the coverage reports happening: events tallied by type and period, counted over time,
quantities summed by who claims them, tolls to date, the evidence sentences, and the places.

Counts and sums take only new events: a toll to date (`cumulative`, a running total such as
自衝突以來已有N人死亡) is never added to them, `tolls_to_date` shows the latest one per claimant
instead. With `conflict_only` (the default) harm done by an accident, a disaster or a disease
(`conflict` false) is left out of every view. Batches written before these two fields read NULL
there: NULL `cumulative` counts as false, NULL `conflict` as true.
"""

from __future__ import annotations

import pandas as pd

from analysis.model import EVENT_ROLES, Filter
from analysis.queries._sql import (
    check_interval,
    event_type_clause,
    iso_dates,
    names_cte,
    periods_cte,
    read_frame,
    read_rows,
    selection_sql,
)
from analysis.queries.names import display_name, shipped_gazetteer, with_role_names
from analysis.store.batches import Store

# The sums of quantities the Events page compares (see _MEASURE_SQL for what each counts).
MEASURES = (
    "missiles_launched",
    "drones_launched",
    "missiles_intercepted",
    "drones_downed",
    "strikes",
    "killed",
    "injured",
)
_MEASURE_SQL = """
    CASE
      WHEN type = 'missile_launch' THEN 'missiles_launched'
      WHEN type = 'drone_attack' THEN 'drones_launched'
      WHEN type = 'interception' AND unit = '架' THEN 'drones_downed'
      WHEN type = 'interception' THEN 'missiles_intercepted'
      WHEN type = 'airstrike' THEN 'strikes'
      WHEN type IN ('killed', 'injured') THEN type
    END
"""
# What one event adds to its measure: its quantity; an air strike reported without a number of
# strikes counts as one (a missile launch without a count adds nothing: "missiles" is a count).
_AMOUNT_SQL = "CASE WHEN type = 'airstrike' THEN coalesce(quantity, 1) ELSE quantity END"
UNATTRIBUTED = "(unattributed)"


def counted_clause(*, conflict_only: bool, new_only: bool = True, alias: str = "e") -> str:
    """`AND …`: the events a count takes: new ones (not a toll to date) when `new_only`, and
    only harm done by an attack when `conflict_only` (NULL, from older batches: new, conflict)."""
    column = f"{alias}." if alias else ""
    clause = ""
    if new_only:
        clause += f" AND NOT coalesce({column}cumulative, false)"
    if conflict_only:
        clause += f" AND coalesce({column}conflict, true)"
    return clause


def event_tally(
    store: Store, flt: Filter, *, interval: str = "month", conflict_only: bool = True
) -> pd.DataFrame:
    """`period`, `type`, `events`, `quantity`: new events of the selection per period and type."""
    check_interval(interval)
    selected, params = selection_sql(flt)
    sql = f"""
        SELECT date_trunc('{interval}', a.published_date)::DATE AS period, e.type,
               count(*) AS events, coalesce(sum(e.quantity), 0) AS quantity
        FROM events e JOIN articles a ON a.id = e.article_id
        WHERE e.article_id IN ({selected}) AND a.published_date IS NOT NULL
              {counted_clause(conflict_only=conflict_only)}
        GROUP BY 1, 2 ORDER BY 1, 2
    """
    frame = read_frame(store, sql, params)
    frame["period"] = iso_dates(frame["period"])
    return frame.astype({"events": int, "quantity": int})


def event_counts_over_time(
    store: Store, flt: Filter, *, interval: str = "week", conflict_only: bool = True
) -> pd.DataFrame:
    """`period`, `events`: new events of the selection per period, zero-filled over the same
    periods as `queries.timeline` (first to last dated article of the selection), so the two
    line up."""
    check_interval(interval)
    selected, params = selection_sql(flt)
    sql = f"""
        WITH {periods_cte(interval, selected)},
        counts AS (SELECT sel.period, count(*) AS n FROM events e JOIN sel ON sel.id = e.article_id
                   WHERE true {counted_clause(conflict_only=conflict_only)}
                   GROUP BY 1)
        SELECT p.period, coalesce(c.n, 0) AS events
        FROM periods p LEFT JOIN counts c ON c.period = p.period ORDER BY 1
    """
    frame = read_frame(store, sql, params)
    frame["period"] = iso_dates(frame["period"])
    return frame.astype({"events": int})


def quantity_by_claimant(
    store: Store, flt: Filter, *, lang: str = "zh-Hant", conflict_only: bool = True
) -> pd.DataFrame:
    """`measure`, `claimant`, `claimant_name`, `quantity`, `events`: sums of the new events of
    the selection by who says so (see `MEASURES`). `claimant_name` is in the script of `lang`,
    and empty for `UNATTRIBUTED` claims."""
    return _quantities(store, flt, lang=lang, conflict_only=conflict_only, interval=None)


def quantity_by_period(
    store: Store,
    flt: Filter,
    *,
    interval: str = "month",
    lang: str = "zh-Hant",
    conflict_only: bool = True,
) -> pd.DataFrame:
    """`period`, `measure`, `claimant`, `claimant_name`, `quantity`, `events`: the sums of
    `quantity_by_claimant` per period, for the dated articles of the selection."""
    check_interval(interval)
    return _quantities(store, flt, lang=lang, conflict_only=conflict_only, interval=interval)


def _quantities(
    store: Store, flt: Filter, *, lang: str, conflict_only: bool, interval: str | None
) -> pd.DataFrame:
    selected, params = selection_sql(flt)
    period = f"date_trunc('{interval}', a.published_date)::DATE" if interval else "NULL::DATE"
    sql = f"""
        WITH {names_cte()},
        measured AS (
          SELECT {period} AS period, {_MEASURE_SQL} AS measure,
                 coalesce(e.claimant, '{UNATTRIBUTED}') AS claimant, {_AMOUNT_SQL} AS amount
          FROM events e JOIN articles a ON a.id = e.article_id
          WHERE e.article_id IN ({selected}) {counted_clause(conflict_only=conflict_only)}
                {"AND a.published_date IS NOT NULL" if interval else ""})
        SELECT m.period, m.measure, m.claimant, n.name AS claimant_name,
               coalesce(sum(m.amount), 0) AS quantity, count(*) AS events
        FROM measured m LEFT JOIN names n ON n.entity_id = m.claimant
        WHERE m.measure IS NOT NULL
        GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, quantity DESC, 3
    """
    frame = read_frame(store, sql, params).astype({"quantity": int, "events": int})
    frame = _with_claimant_names(frame, lang=lang)
    if not interval:
        return frame.drop(columns="period").reset_index(drop=True)
    frame["period"] = iso_dates(frame["period"])
    return frame


TOLL_COLUMNS = (
    "measure", "claimant", "claimant_name", "date", "quantity", "unit", "approximate",
    "sentence", "title", "source", "article_id", "tolls",
)  # fmt: skip


def tolls_to_date(
    store: Store, flt: Filter, *, lang: str = "zh-Hant", conflict_only: bool = True
) -> pd.DataFrame:
    """The latest toll to date (a `cumulative` figure: 自衝突以來已有N人死亡) per measure and
    claimant in the selection: the figure of the most recent article that gives one, never a
    sum. The measure is that of `MEASURES` (killed, injured …), else the event type (casualties,
    damage). `tolls` is how many such figures the selection holds for that measure and claimant;
    `claimant_name` is in the script of `lang`, empty for `UNATTRIBUTED`."""
    selected, params = selection_sql(flt)
    kept = counted_clause(conflict_only=conflict_only, new_only=False)
    sql = f"""
        WITH {names_cte()},
        tolls AS (
          SELECT coalesce({_MEASURE_SQL}, e.type) AS measure,
                 coalesce(e.claimant, '{UNATTRIBUTED}') AS claimant, a.published_date AS date,
                 e.quantity, e.unit, e.approximate, e.sentence, a.title, a.source, e.article_id,
                 a.published_at
          FROM events e JOIN articles a ON a.id = e.article_id
          WHERE e.article_id IN ({selected}) AND coalesce(e.cumulative, false)
                AND e.quantity IS NOT NULL {kept}),
        ranked AS (
          SELECT *, count(*) OVER (PARTITION BY measure, claimant) AS tolls,
                 row_number() OVER (PARTITION BY measure, claimant
                                    ORDER BY published_at DESC NULLS LAST, quantity DESC) AS n
          FROM tolls)
        SELECT r.*, names.name AS claimant_name
        FROM ranked r LEFT JOIN names ON names.entity_id = r.claimant
        WHERE r.n = 1 ORDER BY r.measure, r.quantity DESC, r.claimant
    """
    frame = read_frame(store, sql, params)
    frame["date"] = iso_dates(frame["date"])
    frame = _with_claimant_names(frame, lang=lang).astype({"quantity": int, "tolls": int})
    rank = {measure: i for i, measure in enumerate(MEASURES)}
    frame["rank"] = [rank.get(m, len(rank)) for m in frame["measure"]]
    frame = frame.sort_values(["rank", "measure", "quantity"], ascending=[True, True, False])
    return frame[list(TOLL_COLUMNS)].reset_index(drop=True)


def _with_claimant_names(frame: pd.DataFrame, *, lang: str) -> pd.DataFrame:
    """`claimant_name` (the stored name beside `claimant`) in the script of `lang`; None for
    `UNATTRIBUTED` claims."""
    frame["claimant_name"] = [
        None if c == UNATTRIBUTED else display_name(c, n, lang=lang)
        for c, n in zip(frame["claimant"], frame["claimant_name"], strict=True)
    ]
    return frame


EVIDENCE_COLUMNS = (
    "date", "type", "quantity", "unit", *EVENT_ROLES, "cumulative", "conflict", "sentence",
    "title", "source", "article_id", *(f"{role}_id" for role in EVENT_ROLES),
)  # fmt: skip


def event_evidence(
    store: Store,
    flt: Filter,
    *,
    event_type: str | None = None,
    lang: str = "zh-Hant",
    conflict_only: bool = True,
) -> pd.DataFrame:
    """Every event with its evidence sentence and article, tolls to date too (`cumulative`
    true): `actor`, `target`, `location`, `claimant` are names in the script of `lang`, their
    ids in `actor_id` … `claimant_id`. Harm not done by an attack only without `conflict_only`."""
    selected, params = selection_sql(flt)
    type_clause = event_type_clause(event_type, params)
    names = ", ".join(f"{r}.name AS {r}, e.{r} AS {r}_id" for r in EVENT_ROLES)
    joins = " ".join(f"LEFT JOIN names {r} ON {r}.entity_id = e.{r}" for r in EVENT_ROLES)
    sql = f"""
        WITH {names_cte()}
        SELECT a.published_date AS date, e.type, e.quantity, e.unit, {names},
               coalesce(e.cumulative, false) AS cumulative, coalesce(e.conflict, true) AS conflict,
               e.sentence, a.title, a.source, e.article_id
        FROM events e JOIN articles a ON a.id = e.article_id {joins}
        WHERE e.article_id IN ({selected}) {type_clause}
              {counted_clause(conflict_only=conflict_only, new_only=False)}
        ORDER BY a.published_at DESC NULLS LAST, e.article_id, e.type
    """
    frame = read_frame(store, sql, params)
    frame["date"] = iso_dates(frame["date"])
    frame = with_role_names(frame, lang=lang)
    return frame[list(EVIDENCE_COLUMNS)]


PLACE_COLUMNS = ("location_id", "place", "lat", "lon", "events")


def event_places(
    store: Store,
    flt: Filter,
    *,
    event_type: str | None = None,
    lang: str = "zh-Hant",
    conflict_only: bool = True,
) -> pd.DataFrame:
    """`location_id`, `place` (in the script of `lang`), `lat`, `lon`, `events`: where the
    selection's new events happened, for the places the gazetteer has coordinates for."""
    selected, params = selection_sql(flt)
    type_clause = event_type_clause(event_type, params, alias="")
    sql = f"""
        SELECT location AS location_id, count(*) AS events FROM events
        WHERE article_id IN ({selected}) AND location IS NOT NULL {type_clause}
              {counted_clause(conflict_only=conflict_only, alias="")}
        GROUP BY 1 ORDER BY events DESC, 1
    """
    rows = read_rows(store, sql, params)
    gazetteer = shipped_gazetteer()
    records = []
    for location_id, events in rows:
        entry = gazetteer.get(location_id)
        if entry is None or entry.lat is None or entry.lon is None:
            continue
        place = display_name(location_id, lang=lang)
        records.append((location_id, place, entry.lat, entry.lon, int(events)))
    return pd.DataFrame(records, columns=list(PLACE_COLUMNS))
