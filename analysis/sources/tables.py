"""Tables of articles: CSV, TSV, JSON, JSON Lines and Parquet, one article per row.

Each format is read into a `columns.Table` (JSON and JSON Lines by `json_table`); its columns
are mapped to article fields by name, or by `--map field=column` (`columns.mapping`), and its
values cleaned (`columns`). A table without a text column is rejected, naming the
columns it has and the names that would have been taken. A bad row or line (truncated JSON, a
body that is not text, a lone surrogate, a CSV row with the wrong number of fields) is skipped
with a warning `file:line: reason`; the other rows are kept.
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Iterator, Mapping
from typing import Any

from analysis.language.text import clean_text, detect_lang, squeeze_blank_lines
from analysis.model import Article
from analysis.sources import columns as cols
from analysis.sources.base import InputRejected, ReaderOutput, ReadOptions
from analysis.sources.encoding import decode
from analysis.sources.json_table import columns_of, json_line, json_table, kind

CSV_FIELD_LIMIT = 2**31 - 1  # fields of several MB are normal (whole articles); files are capped

csv.field_size_limit(CSV_FIELD_LIMIT)

# --- the readers -------------------------------------------------------------------------------


def read_csv(data: bytes, *, name: str, options: ReadOptions) -> ReaderOutput:
    return _read_delimited(data, name=name, options=options, delimiter=",")


def read_tsv(data: bytes, *, name: str, options: ReadOptions) -> ReaderOutput:
    return _read_delimited(data, name=name, options=options, delimiter="\t")


def read_json(data: bytes, *, name: str, options: ReadOptions) -> ReaderOutput:
    text, warnings = _decode(data, name=name, options=options)
    table = json_table(text, name=name)
    return _to_output(table, name=name, options=options, warnings=warnings)


def read_jsonl(data: bytes, *, name: str, options: ReadOptions) -> ReaderOutput:
    text, warnings = _decode(data, name=name, options=options)
    rows: list[cols.Row] = []
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            rows.append((number, json_line(line)))
    if not rows:
        raise InputRejected("no JSON lines in the file", path=name)
    if all(isinstance(values, str) for _, values in rows):
        raise InputRejected(f"not JSON Lines: line {rows[0][0]}: {rows[0][1]}", path=name)
    table = cols.Table(columns_of(values for _, values in rows), rows)
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


def _delimited_table(text: str, *, name: str, delimiter: str) -> cols.Table:
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
    rows: list[cols.Row] = []
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
    return cols.Table(header, rows)


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


# --- Parquet -----------------------------------------------------------------------------------


def _parquet_table(data: bytes, *, name: str) -> cols.Table:
    import pyarrow.parquet as pq

    try:
        parquet = pq.ParquetFile(io.BytesIO(data))
        columns = tuple(parquet.schema_arrow.names)
        batches = list(parquet.iter_batches(batch_size=4096))
    except Exception as exc:  # pyarrow raises many types (ArrowInvalid, OSError, …) on bad files
        raise InputRejected(f"not a readable Parquet file ({exc})", path=name) from exc
    rows: list[cols.Row] = []
    line = 1
    for batch in batches:
        rows.extend(_batch_rows(batch, first_line=line))
        line += batch.num_rows
    return cols.Table(columns, rows)


def _batch_rows(batch: Any, *, first_line: int) -> list[cols.Row]:
    try:
        return list(enumerate(batch.to_pylist(), start=first_line))
    except Exception:  # one undecodable value: find the row, keep the others
        rows: list[cols.Row] = []
        for offset in range(batch.num_rows):
            try:
                rows.append((first_line + offset, batch.slice(offset, 1).to_pylist()[0]))
            except Exception as exc:  # pyarrow: invalid UTF-8, overflow…
                rows.append((first_line + offset, f"unreadable row ({exc})"))
        return rows


# --- from rows to articles ---------------------------------------------------------------------


def _to_output(
    table: cols.Table, *, name: str, options: ReadOptions, warnings: list[str]
) -> ReaderOutput:
    mapping = cols.mapping(table.columns, options.column_map, name=name)
    vocabulary = cols.load_vocabulary()
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
    vocabulary: cols.Vocabulary,
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
    source = cols.source(raw.get("source"), vocabulary)
    category = cols.text_or_none(raw.get("category"))
    title = cols.trim_title(cols.text_or_none(raw.get("title")) or "", source, category, vocabulary)
    if category is not None and category.casefold() in vocabulary.empty_categories:
        category = None
    return Article(
        title=title,
        body=body,
        published_at=cols.published_at(raw.get("published_at"), where=where, out=out),
        source=source,
        category=category,
        views=cols.views(raw.get("views"), where=where, out=out),
        url=cols.text_or_none(raw.get("url")),
        lang=detect_lang(f"{title}\n{body}"),
        origin=where,
    )


def _row_problem(raw: dict[str, Any]) -> str | None:
    body = raw.get("body")
    if body is None:
        return "no text"
    if not isinstance(body, str):
        return f"the text is not a string ({kind(body)})"
    for field, value in raw.items():
        if isinstance(value, (list, dict)) and field != "body":
            return f"{field} is {kind(value)}, not a single value"
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


def _decode(data: bytes, *, name: str, options: ReadOptions) -> tuple[str, list[str]]:
    decoded = decode(data, name=name, override=options.encoding)
    return decoded.text, [f"{name}: {warning}" for warning in decoded.warnings]
