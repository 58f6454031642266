"""Bytes to text: which encoding a file is in, decided by evidence rather than by luck.

A clean decode proves nothing (Big5 always "decodes" as GB18030), so the order is the one
measured in research/reliability.md (C-detail):

1. a user override (`--encoding`), mapped through the WHATWG labels;
2. magic bytes of binary formats (PNG, PDF, ZIP…) and a byte-order mark;
3. strict UTF-8 (no GBK or Big5 sample passes it); a truncated last character is dropped;
4. NUL-heavy data: UTF-16/32 without a BOM, through chardet and charset-normalizer;
5. chardet, with gb2312/gbk → gb18030 and big5 → big5hkscs; between the two Chinese double-byte
   codecs, the decode made of common characters wins (short texts, where chardet guesses wildly);
6. charset-normalizer as the last resort.

An HTML `<meta charset>` is a hint: it is mapped through the WHATWG labels and used only when
the bytes decode under it and the evidence does not clearly point elsewhere. The labels and the
common-character score that tells GB18030 from Big5 are in `charsets`.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

import chardet
import charset_normalizer

from analysis.sources import charsets
from analysis.sources.base import InputRejected

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"%PDF-", "PDF document"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"PK\x03\x04", "ZIP archive"),
    (b"\x1f\x8b", "gzip archive"),
    (b"BZh", "bzip2 archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"\x7fELF", "executable"),
    (b"MZ\x90\x00", "Windows executable"),
    (b"PAR1", "Parquet file"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "Office document"),
    (b"RIFF", "RIFF media file"),
    (b"OggS", "Ogg media file"),
    (b"ID3", "MP3 audio"),
    (b"\x00\x00\x00\x18ftyp", "MP4 video"),
    (b"\x00\x00\x00\x20ftyp", "MP4 video"),
    (b"wOFF", "web font"),
)

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")
_DETECT_SAMPLE = 200_000  # bytes chardet looks at; the whole file is then decoded strictly
_MAX_REPLACED = 0.005  # share of undecodable characters tolerated in mostly-UTF-8 text


@dataclass(frozen=True, slots=True)
class Decoded:
    """Text and the Python codec name that produced it, with notes on anything repaired."""

    text: str
    encoding: str
    warnings: tuple[str, ...] = ()


def decode(
    data: bytes, *, name: str, override: str | None = None, hint: str | None = None
) -> Decoded:
    """Decode `data` (the file `name`) to text, or raise InputRejected saying why not."""
    if override:
        return _decode_override(data, name=name, label=override)
    _reject_binary_magic(data, name=name)
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _decode_strictly(data[len(bom) :], encoding=encoding, name=name)
    if not data.strip():
        return Decoded(text="", encoding="utf-8")
    nuls = data.count(0)
    if nuls * 8 > len(data):
        wide = _try_wide(data)
        if wide is not None:
            return wide
    if len(data) % 2 == 0 and not _is_utf8(data):
        wide = _try_utf16_cjk(data)
        if wide is not None:
            return wide
    if nuls * 20 > len(data):
        raise InputRejected(f"binary data, not text ({nuls} NUL bytes)", path=name)
    stripped = data.replace(b"\x00", b"") if nuls else data
    _reject_control_heavy(stripped, name=name)
    decoded = _try_utf8(stripped) or _try_hint(stripped, hint=hint)
    decoded = decoded or _detect_legacy(stripped, name=name)
    return _with_warning(decoded, f"dropped {nuls} NUL bytes") if nuls else decoded


def _decode_override(data: bytes, *, name: str, label: str) -> Decoded:
    codec = charsets.codec_for_label(label)
    if codec is None or not charsets.is_text_codec(codec):
        raise InputRejected(f"unknown encoding {label!r}", path=name)
    for bom, encoding in _BOMS:
        if data.startswith(bom) and encoding.startswith(codec[:6]):
            data = data[len(bom) :]
            break
    return _decode_strictly(data, encoding=codec, name=name)


def _reject_binary_magic(data: bytes, *, name: str) -> None:
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            raise InputRejected(f"binary file ({kind}), not text", path=name)


def _reject_control_heavy(data: bytes, *, name: str) -> None:
    sample = data[:_DETECT_SAMPLE]
    controls = len(_CONTROL_BYTES.findall(sample))
    if sample and controls > max(2, len(sample) // 50):
        raise InputRejected(
            f"binary data, not text ({controls} control bytes in the first {len(sample)})",
            path=name,
        )


def _decode_strictly(data: bytes, *, encoding: str, name: str) -> Decoded:
    """Decode all of `data`; only an incomplete last character is dropped."""
    try:
        return Decoded(text=data.decode(encoding), encoding=encoding)
    except UnicodeDecodeError as exc:
        trimmed = _decode_dropping_truncated_tail(data, encoding=encoding, error=exc)
        if trimmed is not None:
            return trimmed
        raise InputRejected(
            f"cannot decode as {encoding}: bad bytes at offset {exc.start}", path=name
        ) from exc


def _decode_dropping_truncated_tail(
    data: bytes, *, encoding: str, error: UnicodeDecodeError
) -> Decoded | None:
    """When the only fault is a character cut off at the end, decode the rest."""
    text = charsets.without_truncated_tail(data, encoding=encoding, error=error)
    if text is None:
        return None
    dropped = len(data) - error.start
    return Decoded(
        text=text,
        encoding=encoding,
        warnings=(f"dropped {dropped} bytes of a truncated last character",),
    )


def _try_utf8(data: bytes) -> Decoded | None:
    """Strict UTF-8, or UTF-8 with a truncated end or a handful of broken bytes."""
    try:
        return Decoded(text=data.decode("utf-8"), encoding="utf-8")
    except UnicodeDecodeError as exc:
        trimmed = _decode_dropping_truncated_tail(data, encoding="utf-8", error=exc)
        if trimmed is not None:
            return trimmed
    text = data.decode("utf-8", errors="replace")
    replaced = text.count("\ufffd") - data.count("\ufffd".encode())
    multibyte = sum(1 for ch in text[:_DETECT_SAMPLE] if "\u0800" <= ch != "\ufffd")
    if multibyte >= 20 * replaced and replaced <= max(2, _MAX_REPLACED * len(text)):
        return Decoded(
            text=text.replace("\ufffd", ""),
            encoding="utf-8",
            warnings=(f"dropped {replaced} undecodable byte sequences from UTF-8 text",),
        )
    return None


def _try_wide(data: bytes) -> Decoded | None:
    """UTF-16/32 without a BOM (many NUL bytes): trust a decode that gives plain text."""
    guess = chardet.detect(data[:_DETECT_SAMPLE])
    candidates = [str(guess["encoding"])] if guess.get("encoding") else []
    best = charset_normalizer.from_bytes(data[:_DETECT_SAMPLE]).best()
    if best is not None:
        candidates.append(best.encoding)
    even_nuls = data[0::2].count(0)
    odd_nuls = data[1::2].count(0)
    candidates.append("utf-16-be" if even_nuls > odd_nuls else "utf-16-le")
    for candidate in candidates:
        codec = charsets.normalise_codec(candidate)
        if codec is None or not codec.startswith(("utf-16", "utf-32")):
            continue
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if _looks_like_text(text):
            return Decoded(text=text, encoding=codec)
    return None


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _try_utf16_cjk(data: bytes) -> Decoded | None:
    """UTF-16 without a BOM holding Chinese only (no NUL bytes): common characters or nothing."""
    if len(data) < 16:
        return None
    for codec in ("utf-16-le", "utf-16-be"):
        text = charsets.decode_or_none(data, codec)
        if text is None or not _looks_like_text(text) or charsets.commonness(text) < 0.9:
            continue
        rival = charsets.best_cjk(data, preferred=None)
        if rival is None or charsets.commonness(rival[1]) < charsets.commonness(text):
            return Decoded(text=text, encoding=codec)
    return None


def _looks_like_text(text: str) -> bool:
    if not text:
        return False
    bad = sum(
        1
        for ch in text[:20000]
        if (ch < " " and ch not in "\t\n\r\f")
        or "\ud800" <= ch <= "\udfff"
        or "\ue000" <= ch <= "\uf8ff"
    )
    return bad <= len(text[:20000]) // 50


def _try_hint(data: bytes, *, hint: str | None) -> Decoded | None:
    """The declared charset, when it decodes and a Chinese decode is not clearly better."""
    codec = charsets.codec_for_label(hint) if hint else None
    if codec is None or not charsets.is_text_codec(codec) or codec.startswith("utf-"):
        return None
    text = charsets.decode_or_none(data, codec)
    if text is None:
        return None
    if codec not in charsets.EAST_ASIAN:
        rival = charsets.best_cjk(data, preferred=None)
        if (
            rival
            and rival[0] != codec
            and charsets.commonness(rival[1]) > charsets.commonness(text) + 0.2
        ):
            return None  # a Big5 page labelled gb2312, a GBK page labelled iso-8859-1…
    return Decoded(text=text, encoding=codec)


def _detect_legacy(data: bytes, *, name: str) -> Decoded:
    """chardet's answer, corrected between GB18030 and Big5 by how common the characters are."""
    guess = chardet.detect(data[:_DETECT_SAMPLE])
    if guess.get("encoding") is None and guess.get("mime_type") not in (None, "text/plain"):
        raise InputRejected(f"binary data, not text ({guess['mime_type']})", path=name)
    top = charsets.normalise_codec(str(guess["encoding"])) if guess.get("encoding") else None
    confidence = float(guess.get("confidence") or 0.0)
    chosen: tuple[str, str] | None = None
    if top is not None:
        text = charsets.decode_or_none(data, top)
        if text is not None:
            chosen = (top, text)
    if chosen is None or top in charsets.CJK_DOUBLE_BYTE or confidence < 0.5:
        chosen = charsets.best_cjk(data, preferred=chosen, top_confidence=confidence)
    if chosen is None:
        chosen = _charset_normalizer_guess(data)
    if chosen is None:
        raise InputRejected(
            "unknown encoding: the bytes decode as no known text encoding", path=name
        )
    codec, text = chosen
    if not _looks_like_text(text):
        raise InputRejected(f"binary data, not text (decoded as {codec})", path=name)
    return Decoded(text=text, encoding=codec)


def _charset_normalizer_guess(data: bytes) -> tuple[str, str] | None:
    best = charset_normalizer.from_bytes(data[:_DETECT_SAMPLE]).best()
    if best is None:
        return None
    codec = charsets.normalise_codec(best.encoding)
    if codec is None:
        return None
    text = charsets.decode_or_none(data, codec)
    return (codec, text) if text is not None else None


def _with_warning(decoded: Decoded, warning: str) -> Decoded:
    return Decoded(
        text=decoded.text, encoding=decoded.encoding, warnings=(*decoded.warnings, warning)
    )
