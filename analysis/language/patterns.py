"""What a regular expression cannot match without: a cheap gate before running it.

`required_literals(pattern)` reads a pattern's parse tree for the literal strings every match
must contain: one set per required element (a trigger alternation such as 击落|拦截 gives
{击落, 拦截}). `GateIndex` indexes many patterns by the strings of their most selective
requirement, so that one regex scan of a sentence names the few patterns worth running there
(about 3 of the 47 event rules per sentence on the xwlb corpus, instead of all 47). A gate may let
through a sentence its pattern does not match, never the other way round.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from re import _constants as sre_constants  # type: ignore[attr-defined]  # parser names, 3.11+
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any

_LITERAL = sre_constants.LITERAL
_IN = sre_constants.IN
_BRANCH = sre_constants.BRANCH
_SUBPATTERN = sre_constants.SUBPATTERN
_REPEATS = (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT)


def required_literals(pattern: re.Pattern[str]) -> tuple[frozenset[str], ...]:
    """Sets of strings such that every match of `pattern` contains one string of each set;
    empty when nothing is known (optional parts, lookarounds and classes say nothing)."""
    if pattern.flags & re.IGNORECASE:
        return ()
    return tuple(_requirements(sre_parse.parse(pattern.pattern)))


def _requirements(items: Any) -> list[frozenset[str]]:
    """The requirements of a sequence: runs of literals, then those of each required element."""
    found: list[frozenset[str]] = []
    run = ""
    for op, arg in items:
        if op is _LITERAL:
            run += chr(arg)
            continue
        if run:
            found.append(frozenset([run]))
            run = ""
        alternatives = _alternatives(op, arg)
        if alternatives is not None:
            found.append(alternatives)
    if run:
        found.append(frozenset([run]))
    return found


def _alternatives(op: Any, arg: Any) -> frozenset[str] | None:
    """Strings one of which every match of this one element contains, or None."""
    if op is _IN:
        if all(kind is _LITERAL for kind, _ in arg):
            return frozenset(chr(code) for _, code in arg)
        return None
    if op is _SUBPATTERN:
        return _most_selective(_requirements(arg[-1]))
    if op is _BRANCH:
        branches = [_most_selective(_requirements(branch)) for branch in arg[1]]
        if any(b is None for b in branches):
            return None
        return frozenset().union(*branches)  # type: ignore[arg-type]
    if op in _REPEATS and arg[0] >= 1:
        return _most_selective(_requirements(arg[2]))
    return None


def _most_selective(requirements: Sequence[frozenset[str]]) -> frozenset[str] | None:
    """The requirement least likely to be met by chance: the longest shortest string, then the
    fewest strings, then the last (a trigger verb tends to follow its subject)."""
    if not requirements:
        return None
    return max(reversed(requirements), key=lambda r: (min(map(len, r)), -len(r)))


def longest_first(strings: Iterable[str]) -> re.Pattern[str]:
    """A regex that matches, at each position, the longest of `strings` that starts there (as
    an alternation sorted longest first would), written as a trie: 导弹(?:试射)?|中(?:东|美).
    The regex engine then tries one branch per character, not every string in turn."""
    trie: dict[str, dict] = {}
    for string in strings:
        node = trie
        for character in string:
            node = node.setdefault(character, {})
        node[""] = {}  # a string ends here
    return re.compile(_trie_pattern(trie))


def _trie_pattern(node: dict[str, dict]) -> str:
    branches = [re.escape(c) + _trie_pattern(child) for c, child in sorted(node.items()) if c]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" not in node:
        return body
    return f"(?:{body})?"  # greedy: the longer string first, else end here


class StringFinder:
    """Which of many strings occur in a text, overlapping ones included, in one regex scan:
    at each position where a string starts the regex (`longest_first`) gives the longest one,
    and the strings that are its prefixes start there too."""

    __slots__ = ("_pattern", "_prefixes")

    def __init__(self, strings: Iterable[str]) -> None:
        unique = sorted(set(strings))
        self._pattern = longest_first(unique) if unique else None
        self._prefixes = {s: tuple(p for p in unique if s.startswith(p)) for s in unique}

    def found(self, text: str, start: int = 0, end: int | None = None) -> set[str]:
        """The strings that occur in `text[start:end]`."""
        found: set[str] = set()
        if self._pattern is None:
            return found
        end = len(text) if end is None else end
        search, prefixes = self._pattern.search, self._prefixes
        while (m := search(text, start, end)) is not None:
            found.update(prefixes[m.group()])
            start = m.start() + 1
        return found


class GateIndex:
    """Which of many patterns may match a text. Each pattern is indexed by the strings of its
    most selective requirement (`required_literals`); one scan finds which of those strings a
    text holds (`StringFinder`), and the patterns indexed by them are the candidates. Patterns
    with no requirement are always candidates."""

    __slots__ = ("_always", "_finder", "_patterns")

    def __init__(self, patterns: Iterable[re.Pattern[str]]) -> None:
        indexed: dict[str, set[int]] = {}
        always: set[int] = set()
        for index, pattern in enumerate(patterns):
            gate = _most_selective(required_literals(pattern))
            if gate is None:
                always.add(index)
            for string in gate or ():
                indexed.setdefault(string, set()).add(index)
        self._finder = StringFinder(indexed)
        self._patterns = {s: frozenset(found) for s, found in indexed.items()}
        self._always = frozenset(always)

    def candidates(self, text: str, start: int = 0, end: int | None = None) -> list[int]:
        """Indexes, in order, of the patterns that may match in `text[start:end]`."""
        chosen = set(self._always)
        for string in self._finder.found(text, start, end):
            chosen |= self._patterns[string]
        return sorted(chosen)
