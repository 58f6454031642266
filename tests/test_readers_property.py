"""Property tests: the text and HTML readers raise nothing but InputRejected, are deterministic,
and never lose a sentence of the seed's own text."""

from __future__ import annotations

import contextlib
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.sources.base import InputRejected, ReaderOutput, ReadOptions
from analysis.sources.encoding import decode
from analysis.sources.html_page import read_html
from analysis.sources.text_page import read_text
from tests.conftest import SEED

OPTIONS = ReadOptions()
PROFILE = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SEED_TEXT = SEED.read_text(encoding="utf-8")
SEED_LINES = [line.strip() for line in SEED_TEXT.split("\n") if line.strip()]
SEED_TITLE = SEED_LINES[0]
SEED_OWN_LINES = [  # body paragraphs: before the recommendation block, no caption/date/title
    line
    for line in SEED_LINES[2 : SEED_LINES.index("國際分類資訊推薦")]
    if not line.endswith(" - 天天要聞")
]
SEED_SENTENCES = [s for line in SEED_OWN_LINES for s in re.findall(r"[^。？！]+[。？！]?", line)]

CHINESE_LINES = st.sampled_from(
    [
        *SEED_LINES[:40],
        "2023年02月30日 國際",
        "來源：中央社",
        "责任编辑：张三",
        "相關新聞",
        "延伸閱讀：北韓試射飛彈",
        "下載APP 抽好禮",
        "版權所有 © 2024",
        "",
        "   ",
        "\ufeff",
        "<p>",
        "2024年03月18日 09:12 國際 99999999999999999999999",
    ]
)
MIXED_TEXT = st.lists(st.one_of(CHINESE_LINES, st.text(max_size=60)), max_size=30).map("\n".join)
HTML_TEXT = st.lists(
    st.one_of(
        CHINESE_LINES.map(lambda line: f"<p>{line}</p>"),
        st.sampled_from(
            [
                "<div>",
                "</div>",
                "<script>var a=1;</script>",
                "<article>",
                "<h1>",
                "</h1>",
                '<meta property="article:published_time" content="2023-02-30T10:00">',
                '<meta charset="big5">',
                "<nav>首頁</nav>",
                "<!--",
                "<![CDATA[",
                "&#0;",
                "&amp;",
            ]
        ),
        st.text(max_size=40),
    ),
    max_size=30,
).map("".join)


def _read_or_reject(reader, data: bytes) -> ReaderOutput | None:  # type: ignore[no-untyped-def]
    try:
        return reader(data, name="prop", options=OPTIONS)
    except InputRejected:
        return None


@PROFILE
@given(st.binary(max_size=2000))
def test_arbitrary_bytes_only_ever_rejected(data: bytes) -> None:
    for reader in (read_text, read_html):
        _read_or_reject(reader, data)
    with contextlib.suppress(InputRejected):
        decode(data, name="prop")


@PROFILE
@given(st.text(max_size=500))
def test_arbitrary_text_only_ever_rejected(text: str) -> None:
    for reader in (read_text, read_html):
        _read_or_reject(reader, text.encode("utf-8"))


@PROFILE
@given(MIXED_TEXT, st.sampled_from(["utf-8", "utf-16", "gb18030", "big5hkscs"]))
def test_mixed_chinese_lines_only_ever_rejected_and_deterministic(text: str, codec: str) -> None:
    data = text.encode(codec, errors="ignore")
    first = _read_or_reject(read_text, data)
    second = _read_or_reject(read_text, data)
    assert first == second
    for article in first.articles if first else []:
        article.body.encode("utf-8")  # always valid text (no lone surrogates)
        assert "\x00" not in article.body


@PROFILE
@given(HTML_TEXT)
def test_html_fragments_only_ever_rejected_and_deterministic(html: str) -> None:
    data = html.encode("utf-8")
    assert _read_or_reject(read_html, data) == _read_or_reject(read_html, data)


@settings(max_examples=50, deadline=None)
@given(st.sampled_from(SEED_SENTENCES))
def test_every_seed_sentence_reaches_the_body(sentence: str) -> None:
    article = read_text(SEED.read_bytes(), name="seed", options=OPTIONS).articles[0]
    assert sentence in article.body


@settings(max_examples=50, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=len(SEED_OWN_LINES)), max_size=8))
def test_extra_caption_lines_never_change_the_body(positions: list[int]) -> None:
    expected = read_text(SEED.read_bytes(), name="seed", options=OPTIONS).articles[0]
    own = list(SEED_OWN_LINES)
    for position in sorted(positions, reverse=True):
        own.insert(position, f"{SEED_TITLE} - 天天要聞")
    rest = SEED_LINES[SEED_LINES.index("國際分類資訊推薦") :]
    text = "\n\n".join([SEED_TITLE, SEED_LINES[1], *own, *rest])
    article = read_text(text.encode(), name="seed", options=OPTIONS).articles[0]
    assert article.body == expected.body
    assert article.published_at == expected.published_at
