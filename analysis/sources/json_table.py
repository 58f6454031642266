"""JSON and JSON Lines as tables: where the list of articles is, and the line each starts on.

A JSON document holds a list of articles, at the top or under a key such as `articles`,
`data` or `items` (up to three keys deep), or is one article itself. Each item keeps the
line it starts on, for warnings that say `file:line: reason`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from typing import Any

from analysis.sources.base import InputRejected
from analysis.sources.columns import Row, Table

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


def json_line(line: str) -> Mapping[str, Any] | str:
    """One JSON Lines line: its object, or why it is not one."""
    try:
        value = json.loads(line)
    except json.JSONDecodeError as exc:
        return f"invalid JSON ({exc.msg} at column {exc.colno})"
    except RecursionError:
        return "invalid JSON (nested too deeply)"
    if not isinstance(value, dict):
        return f"not a JSON object ({kind(value)})"
    return value


def json_table(text: str, *, name: str) -> Table:
    """A JSON document as a table, one row per article; InputRejected when it holds none."""
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
            return Table(columns_of([document]), rows)
        raise InputRejected(
            f"JSON holds {kind(document)}, not a list of articles or an object with one "
            f"under {' / '.join(LIST_KEYS[:4])}",
            path=name,
        )
    items = _dig(document, path)
    lines = _item_lines(text, path, len(items))
    rows = [
        (line, item if isinstance(item, dict) else f"not a JSON object ({kind(item)})")
        for line, item in zip(lines, items, strict=True)
    ]
    return Table(columns_of(item for item in items if isinstance(item, dict)), rows)


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


def kind(value: Any) -> str:
    """What a JSON value is, for messages: "an object", "a list", "null"…"""
    if value is None:
        return "null"
    return {dict: "an object", list: "a list", str: "a string", bool: "a boolean"}.get(
        type(value), "a number"
    )


def columns_of(rows: Iterable[Any]) -> tuple[str, ...]:
    """Every key that occurs in the rows, in order of first appearance."""
    seen: dict[str, None] = {}
    for row in rows:
        if isinstance(row, dict):
            for key in row:
                seen.setdefault(key, None)
    return tuple(seen)
