"""Ingestion: read inputs, fold duplicates, analyse, and write batches to the store.

    report = ingest([Path("corpus/")], store=Store(settings.store), workers=2, progress=show)

Reading and analysis run in a process pool when `workers > 1` (`Settings.ingest_workers` for the
command line); de-duplication and writing stay in this process, so a batch is written by one
writer only. Every `batch_articles` new articles (`Settings.batch_articles`) a batch is written,
so a long ingest that is stopped keeps what it has finished; running it again adds only what is
missing.
"""

from __future__ import annotations

import multiprocessing
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from analysis.model import TEASER, AnalyzedArticle, Article
from analysis.paths import REPO_DIR
from analysis.settings import BATCH_ARTICLES, DEFAULT_STORE
from analysis.sources import read_bytes
from analysis.sources.archive import iter_inputs
from analysis.sources.base import FileResult, InputRejected, ReadOptions
from analysis.store.batches import Batch, FileRecord, Store

if TYPE_CHECKING:
    from analysis.language.analyze import Analyzer


@dataclass(slots=True)
class Progress:
    files: int = 0
    articles: int = 0
    started: float = field(default_factory=time.monotonic)

    @property
    def rate(self) -> float:
        elapsed = time.monotonic() - self.started
        return self.articles / elapsed if elapsed > 0 else 0.0


@dataclass(slots=True)
class IngestReport:
    files: list[FileRecord] = field(default_factory=list)
    added: int = 0  # new articles and teasers stored
    duplicates: int = 0
    seconds: float = 0.0

    @property
    def rejected(self) -> list[FileRecord]:
        return [f for f in self.files if f.rejected]


ProgressCallback = Callable[[Progress], None]


def ingest(
    paths: Iterable[Path],
    *,
    store: Store,
    options: ReadOptions | None = None,
    workers: int = 1,
    batch_articles: int = BATCH_ARTICLES,
    topics_file: Path | None = None,
    progress: ProgressCallback | None = None,
) -> IngestReport:
    """Add everything readable below `paths` to `store`; report on every file. `topics_file`
    (the settings' `$NEWSLENS_TOPICS`) is merged over the shipped topics."""
    options = options or ReadOptions()
    inputs = ((name, content, options) for p in paths for name, content in iter_inputs(Path(p)))
    return ingest_inputs(
        inputs,
        store=store,
        workers=workers,
        batch_articles=batch_articles,
        topics_file=topics_file,
        progress=progress,
    )


def ingest_inputs(
    inputs: Iterable[tuple[str, bytes | InputRejected, ReadOptions]],
    *,
    store: Store,
    workers: int = 1,
    batch_articles: int = BATCH_ARTICLES,
    topics_file: Path | None = None,
    progress: ProgressCallback | None = None,
) -> IngestReport:
    """Like `ingest`, for inputs already in memory (uploads): (name, bytes, options)."""
    with store.writer_lock():
        return _ingest_locked(
            inputs,
            store=store,
            workers=workers,
            batch_articles=batch_articles,
            topics_file=topics_file,
            progress=progress,
        )


def _ingest_locked(
    inputs: Iterable[tuple[str, bytes | InputRejected, ReadOptions]],
    *,
    store: Store,
    workers: int,
    batch_articles: int = BATCH_ARTICLES,
    topics_file: Path | None = None,
    progress: ProgressCallback | None,
) -> IngestReport:
    started = time.monotonic()
    report = IngestReport()
    state = Progress()
    seen = store.known_article_ids()
    batch = Batch()

    def flush() -> None:
        nonlocal batch
        store.write_batch(batch)
        batch = Batch()

    for result, read, analyzed in _read_and_analyze(
        inputs, seen=seen, workers=workers, topics_file=topics_file
    ):
        record = _file_record(result, read, analyzed)
        report.files.append(record)
        report.duplicates += record.duplicates
        report.added += len(analyzed)
        batch.files.append(record)
        batch.analyzed.extend(analyzed)
        state.files += 1
        state.articles += len(analyzed)
        if progress:
            progress(state)
        if len(batch.analyzed) >= batch_articles:
            flush()
    flush()
    report.seconds = time.monotonic() - started
    return report


def _file_record(result: FileResult, read: int, analyzed: list[AnalyzedArticle]) -> FileRecord:
    teasers = sum(a.article.kind == TEASER for a in analyzed)
    return FileRecord(
        path=result.path,
        format=result.format,
        articles=len(analyzed) - teasers,
        teasers=teasers,
        duplicates=read - len(analyzed),
        warnings=list(result.warnings),
        rejected=result.rejected,
    )


def _read_and_analyze(
    inputs: Iterable[tuple[str, bytes | InputRejected, ReadOptions]],
    *,
    seen: set[str],
    workers: int,
    topics_file: Path | None,
) -> Iterator[tuple[FileResult, int, list[AnalyzedArticle]]]:
    """Each file's read result, how many articles it held, and its new (not yet seen)
    articles analysed, in input order.

    With several workers each file is read and analysed in one task (one round trip of its
    text); articles already in the store at the start are skipped in the worker, and copies
    within this run are dropped here, where `seen` is kept.
    """
    from analysis.language.analyze import Analyzer

    analyzer = Analyzer(topics_file=topics_file)
    if workers <= 1:
        for item in inputs:
            result = _read_one(item)
            fresh = _take_new(result.articles, seen)
            yield result, len(result.articles), [analyzer.analyze(a) for a in fresh]
        return
    global _worker
    _worker = _Worker(analyzer, frozenset(seen))  # built before the fork: workers inherit it
    context = multiprocessing.get_context("fork")
    with context.Pool(workers) as pool:
        for result, read, analyzed in pool.imap(_read_and_analyze_file, inputs):
            fresh_ids = {a.id for a in _take_new([x.article for x in analyzed], seen)}
            yield result, read, [x for x in analyzed if x.article.id in fresh_ids]


@dataclass(frozen=True, slots=True)
class _Worker:
    """What a forked worker inherits: the analyzer, and the ids the store held at the start."""

    analyzer: Analyzer
    known_at_start: frozenset[str]


_worker: _Worker | None = None  # set in the parent just before the pool forks


def _read_and_analyze_file(
    item: tuple[str, bytes | InputRejected, ReadOptions],
) -> tuple[FileResult, int, list[AnalyzedArticle]]:
    """In a worker: read one file and analyse its articles that the store does not hold."""
    assert _worker is not None, "workers are forked after _worker is set"
    result = _read_one(item)
    unique: dict[str, Article] = {}
    for article in result.articles:  # the first copy in the file, as with one process
        if article.id not in _worker.known_at_start:
            unique.setdefault(article.id, article)
    analyzed = [_worker.analyzer.analyze(a) for a in unique.values()]
    read = len(result.articles)
    result.articles = []  # the analysed articles carry them; don't send the text back twice
    return result, read, analyzed


def _take_new(articles: list[Article], seen: set[str]) -> list[Article]:
    fresh = []
    for article in articles:
        if article.id not in seen:
            seen.add(article.id)
            fresh.append(article)
    return fresh


def _read_one(item: tuple[str, bytes | InputRejected, ReadOptions]) -> FileResult:
    name, content, options = item
    if isinstance(content, InputRejected):
        return FileResult(path=name, rejected=content.reason)
    return read_bytes(content, name=name, options=options)


SAMPLE_DIR = REPO_DIR / "data" / "sample"


def ensure_sample_store(store: Store) -> bool:
    """Build the default store from data/sample/ the first time it is needed.

    Only the default store (data/store/) is filled this way; a store named with --store or
    $NEWSLENS_STORE is the user's own and is never given the sample. True if it was built.
    """
    if store.root.resolve() != DEFAULT_STORE.resolve() or store.exists():
        return False
    with store.writer_lock():
        if store.exists():
            return False
        inputs = ((n, c, ReadOptions()) for n, c in iter_inputs(SAMPLE_DIR))
        _ingest_locked(inputs, store=store, workers=1, progress=None)
    return True
