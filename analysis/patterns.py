"""What a regular expression cannot match without: a cheap gate before running it.

`required_characters(pattern)` gives a set of characters one of which every match must
contain (from the first element of the pattern that has to match, such as the trigger verb of
an event rule), or None when it cannot tell. A sentence that contains none of them cannot
match, so the pattern need not be run on it.
"""

from __future__ import annotations

import re
from re import _constants as sre_constants  # type: ignore[attr-defined]  # parser names, 3.11+
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any

_LITERAL = sre_constants.LITERAL
_IN = sre_constants.IN
_BRANCH = sre_constants.BRANCH
_SUBPATTERN = sre_constants.SUBPATTERN
_REPEATS = (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT)


def required_characters(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """Characters one of which every match of `pattern` contains; None if unknown."""
    if pattern.flags & re.IGNORECASE:
        return None
    return _first_required(sre_parse.parse(pattern.pattern))


def _first_required(items: Any) -> frozenset[str] | None:
    for op, arg in items:
        found = _required(op, arg)
        if found is not None:
            return found
    return None


def _required(op: Any, arg: Any) -> frozenset[str] | None:
    if op is _LITERAL:
        return frozenset(chr(arg))
    if op is _IN:
        if all(kind is _LITERAL for kind, _ in arg):
            return frozenset(chr(code) for _, code in arg)
        return None
    if op is _SUBPATTERN:
        return _first_required(arg[-1])
    if op is _BRANCH:
        branches = [_first_required(branch) for branch in arg[1]]
        if any(b is None for b in branches):
            return None
        return frozenset().union(*branches)  # type: ignore[arg-type]
    if op in _REPEATS and arg[0] >= 1:
        return _first_required(arg[2])
    return None
