"""The Simplified key: text that t2s cannot change skips OpenCC, and gives the same key."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.language import text
from analysis.language.text import to_simplified

SEED = "俄國防部稱，烏克蘭軍隊發射了10枚巡航導彈，其中7枚被攔截。普丁與金正恩在平壤會面。"


def _opencc(value: str) -> str:
    """The conversion itself, without the shortcut."""
    return text._converter("t2s.json").convert(value)


def _changeable() -> set[str]:
    pattern = text._t2s_changeable()
    assert pattern is not None, "the installed OpenCC's dictionaries could not be read"
    return {c for c in map(chr, range(0x3000, 0x323B0)) if pattern.fullmatch(c)}


def test_every_traditional_character_and_its_phrases_take_the_conversion() -> None:
    changeable = _changeable()
    assert {"國", "烏", "蘭", "彈", "攔", "韓", "鮮"} <= changeable
    assert not {"国", "乌", "兰", "弹", "拦", "韩", "鲜", "，", "a", "1"} & changeable
    assert to_simplified(SEED) == _opencc(SEED) != SEED


def test_no_character_outside_the_set_is_changed_by_opencc() -> None:
    """Every CJK character the shortcut lets through is its own Simplified form."""
    changeable = _changeable()
    ranges = [(0x3400, 0x4DC0), (0x4E00, 0xA000), (0xF900, 0xFB00), (0x20000, 0x323B0)]
    kept = [chr(c) for low, high in ranges for c in range(low, high) if chr(c) not in changeable]
    # one character per line: no phrase spans two of them
    assert _opencc("\n".join(kept)).split("\n") == kept


def test_phrases_made_only_of_unchanged_characters_map_to_themselves() -> None:
    dumps = text._dump_opencc_dicts((text._T2S_PHRASE_DICT,))
    assert dumps is not None
    changeable = _changeable()
    for key, _ in dumps[text._T2S_PHRASE_DICT]:
        if changeable.isdisjoint(key):
            assert _opencc(key) == key, key


_MIXED = st.text(
    alphabet=st.sampled_from("國国烏乌克蘭兰彈弹有序導导髮发面麵干幹乾了瞭，。 a1\n平壤會会"),
    max_size=40,
)


@settings(max_examples=300, deadline=None)
@given(_MIXED)
def test_the_shortcut_never_changes_the_key(value: str) -> None:
    assert to_simplified(value) == _opencc(value)
    assert len(to_simplified(value)) == len(value)


def test_without_readable_dictionaries_every_text_is_converted(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(text, "_dump_opencc_dicts", lambda names: None)
    text._t2s_changeable.cache_clear()
    try:
        assert text._t2s_changeable() is None
        assert to_simplified(SEED) == _opencc(SEED)
        assert to_simplified("国家") == "国家"
    finally:
        text._t2s_changeable.cache_clear()


def _tool_fails(*args: object, **kwargs: object) -> None:
    raise text.subprocess.CalledProcessError(1, "opencc_dict")


def _no_scratch_folder(*args: object, **kwargs: object) -> None:
    raise PermissionError("read-only file system")


@pytest.mark.parametrize(
    ("target", "failure"),
    [("subprocess.run", _tool_fails), ("tempfile.TemporaryDirectory", _no_scratch_folder)],
)
def test_a_failing_dictionary_dump_means_no_shortcut_not_an_error(
    monkeypatch: pytest.MonkeyPatch, target: str, failure: object
) -> None:
    module, name = target.split(".")
    monkeypatch.setattr(getattr(text, module), name, failure)
    assert text._dump_opencc_dicts((text._T2S_PHRASE_DICT,)) is None


def test_an_opencc_without_its_dump_tool_means_no_shortcut(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    (tmp_path / "__init__.py").write_text("", encoding="utf-8")
    monkeypatch.setattr(text.opencc, "__file__", str(tmp_path / "__init__.py"))
    assert text._dump_opencc_dicts((text._T2S_PHRASE_DICT,)) is None
