"""Optional speed-ups, behind one door. The analysis gives the same results without them.

The language wing cuts text through one small interface, `Cutter`:

    cut_and_count(key) -> (tokens, counts)

the Simplified key's tokens in order, and how often each token of two or more characters
occurs. `load_cutter` gives the C segmenter (`segmenter.c`: jieba's algorithm over jieba's own
dictionary and HMM tables, the same tokens as rjieba) when it is compiled and agrees with rjieba
on the user dictionary, and rjieba (`JiebaCutter`) otherwise.

The second speed-up is mypyc: `scripts/build_native.py` compiles the language wing's modules
from their own typed sources, in place, the ordinary way (a `.so` beside each `.py`, which
Python imports first), and the C segmenter beside this file. `build_status()` says which build
a process runs; `scripts/build_native.py --clean` removes the compiled files.
"""

from __future__ import annotations

import sys
import warnings
from collections import Counter
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Protocol

from analysis.accel.segmenter import load_segmenter

LANGUAGE_DIR = Path(__file__).resolve().parent.parent / "language"


class Cutter(Protocol):
    """Cuts a Simplified text into tokens and counts those of two or more characters."""

    name: str

    def cut_and_count(self, key: str) -> tuple[list[str], dict[str, int]]: ...


class JiebaCutter:
    """The plain path: rjieba cuts, a Counter counts."""

    name = "rjieba"

    def __init__(self, jieba: Any) -> None:
        self._jieba = jieba  # an rjieba.Jieba with the user dictionary already added

    def cut_and_count(self, key: str) -> tuple[list[str], dict[str, int]]:
        words: list[str] = self._jieba.cut(key)
        return words, Counter([w for w in words if len(w) > 1])


class _CSegmenterCutter:
    name = "C segmenter"

    def __init__(self, segmenter: Any) -> None:
        self._segmenter = segmenter

    def cut_and_count(self, key: str) -> tuple[list[str], dict[str, int]]:
        words, counts = self._segmenter.cut_and_count(key)
        return words, counts


def load_cutter(jieba: Any, user_frequencies: Mapping[str, int]) -> Cutter:
    """The C segmenter with the user words of `jieba` (rjieba gave each the frequency in
    `user_frequencies`) when it is compiled and gives every word that same frequency; else
    rjieba itself. A disagreement means another dictionary: it warns and keeps rjieba."""
    segmenter = load_segmenter()
    if segmenter is None:
        return JiebaCutter(jieba)
    for word, frequency in user_frequencies.items():
        if segmenter.add_word(word) != frequency:
            warnings.warn(
                f"the C segmenter gives {word!r} another frequency than rjieba: its dictionary "
                "differs, so rjieba cuts (the same tokens, slower)",
                stacklevel=2,
            )
            return JiebaCutter(jieba)
    return _CSegmenterCutter(segmenter)


def compiled_modules() -> list[str]:
    """The language wing's modules this process imported from a compiled (mypyc) file."""
    return sorted(
        name
        for name, module in list(sys.modules.items())
        if name.startswith("analysis.language.")
        and str(getattr(module, "__file__", "") or "").endswith(".so")
    )


def stale_builds() -> list[str]:
    """Compiled language modules older than their source: an edit they do not contain."""
    stale = []
    for source in sorted(LANGUAGE_DIR.glob("*.py")):
        for built in LANGUAGE_DIR.glob(f"{source.stem}.*.so"):
            if built.stat().st_mtime < source.stat().st_mtime:
                stale.append(source.name)
    return stale


def build_status(cutter: Cutter) -> str:
    """Which build this process runs, in words (the app and the benchmarks print it)."""
    compiled = compiled_modules()
    build = f"compiled with mypyc ({len(compiled)} modules)" if compiled else "plain Python"
    return f"{build}, cut by {cutter.name}"


def warn_if_stale() -> None:
    """Warn when a compiled module is older than its source (the edit would not run)."""
    stale = stale_builds()
    if stale:
        warnings.warn(
            f"compiled modules older than their source: {', '.join(stale)}; "
            "run `.venv/bin/python scripts/build_native.py` (or --clean for plain Python)",
            stacklevel=2,
        )
