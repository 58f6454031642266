"""jieba's segmentation compiled from segmenter.c, when it is (`scripts/build_native.py`).

It cuts exactly as rjieba does (jieba-rs, hmm on), over the same dictionary and HMM tables,
which it takes from the installed jieba package: its dict.txt and finalseg's start, transition
and emission probabilities. It is quicker in our use because a dictionary word comes back as one
str object made once per word: a new string per token, hashed again in every dict it entered,
cost about a quarter of the analysis's time (docs/BENCHMARKS.md). tests/test_segmenter.py
compares it with rjieba token for token. Without a compiled build, `load_segmenter` gives None.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any


def load_segmenter() -> Any | None:
    """A new `_segmenter.Segmenter` over jieba's dictionary and HMM, or None when the C
    extension is not compiled."""
    try:
        from analysis.accel import _segmenter  # type: ignore[attr-defined]
    except ImportError:
        return None
    import jieba
    from jieba import finalseg

    # jieba-rs keeps the emission table to six decimals (its hmm.model): so do we, or a run of
    # one repeated character (普普普) could be cut the other way on a near tie
    emit = {state: _six_decimals(row) for state, row in finalseg.emit_P.items()}
    dictionary = Path(jieba.__file__).parent / jieba.DEFAULT_DICT_NAME
    return _segmenter.Segmenter(str(dictionary), finalseg.start_P, finalseg.trans_P, emit)


def _six_decimals(row: dict[str, float]) -> dict[str, float]:
    return {c: float(f"{p:.6f}") for c, p in row.items()}
