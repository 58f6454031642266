"""Every distinct word a tokenizer has produced, and what each one is.

Several steps of the analysis classify an article's distinct words: which are terms, which may
be entity mentions, which are names the gazetteer lacks. A word's class never depends on its
article, so each classifier runs once per distinct word of the process (on the article that
first uses it) and the words it accepts go into a set of its own. An article's words of a class
are then one set intersection (`accepted`), which runs in C: no Python-level loop over the
article's words.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

# Given distinct words seen for the first time, the ones a classification accepts.
Classifier = Callable[[list[str]], Iterable[str]]


class Lexicon:
    """The distinct words of one tokenizer, with the words each registered classifier accepts."""

    __slots__ = ("_accepted", "_known", "_last")

    def __init__(self) -> None:
        self._known: set[str] = set()  # every word learnt
        self._accepted: dict[Classifier, set[str]] = {}  # classifier -> the words it accepts
        self._last: Mapping[str, int] | None = None  # the counts of the last `add`

    def __len__(self) -> int:
        return len(self._known)

    def add(self, counts: Mapping[str, int]) -> None:
        """Learn the words of `counts` (its keys) not seen before, with every classifier."""
        new = counts.keys() - self._known
        if new:
            words = sorted(new)  # the same order whatever the hash seed
            self._known.update(words)
            for classify, accepted in self._accepted.items():
                accepted.update(classify(words))
        self._last = counts

    def clear(self) -> None:
        """Forget every word (the classifiers stay registered)."""
        self._known.clear()
        for accepted in self._accepted.values():
            accepted.clear()
        self._last = None

    def accepted(self, counts: Mapping[str, int], classify: Classifier) -> set[str]:
        """The words of `counts` that `classify` accepts.

        `classify` is registered on its first use (and run on every word learnt so far); pass
        the same function object each time, or it is registered again. Words not learnt yet
        (say, after a `clear`) are learnt now."""
        if counts is not self._last:
            self.add(counts)
        accepted = self._accepted.get(classify)
        if accepted is None:
            accepted = self._accepted[classify] = set(classify(sorted(self._known)))
        return counts.keys() & accepted
