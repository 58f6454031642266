"""jieba's segmentation compiled from csrc/segmenter.c, when it is (`scripts/build_native.py`).

It cuts exactly as rjieba does (jieba-rs, hmm on), over the same dictionary and HMM tables,
which it reads from the installed jieba package: jieba's dict.txt and finalseg's prob_start,
prob_trans and prob_emit. It is quicker in our use because a dictionary word comes back as one
str object made once per word: a new string per token, hashed again in every dict it entered,
cost about a quarter of the analysis's time (docs/BENCHMARKS.md). tests/test_segmenter.py
compares it with rjieba token for token; the tokenizer also compares the frequency each user
word gets in both and keeps rjieba alone (with a warning) if they ever differ. Without a
compiled build, `load_segmenter` gives None and rjieba cuts.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

_TABLES = ("prob_start", "prob_trans", "prob_emit")


def load_segmenter() -> Any | None:
    """A new `_segmenter.Segmenter` over jieba's dictionary and HMM, or None when the C
    extension is not compiled (or jieba's files are not where jieba 0.42 keeps them)."""
    try:
        from analysis import _segmenter  # type: ignore[attr-defined]
    except ImportError:
        return None
    jieba = importlib.util.find_spec("jieba")  # its files only: importing jieba takes 0.2 s
    if jieba is None or not jieba.submodule_search_locations:
        return None
    package = Path(next(iter(jieba.submodule_search_locations)))
    try:
        start, trans, emit = (_read_table(package / "finalseg" / f"{t}.py") for t in _TABLES)
        # jieba-rs keeps the emission table to six decimals (its hmm.model): so do we, or a
        # run of one repeated character (普普普) could be cut the other way on a near tie
        emit = {state: _six_decimals(row) for state, row in emit.items()}
        return _segmenter.Segmenter(str(package / "dict.txt"), start, trans, emit)
    except (OSError, ImportError, AttributeError, ValueError):  # files not as jieba 0.42 has them
        return None


def _six_decimals(row: dict[str, float]) -> dict[str, float]:
    return {c: float(f"{p:.6f}") for c, p in row.items()}


def _read_table(path: Path) -> dict[str, Any]:
    """The `P` of one of jieba's finalseg modules, loaded as a module of its own."""
    spec = importlib.util.spec_from_file_location(f"_jieba_{path.stem}", path)
    if spec is None or spec.loader is None:
        raise ImportError(f"{path}: not a module")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    table: dict[str, Any] = module.P
    return table
