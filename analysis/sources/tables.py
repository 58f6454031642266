"""Tables of articles: CSV, TSV, JSON, JSON Lines and Parquet, one article per row.

Columns are mapped to article fields by name (`resources/column_names.toml`: title/標題/标题,
content/內容/正文, publish_date/發布時間, source_name/來源…), case- and width-insensitively;
`--map field=column` overrides the mapping. A table without a text column is rejected, naming the
columns it has and the names that would have been taken. A bad row or line (truncated JSON, a
body that is not text, a lone surrogate, a CSV row with the wrong number of fields) is skipped
with a warning `file:line: reason`; the other rows are kept.
"""

from __future__ import annotations

import csv
import functools
import io
import json
import math
import re
import tomllib
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from analysis.model import Article
from analysis.sources.base import InputRejected, ReaderOutput, ReadOptions
from analysis.sources.dates import ImpossibleDate, parse_published_at
from analysis.sources.encoding import decode
from analysis.text import clean_line, clean_text, detect_lang, squeeze_blank_lines

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
LIST_KEYS: tuple[str, ...] = (
    "articles",
    "data",
    "items",
    "results",
    "records",
    "rows",
    "news",
    "entries",
    "docs",
    "documents",
    "list",
)
VOCABULARY_FILE = Path(__file__).resolve().parent.parent / "resources" / "column_names.toml"
CSV_FIELD_LIMIT = 2**31 - 1  # fields of several MB are normal (whole articles); files are capped

csv.field_size_limit(CSV_FIELD_LIMIT)

Row = tuple[int, Mapping[str, Any] | str]  # (line, values) or (line, why the row is unreadable)


@dataclass(frozen=True, slots=True)
class _Vocabulary:
    fields: dict[str, tuple[str, ...]]
    source_codes: dict[str, str]
    empty_categories: frozenset[str]
    site_words: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class _Table:
    columns: tuple[str, ...]
    rows: list[Row]


# --- the readers -------------------------------------------------------------------------------


def read_csv(data: bytes, *, name: str, options: ReadOptions) -> ReaderOutput:
    return _read_delimited(data, name=name, options=options, delimiter=",")


def read_tsv(data: bytes, *, name: str, options: ReadOptions) -> ReaderOutput:
    return _read_delimited(data, name=name, options=options, delimiter="\t")


def read_json(data: bytes, *, name: str, options: ReadOptions) -> ReaderOutput:
    text, warnings = _decode(data, name=name, options=options)
    table = _json_table(text, name=name)
    return _to_output(table, name=name, options=options, warnings=warnings)


def read_jsonl(data: bytes, *, name: str, options: ReadOptions) -> ReaderOutput:
    text, warnings = _decode(data, name=name, options=options)
    rows: list[Row] = []
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            rows.append((number, _json_line(line)))
    if not rows:
        raise InputRejected("no JSON lines in the file", path=name)
    if all(isinstance(values, str) for _, values in rows):
        raise InputRejected(f"not JSON Lines: line {rows[0][0]}: {rows[0][1]}", path=name)
    table = _Table(_columns_of(values for _, values in rows), rows)
    return _to_output(table, name=name, options=options, warnings=warnings)


def read_parquet(data: bytes, *, name: str, options: ReadOptions) -> ReaderOutput:
    table = _parquet_table(data, name=name)
    return _to_output(table, name=name, options=options, warnings=[])


# --- CSV / TSV ---------------------------------------------------------------------------------


def _read_delimited(
    data: bytes, *, name: str, options: ReadOptions, delimiter: str
) -> ReaderOutput:
    text, warnings = _decode(data, name=name, options=options)
    table = _delimited_table(text, name=name, delimiter=delimiter)
    return _to_output(table, name=name, options=options, warnings=warnings)


def _delimited_table(text: str, *, name: str, delimiter: str) -> _Table:
    """Records split at \\n or \\r\\n only: a bare \\r is a line break inside a field.

    (pandas writes a field holding a bare \\r without quotes; old Mac files that end every line
    with \\r alone, and hold no \\n at all, are read with \\r as the line end.)
    """
    keep_cr = "\n" in text
    marker = _unused_char(text) if keep_cr else ""
    if keep_cr and marker:
        text = re.sub(r"\r(?!\n)", marker, text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
    header: tuple[str, ...] | None = None
    rows: list[Row] = []
    start = 1
    for record in _records(reader):
        line, cells = start, record
        start = reader.line_num + 1
        if isinstance(cells, str):
            rows.append((line, cells))
            continue
        if marker:
            cells = [cell.replace(marker, "\r") for cell in cells]
        if not cells or (len(cells) == 1 and not cells[0].strip()):
            continue  # a blank line
        if header is None:
            header = tuple(cells)
            continue
        if len(cells) != len(header):
            rows.append((line, _wrong_width(len(cells), len(header))))
            continue
        rows.append((line, dict(zip(header, cells, strict=True))))
    if header is None:
        raise InputRejected("empty table: no header row", path=name)
    return _Table(header, rows)


def _records(reader: Any) -> Iterator[list[str] | str]:
    """The reader's records; a record the csv module cannot parse becomes its error text."""
    while True:
        try:
            yield next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield f"unreadable row ({exc})"


def _wrong_width(found: int, expected: int) -> str:
    more = "extra fields" if found > expected else "missing fields"
    return f"{more}: {found} fields, the header has {expected}"


def _unused_char(text: str) -> str:
    for code in range(0xE000, 0xF900):
        if chr(code) not in text:
            return chr(code)
    return ""


# --- JSON and JSON Lines -----------------------------------------------------------------------


def _json_line(line: str) -> Mapping[str, Any] | str:
    try:
        value = json.loads(line)
    except json.JSONDecodeError as exc:
        return f"invalid JSON ({exc.msg} at column {exc.colno})"
    except RecursionError:
        return "invalid JSON (nested too deeply)"
    if not isinstance(value, dict):
        return f"not a JSON object ({_kind(value)})"
    return value


def _json_table(text: str, *, name: str) -> _Table:
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputRejected(
            f"invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}", path=name
        ) from exc
    except RecursionError as exc:
        raise InputRejected("invalid JSON: nested too deeply", path=name) from exc
    path = _list_path(document)
    if path is None:
        if isinstance(document, dict):
            rows: list[Row] = [(1, document)]
            return _Table(_columns_of([document]), rows)
        raise InputRejected(
            f"JSON holds {_kind(document)}, not a list of articles or an object with one "
            f"under {' / '.join(LIST_KEYS[:4])}",
            path=name,
        )
    items = _dig(document, path)
    lines = _item_lines(text, path, len(items))
    rows = [
        (line, item if isinstance(item, dict) else f"not a JSON object ({_kind(item)})")
        for line, item in zip(lines, items, strict=True)
    ]
    return _Table(_columns_of(item for item in items if isinstance(item, dict)), rows)


def _list_path(document: Any, depth: int = 0) -> tuple[str, ...] | None:
    """Keys leading to the list of articles: () for a top-level list, ('data', 'items')…"""
    if isinstance(document, list):
        return ()
    if not isinstance(document, dict) or depth > 2:
        return None
    by_name = {str(key).casefold(): key for key in document}
    for wanted in LIST_KEYS:
        key = by_name.get(wanted)
        if key is not None:
            inner = _list_path(document[key], depth + 1)
            if inner is not None:
                return (key, *inner)
    lists = [key for key, value in document.items() if _is_object_list(value)]
    return (lists[0],) if len(lists) == 1 else None


def _is_object_list(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)


def _dig(document: Any, path: tuple[str, ...]) -> list[Any]:
    for key in path:
        document = document[key]
    return list(document)


def _item_lines(text: str, path: tuple[str, ...], count: int) -> list[int]:
    """The line each list item starts on (item numbers if the text cannot be walked again)."""
    try:
        lines = _walk_to_items(text, path)
    except (ValueError, IndexError, RecursionError):
        lines = []
    return lines if len(lines) == count else list(range(1, count + 1))


_SPACE = re.compile(r"[ \t\n\r]*")


def _walk_to_items(text: str, path: tuple[str, ...]) -> list[int]:
    decoder = json.JSONDecoder()
    pos = _SPACE.match(text, 0).end()  # type: ignore[union-attr]
    for key in path:
        pos = _value_of_key(text, pos, key, decoder)
    if text[pos] != "[":
        raise ValueError("not a list")
    starts: list[int] = []
    pos = _SPACE.match(text, pos + 1).end()  # type: ignore[union-attr]
    while text[pos] != "]":
        starts.append(pos)
        _, pos = decoder.raw_decode(text, pos)
        pos = _SPACE.match(text, pos).end()  # type: ignore[union-attr]
        if text[pos] == ",":
            pos = _SPACE.match(text, pos + 1).end()  # type: ignore[union-attr]
    return _line_numbers(text, starts)


def _value_of_key(text: str, pos: int, wanted: str, decoder: json.JSONDecoder) -> int:
    """Position of the value of `wanted` in the object starting at `pos`."""
    if text[pos] != "{":
        raise ValueError("not an object")
    pos += 1
    while True:
        pos = _SPACE.match(text, pos).end()  # type: ignore[union-attr]
        key, pos = decoder.raw_decode(text, pos)
        pos = _SPACE.match(text, pos).end()  # type: ignore[union-attr]
        if text[pos] != ":":
            raise ValueError("no colon")
        pos = _SPACE.match(text, pos + 1).end()  # type: ignore[union-attr]
        if key == wanted:
            return pos
        _, pos = decoder.raw_decode(text, pos)
        pos = _SPACE.match(text, pos).end()  # type: ignore[union-attr]
        if text[pos] != ",":
            raise ValueError("key not found")
        pos += 1


def _line_numbers(text: str, positions: list[int]) -> list[int]:
    lines, line, last = [], 1, 0
    for pos in positions:
        line += text.count("\n", last, pos)
        last = pos
        lines.append(line)
    return lines


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    return {dict: "an object", list: "a list", str: "a string", bool: "a boolean"}.get(
        type(value), "a number"
    )


# --- Parquet -----------------------------------------------------------------------------------


def _parquet_table(data: bytes, *, name: str) -> _Table:
    import pyarrow.parquet as pq

    try:
        parquet = pq.ParquetFile(io.BytesIO(data))
        columns = tuple(parquet.schema_arrow.names)
        batches = list(parquet.iter_batches(batch_size=4096))
    except Exception as exc:  # pyarrow raises many types (ArrowInvalid, OSError, …) on bad files
        raise InputRejected(f"not a readable Parquet file ({exc})", path=name) from exc
    rows: list[Row] = []
    line = 1
    for batch in batches:
        rows.extend(_batch_rows(batch, first_line=line))
        line += batch.num_rows
    return _Table(columns, rows)


def _batch_rows(batch: Any, *, first_line: int) -> list[Row]:
    try:
        return list(enumerate(batch.to_pylist(), start=first_line))
    except Exception:  # one undecodable value: find the row, keep the others
        rows: list[Row] = []
        for offset in range(batch.num_rows):
            try:
                rows.append((first_line + offset, batch.slice(offset, 1).to_pylist()[0]))
            except Exception as exc:  # pyarrow: invalid UTF-8, overflow…
                rows.append((first_line + offset, f"unreadable row ({exc})"))
        return rows


# --- from rows to articles ---------------------------------------------------------------------


def _to_output(
    table: _Table, *, name: str, options: ReadOptions, warnings: list[str]
) -> ReaderOutput:
    mapping = _mapping(table.columns, options.column_map, name=name)
    vocabulary = _vocabulary()
    out = ReaderOutput(warnings=list(warnings))
    for line, values in table.rows:
        where = f"{name}:{line}"
        if isinstance(values, str):
            out.warnings.append(f"{where}: {values}, skipped")
            continue
        article = _article(values, mapping, where=where, vocabulary=vocabulary, out=out)
        if article is not None:
            out.articles.append(article)
    return out


def _article(
    values: Mapping[str, Any],
    mapping: dict[str, tuple[str, ...]],
    *,
    where: str,
    vocabulary: _Vocabulary,
    out: ReaderOutput,
) -> Article | None:
    """The row as an article, or None (with a warning saying why) when it must be skipped."""
    raw = {field: _first_value(values, columns) for field, columns in mapping.items()}
    problem = _row_problem(raw)
    if problem:
        out.warnings.append(f"{where}: {problem}, skipped")
        return None
    body = squeeze_blank_lines(clean_text(raw["body"]))
    if not body:
        out.warnings.append(f"{where}: the text is empty, skipped")
        return None
    source = _source(raw.get("source"), vocabulary)
    category = _text_or_none(raw.get("category"))
    title = _trim_title(_text_or_none(raw.get("title")) or "", source, category, vocabulary)
    if category is not None and category.casefold() in vocabulary.empty_categories:
        category = None
    return Article(
        title=title,
        body=body,
        published_at=_published_at(raw.get("published_at"), where=where, out=out),
        source=source,
        category=category,
        views=_views(raw.get("views"), where=where, out=out),
        url=_text_or_none(raw.get("url")),
        lang=detect_lang(f"{title}\n{body}"),
        origin=where,
    )


def _row_problem(raw: dict[str, Any]) -> str | None:
    body = raw.get("body")
    if body is None:
        return "no text"
    if not isinstance(body, str):
        return f"the text is not a string ({_kind(body)})"
    for field, value in raw.items():
        if isinstance(value, (list, dict)) and field != "body":
            return f"{field} is {_kind(value)}, not a single value"
        if isinstance(value, str) and not _encodable(value):
            return f"invalid Unicode in {field} (a lone surrogate such as \\ud800)"
    return None


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _first_value(values: Mapping[str, Any], columns: tuple[str, ...]) -> Any:
    """The first of `columns` that holds a value in this row (blank strings and NaN do not)."""
    for column in columns:
        value = values.get(column)
        if value is None:
            continue
        if isinstance(value, str) and not value.strip():
            continue
        if isinstance(value, float) and math.isnan(value):
            continue
        return value
    return None


def _text_or_none(value: Any) -> str | None:
    if value is None:
        return None
    text = clean_line(value if isinstance(value, str) else str(value))
    return text or None


def _source(value: Any, vocabulary: _Vocabulary) -> str | None:
    text = _text_or_none(value)
    if text is None:
        return None
    return vocabulary.source_codes.get(text.casefold(), text)


_SEPARATOR = re.compile(r"\s*[|｜│]\s*|\s+[-–—－]\s+")


def _trim_title(
    title: str, source: str | None, category: str | None, vocabulary: _Vocabulary
) -> str:
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


def _published_at(value: Any, *, where: str, out: ReaderOutput) -> str | None:
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


def _views(value: Any, *, where: str, out: ReaderOutput) -> int | None:
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


# --- column mapping ----------------------------------------------------------------------------


def _mapping(
    columns: tuple[str, ...], overrides: tuple[tuple[str, str], ...], *, name: str
) -> dict[str, tuple[str, ...]]:
    """For each field, the table's columns that may hold it, in order of preference."""
    by_key: dict[str, str] = {}
    for column in columns:
        by_key.setdefault(_key(column), column)
    vocabulary = _vocabulary()
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


def _columns_of(rows: Iterable[Any]) -> tuple[str, ...]:
    """Every key that occurs in the rows, in order of first appearance."""
    seen: dict[str, None] = {}
    for row in rows:
        if isinstance(row, dict):
            for key in row:
                seen.setdefault(key, None)
    return tuple(seen)


@functools.cache
def _vocabulary() -> _Vocabulary:
    raw = tomllib.loads(VOCABULARY_FILE.read_text(encoding="utf-8"))
    return _Vocabulary(
        fields={field: tuple(names) for field, names in raw["fields"].items()},
        source_codes={code.casefold(): value for code, value in raw["source_codes"].items()},
        empty_categories=frozenset(v.casefold() for v in raw["empty_categories"]["values"]),
        site_words=tuple(w.casefold() for w in raw["title_site_words"]["words"]),
    )


def _decode(data: bytes, *, name: str, options: ReadOptions) -> tuple[str, list[str]]:
    decoded = decode(data, name=name, override=options.encoding)
    return decoded.text, [f"{name}: {warning}" for warning in decoded.warnings]
