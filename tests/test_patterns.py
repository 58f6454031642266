"""The trie-shaped keyword regex finds what a longest-first alternation finds, and the string
finder names every string a text holds, overlapping ones included."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from analysis.language.patterns import StringFinder, longest_first


def test_strings_that_share_a_start_are_all_found():
    finder = StringFinder(["发射", "发射车", "射车"])
    assert finder.found("发射车") == {"发射", "发射车", "射车"}
    assert finder.found("发射台") == {"发射"}
    assert finder.found("发射车", 1) == {"射车"}  # the range is respected


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
