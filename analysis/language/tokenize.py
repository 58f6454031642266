"""Word segmentation, stop words and term counts.

How a text is segmented: it is converted to Simplified once (OpenCC t2s keeps the length, so an
offset in the Simplified key is the same offset in the original), the key is cut by a `Cutter`
(analysis/accel: rjieba, or the compiled C segmenter that gives the same tokens), and each token
of the original is the slice at the same offsets. Traditional and Simplified versions of one
article therefore get the same tokens, and jieba's Simplified dictionary works for both.

A `Tokenizer` holds an `rjieba.Jieba` instance of its own, not rjieba's module-level global:
its user dictionary (every gazetteer spelling plus `resources/domain_terms.txt`, in Simplified)
is loaded in `__init__` and nothing changes it afterwards.

Term counts are keyed by the Simplified form, so 導彈 and 导弹 count as one term; the query layer
shows a term in Traditional with `text.to_traditional`.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass
from itertools import accumulate
from pathlib import Path

import rjieba

from analysis.accel import Cutter, load_cutter
from analysis.language.gazetteer import Gazetteer
from analysis.language.memo import WordMemo
from analysis.language.text import to_simplified
from analysis.paths import RESOURCES

DOMAIN_TERMS_FILE = RESOURCES / "domain_terms.txt"
STOPWORDS_FILE = RESOURCES / "stopwords.txt"

# The POS tag a gazetteer spelling gets in the user dictionary. Only segmentation relies on it:
# entity types always come from the gazetteer, never from the tagger.
_TAG_FOR_TYPE = {"person": "nr", "country": "ns", "place": "ns", "organization": "nt"}

_WORD_CHARACTER = r"[A-Za-z\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"
_NUMERAL = (
    r"[第约近逾]?[\d.,%％０-９零〇一二两三四五六七八九十百千万亿几数多余半来]+"
    r"[年月日号时分秒点个次倍岁]?"
)
# A term, in one pass: two or more characters, none of them white space or punctuation, one
# of them a letter or Han character, and not a number (see `is_term`).
_TERM = re.compile(rf"(?!(?:{_NUMERAL})\Z)(?=[^\W_]*?{_WORD_CHARACTER})[^\W_]{{2,}}")


@dataclass(frozen=True, slots=True)
class Token:
    text: str  # as written, original script
    key: str  # Simplified
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Segmentation:
    """One text cut into tokens: `words[i]` spans `text[starts[i]:starts[i + 1]]`."""

    text: str  # the original
    key: str  # its Simplified conversion, same length
    words: list[str]  # Simplified tokens; joined they give `key`. Not to be changed.
    # how often each Simplified token of two or more characters occurs (one character is never
    # a term or a name)
    counts: Mapping[str, int]

    def starts(self) -> list[int]:
        """The start offset of each token, then len(text)."""
        return list(accumulate(map(len, self.words), initial=0))

    def tokens(self) -> Iterator[Token]:
        starts = self.starts()
        for word, start, end in zip(self.words, starts, starts[1:], strict=False):
            yield Token(self.text[start:end], word, start, end)


def simplified_key(text: str) -> str:
    """`to_simplified`, guaranteed to keep the length (falls back to one character at a time)."""
    key = to_simplified(text)
    if len(key) == len(text):
        return key
    return "".join(c if len(s := to_simplified(c)) != 1 else s for c in text)


def read_word_list(path: Path) -> tuple[str, ...]:
    """One entry per line, `#` starts a comment; entries come back in Simplified."""
    words: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        word = line.split("#", 1)[0].strip()
        if word:
            words.append(to_simplified(word))
    return tuple(dict.fromkeys(words))


class Tokenizer:
    """An rjieba instance with its user dictionary, configured once in __init__, and the cutter
    that cuts with the same dictionary (`analysis.accel.load_cutter`)."""

    __slots__ = ("_jieba", "cutter", "user_words")

    def __init__(self, *, user_words: Iterable[tuple[str, str]]) -> None:
        self._jieba = rjieba.Jieba()
        words = dictionary_words(user_words)
        frequencies = {w: self._jieba.add_word(w, None, tag) for w, tag in words.items()}
        self.user_words: frozenset[str] = frozenset(words)
        self.cutter: Cutter = load_cutter(self._jieba, frequencies)

    def segment(self, text: str) -> Segmentation:
        key = simplified_key(text)
        words, counts = self.cutter.cut_and_count(key)
        return Segmentation(text, key, words, counts)

    def tags(self, words: Iterable[str], *, only: Collection[str]) -> dict[str, str]:
        """Those of the (Simplified, distinct) `words` whose POS tag is in `only`, with the tag.

        jieba-rs tags a word it knows by dictionary lookup, and one it does not by an HMM over
        that word's own characters, so a word's tag does not depend on its context: the words
        are tagged together, one per line. A word jieba cuts differently alone has no tag.
        """
        lines = [w for w in words if "\n" not in w]
        wanted = set(lines)
        first: dict[str, str] = {}
        for word, tag in self._jieba.tag("\n".join(lines)):
            if word in wanted and word not in first:
                first[word] = tag
        return {w: tag for w in lines if (tag := first.get(w, "x")) in only}


def dictionary_words(user_words: Iterable[tuple[str, str]]) -> dict[str, str]:
    """The user words a tokenizer adds to jieba's dictionary, with their tags: two characters
    or more, no white space, the first tag given to each."""
    words: dict[str, str] = {}
    for word, tag in user_words:
        if len(word) >= 2 and not any(c.isspace() for c in word):
            words.setdefault(word, tag)
    return words


def user_words_from(gazetteer: Gazetteer, domain_terms: Iterable[str]) -> list[tuple[str, str]]:
    """The user dictionary: every gazetteer spelling (Simplified) and every domain term."""
    words = [
        (alias, _TAG_FOR_TYPE.get(gazetteer.entries[entity_id].type, "n"))
        for alias, entity_id in gazetteer.aliases.items()
    ]
    return words + [(term, "n") for term in domain_terms]


def is_term(word: str) -> bool:
    """Two or more characters, with a letter or Han character, no punctuation, not a number."""
    return _TERM.fullmatch(word) is not None


class TermCounter:
    """Term counts of segmented texts: tokens of two or more characters that are terms
    (`is_term`) and not stop words, keyed by the Simplified form."""

    __slots__ = ("_not_terms", "stopwords")

    def __init__(self, stopwords: Iterable[str]) -> None:
        self.stopwords: frozenset[str] = frozenset(to_simplified(w) for w in stopwords)
        self._not_terms: WordMemo[bool] = WordMemo(self._rejects)

    def count(self, segmentation: Segmentation) -> dict[str, int]:
        """Term counts in order of first use."""
        counts = segmentation.counts
        terms = dict(counts)
        for word in self._not_terms.accepted(counts):  # about 1 in 4
            del terms[word]
        return terms

    def _rejects(self, words: list[str]) -> dict[str, bool]:
        return {w: True for w in words if w in self.stopwords or not is_term(w)}
