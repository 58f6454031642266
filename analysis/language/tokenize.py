"""Word segmentation, stop words and term counts.

How a text is segmented: it is converted to Simplified once (OpenCC t2s keeps the length, so an
offset in the Simplified key is the same offset in the original), the key is cut by rjieba
(jieba-rs) or, when the build is compiled, by our C port of the same algorithm over the same
dictionary (`segmenter.py`: the same tokens, quicker for us), and each token of the original is
the slice at the same offsets. Traditional and Simplified versions of one article therefore get
the same tokens, and jieba's Simplified dictionary works for both (see
shared/research/chinese-nlp.md §1–2).

One tokenizer per gazetteer (in practice: one per process). It holds an `rjieba.Jieba` instance
of its own, not rjieba's module-level global (and the C segmenter, when there is one): their
user dictionary (every gazetteer spelling plus `resources/domain_terms.txt`, all in Simplified)
is loaded in `Tokenizer.__init__` and nothing adds words to it afterwards. The only state that
changes later is its lexicon (`lexicon.py`): every word it has produced, with the classes the
analysis steps give it.

Term counts are keyed by the Simplified form, so 導彈 and 导弹 count as one term; the query layer
can show a term in Traditional with `text.to_traditional` (or use `term_display_forms` for the
spelling an article actually used).
"""

from __future__ import annotations

import functools
import re
import warnings
from collections import Counter
from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass
from itertools import accumulate
from pathlib import Path

import rjieba

from analysis.accel.segmenter import load_segmenter
from analysis.language.gazetteer import Gazetteer, default_gazetteer
from analysis.language.lexicon import Classifier, Lexicon
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


_LEXICON_LIMIT = 2_000_000  # distinct words a tokenizer remembers before it starts again


@dataclass(frozen=True, slots=True)
class Token:
    text: str  # as written, original script
    key: str  # Simplified
    start: int
    end: int


class Segmentation:
    """One text cut into tokens; `words[i]` spans `text[starts[i]:starts[i + 1]]`.

    Read-only by convention. A plain class rather than a frozen dataclass: one is built per
    article, and a compiled class's own `__init__` is quicker than the one dataclasses write."""

    __slots__ = ("_starts", "counts", "key", "lexicon", "text", "words")

    def __init__(
        self,
        text: str,
        key: str,
        words: list[str],
        counts: Mapping[str, int],
        lexicon: Lexicon,
    ) -> None:
        self.text = text  # the original
        self.key = key  # its Simplified conversion, same length
        self.words = words  # Simplified tokens; joined they give `key`
        self._starts: tuple[int, ...] | None = None
        # how often each Simplified token of two or more characters occurs (one character is
        # never a term or a name: not counting them spares a third of the work of counting)
        self.counts = counts
        self.lexicon = lexicon  # the tokenizer's: has learnt every word

    @property
    def starts(self) -> tuple[int, ...]:
        """The start offset of each token, then len(text); added up on first use (the analysis
        itself does not need it: `entities` adds up the few offsets it needs)."""
        if self._starts is None:
            self._starts = tuple(accumulate(map(len, self.words), initial=0))
        return self._starts

    def tokens(self) -> Iterator[Token]:
        starts, ends, text = self.starts, self.starts[1:], self.text
        surfaces = [text[start:end] for start, end in zip(starts, ends, strict=False)]
        return map(Token, surfaces, self.words, starts, ends)


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
    """An rjieba instance with its user dictionary, configured once in __init__; it cuts, or
    the compiled segmenter (`segmenter.py`) does, with the same user dictionary and tokens."""

    __slots__ = ("_cutter", "_jieba", "lexicon", "stopwords", "user_words")

    def __init__(self, *, user_words: Iterable[tuple[str, str]], stopwords: Iterable[str]) -> None:
        self._jieba = rjieba.Jieba()
        self._cutter = load_segmenter()  # None: rjieba cuts
        words = dictionary_words(user_words)
        for word, tag in words.items():
            freq = self._jieba.add_word(word, None, tag)  # None: just enough to stay whole
            if self._cutter is not None and self._cutter.add_word(word) != freq:
                self._cutter = None  # not the dictionary rjieba has: it would cut otherwise
                warnings.warn(
                    f"the compiled segmenter gives {word!r} another frequency than rjieba: "
                    "its dictionary differs, so rjieba cuts (the same tokens, slower)",
                    stacklevel=2,
                )
        self.user_words: frozenset[str] = frozenset(words)
        self.stopwords: frozenset[str] = frozenset(to_simplified(w) for w in stopwords)
        self.lexicon = Lexicon()  # every word this tokenizer produced, and its classes

    @property
    def cuts_with(self) -> str:
        """What segments: "C segmenter" (segmenter.py) or "rjieba"."""
        return "rjieba" if self._cutter is None else "C segmenter"

    def cut(self, key: str) -> list[str]:
        """Segment an already Simplified string."""
        if self._cutter is not None:
            words: list[str] = self._cutter.cut(key)
            return words
        return self._jieba.cut(key)

    def segment(self, text: str) -> Segmentation:
        key = simplified_key(text)
        counts: dict[str, int]
        if self._cutter is not None:
            words, counts = self._cutter.cut_and_count(key)
        else:
            words = self._jieba.cut(key)
            counts = Counter([w for w in words if len(w) > 1])
        if len(self.lexicon) > _LEXICON_LIMIT:
            self.lexicon.clear()
        self.lexicon.add(counts)
        return Segmentation(text, key, words, counts, self.lexicon)

    def tags(self, words: Iterable[str], *, only: Collection[str]) -> dict[str, str]:
        """Those of the (Simplified, distinct) `words` whose POS tag is in `only`, with the tag.

        jieba-rs tags a word it knows by dictionary lookup, and one it does not by an HMM over
        that word's own characters, so a word's tag does not depend on its context: the words
        are tagged together, one per line. A word jieba cuts differently alone has no tag.
        Callers ask once per word (the lexicon classifies each word once).
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


def get_tokenizer(gazetteer: Gazetteer | None = None) -> Tokenizer:
    """The tokenizer for a gazetteer (default: the shipped one), built once and cached."""
    return _tokenizer_for(gazetteer or default_gazetteer())


@functools.cache
def _tokenizer_for(gazetteer: Gazetteer) -> Tokenizer:
    return Tokenizer(
        user_words=user_words_from(gazetteer, read_word_list(DOMAIN_TERMS_FILE)),
        stopwords=read_word_list(STOPWORDS_FILE),
    )


def segment(text: str, *, gazetteer: Gazetteer | None = None) -> list[Token]:
    """The tokens of a text, in order; their `text` fields joined give the text back."""
    return list(get_tokenizer(gazetteer).segment(text).tokens())


def is_term(word: str) -> bool:
    """Two or more characters, with a letter or Han character, no punctuation, not a number."""
    return _TERM.fullmatch(word) is not None


def count_terms_in(segmentation: Segmentation, *, stopwords: frozenset[str]) -> dict[str, int]:
    """Term counts of a segmented text, keyed by the Simplified form, in order of first use."""
    counts = segmentation.counts
    terms = dict(counts)
    for word in segmentation.lexicon.accepted(counts, _not_terms(stopwords)):  # about 1 in 4
        del terms[word]
    return terms


@functools.cache  # one function per list: the lexicon knows a classifier by identity
def _not_terms(stopwords: frozenset[str]) -> Classifier:
    """The words that are stop words or not terms (`is_term`), for a stop word list."""
    return lambda words: [w for w in words if w in stopwords or not is_term(w)]


def count_terms(text: str, *, gazetteer: Gazetteer | None = None) -> dict[str, int]:
    """Terms (≥ 2 characters, not numbers or punctuation, not stop words) and how often each
    occurs, keyed by the Simplified form: a Traditional and a Simplified text count the same."""
    tokenizer = get_tokenizer(gazetteer)
    return count_terms_in(tokenizer.segment(text), stopwords=tokenizer.stopwords)


def term_display_forms(text: str, *, gazetteer: Gazetteer | None = None) -> dict[str, str]:
    """Simplified term -> the spelling this text uses most for it (its own script)."""
    seg = get_tokenizer(gazetteer).segment(text)
    spellings: dict[str, Counter[str]] = {}
    for token in seg.tokens():
        if is_term(token.key):
            spellings.setdefault(token.key, Counter())[token.text] += 1
    return {key: forms.most_common(1)[0][0] for key, forms in spellings.items()}
