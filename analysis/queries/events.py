"""What the coverage reports happening: events tallied by type and period, counted over time,
quantities summed by who claims them, the evidence sentences, and the places they happened in."""

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


def event_tally(store: Store, flt: Filter, *, interval: str = "month") -> pd.DataFrame:
    """`period`, `type`, `events`, `quantity`: events of the selection per period and type."""
    check_interval(interval)
    selected, params = selection_sql(flt)
    sql = f"""
        SELECT date_trunc('{interval}', a.published_date)::DATE AS period, e.type,
               count(*) AS events, coalesce(sum(e.quantity), 0) AS quantity
        FROM events e JOIN articles a ON a.id = e.article_id
        WHERE e.article_id IN ({selected}) AND a.published_date IS NOT NULL
        GROUP BY 1, 2 ORDER BY 1, 2
    """
    frame = read_frame(store, sql, params)
    frame["period"] = iso_dates(frame["period"])
    return frame.astype({"events": int, "quantity": int})


def event_counts_over_time(store: Store, flt: Filter, *, interval: str = "week") -> pd.DataFrame:
    """`period`, `events`: events of the selection per period, zero-filled over the same periods
    as `queries.timeline` (first to last dated article of the selection), so the two line up."""
    check_interval(interval)
    selected, params = selection_sql(flt)
    sql = f"""
        WITH {periods_cte(interval, selected)},
        counts AS (SELECT sel.period, count(*) AS n FROM events e JOIN sel ON sel.id = e.article_id
                   GROUP BY 1)
        SELECT p.period, coalesce(c.n, 0) AS events
        FROM periods p LEFT JOIN counts c ON c.period = p.period ORDER BY 1
    """
    frame = read_frame(store, sql, params)
    frame["period"] = iso_dates(frame["period"])
    return frame.astype({"events": int})


def quantity_by_claimant(store: Store, flt: Filter, *, lang: str = "zh-Hant") -> pd.DataFrame:
    """`measure`, `claimant`, `claimant_name`, `quantity`, `events`: sums by who says so.
    `claimant_name` is in the script of `lang`, and empty for `UNATTRIBUTED` claims."""
    selected, params = selection_sql(flt)
    sql = f"""
        WITH {names_cte()},
        measured AS (
          SELECT {_MEASURE_SQL} AS measure, coalesce(claimant, '{UNATTRIBUTED}') AS claimant,
                 quantity
          FROM events WHERE article_id IN ({selected}))
        SELECT m.measure, m.claimant, n.name AS claimant_name,
               coalesce(sum(m.quantity), 0) AS quantity, count(*) AS events
        FROM measured m LEFT JOIN names n ON n.entity_id = m.claimant
        WHERE m.measure IS NOT NULL
        GROUP BY 1, 2, 3 ORDER BY 1, quantity DESC, 2
    """
    frame = read_frame(store, sql, params).astype({"quantity": int, "events": int})
    frame["claimant_name"] = [
        None if c == UNATTRIBUTED else display_name(c, n, lang=lang)
        for c, n in zip(frame["claimant"], frame["claimant_name"], strict=True)
    ]
    return frame


EVIDENCE_COLUMNS = (
    "date", "type", "quantity", "unit", *EVENT_ROLES, "sentence", "title", "source",
    "article_id", *(f"{role}_id" for role in EVENT_ROLES),
)  # fmt: skip


def event_evidence(
    store: Store, flt: Filter, *, event_type: str | None = None, lang: str = "zh-Hant"
) -> pd.DataFrame:
    """Every event with its evidence sentence and article: `actor`, `target`, `location`,
    `claimant` are names in the script of `lang`, their ids in `actor_id` … `claimant_id`."""
    selected, params = selection_sql(flt)
    type_clause = event_type_clause(event_type, params)
    names = ", ".join(f"{r}.name AS {r}, e.{r} AS {r}_id" for r in EVENT_ROLES)
    joins = " ".join(f"LEFT JOIN names {r} ON {r}.entity_id = e.{r}" for r in EVENT_ROLES)
    sql = f"""
        WITH {names_cte()}
        SELECT a.published_date AS date, e.type, e.quantity, e.unit, {names},
               e.sentence, a.title, a.source, e.article_id
        FROM events e JOIN articles a ON a.id = e.article_id {joins}
        WHERE e.article_id IN ({selected}) {type_clause}
        ORDER BY a.published_at DESC NULLS LAST, e.article_id, e.type
    """
    frame = read_frame(store, sql, params)
    frame["date"] = iso_dates(frame["date"])
    frame = with_role_names(frame, lang=lang)
    return frame[list(EVIDENCE_COLUMNS)]


PLACE_COLUMNS = ("location_id", "place", "lat", "lon", "events")


def event_places(
    store: Store, flt: Filter, *, event_type: str | None = None, lang: str = "zh-Hant"
) -> pd.DataFrame:
    """`location_id`, `place` (in the script of `lang`), `lat`, `lon`, `events`: where the
    selection's events happened, for the places the gazetteer has coordinates for."""
    selected, params = selection_sql(flt)
    type_clause = event_type_clause(event_type, params, alias="")
    sql = f"""
        SELECT location AS location_id, count(*) AS events FROM events
        WHERE article_id IN ({selected}) AND location IS NOT NULL {type_clause}
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
