"""jieba's segmentation in C (analysis/accel/segmenter.c): it must cut exactly as rjieba does,
since every entity, event and term count of the dashboard starts from its tokens."""

from __future__ import annotations

from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import rjieba
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis import accel
from analysis.accel.segmenter import load_segmenter
from analysis.language.gazetteer import load_gazetteer
from analysis.language.tokenize import (
    DOMAIN_TERMS_FILE,
    Tokenizer,
    dictionary_words,
    read_word_list,
    simplified_key,
    user_words_from,
)
from tests.conftest import ROOT, SEED

SAMPLES = [SEED, *sorted((ROOT / "data" / "sample" / "written").glob("*.*"))]

# Characters where jieba's rules differ: CJK inside and outside the HMM's range (U+9FD6..),
# extension A and B, compatibility ideographs, ASCII letters and digits with the connectors
# that join them (. _ -) and the block characters that do not (+ # & %), full-width forms,
# punctuation, white space, \r\n, an emoji; and words of the dictionary and of our gazetteer.
ALPHABET = [
    *"aZ09.-_%+#&",
    *"中国人民我们出了一个叛徒美俄乌克兰普京导弹无人机的是在发射枚",
    *"\u9fd6\u9fff\u3400\uf900\U00020000\U0002a700",
    *"，。！、 \t\n\r\u3000·—１Ａ",
    "👪",
    "金正恩",
    "巡航导弹",
    "F-16",
]


@pytest.fixture(scope="module")
def pair():
    """The C segmenter and rjieba, both given our user dictionary as the tokenizer gives it;
    each user word must get the same frequency in both."""
    segmenter = load_segmenter()
    if segmenter is None:
        pytest.skip("the C segmenter is not compiled (scripts/build_native.py): rjieba cuts")
    reference = rjieba.Jieba()
    user_words = user_words_from(load_gazetteer(), read_word_list(DOMAIN_TERMS_FILE))
    words = dictionary_words(user_words)
    assert len(words) > 3000
    given = [(reference.add_word(w, None, tag), segmenter.add_word(w)) for w, tag in words.items()]
    assert [ours for _, ours in given] == [theirs for theirs, _ in given]
    return segmenter, reference


def test_it_cuts_the_seed_and_the_samples_as_rjieba_does(pair) -> None:
    segmenter, reference = pair
    for path in SAMPLES:
        key = simplified_key(path.read_bytes().decode("utf-8", errors="replace"))
        tokens = segmenter.cut(key)
        assert tokens == reference.cut(key), path.name
        assert "".join(tokens) == key
    seed = segmenter.cut(simplified_key(SEED.read_text(encoding="utf-8")))
    assert {"普京", "金正恩", "塞瓦斯托波尔", "巡航导弹"} <= set(seed)


def test_it_cuts_the_real_corpora_as_rjieba_does(pair, corpora: Path) -> None:
    segmenter, reference = pair
    files = sorted(corpora.glob("xwlb-cctv-zh-hans/news/*.md"))[::10]
    files += sorted(p for p in corpora.glob("tw-news-2025-11-zh-hant/**/*") if p.is_file())
    assert len(files) > 50
    for path in files:
        key = simplified_key(path.read_bytes().decode("utf-8", errors="replace"))
        assert segmenter.cut(key) == reference.cut(key), path.name


@pytest.mark.parametrize(
    "text",
    [
        "射射射国",  # a tie between two routes: broken the same way only with jieba-rs's total
        "人兰，、\r&人普普普弹",  # a near tie in the HMM: only with jieba-rs's rounded table
        "美国F-16战机，abc_def-1.2.3%，a__b",  # letters and digits joined by . _ -
        "中国𠀀𠀁人民\r\n\t　",  # extension ideographs; \r\n is one token
    ],
)
def test_near_ties_and_odd_characters_are_cut_as_rjieba_cuts_them(pair, text: str) -> None:
    segmenter, reference = pair
    assert segmenter.cut(text) == reference.cut(text)


def test_a_block_of_a_million_characters_is_cut_as_rjieba_cuts_it(pair) -> None:
    segmenter, reference = pair
    huge = "俄罗斯无人机袭击乌克兰能源设施" * 80_000  # 1.2 million characters, no punctuation
    assert segmenter.cut(huge) == reference.cut(huge)
    after = "普京与金正恩会谈。"  # the scratch given back after it: the next text still cuts
    assert segmenter.cut(after) == reference.cut(after)


@settings(max_examples=3000, deadline=None)
@given(text=st.lists(st.sampled_from(ALPHABET), max_size=16).map("".join))
def test_any_text_is_cut_as_rjieba_cuts_it(pair, text: str) -> None:
    segmenter, reference = pair
    assert segmenter.cut(text) == reference.cut(text)


def test_counts_are_the_tokens_of_two_characters_or_more_in_order_of_first_use(pair) -> None:
    segmenter, _ = pair
    key = "俄罗斯称，乌克兰无人机袭击了俄罗斯。俄罗斯国防部表示，32架无人机被击落，F-16。"
    tokens, counts = segmenter.cut_and_count(key)
    expected = Counter(t for t in tokens if len(t) > 1)
    assert list(counts.items()) == list(expected.items())
    assert list(counts)[:3] == ["俄罗斯", "乌克兰", "无人机"]
    assert counts["俄罗斯"] == 2
    assert counts["无人机"] == 2
    assert counts["F-16"] == 1  # not a dictionary word: counted all the same
    assert "，" not in counts and "了" not in counts


def test_threads_cutting_at_once_get_what_one_thread_gets(pair) -> None:
    """The dashboard serves each browser session from a thread of its own."""
    segmenter, _ = pair
    keys = [simplified_key(p.read_bytes().decode("utf-8", errors="replace")) for p in SAMPLES]
    alone = [segmenter.cut_and_count(key) for key in keys]

    def work(_: int) -> list[tuple[list[str], dict[str, int]]]:
        return [segmenter.cut_and_count(key) for key in keys * 5][: len(keys)]

    with ThreadPoolExecutor(max_workers=4) as pool:
        together = list(pool.map(work, range(8)))
    assert all(result == alone for result in together)


def test_the_tokenizer_cuts_with_it_when_it_is_compiled(pair) -> None:
    assert Tokenizer(user_words=[("塞瓦斯托波尔", "ns")]).cutter.name == "C segmenter"


def test_a_segmenter_with_another_dictionary_is_not_used(monkeypatch) -> None:
    class OtherDictionary:
        def add_word(self, word: str) -> int:
            return 1  # jieba-rs gives a word more than that: just enough to stay whole

    monkeypatch.setattr(accel, "load_segmenter", OtherDictionary)
    with pytest.warns(UserWarning, match="dictionary differs, so rjieba cuts"):
        tokenizer = Tokenizer(user_words=[("塞瓦斯托波尔", "ns")])
    assert tokenizer.cutter.name == "rjieba"
    assert "塞瓦斯托波尔" in tokenizer.segment("乌克兰袭击塞瓦斯托波尔").words
