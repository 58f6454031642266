"""WordMemo: a word's class is asked once, and a memo that starts again forgets nothing it
is asked for."""

from __future__ import annotations

from analysis.language.memo import WordMemo


def counts(*words: str) -> dict[str, int]:
    return dict.fromkeys(words, 1)


def test_each_word_is_classified_once_and_rejections_are_remembered() -> None:
    asked: list[list[str]] = []

    def long_words(words: list[str]) -> dict[str, int]:
        asked.append(words)
        return {w: len(w) for w in words if len(w) > 2}

    memo = WordMemo(long_words)
    assert memo.accepted(counts("乌克兰", "俄", "无人机")) == {"乌克兰": 3, "无人机": 3}
    assert memo.accepted(counts("俄", "乌克兰", "导弹")) == {"乌克兰": 3}
    assert memo.accepted(counts("俄", "导弹")) == {}
    assert asked == [["乌克兰", "俄", "无人机"], ["导弹"]]


def test_a_memo_past_its_limit_starts_again_and_still_answers_for_every_word() -> None:
    memo = WordMemo(lambda words: {w: w.upper() for w in words if w != "b"}, limit=3)
    assert memo.accepted(counts("a", "b")) == {"a": "A"}
    assert memo.accepted(counts("a", "c", "d")) == {"a": "A", "c": "C", "d": "D"}
    assert memo.accepted(counts("e", "b")) == {"e": "E"}
