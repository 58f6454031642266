"""The compiled build of the analysis: which modules mypyc compiles, where the build lives, and
whether it may be used.

The per-article analysis (segmentation, entities, events, topics, terms) is plain Python;
compiled to C by mypyc (part of mypy) from the same source files it runs about a fifth faster
(docs/BENCHMARKS.md). The build also holds jieba's segmentation in C (`C_EXTENSIONS`, used by
segmenter.py), which cuts exactly as rjieba does. `scripts/build_native.py` compiles both into
`BUILD_DIR` and writes there the `source_stamp` of the package it compiled.
`analysis/__init__.py` puts the build first on the package's search path only when that stamp
matches the sources as they are now: after any edit to a module of `analysis/` or to a C source,
or with no compiler, or with NEWSLENS_PURE_PYTHON=1 set, the plain Python modules are imported
(and rjieba cuts), with identical results."""

from __future__ import annotations

import hashlib
import os
import sys
import warnings

from analysis.paths import PACKAGE_DIR

BUILD_DIR = PACKAGE_DIR.parent / "build" / "native"
STAMP_FILE = BUILD_DIR / "STAMP"
PURE_PYTHON_ENV = "NEWSLENS_PURE_PYTHON"

# The modules of the per-article path. model.py stays Python: its frozen dataclasses are
# pickled between processes and cached by Streamlit, and compiled by mypyc they neither built
# nor pickled as the plain ones do (tried).
COMPILED_MODULES = (
    "analyze",
    "entities",
    "event_dedupe",
    "event_vocabulary",
    "events",
    "lexicon",
    "numerals",
    "patterns",
    "sentences",
    "tokenize",
    "topics",
)

# C extensions of our own, csrc/NAME.c compiled to analysis._NAME (segmenter.py uses it).
C_EXTENSIONS = ("segmenter",)

_state: dict[str, str] = {}  # "status": what `package_path` decided, for `status()`


def source_stamp() -> str:
    """A digest of every module of the package (a compiled module may rely on any of them),
    of the C sources, and of the Python that runs it."""
    digest = hashlib.sha256(sys.implementation.cache_tag.encode())
    for path in sorted([*PACKAGE_DIR.glob("*.py"), *PACKAGE_DIR.glob("csrc/*.c")]):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def package_path(path: list[str]) -> list[str]:
    """The search path of the `analysis` package: the compiled build first when it is there,
    allowed, and compiled from these very sources; else `path` unchanged."""
    if os.environ.get(PURE_PYTHON_ENV):
        _state["status"] = f"plain Python ({PURE_PYTHON_ENV} is set)"
        return path
    try:
        stamp = STAMP_FILE.read_text(encoding="ascii").strip()
    except OSError:
        _state["status"] = "plain Python (not compiled: run scripts/build_native.py)"
        return path
    if stamp != source_stamp():
        _state["status"] = "plain Python (the compiled build is older than the sources)"
        warnings.warn(
            f"{BUILD_DIR} was compiled from other sources; using plain Python. "
            "Run `.venv/bin/python scripts/build_native.py` to compile again.",
            stacklevel=2,
        )
        return path
    if str(BUILD_DIR) not in sys.path:
        sys.path.append(str(BUILD_DIR))  # mypyc's shared library is a top-level module
    _state["status"] = f"compiled with mypyc ({BUILD_DIR})"
    return [str(BUILD_DIR / "analysis"), *path]


def status() -> str:
    """Which build of the analysis this process runs, in words."""
    return _state.get("status", "plain Python")


def compiled_in_use() -> bool:
    """Whether every module of `COMPILED_MODULES` imported so far came from the build."""
    loaded = [sys.modules.get(f"analysis.{name}") for name in COMPILED_MODULES]
    files = [getattr(module, "__file__", "") or "" for module in loaded if module is not None]
    return bool(files) and all(f.startswith(str(BUILD_DIR)) for f in files)
