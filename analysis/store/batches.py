"""The on-disk store: append-only batches of Parquet files, each renamed into place in one step.

    store/
      batches/<batch-id>/articles.parquet   one row per article or teaser (model.ARTICLE_COLUMNS)
                         entities.parquet   one row per (article, entity)
                         events.parquet     one row per event
                         topics.parquet     one row per (article, topic)
                         terms.parquet      one row per (article, term)
                         files.parquet      one row per input file: what it gave, or why rejected
                         replaces.json      (compaction only) the batches this one supersedes
      tmp/                                  batches being written; never read

A batch is written under tmp/ and renamed into batches/ (one rename on one file system), so a
crash leaves the whole batch or nothing. Readers list batches/ at query time, so a dashboard
that stays open sees a command-line ingest on its next query.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import json
import os
import shutil
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from analysis.model import (
    ARTICLE_COLUMNS,
    AnalyzedArticle,
)
from analysis.sources.dates import published_date

TABLES = ("articles", "entities", "events", "topics", "terms", "files")

# Columns of each table. Article and event fields come from the model; the rest are links.
SCHEMAS: dict[str, pa.Schema] = {
    "articles": pa.schema(
        [
            ("id", pa.string()),
            ("title", pa.string()),
            ("published_at", pa.string()),
            ("source", pa.string()),
            ("category", pa.string()),
            ("views", pa.int64()),
            ("url", pa.string()),
            ("body", pa.string()),
            ("kind", pa.string()),
            ("lang", pa.string()),
            ("origin", pa.string()),
            ("published_date", pa.date32()),  # derived from published_at, for date filters
        ]
    ),
    "entities": pa.schema(
        [
            ("article_id", pa.string()),
            ("entity_id", pa.string()),
            ("name", pa.string()),
            ("name_en", pa.string()),
            ("type", pa.string()),
            ("count", pa.int64()),
            ("surface_forms", pa.list_(pa.string())),
            ("known", pa.bool_()),
        ]
    ),
    "events": pa.schema(
        [
            ("article_id", pa.string()),
            ("type", pa.string()),
            ("sentence", pa.string()),
            ("quantity", pa.int64()),
            ("unit", pa.string()),
            ("actor", pa.string()),
            ("target", pa.string()),
            ("location", pa.string()),
            ("claimant", pa.string()),
            ("approximate", pa.bool_()),
            ("cumulative", pa.bool_()),
            ("conflict", pa.bool_()),
        ]
    ),
    "topics": pa.schema([("article_id", pa.string()), ("topic", pa.string())]),
    "terms": pa.schema([("article_id", pa.string()), ("term", pa.string()), ("count", pa.int64())]),
    "files": pa.schema(
        [
            ("path", pa.string()),
            ("format", pa.string()),
            ("articles", pa.int64()),
            ("teasers", pa.int64()),
            ("duplicates", pa.int64()),
            ("warnings", pa.list_(pa.string())),
            ("rejected", pa.string()),
            ("ingested_at", pa.string()),
        ]
    ),
}
assert tuple(SCHEMAS["articles"].names[: len(ARTICLE_COLUMNS)]) == ARTICLE_COLUMNS


@dataclass(slots=True)
class FileRecord:
    """What one input file gave, for the per-file report and the Corpus page."""

    path: str
    format: str | None = None
    articles: int = 0
    teasers: int = 0
    duplicates: int = 0
    warnings: list[str] = field(default_factory=list)
    rejected: str | None = None


@dataclass(slots=True)
class Batch:
    """Rows waiting to be written as one batch."""

    analyzed: list[AnalyzedArticle] = field(default_factory=list)
    files: list[FileRecord] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.analyzed or self.files)


class Store:
    """A folder of batches. Cheap to create; holds no open files."""

    def __init__(self, root: str | os.PathLike[str], *, query_threads: int = 2) -> None:
        self.root = Path(root)
        self.query_threads = query_threads  # DuckDB threads of a query (`Settings.duckdb_threads`)
        self.batches_dir = self.root / "batches"
        self.tmp_dir = self.root / "tmp"

    @contextlib.contextmanager
    def writer_lock(self) -> Iterator[None]:
        """Held by whoever writes batches, so that two ingests (the app and the command
        line) never decide at the same time that the same article is new."""
        self.root.mkdir(parents=True, exist_ok=True)
        with open(self.root / ".lock", "w") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def batch_dirs(self) -> list[Path]:
        """The live batches, oldest first, leaving out any superseded by a compaction."""
        if not self.batches_dir.is_dir():
            return []
        dirs = sorted(p for p in self.batches_dir.iterdir() if p.is_dir())
        replaced: set[str] = set()
        for d in dirs:
            marker = d / "replaces.json"
            if marker.is_file():
                replaced.update(json.loads(marker.read_text(encoding="utf-8")))
        return [d for d in dirs if d.name not in replaced]

    def version(self) -> str:
        """Changes whenever a batch is added or compacted: the cache key for queries."""
        return "|".join(d.name for d in self.batch_dirs())

    def exists(self) -> bool:
        return bool(self.batch_dirs())

    def table_files(self, table: str) -> list[str]:
        return [str(d / f"{table}.parquet") for d in self.batch_dirs()]

    def known_article_ids(self) -> set[str]:
        ids: set[str] = set()
        for path in self.table_files("articles"):
            ids.update(pq.read_table(path, columns=["id"]).column("id").to_pylist())
        return ids

    def write_batch(self, batch: Batch, *, replaces: Sequence[str] = ()) -> Path | None:
        """Write all tables of `batch` into a new batch folder, atomically. None if empty."""
        if not batch and not replaces:
            return None
        batch_id = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ") + "-" + uuid.uuid4().hex[:8]
        self.tmp_dir.mkdir(parents=True, exist_ok=True)
        self.batches_dir.mkdir(parents=True, exist_ok=True)
        staging = self.tmp_dir / batch_id
        staging.mkdir()
        try:
            for table, rows in _rows_by_table(batch).items():
                pq.write_table(
                    pa.Table.from_pylist(rows, schema=SCHEMAS[table]), staging / f"{table}.parquet"
                )
            if replaces:
                (staging / "replaces.json").write_text(json.dumps(list(replaces)), "utf-8")
            _fsync_dir(staging)
            final = self.batches_dir / batch_id
            os.rename(staging, final)
            _fsync_dir(self.batches_dir)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        return final

    def compact(self) -> Path | None:
        """Merge all live batches into one; the old ones are removed afterwards."""
        live = self.batch_dirs()
        if len(live) < 2:
            return None
        merged = self.tmp_dir / f"merge-{uuid.uuid4().hex[:8]}"
        merged.mkdir(parents=True)
        try:
            for table in TABLES:
                parts = [pq.read_table(d / f"{table}.parquet", schema=SCHEMAS[table]) for d in live]
                pq.write_table(pa.concat_tables(parts), merged / f"{table}.parquet")
            (merged / "replaces.json").write_text(json.dumps([d.name for d in live]), "utf-8")
            batch_id = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ") + "-compact"
            final = self.batches_dir / batch_id
            os.rename(merged, final)
        except BaseException:
            shutil.rmtree(merged, ignore_errors=True)
            raise
        for d in live:
            shutil.rmtree(d, ignore_errors=True)
        (final / "replaces.json").unlink()
        return final


def _rows_by_table(batch: Batch) -> dict[str, list[dict[str, Any]]]:
    rows: dict[str, list[dict[str, Any]]] = {table: [] for table in TABLES}
    for item in batch.analyzed:
        article = item.article
        record = {name: getattr(article, name) for name in ARTICLE_COLUMNS}
        try:
            record["published_date"] = published_date(article.published_at)
        except ValueError:
            record["published_date"] = None
        rows["articles"].append(record)
        for entity in item.entities:
            entity_row = entity.to_dict()
            entity_row["entity_id"] = entity_row.pop("id")
            rows["entities"].append({"article_id": article.id, **entity_row})
        for event in item.events:
            rows["events"].append({"article_id": article.id, **event.to_dict()})
        rows["topics"].extend({"article_id": article.id, "topic": t} for t in item.topics)
        rows["terms"].extend(
            {"article_id": article.id, "term": term, "count": count}
            for term, count in item.terms.items()
        )
    ingested_at = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    for file in batch.files:
        rows["files"].append(
            {
                "path": file.path,
                "format": file.format,
                "articles": file.articles,
                "teasers": file.teasers,
                "duplicates": file.duplicates,
                "warnings": file.warnings,
                "rejected": file.rejected,
                "ingested_at": ingested_at,
            }
        )
    return rows


def _fsync_dir(path: Path) -> None:
    for child in [*path.iterdir(), path] if path.is_dir() else [path]:
        try:
            fd = os.open(child, os.O_RDONLY)
        except OSError:
            continue
        try:
            os.fsync(fd)
        except OSError:
            pass
        finally:
            os.close(fd)
