"""The gate index never refuses a sentence an event rule would match, and lets few others by."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from analysis.events import load_vocabulary
from analysis.patterns import GateIndex, required_literals


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
