"""Periods and the SQL pieces the views share."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from analysis.queries.core import check_interval


def names_cte() -> str:
    """`names(entity_id, name, name_en)`: one stored name per entity, for joins."""
    return (
        "names AS (SELECT entity_id, any_value(name) AS name, any_value(name_en) AS name_en "
        "FROM entities GROUP BY entity_id)"
    )


def periods_cte(interval: str, selected: str) -> str:
    """`sel(id, period)` for the dated articles of `selected` and `periods(period)`: every
    period from the first to the last of them, so that series built on it are zero-filled."""
    return f"""
        sel AS (
          SELECT id, date_trunc('{interval}', published_date)::DATE AS period FROM articles
          WHERE id IN ({selected}) AND published_date IS NOT NULL),
        bounds AS (SELECT min(period) AS lo, max(period) AS hi FROM sel),
        periods AS (SELECT unnest(generate_series(lo, hi, INTERVAL 1 {interval}))::DATE AS period
                    FROM bounds WHERE lo IS NOT NULL)
    """


def iso_dates(column: pd.Series) -> pd.Series:
    """Dates (or timestamps) as ISO date strings; None where there is no date."""
    return pd.to_datetime(column).dt.date.map(
        lambda d: d.isoformat() if isinstance(d, dt.date) else None
    )


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
