"""Downloads and command-line output: CSV that spreadsheets open safely, and JSON Lines.

CSV is UTF-8 with a BOM (so Excel shows Chinese), rows end in CRLF (a bare CR inside a cell
then stays inside its quoted cell), and every cell, headers too, whose first character (after
leading spaces, quotes and ideographic spaces) could start a formula gets a `'` in front:
= + - @ tab CR LF and their full-width forms. Numbers stay numbers.
"""

from __future__ import annotations

import csv
import io
import json
import math
from collections.abc import Iterable
from typing import Any

import pandas as pd

_TRIGGERS = frozenset("=+-@\t\r\n＝＋－＠")
_LEADING = " \"'\u3000"


def neutralize(value: Any) -> Any:
    """A cell that cannot run as a formula; non-strings are returned unchanged."""
    if not isinstance(value, str) or not value:
        return value
    stripped = value.lstrip(_LEADING)
    if value[0] in _TRIGGERS or (stripped and stripped[0] in _TRIGGERS):
        return "'" + value
    return value


def to_csv_bytes(frame: pd.DataFrame) -> bytes:
    """The frame as a safe CSV download (see the module docstring)."""
    safe = frame.copy()
    safe.columns = [neutralize(str(c)) for c in safe.columns]
    for column in safe.columns:
        if safe[column].dtype == object or pd.api.types.is_string_dtype(safe[column]):
            safe[column] = safe[column].map(_cell)
    buffer = io.StringIO()
    safe.to_csv(buffer, index=False, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    return b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8")


def _cell(value: Any) -> Any:
    if isinstance(value, list | tuple):
        value = "|".join(str(v) for v in value)
    elif hasattr(value, "tolist") and not isinstance(value, str):
        value = "|".join(str(v) for v in value.tolist())
    return neutralize(value)


def json_value(value: Any) -> Any:
    """A value JSON can hold: NaN/NaT become null, arrays become lists, dates ISO strings."""
    if value is None:
        return None
    if hasattr(value, "tolist") and not isinstance(value, str):
        return [json_value(v) for v in value.tolist()]
    if isinstance(value, float) and math.isnan(value):
        return None
    if value is pd.NaT:
        return None
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if hasattr(value, "item"):
        return value.item()
    return value


def to_json_lines(rows: Iterable[dict[str, Any]]) -> str:
    return "".join(
        json.dumps({k: json_value(v) for k, v in row.items()}, ensure_ascii=False) + "\n"
        for row in rows
    )


def frame_to_json_lines(frame: pd.DataFrame) -> str:
    return to_json_lines(frame.to_dict(orient="records"))
