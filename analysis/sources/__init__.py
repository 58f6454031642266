"""Read inputs into articles: pick a reader by extension and content, one result per file.

    read_paths([Path("corpus/")]) -> FileResult, FileResult, ...

Folders are read recursively and .zip archives member by member (`archive.iter_inputs`).
Each file gets exactly one FileResult: its articles and warnings, or the reason it was rejected.
Nothing here raises on bad input; every reader raises only `InputRejected`, and anything else
a reader raises is reported as that file's rejection instead of a traceback.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path, PurePosixPath

from analysis.sources.base import FileResult, InputRejected, ReaderOutput, ReadOptions

Reader = Callable[..., ReaderOutput]

# format name -> "module:function"; every reader takes (data: bytes, *, name, options).
READERS: dict[str, str] = {
    "text": "analysis.sources.text_page:read_text",
    "html": "analysis.sources.html_page:read_html",
    "digest": "analysis.sources.digest:read_digest",
    "csv": "analysis.sources.tables:read_csv",
    "tsv": "analysis.sources.tables:read_tsv",
    "json": "analysis.sources.tables:read_json",
    "jsonl": "analysis.sources.tables:read_jsonl",
    "parquet": "analysis.sources.tables:read_parquet",
}
FORMATS: tuple[str, ...] = tuple(READERS)

_BY_EXTENSION = {
    ".txt": "text",
    ".text": "text",
    ".md": "text",  # a digest when its content says so (see _sniff_markdown)
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".csv": "csv",
    ".tsv": "tsv",
    ".tab": "tsv",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".parquet": "parquet",
}

# Magic bytes of formats we do not read, so that the reason can say what the file is.
_FOREIGN_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "a PDF document (unsupported format: export it as text or HTML)"),
    (b"PK\x03\x04", "a ZIP container such as .docx/.xlsx (unsupported format)"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document (unsupported format)"),
    (b"\x89PNG", "a PNG image, not text"),
    (b"\xff\xd8\xff", "a JPEG image, not text"),
    (b"GIF8", "a GIF image, not text"),
    (b"\x1f\x8b", "a gzip archive (unsupported: unpack it or use .zip)"),
    (b"7z\xbc\xaf", "a 7-Zip archive (unsupported: use .zip)"),
    (b"Rar!", "a RAR archive (unsupported: use .zip)"),
    (b"\x7fELF", "an executable, not text"),
)
_UNSUPPORTED_EXTENSIONS = {
    ".docx": "Word documents are not supported: save as .txt or .html",
    ".doc": "Word documents are not supported: save as .txt or .html",
    ".pdf": "PDF is not supported: export the text as .txt",
    ".xlsx": "Excel workbooks are not supported: save as .csv",
    ".xls": "Excel workbooks are not supported: save as .csv",
    ".pptx": "PowerPoint files are not supported",
    ".rtf": "RTF is not supported: save as .txt",
}


def read_paths(paths: Iterable[Path], options: ReadOptions | None = None) -> Iterator[FileResult]:
    """One FileResult per input file below `paths` (files, folders, .zip archives)."""
    from analysis.sources.archive import iter_inputs

    options = options or ReadOptions()
    for path in paths:
        for name, content in iter_inputs(Path(path)):
            if isinstance(content, InputRejected):
                yield FileResult(path=name, rejected=content.reason)
            else:
                yield read_bytes(content, name=name, options=options)


def read_bytes(data: bytes, *, name: str, options: ReadOptions | None = None) -> FileResult:
    """Read one file's bytes; never raises for bad input."""
    options = options or ReadOptions()
    try:
        fmt = options.format or sniff_format(data, name=name)
        output = reader_for(fmt)(data, name=name, options=options)
    except InputRejected as exc:
        return FileResult(path=name, rejected=exc.reason)
    except RecursionError:
        return FileResult(path=name, rejected="structure nested too deeply to read")
    except MemoryError:
        return FileResult(path=name, rejected="too large to read in memory")
    except Exception as exc:  # a reader bug must not lose the other files
        return FileResult(path=name, rejected=f"could not be read ({type(exc).__name__}: {exc})")
    if not output.articles:
        reason = "no articles found" + (f" ({output.warnings[0]})" if output.warnings else "")
        return FileResult(path=name, rejected=reason, warnings=output.warnings, format=fmt)
    return FileResult(path=name, articles=output.articles, warnings=output.warnings, format=fmt)


def reader_for(fmt: str) -> Reader:
    if fmt not in READERS:
        raise InputRejected(f"unknown format {fmt!r} (known: {', '.join(FORMATS)})")
    module_name, function_name = READERS[fmt].split(":")
    reader: Reader = getattr(importlib.import_module(module_name), function_name)
    return reader


def sniff_format(data: bytes, *, name: str) -> str:
    """The format of a file, from its extension and its first bytes."""
    suffix = PurePosixPath(name.rsplit("!/", 1)[-1]).suffix.lower()
    if suffix in _UNSUPPORTED_EXTENSIONS:
        raise InputRejected(_UNSUPPORTED_EXTENSIONS[suffix])
    if not data.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        raise InputRejected("empty file" if not data else "blank file (only white space)")
    if data.startswith(b"PAR1"):
        return "parquet"
    for magic, what in _FOREIGN_MAGIC:
        if data.startswith(magic):
            raise InputRejected(f"this is {what}")
    fmt = _BY_EXTENSION.get(suffix)
    if fmt == "text" and _looks_like_digest(data):
        return "digest"
    if fmt is not None:
        return fmt
    return _sniff_content(data)


def _looks_like_digest(data: bytes) -> bool:
    head = data[:4096].decode("utf-8", errors="ignore").lstrip("\ufeff \n")
    return head.startswith("# ") and "\n### " in data[:200_000].decode("utf-8", errors="ignore")


def _sniff_content(data: bytes) -> str:
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<article", b"<?xml")):
        return "html"
    if head.startswith(b"["):
        return "json"
    if head.startswith(b"{"):
        first_line = head.split(b"\n", 1)[0].rstrip()
        return "jsonl" if first_line.endswith(b"}") else "json"
    if _looks_like_digest(data):
        return "digest"
    return "text"
