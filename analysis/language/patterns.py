"""Which of many strings a text holds, in one regex scan.

`longest_first(strings)` writes many strings as one trie-shaped regex that tries one branch per
character; `StringFinder` uses it to name every string a text contains (topic keywords, the
strings event rules need), and `SignalIndex` turns the strings present into the items (rules,
topics) worth trying.
"""

from __future__ import annotations

import re
from collections.abc import Iterable


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


class SignalIndex:
    """Which items may apply, from the strings present: each item is indexed by the strings one
    of which it cannot do without (None: it needs none and is always a candidate; an empty set:
    never). `candidates` gives, in item order, those something present points to."""

    __slots__ = ("_always", "_by_signal")

    def __init__(self, needs: Iterable[Iterable[str] | None]) -> None:
        by_signal: dict[str, set[int]] = {}
        always: set[int] = set()
        for index, signals in enumerate(needs):
            if signals is None:
                always.add(index)
            for signal in signals or ():
                by_signal.setdefault(signal, set()).add(index)
        self._by_signal = by_signal
        self._always = frozenset(always)

    @property
    def signals(self) -> set[str]:
        return set(self._by_signal)

    def candidates(self, present: Iterable[str]) -> list[int]:
        chosen = set(self._always)
        by_signal = self._by_signal
        for signal in present:
            found = by_signal.get(signal)
            if found is not None:
                chosen |= found
        return sorted(chosen)
