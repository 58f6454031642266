"""Entity names in the reader's script.

The store keeps one display name per entity (whatever the analyzer wrote); the gazetteer has
the name in each script (`name_hant`, `name_hans`, `name_en`). A known entity is shown with the
gazetteer's name for the language; a discovered one (`unknown:<spelling>`) with its spelling
converted to the script (English keeps the Chinese spelling: there is no English name).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping

import pandas as pd

from analysis.language.gazetteer import Gazetteer, load_gazetteer
from analysis.language.text import to_simplified, to_traditional
from analysis.model import EVENT_ROLES, UNKNOWN_PREFIX

# The scripts a reader can choose, and the gazetteer field holding a name in each.
NAME_FIELDS = {"zh-Hant": "name_hant", "zh-Hans": "name_hans", "en": "name_en"}
LANGUAGES = tuple(NAME_FIELDS)


def in_script(text: str, lang: str) -> str:
    """Corpus text in the script of `lang`; English leaves it as written."""
    if lang == "zh-Hans":
        return to_simplified(text)
    if lang == "zh-Hant":
        return to_traditional(text)
    return text


@functools.cache
def shipped_gazetteer() -> Gazetteer:
    """The gazetteer shipped in `analysis/resources/gazetteer/`, read once per process for the
    names the views show (read-only)."""
    return load_gazetteer()


def display_name(entity_id: object, fallback: object = None, *, lang: str) -> str | None:
    """The name of `entity_id` in `lang`; `fallback` (the stored name) for ids the gazetteer
    does not know, in the script of `lang`; None when there is neither."""
    if lang not in NAME_FIELDS:
        raise ValueError(f"lang must be one of {', '.join(LANGUAGES)}")
    if isinstance(entity_id, str) and entity_id:
        entry = shipped_gazetteer().get(entity_id)
        if entry is not None:
            name = getattr(entry, NAME_FIELDS[lang]) or entry.name_hant or entry.name_hans
            if name:
                return str(name)
        if not isinstance(fallback, str) or not fallback:
            fallback = entity_id.removeprefix(UNKNOWN_PREFIX)
    if isinstance(fallback, str) and fallback:
        return in_script(fallback, lang)
    return None


def with_display_names(
    frame: pd.DataFrame, columns: Mapping[str, str], *, lang: str
) -> pd.DataFrame:
    """`frame` with each name column (key) rewritten from its id column (value) in `lang`."""
    out = frame.copy()
    for name_column, id_column in columns.items():
        fallback = out[name_column] if name_column in out else pd.Series(None, index=out.index)
        out[name_column] = [
            display_name(entity_id, stored, lang=lang)
            for entity_id, stored in zip(out[id_column], fallback, strict=True)
        ]
    return out


def with_role_names(frame: pd.DataFrame, *, lang: str) -> pd.DataFrame:
    """`frame` with each event role (`actor` … `claimant`) named in `lang` from `<role>_id`."""
    return with_display_names(frame, {role: f"{role}_id" for role in EVENT_ROLES}, lang=lang)
