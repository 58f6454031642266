"""What every reader shares: the rejection error, options and the per-file result."""

from __future__ import annotations

from dataclasses import dataclass, field

from analysis.model import Article


class InputRejected(Exception):
    """An input that cannot be read. The message names the reason; `path` names the file."""

    def __init__(self, reason: str, *, path: str = "") -> None:
        super().__init__(reason)
        self.reason = reason
        self.path = path

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}" if self.path else self.reason


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """User overrides: --format, --encoding, --map field=column."""

    format: str | None = None
    encoding: str | None = None
    column_map: tuple[tuple[str, str], ...] = ()


@dataclass(slots=True)
class ReaderOutput:
    """What one reader returns for one file."""

    articles: list[Article] = field(default_factory=list)
    warnings: list[str] = field(
        default_factory=list
    )  # "file:line: reason" for skipped rows, bad dates…


@dataclass(slots=True)
class FileResult:
    """One input file after reading: its articles, or why it was rejected."""

    path: str
    articles: list[Article] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    rejected: str | None = None  # the reason, when the whole file was rejected
    format: str | None = None
    encoding: str | None = None
