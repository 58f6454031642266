"""The input files below a path: a file, a folder (recursively) or a .zip archive.

    iter_inputs(Path("corpus")) -> ("corpus/a.csv", b"..."), ("corpus/x.zip!/b.jsonl", b"..."),
                                   ("corpus/link", InputRejected("symbolic link not followed"))

Nothing is extracted to disk: zip members are read in memory, each with a bounded read (at
most its limit + 1 bytes, whatever its header declares), so a zip bomb is stopped after a few
MB. Symbolic links are not followed, in folders or in archives; hidden files and folders
(.git, .DS_Store) and `__MACOSX` resource forks are skipped without a word. A problem with one
file or member is yielded as an InputRejected in its place; the other inputs are still read.
"""

from __future__ import annotations

import io
import os
import re
import stat
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from typing import IO

from analysis.sources.base import InputRejected

MAX_FILE_BYTES = 200 * 1024 * 1024  # one plain file, or one archive member, uncompressed
MAX_ARCHIVE_ENTRIES = 10_000
MAX_ARCHIVE_BYTES = 1024**3  # all members of one archive, uncompressed
MAX_RATIO = 200  # uncompressed : compressed, for members larger than RATIO_FLOOR
RATIO_FLOOR = 1024 * 1024
_CHUNK = 1024 * 1024

_ARCHIVE_SUFFIXES = (".zip",)
_NESTED_ARCHIVE_SUFFIXES = (
    ".zip",
    ".jar",
    ".7z",
    ".rar",
    ".tar",
    ".tgz",
    ".tar.gz",
    ".gz",
    ".bz2",
    ".xz",
    ".zst",
)
_ZIP_MAGIC = b"PK\x03\x04"
_DRIVE = re.compile(r"^[A-Za-z]:")
_SKIPPED_FOLDERS = ("__MACOSX",)

Input = tuple[str, bytes | InputRejected]


def iter_inputs(path: Path) -> Iterator[tuple[str, bytes | InputRejected]]:
    """(name, bytes) for every input file below `path`, or (name, InputRejected) in its place.

    The path given is read even when it is a symbolic link (the user named it); links found
    inside folders are not followed.
    """
    name = str(path)
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        yield name, _rejected(f"cannot read: {exc.strerror or exc}", name)
        return
    if stat.S_ISDIR(mode):
        yield from _iter_folder(path)
    elif stat.S_ISREG(mode):
        yield from _iter_file(path, name)
    else:
        yield name, _rejected("not a regular file or folder", name)


def is_archive_name(name: str) -> bool:
    return name.lower().endswith(_ARCHIVE_SUFFIXES)


# --- folders and plain files -------------------------------------------------------------------


def _iter_folder(folder: Path) -> Iterator[Input]:
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError as exc:
        yield str(folder), _rejected(f"cannot list the folder: {exc.strerror or exc}", str(folder))
        return
    for entry in entries:
        if entry.name.startswith(".") or entry.name in _SKIPPED_FOLDERS:
            continue
        child = folder / entry.name
        name = str(child)
        try:
            if entry.is_symlink():
                yield name, _rejected("symbolic link not followed", name)
            elif entry.is_dir(follow_symlinks=False):
                yield from _iter_folder(child)
            elif entry.is_file(follow_symlinks=False):
                yield from _iter_file(child, name)
            else:
                yield name, _rejected("not a regular file (device, pipe or socket)", name)
        except OSError as exc:
            yield name, _rejected(f"cannot read: {exc.strerror or exc}", name)


def _iter_file(path: Path, name: str) -> Iterator[Input]:
    if is_archive_name(name):
        yield from _iter_zip(path, name)
        return
    yield name, _read_file(path, name)


def _read_file(path: Path, name: str) -> bytes | InputRejected:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return _rejected(
                f"file too large: {_mb(size)}, the limit is {_mb(MAX_FILE_BYTES)}", name
            )
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        return _rejected(f"cannot read: {exc.strerror or exc}", name)
    if len(data) > MAX_FILE_BYTES:  # grew while we looked
        return _rejected(f"file too large: over {_mb(MAX_FILE_BYTES)}", name)
    return data


# --- zip archives ------------------------------------------------------------------------------


def iter_upload(name: str, data: bytes) -> Iterator[Input]:
    """An uploaded file held in memory: itself, or the members of a .zip, with the same limits
    as archives on disk."""
    if is_archive_name(name):
        yield from _iter_zip(io.BytesIO(data), name)
    elif len(data) > MAX_FILE_BYTES:
        yield name, _rejected(f"file too large: {_mb(len(data))}", name)
    else:
        yield name, data


def _iter_zip(source: Path | IO[bytes], name: str) -> Iterator[Input]:
    try:
        archive = zipfile.ZipFile(source)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        yield name, _rejected(f"not a readable zip archive ({exc})", name)
        return
    with archive:
        try:
            members = archive.infolist()
        except (zipfile.BadZipFile, OSError, ValueError) as exc:  # pragma: no cover - defensive
            yield name, _rejected(f"not a readable zip archive ({exc})", name)
            return
        problem = _archive_problem(members)
        if problem:
            yield name, _rejected(problem, name)
            return
        budget = MAX_ARCHIVE_BYTES
        for info in members:
            member_name = f"{name}!/{info.filename}"
            if info.is_dir() or _skipped_member(info.filename):
                continue
            reason = _member_problem(info)
            if reason:
                yield member_name, _rejected(reason, member_name)
                continue
            data = _read_member(archive, info, limit=min(MAX_FILE_BYTES, budget))
            if isinstance(data, str):
                if data == _OVER_BUDGET:
                    yield (
                        name,
                        _rejected(
                            f"zip archive too large: over {_mb(MAX_ARCHIVE_BYTES)} uncompressed "
                            f"(stopped at {info.filename!r})",
                            name,
                        ),
                    )
                    return
                yield member_name, _rejected(data, member_name)
                continue
            budget -= len(data)
            if data.startswith(_ZIP_MAGIC):
                yield (
                    member_name,
                    _rejected("nested archive not read (a zip inside the zip)", member_name),
                )
                continue
            yield member_name, data


def _archive_problem(members: list[zipfile.ZipInfo]) -> str | None:
    """Whole-archive limits, checked on the central directory before anything is read."""
    if len(members) > MAX_ARCHIVE_ENTRIES:
        return f"zip archive has {len(members):,} entries, the limit is {MAX_ARCHIVE_ENTRIES:,}"
    declared = sum(info.file_size for info in members)
    if declared > MAX_ARCHIVE_BYTES:
        return (
            f"zip archive declares {_mb(declared)} uncompressed, the limit is "
            f"{_mb(MAX_ARCHIVE_BYTES)} (a zip bomb?)"
        )
    return None


def _skipped_member(filename: str) -> bool:
    parts = PurePosixPath(filename.replace("\\", "/")).parts
    return any(part.startswith(".") and part not in (".", "..") for part in parts) or any(
        part in _SKIPPED_FOLDERS for part in parts
    )


def _member_problem(info: zipfile.ZipInfo) -> str | None:
    """Why a member may not be read, judged from its header alone."""
    filename = info.filename
    unsafe = _unsafe_name(filename)
    if unsafe:
        return unsafe
    kind = stat.S_IFMT(info.external_attr >> 16)
    if kind == stat.S_IFLNK:
        return "symbolic link in the archive, not followed"
    if kind not in (0, stat.S_IFREG):
        return "not a regular file in the archive"
    if info.flag_bits & 0x1:
        return "encrypted member, cannot be read"
    if filename.lower().endswith(_NESTED_ARCHIVE_SUFFIXES):
        return "nested archive not read (unpack it first)"
    if info.file_size > MAX_FILE_BYTES:
        return f"member too large: {_mb(info.file_size)}, the limit is {_mb(MAX_FILE_BYTES)}"
    if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
        ratio = info.file_size // max(info.compress_size, 1)
        return f"compression ratio {ratio}:1 is over {MAX_RATIO}:1 (a zip bomb?)"
    return None


def _unsafe_name(filename: str) -> str | None:
    name = filename.replace("\\", "/")
    if "\x00" in name:
        return "member name holds a NUL character"
    if name.startswith("/") or _DRIVE.match(name):
        return "absolute path in the archive, not read"
    if ".." in name.split("/"):
        return "path leaves the archive (`..`), not read"
    return None


_OVER_BUDGET = "over budget"


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, *, limit: int) -> bytes | str:
    """The member's bytes, reading at most `limit` + 1 of them; or why it was refused."""
    chunks: list[bytes] = []
    total = 0
    try:
        with archive.open(info) as handle:
            while True:
                chunk = handle.read(min(_CHUNK, limit + 1 - total))
                if not chunk:
                    break
                chunks.append(chunk)
                total += len(chunk)
                if total > limit:
                    return (
                        _OVER_BUDGET
                        if limit < MAX_FILE_BYTES
                        else (f"member too large: over {_mb(MAX_FILE_BYTES)} uncompressed")
                    )
                if total > RATIO_FLOOR and total > MAX_RATIO * max(info.compress_size, 1):
                    return f"compression ratio over {MAX_RATIO}:1 (a zip bomb?)"
    except (
        zipfile.BadZipFile,
        zlib.error,
        OSError,
        EOFError,
        ValueError,
        NotImplementedError,
        RuntimeError,
    ) as exc:
        return f"unreadable member ({exc})"
    return b"".join(chunks)


def _rejected(reason: str, name: str) -> InputRejected:
    return InputRejected(reason, path=name)


def _mb(size: int) -> str:
    if size >= 1024**3:
        return f"{size / 1024**3:.1f} GiB"
    return f"{size / 1024**2:.1f} MB"
