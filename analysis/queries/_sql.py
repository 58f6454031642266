"""The SQL plumbing every view shares (private to the query wing).

A connection with one view per store table, the filter as a SELECT of article ids, SQL run into
a DataFrame, the common table expressions the views build on (zero-filled periods, one name per
entity) and the checks on what reaches SQL as text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import duckdb
import pandas as pd

from analysis.language.text import to_simplified, to_traditional
from analysis.model import Filter
from analysis.store.batches import SCHEMAS, TABLES, Store

INTERVALS = ("day", "week", "month")


def check_interval(interval: str) -> None:
    """Refuse a period length other than day, week or month (it reaches SQL as text)."""
    if interval not in INTERVALS:
        raise ValueError(f"interval must be one of {', '.join(INTERVALS)}")


def connect(store: Store) -> duckdb.DuckDBPyConnection:
    """An in-memory connection with one view per store table (empty where no batch exists)."""
    con = duckdb.connect(":memory:")
    con.execute(f"SET threads = {int(store.query_threads)}")
    for table in TABLES:
        files = store.table_files(table)
        if files:
            listed = ", ".join("'" + f.replace("'", "''") + "'" for f in files)
            # union_by_name: a batch written before a column was added reads it as NULL; a
            # column that no batch has yet (every batch older than it) is added as NULL too
            read = f"read_parquet([{listed}], union_by_name = true)"
            present = {row[0] for row in con.execute(f"DESCRIBE SELECT * FROM {read}").fetchall()}
            missing = "".join(
                f", CAST(NULL AS {_duck_type(f.type)}) AS {f.name}"
                for f in SCHEMAS[table]
                if f.name not in present
            )
            con.execute(f"CREATE VIEW {table} AS SELECT *{missing} FROM {read}")
        else:
            columns = ", ".join(
                f"CAST(NULL AS {_duck_type(f.type)}) AS {f.name}" for f in SCHEMAS[table]
            )
            con.execute(f"CREATE VIEW {table} AS SELECT {columns} WHERE false")
    return con


def _duck_type(arrow_type: Any) -> str:
    text = str(arrow_type)
    return {
        "string": "VARCHAR",
        "int64": "BIGINT",
        "bool": "BOOLEAN",
        "date32[day]": "DATE",
    }.get(text, "VARCHAR[]")


def read_frame(store: Store, sql: str, params: Sequence[Any] = ()) -> pd.DataFrame:
    """`sql` with `params` run on a fresh connection to `store`, as a DataFrame."""
    with connect(store) as con:
        return con.execute(sql, list(params)).df()


def read_rows(store: Store, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
    """`sql` with `params` run on a fresh connection to `store`, as a list of rows."""
    with connect(store) as con:
        return con.execute(sql, list(params)).fetchall()


def selection_sql(flt: Filter) -> tuple[str, list[Any]]:
    """A SELECT of the ids of the articles the filter selects, and its parameters."""
    where = ["1 = 1"]
    params: list[Any] = []
    if not flt.include_teasers:
        where.append("kind = 'article'")
    if flt.date_from:
        where.append("published_date >= ?")
        params.append(flt.date_from)
    if flt.date_to:
        where.append("published_date <= ?")
        params.append(flt.date_to)
    if flt.sources:
        where.append(f"source IN ({', '.join('?' * len(flt.sources))})")
        params.extend(flt.sources)
    if flt.topics:
        where.append(
            f"id IN (SELECT article_id FROM topics WHERE topic IN "
            f"({', '.join('?' * len(flt.topics))}))"
        )
        params.extend(flt.topics)
    if flt.entity:
        where.append("id IN (SELECT article_id FROM entities WHERE entity_id = ?)")
        params.append(flt.entity)
    if flt.q:
        variants = sorted({flt.q, to_simplified(flt.q), to_traditional(flt.q)})
        clauses = []
        for variant in variants:
            clauses.append("(contains(title, ?) OR contains(body, ?))")
            params.extend([variant, variant])
        where.append("(" + " OR ".join(clauses) + ")")
    return f"SELECT id FROM articles WHERE {' AND '.join(where)}", params


def periods_cte(interval: str, selected: str) -> str:
    """`sel(id, period)` for the dated articles of `selected` and `periods(period)`: every
    period from the first to the last of them, so that series built on it are zero-filled."""
    check_interval(interval)
    return f"""
        sel AS (
          SELECT id, date_trunc('{interval}', published_date)::DATE AS period FROM articles
          WHERE id IN ({selected}) AND published_date IS NOT NULL),
        bounds AS (SELECT min(period) AS lo, max(period) AS hi FROM sel),
        periods AS (SELECT unnest(generate_series(lo, hi, INTERVAL 1 {interval}))::DATE AS period
                    FROM bounds WHERE lo IS NOT NULL)
    """


def names_cte() -> str:
    """`names(entity_id, name, name_en)`: one stored name per entity, for joins."""
    return (
        "names AS (SELECT entity_id, any_value(name) AS name, any_value(name_en) AS name_en "
        "FROM entities GROUP BY entity_id)"
    )


def event_type_clause(event_type: str | None, params: list[Any], *, alias: str = "e") -> str:
    """`AND e.type = ?` (its parameter added to `params`) when one event type is asked for."""
    if not event_type:
        return ""
    params.append(event_type)
    return f"AND {alias}.type = ?" if alias else "AND type = ?"


def iso_dates(column: pd.Series) -> pd.Series:
    """Dates (or timestamps) as ISO date strings; None where there is no date."""
    return pd.to_datetime(column).dt.date.map(
        lambda d: d.isoformat() if isinstance(d, dt.date) else None
    )


def iso_date(value: object) -> str | None:
    """One date as an ISO string; None for anything else (a NULL from SQL)."""
    return value.isoformat() if isinstance(value, dt.date) else None
