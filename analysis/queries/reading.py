"""One article as the Articles page shows it: its topics, the entities and events found in it."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from analysis.model import ARTICLE_COLUMNS, EVENT_ROLES
from analysis.queries._sql import read_frame
from analysis.queries.names import with_display_names, with_role_names
from analysis.store.batches import Store


def article(store: Store, article_id: str) -> pd.DataFrame:
    """The article with this id (one row of the model's fields; none when it is not stored)."""
    return read_frame(
        store,
        f"SELECT {', '.join(ARTICLE_COLUMNS)} FROM articles WHERE id = ? LIMIT 1",
        [article_id],
    )


def article_topics(store: Store, article_ids: Sequence[str]) -> pd.DataFrame:
    """`article_id`, `topics` (comma-joined ids) for the given articles."""
    return read_frame(
        store,
        "SELECT article_id, string_agg(topic, ', ' ORDER BY topic) AS topics FROM topics "
        "WHERE article_id IN (SELECT unnest(?::VARCHAR[])) GROUP BY article_id",
        [list(article_ids)],
    )


def article_entities(store: Store, article_id: str, lang: str = "zh-Hant") -> pd.DataFrame:
    """`entity_id`, `name` (in the script of `lang`), `name_en`, `type`, `mentions`,
    `surface_forms`, `known`: the entities found in one article."""
    frame = read_frame(
        store,
        'SELECT entity_id, name, name_en, type, "count" AS mentions, '
        "array_to_string(surface_forms, ' / ') AS surface_forms, known "
        'FROM entities WHERE article_id = ? ORDER BY "count" DESC, entity_id',
        [article_id],
    )
    return with_display_names(frame, {"name": "entity_id"}, lang=lang)


def article_events(store: Store, article_id: str, lang: str = "zh-Hant") -> pd.DataFrame:
    """`type`, `quantity`, `unit`, `actor`, `target`, `location`, `claimant` (names in the
    script of `lang`), `sentence`, then the ids `actor_id` … `claimant_id`: one article's events."""
    frame = read_frame(
        store,
        "SELECT type, quantity, unit, "
        + ", ".join(f"{r} AS {r}_id" for r in EVENT_ROLES)
        + ", sentence FROM events WHERE article_id = ? ORDER BY type",
        [article_id],
    )
    frame = with_role_names(frame, lang=lang)
    columns = [
        "type",
        "quantity",
        "unit",
        *EVENT_ROLES,
        "sentence",
        *(f"{r}_id" for r in EVENT_ROLES),
    ]
    return frame[columns]
