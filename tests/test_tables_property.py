"""Property tests: the table and digest readers raise nothing but InputRejected, whatever
they are given, and a CSV written by pandas reads back row for row."""

from __future__ import annotations

import io
from collections.abc import Callable

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.language.text import clean_text, squeeze_blank_lines
from analysis.sources.base import InputRejected, ReaderOutput, ReadOptions
from analysis.sources.digest import read_digest
from analysis.sources.tables import read_csv, read_json, read_jsonl, read_parquet, read_tsv

OPTIONS = ReadOptions()
READERS: dict[str, Callable[..., ReaderOutput]] = {
    "x.csv": read_csv,
    "x.tsv": read_tsv,
    "x.json": read_json,
    "x.jsonl": read_jsonl,
    "x.parquet": read_parquet,
    "20240619.md": read_digest,
}
PROFILE = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Pieces of the formats, so that the generated inputs get past the first checks.
TOKENS = [
    "{",
    "}",
    "[",
    "]",
    '"',
    ",",
    ":",
    "\n",
    "\r",
    "\r\n",
    "\t",
    " ",
    "null",
    "true",
    "1",
    "-2.5e3",
    '"body"',
    '"title"',
    '"content"',
    '"標題"',
    '"date"',
    '"2024-02-30"',
    '"2023年9月14日 16:41"',
    '"\\ud800"',
    '"\\u0000"',
    "\\",
    "正文",
    "新闻",
    "title,body",
    "body\ttitle",
    '"articles"',
    "### ",
    "# 《新闻联播》 (20240230)",
    "<p>",
    "</p>",
    "<strong>",
    "</strong>",
    "<br>",
    "[查看原文](https://x)",
    "(更新时间戳: 1)",
    "国际联播快讯",
    "央视网消息",
    "PAR1",
    "\ufeff",
    "\u2028",
    "\x00",
    "萬",
    "=1+1",
]
structured_text = st.lists(st.sampled_from(TOKENS) | st.text(max_size=5), max_size=60).map("".join)


def _read_only_rejects(reader: Callable[..., ReaderOutput], data: bytes, name: str) -> None:
    try:
        out = reader(data, name=name, options=OPTIONS)
    except InputRejected:
        return
    for article in out.articles:
        assert article.body
        article.body.encode("utf-8")  # no lone surrogate got through
        article.title.encode("utf-8")


@PROFILE
@given(data=st.binary(max_size=2000))
def test_arbitrary_bytes(data: bytes) -> None:
    for name, reader in READERS.items():
        _read_only_rejects(reader, data, name)


@PROFILE
@given(text=st.text(max_size=500))
def test_arbitrary_text(text: str) -> None:
    for name, reader in READERS.items():
        _read_only_rejects(reader, text.encode("utf-8"), name)


@PROFILE
@given(text=structured_text)
def test_text_made_of_format_pieces(text: str) -> None:
    for encoding in ("utf-8", "utf-16"):
        data = text.encode(encoding, errors="surrogatepass")
        for name, reader in READERS.items():
            _read_only_rejects(reader, data, name)


@PROFILE
@given(data=st.binary(max_size=500))
def test_parquet_lookalikes(data: bytes) -> None:
    _read_only_rejects(read_parquet, b"PAR1" + data + b"PAR1", "x.parquet")


# Text an export could hold: no surrogates and no control characters other than \t \n \r.
cell_text = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs", "Cc"))
    | st.sampled_from(["\n", "\r", "\t", '"', ",", " "]),
    max_size=40,
)
body_text = cell_text.filter(lambda s: squeeze_blank_lines(clean_text(s)) != "")


@PROFILE
@given(
    rows=st.lists(st.tuples(cell_text, body_text, st.integers(0, 10**9)), min_size=1, max_size=20)
)
def test_csv_written_by_pandas_reads_back_row_for_row(rows: list[tuple[str, str, int]]) -> None:
    frame = pd.DataFrame(rows, columns=["title", "body", "views"])
    buffer = io.StringIO()
    frame.to_csv(buffer, index=False)
    out = read_csv(buffer.getvalue().encode("utf-8"), name="p.csv", options=OPTIONS)
    assert len(out.articles) == len(rows), out.warnings
    for article, (_, body, views) in zip(out.articles, rows, strict=True):
        assert article.body == squeeze_blank_lines(clean_text(body))
        assert article.views == views
