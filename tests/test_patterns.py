"""The gate never refuses a sentence its pattern would match."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from analysis.events import load_vocabulary
from analysis.patterns import required_characters


def test_a_trigger_alternation_gives_its_first_characters():
    gate = required_characters(re.compile(r"[^，]{0,4}(?:击落|拦截)了?\d+架无人机"))
    assert gate == frozenset("击拦")


def test_optional_parts_give_nothing_to_require():
    assert required_characters(re.compile(r"(?:击落)?")) is None
    assert required_characters(re.compile(r".*")) is None


SENTENCES = st.text(
    alphabet="击落拦截了发射枚架无人机导弹被其中向对俄乌军方0123456789，。", max_size=40
)


@given(SENTENCES)
def test_every_event_rule_gate_lets_through_every_match(sentence):
    for rule in load_vocabulary().rules:
        gate = required_characters(rule.pattern)
        if gate is not None and rule.pattern.search(sentence):
            assert not gate.isdisjoint(sentence), rule.pattern.pattern
