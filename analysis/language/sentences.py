"""Sentence spans: split on 。！？!?；; and line breaks, keeping closing quotes with their sentence.

Spans index the string given, so they carry over between a text and its Simplified key.
"""

from __future__ import annotations

import re

_TERMINATORS = "。！？!?；;\n"
_CLOSERS = "」』”’\"'）)】》〉"
# A run of terminators, then any closing quotes or brackets that belong to the sentence just ended
# (one terminator written out first, so that the regex engine scans for it quickly).
_BOUNDARY = re.compile(
    rf"[{re.escape(_TERMINATORS)}][{re.escape(_TERMINATORS)}]*[{re.escape(_CLOSERS)}]*"
)
_SPACE = " \t\u3000\r\n"


def _trimmed(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start] in _SPACE:
        start += 1
    while end > start and text[end - 1] in _SPACE:
        end -= 1
    return (start, end) if start < end else None


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of every non-blank sentence in `text`, in order, without surrounding space."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        span = _trimmed(text, start, m.end())
        if span is not None:
            spans.append(span)
        start = m.end()
    span = _trimmed(text, start, len(text))
    if span is not None:
        spans.append(span)
    return spans


def sentence_at(text: str, pos: int, *, limit: int = 2000) -> tuple[int, int]:
    """The span `split_sentences` gives for the sentence holding `text[pos]`.

    Looks at most `limit` characters either side, so it stays cheap on huge texts.
    """
    lo = max(0, pos - limit)
    hi = min(len(text), pos + limit)
    if pos < len(text) and text[pos] not in _IN_BOUNDARY:
        start, end = _start_before(text, lo, pos), hi  # pos is inside no boundary: look back
        m = _BOUNDARY.search(text, pos, hi)
        if m is not None:
            end = m.end()
    else:
        start, end = lo, hi
        for m in _BOUNDARY.finditer(text, lo, hi):
            if m.end() <= pos:
                start = m.end()
            else:  # the first boundary that ends after pos closes the sentence
                end = m.end()
                break
    span = _trimmed(text, start, end)
    return span if span is not None else (pos, pos + 1)


_IN_BOUNDARY = frozenset(_TERMINATORS + _CLOSERS)
_NEAR = 160


def _start_before(text: str, lo: int, pos: int) -> int:
    """Where the sentence holding `pos` starts, when pos is inside no boundary: after the last
    terminator before it and the closing quotes or brackets that follow that terminator."""
    near = max(lo, pos - _NEAR)  # most sentences are shorter: look there first
    last = max(text.rfind(t, near, pos) for t in _TERMINATORS)
    if last < 0 and near > lo:
        last = max(text.rfind(t, lo, near) for t in _TERMINATORS)
    if last < 0:
        return lo
    start = last + 1
    while start < pos and text[start] in _CLOSERS:
        start += 1
    return start
