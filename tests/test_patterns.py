"""The gate index never refuses a sentence an event rule would match, and lets few others by;
the trie-shaped keyword regex finds what a longest-first alternation finds."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from analysis.language.event_vocabulary import load_vocabulary
from analysis.language.patterns import GateIndex, longest_first, required_literals


def test_a_trigger_alternation_and_a_literal_run_are_required():
    requirements = required_literals(re.compile(r"[^，]{0,4}(?:击落|拦截)了?\d+架无人机"))
    assert frozenset({"击落", "拦截"}) in requirements
    assert frozenset({"架无人机"}) in requirements


def test_optional_parts_and_lookarounds_give_nothing_to_require():
    assert required_literals(re.compile(r"(?:击落)?")) == ()
    assert required_literals(re.compile(r".*")) == ()
    assert required_literals(re.compile(r"(?<=人)(?!亡)")) == ()


def test_the_index_names_only_the_patterns_whose_strings_are_there():
    index = GateIndex(
        [re.compile("击落了?无人机"), re.compile("导弹|飞弹"), re.compile(r"\d+"), re.compile("炮")]
    )
    assert index.candidates("俄军称击落3架无人机") == [0, 2]
    assert index.candidates("发射两枚飞弹") == [1, 2]
    assert index.candidates("发射两枚飞弹", 0, 3) == [2]  # the range is respected
    assert index.candidates("炮击") == [2, 3]


def test_strings_that_share_a_start_are_all_found():
    index = GateIndex([re.compile("发射"), re.compile("发射车"), re.compile("射车")])
    assert index.candidates("发射车") == [0, 1, 2]
    assert index.candidates("发射台") == [0]


SENTENCES = st.text(
    alphabet="击落拦截了发射枚架无人机导弹被其中向对俄乌军方伤亡死炮0123456789，。", max_size=40
)


@given(SENTENCES)
def test_every_rule_that_matches_a_sentence_is_a_candidate(sentence):
    vocabulary = load_vocabulary()
    candidates = set(vocabulary.gates.candidates(sentence))
    for index, rule in enumerate(vocabulary.rules):
        if rule.pattern.search(sentence):
            assert index in candidates, rule.pattern.pattern


_PIECES = st.text(alphabet="导弹试射中东美关税.*", min_size=1, max_size=4)


@given(strings=st.lists(_PIECES, min_size=1, max_size=8), text=st.text("导弹试射中东美关税.* ，"))
def test_the_trie_regex_finds_what_the_longest_first_alternation_finds(strings, text):
    alternation = re.compile("|".join(map(re.escape, sorted(strings, key=len, reverse=True))))
    trie = longest_first(strings)
    assert [m.span() for m in trie.finditer(text)] == [m.span() for m in alternation.finditer(text)]


def test_the_trie_regex_prefers_the_longest_string_at_a_position():
    pattern = longest_first(["台湾", "台湾海峡", "台海", "中东"])
    assert pattern.pattern == "(?:中东|台(?:海|湾(?:海峡)?))"
    assert [m.group() for m in pattern.finditer("台湾海峡与台湾、台海和中东")] == [
        "台湾海峡",
        "台湾",
        "台海",
        "中东",
    ]
