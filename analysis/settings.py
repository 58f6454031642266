"""Every setting newslens reads from the environment, read in one place.

    settings = Settings.from_env()          # at the edge: the command line's main, app start-up
    store = Store(args.store or settings.store)

`Settings()` holds the defaults; `Settings.from_env(environ)` the defaults with the variables
of `VARIABLES` that are set (an empty value counts as unset). A value that cannot be read
raises `SettingsError` naming the variable. Nothing else in the package reads `os.environ`
for these knobs: code that needs one is given the `Settings` (or the one value) by its caller.
The README's table of settings lists the same variables (tests/test_settings.py checks).
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from analysis.paths import REPO_DIR

DEFAULT_STORE = REPO_DIR / "data" / "store"
DEFAULT_CACHE = REPO_DIR / ".cache"
BATCH_ARTICLES = 20_000
MAX_DEFAULT_WORKERS = 4


class SettingsError(ValueError):
    """An environment variable holds a value newslens cannot use; the message names it."""


def default_workers() -> int:
    """Ingest processes when none are asked for: the machine's cores, at most four."""
    return max(1, min(os.cpu_count() or 1, MAX_DEFAULT_WORKERS))


@dataclass(frozen=True)
class Settings:
    """The knobs of newslens (see `VARIABLES` for the variable behind each)."""

    store: Path = DEFAULT_STORE
    topics_file: Path | None = None  # merged over the shipped topics by the Analyzer
    cache_dir: Path = DEFAULT_CACHE
    font: Path | None = None  # None: Noto Sans CJK TC from the pip package, extracted
    browser: Path | None = None  # None: /usr/bin/chromium, else `chromium` on PATH
    ingest_workers: int = field(default_factory=default_workers)
    batch_articles: int = BATCH_ARTICLES
    duckdb_threads: int = 2
    query_cache_entries: int = 256  # per query
    image_cache_entries: int = 64
    debug: bool = False

    @classmethod
    def from_env(cls, environ: Mapping[str, str] = os.environ) -> Settings:
        """The defaults with every variable of `VARIABLES` that `environ` sets."""
        values: dict[str, Any] = {}
        for name, (variable, read) in VARIABLES.items():
            text = environ.get(variable, "").strip()
            if text:
                values[name] = read(variable, text)
        return cls(**values)


def _path(variable: str, text: str) -> Path:
    del variable
    return Path(text)


def _count(variable: str, text: str) -> int:
    try:
        number = int(text)
    except ValueError:
        number = 0
    if number < 1:
        raise SettingsError(f"{variable} must be a whole number of at least 1, got {text!r}")
    return number


_TRUE = ("1", "true", "yes", "on")
_FALSE = ("0", "false", "no", "off")


def _flag(variable: str, text: str) -> bool:
    if text.lower() in _TRUE:
        return True
    if text.lower() in _FALSE:
        return False
    raise SettingsError(f"{variable} must be 1 or 0 (true/false, yes/no, on/off), got {text!r}")


# field of Settings -> (environment variable, reader of its text)
VARIABLES: dict[str, tuple[str, Callable[[str, str], Any]]] = {
    "store": ("NEWSLENS_STORE", _path),
    "topics_file": ("NEWSLENS_TOPICS", _path),
    "cache_dir": ("NEWSLENS_CACHE", _path),
    "font": ("NEWSLENS_FONT", _path),
    "browser": ("BROWSER_PATH", _path),
    "ingest_workers": ("NEWSLENS_WORKERS", _count),
    "batch_articles": ("NEWSLENS_BATCH_ARTICLES", _count),
    "duckdb_threads": ("NEWSLENS_DUCKDB_THREADS", _count),
    "query_cache_entries": ("NEWSLENS_QUERY_CACHE_ENTRIES", _count),
    "image_cache_entries": ("NEWSLENS_IMAGE_CACHE_ENTRIES", _count),
    "debug": ("NEWSLENS_DEBUG", _flag),
}
assert set(VARIABLES) == {f.name for f in dataclasses.fields(Settings)}
