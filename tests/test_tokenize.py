"""Segmentation and term counts: what a user sees in the word cloud and the `terms` view."""

from __future__ import annotations

import re

import pytest
from gazetteer_fixture import fixture_gazetteer, shipped_or_fixture_gazetteer
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.language.text import to_simplified
from analysis.language.tokenize import is_term
from tests.language_helpers import analyzer_for, count_terms, segment

GAZ = fixture_gazetteer()

SENTENCE_HANT = "俄羅斯國防部表示，烏克蘭向塞瓦斯托波爾發射了10枚巡航導彈，其中7枚被攔截。"


def words(text: str) -> list[str]:
    return [t.text for t in segment(text, gazetteer=GAZ)]


def test_tokens_keep_the_original_script() -> None:
    tokens = words(SENTENCE_HANT)
    assert "塞瓦斯托波爾" in tokens
    assert "巡航導彈" in tokens
    assert "".join(tokens) == SENTENCE_HANT


def test_traditional_and_simplified_segment_alike() -> None:
    hant = segment(SENTENCE_HANT, gazetteer=GAZ)
    hans = segment(to_simplified(SENTENCE_HANT), gazetteer=GAZ)
    assert [(t.start, t.end, t.key) for t in hant] == [(t.start, t.end, t.key) for t in hans]


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("俄羅斯總統新聞秘書佩斯科夫在會談結束後表示", "佩斯科夫"),
        ("普京與金正恩在東方航天發射場會晤", "東方航天發射場"),
        ("普丁表示，烏克蘭毫無和談誠意", "普丁"),
        ("俄国防部称击落无人机", "俄国防部"),
        ("朝鮮向東部海域發射了一枚彈道導彈", "彈道導彈"),
    ],
)
def test_names_and_domain_terms_are_never_split(sentence: str, name: str) -> None:
    assert name in words(sentence)


def test_every_gazetteer_spelling_stays_whole_in_a_sentence() -> None:
    gazetteer = shipped_or_fixture_gazetteer()
    tokenizer = analyzer_for(gazetteer).tokenizer
    split = [
        alias
        for alias in gazetteer.aliases
        if all("\u4e00" <= c <= "\u9fff" for c in alias)
        and alias not in tokenizer.segment(f"据报道，{alias}表示").words
    ]
    assert split == []


def test_terms_are_keyed_by_simplified_form_so_both_scripts_count_the_same() -> None:
    hant = count_terms("烏克蘭無人機襲擊，俄軍擊落無人機。", gazetteer=GAZ)
    hans = count_terms("乌克兰无人机袭击，俄军击落无人机。", gazetteer=GAZ)
    assert hant == hans
    assert hans["无人机"] == 2


def test_boilerplate_and_function_words_are_not_terms() -> None:
    terms = count_terms(
        "記者今天報道，外交部發言人表示，此外雙方以及各國進行了會談。", gazetteer=GAZ
    )
    for stop in ("记者", "今天", "报道", "表示", "此外", "以及", "进行"):
        assert stop not in terms
    assert "会谈" in terms


def test_numbers_dates_and_single_characters_are_not_terms() -> None:
    terms = count_terms("2023年9月13日，三十二架无人机在650公里外被击落。", gazetteer=GAZ)
    assert all(len(t) >= 2 for t in terms)
    assert not {"2023", "三十二", "650", "13日"} & set(terms)
    assert "无人机" in terms


chinese_text = st.text(
    alphabet=st.sampled_from(
        list("俄烏羅斯朝鮮韓國美日中普京導彈無人機發射了的是 ，。、12３abc\n「」")
    ),
    max_size=80,
)


@settings(max_examples=200, deadline=None)
@given(chinese_text)
def test_segmentation_partitions_the_text(text: str) -> None:
    tokens = segment(text, gazetteer=GAZ)
    assert "".join(t.text for t in tokens) == text
    assert all(text[t.start : t.end] == t.text for t in tokens)


@settings(max_examples=200, deadline=None)
@given(chinese_text)
def test_count_terms_never_returns_a_single_character_or_a_number(text: str) -> None:
    for term, count in count_terms(text, gazetteer=GAZ).items():
        assert len(term) >= 2 and count >= 1
        assert not term.replace(".", "").isdigit()
        assert is_term(term)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=60))
def test_any_unicode_text_is_partitioned(text: str) -> None:
    assert "".join(t.text for t in segment(text, gazetteer=GAZ)) == text


def _is_term_by_three_tests(word: str) -> bool:
    """`is_term` as it was written first, one regex per condition: the reference."""
    numeral = (
        r"[第约近逾]?[\d.,%％０-９零〇一二两三四五六七八九十百千万亿几数多余半来]+"
        r"[年月日号时分秒点个次倍岁]?"
    )
    return (
        len(word) >= 2
        and re.search(r"[A-Za-z\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]", word) is not None
        and re.search(r"[\s\W_]", word) is None
        and re.fullmatch(numeral, word) is None
    )


@settings(max_examples=500)
@given(st.text(alphabet="导弹第约三十两万5０.,%年月个 _-aZé１\n😀", max_size=6))
def test_the_one_pass_term_test_agrees_with_the_three_tests(word: str) -> None:
    assert is_term(word) == _is_term_by_three_tests(word)
