"""What a classification said of each distinct word, asked once per word.

Several steps classify an article's distinct words: which are terms, which may be entity
mentions, which are names the gazetteer lacks. A word's class never depends on its article, so
a `WordMemo` asks its classification once per word and remembers the answer. Each memo belongs
to the object that owns the classification (the `Analyzer`'s parts), never to a module.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Generic, TypeVar

Value = TypeVar("Value")


class WordMemo(Generic[Value]):
    """`classify` takes new words and returns the ones it accepts, each with a value (a name's
    entity type, say); the memo remembers every word it has asked about and every answer."""

    __slots__ = ("_accepted", "_classify", "_limit", "_seen")

    def __init__(
        self,
        classify: Callable[[list[str]], Mapping[str, Value]],
        *,
        limit: int = 2_000_000,
    ) -> None:
        self._classify = classify
        self._seen: set[str] = set()
        self._accepted: dict[str, Value] = {}
        self._limit = limit  # distinct words remembered before it starts again

    def accepted(self, counts: Mapping[str, int]) -> dict[str, Value]:
        """The words of `counts` (its keys) that the classification accepts, with their values,
        in no particular order. New words are classified together, in the order of `counts`."""
        words = counts.keys()
        seen = self._seen
        if not words <= seen:  # set operations on the keys: no Python loop for known words
            if len(seen) + len(words) > self._limit:
                seen.clear()
                self._accepted.clear()
            new = [w for w in words if w not in seen]
            self._accepted.update(self._classify(new))
            seen.update(new)
        accepted = self._accepted
        return {w: accepted[w] for w in words & accepted.keys()}
