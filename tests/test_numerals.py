"""Chinese and Arabic quantities: values, bounds, the approximate flag, and spans."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis.language import numerals
from analysis.language.numerals import find_quantities, parse_quantity


@pytest.mark.parametrize(
    ("chunk", "value", "unit", "approximate", "low", "high"),
    [
        ("10枚", 10, "枚", False, 10, 10),
        ("三十二架", 32, "架", False, 32, 32),
        ("兩艘", 2, "艘", False, 2, 2),
        ("两艘", 2, "艘", False, 2, 2),
        ("1萬1000人", 11000, "人", False, 11000, 11000),
        ("1.2万人", 12000, "人", False, 12000, 12000),
        ("500多枚", 500, "枚", True, 500, None),
        ("逾30人", 30, "人", True, 30, None),
        ("至少24人", 24, "人", True, 24, None),
        ("數十人", None, "人", True, 20, 90),
        ("几十架", None, "架", True, 20, 90),
        ("十幾架", 10, "架", True, 11, 19),
        ("十余人", 10, "人", True, 11, 19),
        ("1,200名", 1200, "名", False, 1200, 1200),
        ("近百人", 100, "人", True, None, 100),
        ("上千人", 1000, "人", True, 1000, None),
        ("兩百多枚", 200, "枚", True, 200, None),
        ("一萬兩千發", 12000, "發", False, 12000, 12000),
        ("約650公里", 650, "公里", True, 650, 650),
        ("超过4.5万枚", 45000, "枚", True, 45000, None),
        ("50人左右", 50, "人", True, 50, 50),
        ("多架", None, "架", True, 2, None),
        ("１０枚", 10, "枚", False, 10, 10),
    ],
)
def test_quantity_chunks_parse_to_value_and_bounds(
    chunk: str, value: int | None, unit: str, approximate: bool, low: int | None, high: int | None
) -> None:
    q = parse_quantity(chunk)
    assert q is not None
    assert (q.value, q.unit, q.approximate, q.low, q.high) == (value, unit, approximate, low, high)


def test_seed_sentence_gives_each_count_with_its_span() -> None:
    text = (
        "俄羅斯國防部表示,烏克蘭向塞瓦斯托波爾發射了10枚巡航導彈,其中7枚被攔截,但俄軍兩艘艦艇受損。"
    )
    found = find_quantities(text)
    assert [(text[q.start : q.end], q.value) for q in found] == [
        ("10枚", 10),
        ("7枚", 7),
        ("兩艘", 2),
    ]


@pytest.mark.parametrize(
    "text",
    ["第三架飛機", "F-16架", "千人計劃", "二〇二三年", "機上", "今天天氣很好"],
)
def test_ordinals_model_numbers_and_words_are_not_counts(text: str) -> None:
    assert find_quantities(text) == []


def test_place_word_before_a_number_is_not_a_qualifier() -> None:
    (q,) = find_quantities("機場附近5人受傷")
    assert (q.value, q.approximate) == (5, False)


def test_parse_quantity_rejects_what_is_not_one_quantity() -> None:
    assert parse_quantity("導彈") is None
    assert parse_quantity("") is None


@given(st.text())
def test_find_quantities_never_raises_and_spans_lie_inside(text: str) -> None:
    for q in find_quantities(text):
        assert 0 <= q.start < q.end <= len(text)
        assert text[q.start : q.end] == q.text


@given(
    st.text(
        alphabet="零〇一二兩两三四五六七八九十百千萬万億亿點点數数幾几多餘余近逾約上0123456789.,枚架人名"
    )
)
def test_find_quantities_survives_numeral_soup(text: str) -> None:
    for q in find_quantities(text):
        assert q.value is None or q.value >= 0
        assert text[q.start : q.end] == q.text


# Pieces of text: every qualifier, numerals of each kind, measure words, and words that share
# a character with them (最多 and 多于 hold 多, which also begins a number).
_QUANTITY_PIECES = [
    *numerals._QUALIFIERS,
    *numerals._LOWER_BOUND,
    *"零一二两兩三十百千万萬數数幾几多若0１5.,",
    "若干",
    "32",
    "1,200",
    *numerals._UNITS[:12],
    *"的了在第年",
    "很多",
    "一些",
]


_QUALIFIED = st.tuples(
    st.sampled_from(["", *numerals._QUALIFIERS, *numerals._LOWER_BOUND]),
    st.sampled_from(["5", "1,200", "三十", "多", "数十", "几", "若干", "百"]),
    st.sampled_from(["人", "枚", "公里", "的", ""]),
).map("".join)


def test_every_qualifier_the_pattern_knows_is_one_the_start_search_knows() -> None:
    # _pattern_matches looks back at most the longest listed qualifier: a qualifier added to
    # the pattern alone would be missed.
    in_pattern = {
        re.sub(r"\(\?=.*\)$", "", q).replace("\\", "") for q in numerals._QUAL_RE.split("|")
    }
    assert in_pattern <= {*numerals._QUALIFIERS, *numerals._LOWER_BOUND}


@given(st.lists(st.one_of(_QUALIFIED, st.sampled_from(_QUANTITY_PIECES)), max_size=8).map("".join))
def test_quantities_are_looked_for_everywhere_a_match_can_start(text: str) -> None:
    # find_quantities tries its pattern only near characters that begin a number; it must
    # find exactly the matches a scan of every position finds.
    everywhere = [m.span() for m in numerals._PATTERN.finditer(text)]
    assert [m.span() for m in numerals._pattern_matches(text)] == everywhere


@pytest.mark.parametrize(
    ("text", "value", "low", "high", "span"),
    [
        ("造成50—60人受傷", 50, 50, 60, "50—60人"),
        ("3至5名士兵", 3, 3, 5, "3至5名"),
        ("10-15架無人機", 10, 10, 15, "10-15架"),
        ("十到二十人", 10, 10, 20, "十到二十人"),
    ],
)
def test_a_range_is_its_lower_bound_and_approximate(
    text: str, value: int, low: int, high: int, span: str
) -> None:
    (q,) = find_quantities(text)
    assert (q.value, q.low, q.high, q.approximate, q.text) == (value, low, high, True, span)


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("F-16 2架", [2]),  # a model number, then a count: not a range
        ("21日晚至22日", []),  # dates
        ("60—50人", [50]),  # not increasing: not a range
    ],
)
def test_what_only_looks_like_a_range(text: str, values: list[int]) -> None:
    assert [q.value for q in find_quantities(text)] == values
