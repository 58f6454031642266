"""Every distinct word a tokenizer has produced, and what each one is.

Several steps of the analysis classify an article's distinct words: which are terms, which may
be entity mentions, which are names the gazetteer lacks. A word's class never depends on its
article, so each classifier runs once per distinct word of the process (on the article that
first uses it). All classes live in one table, word -> bits (0 for a word no classifier
accepts): `add` looks each distinct word of an article up once, learns the new ones, and keeps
the classes of that article's words for every step that asks (`classes`, `accepted`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

# Given distinct words seen for the first time, the ones a classification accepts.
Classifier = Callable[[list[str]], Iterable[str]]


class Lexicon:
    """The distinct words of one tokenizer, with the classes the registered classifiers give."""

    __slots__ = ("_bits", "_flags", "_last")

    def __init__(self) -> None:
        self._bits: dict[Classifier, int] = {}
        # every word learnt -> the bits of the classifiers accepting it (0: none)
        self._flags: dict[str, int] = {}
        self._last: tuple[Mapping[str, int], dict[str, int]] | None = None

    def __len__(self) -> int:
        return len(self._flags)

    def add(self, counts: Mapping[str, int]) -> None:
        """Learn the words of `counts` (its keys) not seen before, with every classifier, and
        keep the classes of all its words for `classes`."""
        flags = self._flags
        found: dict[str, int] = {}
        new: list[str] = []
        for word in counts:
            bits = flags.get(word)
            if bits is None:
                new.append(word)
            elif bits:
                found[word] = bits
        if new:
            for word in new:
                flags[word] = 0
            for classify, bit in self._bits.items():
                self._mark(classify, bit, new)
            for word in new:
                bits = flags[word]
                if bits:
                    found[word] = bits
        self._last = (counts, found)

    def clear(self) -> None:
        """Forget every word (the classifiers stay registered)."""
        self._flags.clear()
        self._last = None

    def accepted(self, counts: Mapping[str, int], classify: Classifier) -> list[str]:
        """The words of `counts` that `classify` accepts.

        `classify` is registered on its first use (and run on every word learnt so far); pass
        the same function object each time, or it is registered again."""
        bit = self._bits.get(classify)
        if bit is None:
            bit = self._bits[classify] = 1 << len(self._bits)
            self._mark(classify, bit, list(self._flags))
            self._last = None
        return [w for w, flags in self.classes(counts).items() if flags & bit]

    def classes(self, counts: Mapping[str, int]) -> dict[str, int]:
        """The words of `counts` that some classifier accepts, with their bits (kept from the
        last `add`; learnt now if they are not, say after a `clear`)."""
        last = self._last
        if last is None or last[0] is not counts:
            self.add(counts)
            last = self._last
            assert last is not None
        return last[1]

    def _mark(self, classify: Classifier, bit: int, words: list[str]) -> None:
        flags = self._flags
        for word in classify(words):
            flags[word] |= bit
