"""What a table's columns mean: which column holds which article field, and its values cleaned.

Columns are mapped to article fields by name (`resources/column_names.toml`: title/標題/标题,
content/內容/正文, publish_date/發布時間, source_name/來源…), case- and width-insensitively;
`--map field=column` overrides the mapping. Values are cleaned here too: source codes named
(`cna` → 中央社), site suffixes cut from titles, dates parsed and view counts read (`1.2萬`).
"""

from __future__ import annotations

import functools
import math
import re
import tomllib
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from analysis.language.text import clean_line
from analysis.paths import RESOURCES
from analysis.sources.base import InputRejected, ReaderOutput
from analysis.sources.dates import ImpossibleDate, parse_published_at

FIELDS: tuple[str, ...] = ("title", "body", "published_at", "source", "category", "url", "views")
# Names a user may give the field in `--map field=column`, besides the field names themselves.
FIELD_ALIASES: dict[str, str] = {
    "text": "body",
    "content": "body",
    "date": "published_at",
    "published": "published_at",
    "time": "published_at",
    "headline": "title",
    "link": "url",
}
VOCABULARY_FILE = RESOURCES / "column_names.toml"

Row = tuple[int, Mapping[str, Any] | str]  # (line, values) or (line, why the row is unreadable)


@dataclass(frozen=True, slots=True)
class Vocabulary:
    fields: dict[str, tuple[str, ...]]
    source_codes: dict[str, str]
    empty_categories: frozenset[str]
    site_words: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Table:
    columns: tuple[str, ...]
    rows: list[Row]


# --- column mapping ----------------------------------------------------------------------------


def mapping(
    columns: tuple[str, ...], overrides: tuple[tuple[str, str], ...], *, name: str
) -> dict[str, tuple[str, ...]]:
    """For each field, the table's columns that may hold it, in order of preference."""
    by_key: dict[str, str] = {}
    for column in columns:
        by_key.setdefault(_key(column), column)
    vocabulary = load_vocabulary()
    mapping: dict[str, tuple[str, ...]] = {}
    for field in FIELDS:
        found = [by_key[_key(n)] for n in vocabulary.fields.get(field, ()) if _key(n) in by_key]
        if found:
            mapping[field] = tuple(dict.fromkeys(found))
    for field_name, column in overrides:
        field = _field_name(field_name, name=name)
        mapping[field] = (_override_column(column, columns, by_key, name=name),)
    if "body" not in mapping:
        accepted = ", ".join(vocabulary.fields["body"])
        raise InputRejected(
            f"no text column: the columns are {_list(columns)}; a text column is named one of "
            f"{accepted} (or name it with --map body=COLUMN)",
            path=name,
        )
    return mapping


def _field_name(field_name: str, *, name: str) -> str:
    key = field_name.strip().casefold()
    field = FIELD_ALIASES.get(key, key)
    if field not in FIELDS:
        raise InputRejected(
            f"--map {field_name}=…: unknown field {field_name!r}; "
            f"the fields are {', '.join(FIELDS)}",
            path=name,
        )
    return field


def _override_column(
    column: str, columns: tuple[str, ...], by_key: dict[str, str], *, name: str
) -> str:
    if column in columns:
        return column
    if _key(column) in by_key:
        return by_key[_key(column)]
    raise InputRejected(
        f"--map: no column {column!r} in the table; the columns are {_list(columns)}", path=name
    )


def _list(columns: Iterable[str]) -> str:
    shown = [repr(c) for c in list(columns)[:30]]
    return ", ".join(shown) if shown else "(none)"


def _key(column: Any) -> str:
    return unicodedata.normalize("NFKC", str(column)).strip().casefold()


@functools.cache
def load_vocabulary() -> Vocabulary:
    raw = tomllib.loads(VOCABULARY_FILE.read_text(encoding="utf-8"))
    return Vocabulary(
        fields={field: tuple(names) for field, names in raw["fields"].items()},
        source_codes={code.casefold(): value for code, value in raw["source_codes"].items()},
        empty_categories=frozenset(v.casefold() for v in raw["empty_categories"]["values"]),
        site_words=tuple(w.casefold() for w in raw["title_site_words"]["words"]),
    )


# --- values ------------------------------------------------------------------------------------


def text_or_none(value: Any) -> str | None:
    if value is None:
        return None
    text = clean_line(value if isinstance(value, str) else str(value))
    return text or None


def source(value: Any, vocabulary: Vocabulary) -> str | None:
    text = text_or_none(value)
    if text is None:
        return None
    return vocabulary.source_codes.get(text.casefold(), text)


_SEPARATOR = re.compile(r"\s*[|｜│]\s*|\s+[-–—－]\s+")


def trim_title(title: str, source: str | None, category: str | None, vocabulary: Vocabulary) -> str:
    """Cut site suffixes: `X | 娛樂星聞 | 三立新聞網 SETN.COM` → `X`.

    A trailing segment goes when it names the source, holds a site word (新聞網, 電子報, .COM…)
    or is the row's category; once one went, a short section name before it goes too; and two
    short pipe-separated segments at the end (`X | 作者 | 評論`) are taken as metadata.
    """
    names = {n.casefold() for n in (source, category) if n}
    title = _trim_metadata_pair(title)
    trimmed = False
    for _ in range(3):
        separators = list(_SEPARATOR.finditer(title))
        if not separators:
            break
        last = separators[-1]
        head, tail = title[: last.start()].strip(), title[last.end() :].strip()
        folded = tail.casefold()
        site = any(word in folded for word in vocabulary.site_words)
        named = any(n in folded or folded in n for n in names) if folded else False
        pipe = any(mark in last.group(0) for mark in "|｜│")
        section = trimmed and pipe and len(tail) <= 8
        if len(head) < 4 or not (site or named or section):
            break
        title, trimmed = head, True
    return title


_PIPE_TAIL = re.compile(
    r"^(?P<head>.+?)\s*[|｜│]\s*(?P<a>[^|｜│]{1,8}?)\s*[|｜│]\s*(?P<b>[^|｜│]{1,8})$"
)


def _trim_metadata_pair(title: str) -> str:
    """`X | 作者 | 評論` → `X`: two short pipe-separated segments at the end are metadata."""
    match = _PIPE_TAIL.match(title.strip())
    if match is None or len(match.group("head").strip()) < 4:
        return title
    return match.group("head").strip()


def published_at(value: Any, *, where: str, out: ReaderOutput) -> str | None:
    if value is None:
        return None
    if hasattr(value, "isoformat") and hasattr(value, "year"):  # date, datetime, Timestamp
        tz = getattr(value, "tzinfo", None)
        return value.isoformat() if tz is not None else parse_published_at(value.isoformat())
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = value if isinstance(value, str) else str(value)
    try:
        parsed = parse_published_at(text)
    except ImpossibleDate as exc:
        out.warnings.append(f"{where}: {exc}, stored without a date")
        return None
    if parsed is None:
        out.warnings.append(f"{where}: no date in {clean_line(text)[:40]!r}, stored without a date")
    return parsed


_VIEWS = re.compile(r"^(\d+(?:\.\d+)?)\s*([萬万千kKmM]?)")
_VIEW_UNITS = {
    "萬": 10_000,
    "万": 10_000,
    "千": 1_000,
    "k": 1_000,
    "K": 1_000,
    "m": 10**6,
    "M": 10**6,
}


def views(value: Any, *, where: str, out: ReaderOutput) -> int | None:
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if value >= 0 else None
    if isinstance(value, float):
        return int(value) if math.isfinite(value) and value >= 0 else None
    match = _VIEWS.match(str(value).strip().replace(",", ""))
    if match is None:
        out.warnings.append(f"{where}: views {str(value)[:20]!r} is not a number, left empty")
        return None
    return int(float(match.group(1)) * _VIEW_UNITS.get(match.group(2), 1))
