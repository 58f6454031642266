"""What a classification said of each distinct word, asked once per word.

Several steps classify an article's distinct words: which are terms, which may be entity
mentions, which are names the gazetteer lacks. A word's class never depends on its article, so
a `WordMemo` asks its classification once per word and remembers the answer. Each memo belongs
to the object that owns the classification (the `Analyzer`'s parts), never to a module.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from typing import Generic, TypeVar

Value = TypeVar("Value")


class WordMemo(Generic[Value]):
    """`classify` takes new words and returns the ones it accepts, each with a value (a name's
    entity type, say); the memo remembers every answer, a rejection as None."""

    __slots__ = ("_classify", "_known", "_limit")

    def __init__(
        self,
        classify: Callable[[list[str]], Mapping[str, Value]],
        *,
        limit: int = 2_000_000,
    ) -> None:
        self._classify = classify
        self._known: dict[str, Value | None] = {}
        self._limit = limit  # distinct words remembered before it starts again

    def accepted(self, words: Collection[str]) -> dict[str, Value]:
        """The words of `words` (distinct) that the classification accepts, with their values,
        in the order given."""
        known = self._known
        new = [w for w in words if w not in known]
        if new:
            if len(known) + len(new) > self._limit:
                known.clear()
                new = list(words)
            found = self._classify(new)
            for word in new:
                known[word] = found.get(word)
        return {w: v for w in words if (v := known[w]) is not None}
