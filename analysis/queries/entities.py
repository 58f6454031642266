"""Who and where the coverage is about: entities ranked, their trends, who appears with whom,
how each source spells a name and sentences that name it. Names are in the reader's script."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd

from analysis.language.sentences import split_sentences
from analysis.model import Filter
from analysis.queries._sql import (
    check_interval,
    iso_dates,
    names_cte,
    periods_cte,
    read_frame,
    read_rows,
    selection_sql,
)
from analysis.queries.core import top_entities
from analysis.queries.names import with_display_names
from analysis.store.batches import Store


def ranked_entities(
    store: Store,
    flt: Filter,
    *,
    entity_type: str | None = None,
    limit: int = 50,
    lang: str = "zh-Hant",
) -> pd.DataFrame:
    """`queries.top_entities` with `name` in the script of `lang` (same columns)."""
    frame = top_entities(store, flt, entity_type=entity_type, limit=limit)
    return with_display_names(frame, {"name": "entity_id"}, lang=lang)


def co_mentions(
    store: Store,
    flt: Filter,
    *,
    top: int = 15,
    entity_type: str | None = None,
    lang: str = "zh-Hant",
) -> pd.DataFrame:
    """Pairs among the `top` entities of the selection: `entity_a`, `name_a`, `entity_b`,
    `name_b`, `articles` (articles mentioning both); names in the script of `lang`."""
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
    frame = read_frame(store, sql, [*params, *type_params]).astype({"articles": int})
    return with_display_names(frame, {"name_a": "entity_a", "name_b": "entity_b"}, lang=lang)


def entity_trend(
    store: Store,
    flt: Filter,
    entity_ids: Sequence[str],
    *,
    interval: str = "week",
    lang: str = "zh-Hant",
) -> pd.DataFrame:
    """`period`, `entity_id`, `name`, `articles`: articles mentioning each entity, zero-filled;
    names in the script of `lang`."""
    check_interval(interval)
    selected, params = selection_sql(flt)
    sql = f"""
        WITH {periods_cte(interval, selected)},
        wanted AS (SELECT unnest(?::VARCHAR[]) AS entity_id),
        {names_cte()},
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
    frame = read_frame(store, sql, [*params, list(entity_ids)])
    frame["period"] = iso_dates(frame["period"])
    frame = frame.astype({"articles": int})
    return with_display_names(frame, {"name": "entity_id"}, lang=lang)


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
    return read_frame(store, sql, [entity_id, *params]).astype({"articles": int})


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
    rows = read_rows(store, sql, [entity_id, *params])
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
