"""The filter and the language, and how they travel in the URL query string.

    ?from=2023-09-01&to=2023-09-30&topic=russia-dprk&topic=ukraine-war&source=中央社
     &entity=vladimir-putin&q=導彈&teasers=1&lang=zh-Hant

The query string is the one representation of a filter: it is what the URL holds, what the
cache is keyed on, and what `filter_from_query` turns back into a `Filter`.
"""

from __future__ import annotations

import datetime as dt
import urllib.parse
from collections.abc import Mapping, Sequence

from analysis.model import Filter

FILTER_KEYS = ("from", "to", "topic", "source", "entity", "q", "teasers")


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def filter_from_params(params: Mapping[str, Sequence[str]]) -> Filter:
    """A Filter from query parameters (each a list of values); bad values are dropped."""

    def first(key: str) -> str | None:
        values = params.get(key) or []
        return values[0] if values else None

    date_from, date_to = _date(first("from")), _date(first("to"))
    if date_from and date_to and date_from > date_to:
        date_from, date_to = date_to, date_from
    return Filter(
        date_from=date_from,
        date_to=date_to,
        topics=tuple(dict.fromkeys(v for v in params.get("topic", []) if v)),
        sources=tuple(dict.fromkeys(v for v in params.get("source", []) if v)),
        entity=first("entity") or None,
        q=(first("q") or "").strip() or None,
        include_teasers=first("teasers") in ("1", "true", "yes"),
    )


def filter_params(flt: Filter) -> dict[str, list[str]]:
    """The query parameters of a filter (only the active parts)."""
    params: dict[str, list[str]] = {}
    if flt.date_from:
        params["from"] = [flt.date_from.isoformat()]
    if flt.date_to:
        params["to"] = [flt.date_to.isoformat()]
    if flt.topics:
        params["topic"] = list(flt.topics)
    if flt.sources:
        params["source"] = list(flt.sources)
    if flt.entity:
        params["entity"] = [flt.entity]
    if flt.q:
        params["q"] = [flt.q]
    if flt.include_teasers:
        params["teasers"] = ["1"]
    return params


def filter_query(flt: Filter) -> str:
    return urllib.parse.urlencode(filter_params(flt), doseq=True)


def filter_from_query(query: str) -> Filter:
    return filter_from_params(urllib.parse.parse_qs(query))
