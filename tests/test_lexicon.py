"""The lexicon: every word classified once, whatever the order of articles and classifiers."""

from __future__ import annotations

from collections import Counter

from hypothesis import given
from hypothesis import strategies as st

from analysis.language.lexicon import Lexicon

_articles = st.lists(
    st.lists(st.sampled_from(["俄", "俄军", "导弹", "的", "普京", "12"])), max_size=6
)


class _Counting:
    """A classifier that remembers every word it was asked about."""

    def __init__(self, accepts) -> None:
        self.accepts = accepts
        self.seen: list[str] = []

    def __call__(self, words: list[str]) -> list[str]:
        self.seen += words
        return [w for w in words if self.accepts(w)]


@given(articles=_articles, late=st.integers(0, 6))
def test_accepted_words_are_those_the_classifier_accepts_each_asked_once(
    articles: list[list[str]], late: int
) -> None:
    lexicon = Lexicon()
    long_words = _Counting(lambda w: len(w) >= 2)
    han = _Counting(lambda w: not w.isdigit())
    for n, words in enumerate(articles):
        counts = Counter(words)
        lexicon.add(counts)
        accepted = lexicon.accepted(counts, long_words)
        assert sorted(accepted) == sorted(w for w in counts if len(w) >= 2)
        if n >= late:  # registered after some articles: classifies what was learnt before
            assert sorted(lexicon.accepted(counts, han)) == sorted(
                w for w in counts if not w.isdigit()
            )
    learnt = {w for words in articles for w in words}
    assert sorted(long_words.seen) == sorted(learnt)
    assert sorted(han.seen) == (sorted(learnt) if late < len(articles) else [])
    assert len(lexicon) == len(learnt)


def test_clear_forgets_the_words_but_keeps_the_classifiers() -> None:
    lexicon = Lexicon()
    terms = _Counting(lambda w: len(w) >= 2)
    counts = Counter(["导弹", "的"])
    lexicon.add(counts)
    assert lexicon.accepted(counts, terms) == ["导弹"]
    lexicon.clear()
    assert len(lexicon) == 0
    again = Counter(["导弹"])
    lexicon.add(again)
    assert lexicon.accepted(again, terms) == ["导弹"]
    assert sorted(terms.seen) == ["导弹", "导弹", "的"]


def test_words_forgotten_after_a_segmentation_are_learnt_again_when_asked() -> None:
    lexicon = Lexicon()
    terms = _Counting(lambda w: len(w) >= 2)
    old = Counter(["俄军", "的"])
    lexicon.add(old)
    lexicon.accepted(old, terms)
    lexicon.clear()  # the tokenizer's limit reached while `old` was still held
    lexicon.add(Counter(["导弹"]))
    assert lexicon.accepted(old, terms) == ["俄军"]
