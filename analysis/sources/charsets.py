"""Encoding names and Chinese codecs: which codec a label means, which decode reads as Chinese.

- `codec_for_label`: an encoding label (`<meta charset>`, `--encoding`) to the Python codec that
  decodes it, by the WHATWG Encoding Standard first, then by Python's own names.
- `best_cjk`: of GB18030, Big5-HKSCS and chardet's guess, the decode made of the commonest
  characters (`commonness`: GB2312 level 1, Big5 level 1, CJK punctuation), since both
  double-byte codecs decode almost any bytes without error.
"""

from __future__ import annotations

import codecs
import functools
import re

# WHATWG Encoding Standard labels (https://encoding.spec.whatwg.org/#names-and-labels) for the
# encodings news pages use, to the Python codec that decodes them. gb2312 and friends are GBK,
# whose decoder is the gb18030 decoder; Big5 is decoded as Big5-HKSCS (a superset).
_WHATWG: dict[str, str] = {
    **dict.fromkeys(
        (
            "unicode-1-1-utf-8",
            "unicode11utf8",
            "unicode20utf8",
            "utf-8",
            "utf8",
            "x-unicode20utf8",
        ),
        "utf-8",
    ),
    **dict.fromkeys(
        (
            "chinese",
            "csgb2312",
            "csiso58gb231280",
            "gb2312",
            "gb_2312",
            "gb_2312-80",
            "gbk",
            "iso-ir-58",
            "x-gbk",
            "gb18030",
            "cp936",
            "ms936",
            "windows-936",
            "euc-cn",
        ),
        "gb18030",
    ),
    **dict.fromkeys(
        ("big5", "big5-hkscs", "cn-big5", "csbig5", "x-x-big5", "cp950", "ms950", "big5hkscs"),
        "big5hkscs",
    ),
    **dict.fromkeys(
        (
            "csshiftjis",
            "ms932",
            "ms_kanji",
            "shift-jis",
            "shift_jis",
            "sjis",
            "windows-31j",
            "x-sjis",
            "cp932",
        ),
        "cp932",
    ),
    **dict.fromkeys(("cseucpkdfmtjapanese", "euc-jp", "x-euc-jp"), "euc_jp"),
    **dict.fromkeys(("csiso2022jp", "iso-2022-jp"), "iso2022_jp"),
    **dict.fromkeys(
        (
            "cseuckr",
            "csksc56011987",
            "euc-kr",
            "iso-ir-149",
            "korean",
            "ks_c_5601-1987",
            "ks_c_5601-1989",
            "ksc5601",
            "ksc_5601",
            "windows-949",
            "cp949",
        ),
        "cp949",
    ),
    **dict.fromkeys(("unicodefffe", "utf-16be"), "utf-16-be"),
    **dict.fromkeys(
        ("csunicode", "iso-10646-ucs-2", "ucs-2", "unicode", "unicodefeff", "utf-16", "utf-16le"),
        "utf-16-le",
    ),
    **dict.fromkeys(
        (
            "ansi_x3.4-1968",
            "ascii",
            "cp1252",
            "cp819",
            "csisolatin1",
            "ibm819",
            "iso-8859-1",
            "iso-ir-100",
            "iso8859-1",
            "iso88591",
            "iso_8859-1",
            "iso_8859-1:1987",
            "l1",
            "latin1",
            "us-ascii",
            "windows-1252",
            "x-cp1252",
        ),
        "cp1252",
    ),
}
# Labels that WHATWG maps to the "replacement" encoding: never decode with them.
_REPLACEMENT = frozenset(
    ("csiso2022kr", "hz-gb-2312", "iso-2022-cn", "iso-2022-cn-ext", "iso-2022-kr", "replacement")
)

CJK_DOUBLE_BYTE = ("gb18030", "big5hkscs")
EAST_ASIAN = frozenset(
    (
        "cp932",
        "euc_jp",
        "iso2022_jp",
        "cp949",
        "euc_jis_2004",
        "shift_jis_2004",
        "shift_jisx0213",
        "euc_jisx0213",
    )
)
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff]")


def codec_for_label(label: str) -> str | None:
    """The Python codec for an encoding label (WHATWG first, then Python's own names)."""
    key = label.strip().lower()
    if key in _REPLACEMENT:
        return None
    if key in _WHATWG:
        return _WHATWG[key]
    try:
        codec = codecs.lookup(key).name
    except LookupError:
        return None
    return normalise_codec(codec)


def normalise_codec(codec: str) -> str | None:
    """Python codec names folded the WHATWG way (gb2312 → gb18030, big5 → big5hkscs)."""
    try:
        name = codecs.lookup(codec).name
    except LookupError:
        return None
    if name in ("gb2312", "gbk", "gb18030", "hz", "cp936"):
        return "gb18030"
    if name in ("big5", "cp950", "big5hkscs"):
        return "big5hkscs"
    if name in ("shift_jis", "cp932"):
        return "cp932"
    if name in ("euc_kr", "cp949"):
        return "cp949"
    if name in ("ascii", "latin_1", "iso8859-1"):
        return "cp1252"
    return name


@functools.cache
def is_text_codec(codec: str) -> bool:
    try:
        return codecs.lookup(codec)._is_text_encoding
    except LookupError:
        return False


def decode_or_none(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        return without_truncated_tail(data, encoding=codec, error=exc)
    except LookupError:
        return None


def without_truncated_tail(data: bytes, *, encoding: str, error: UnicodeDecodeError) -> str | None:
    """When the only fault is a character cut off at the end, the rest decoded."""
    truncated = ("unexpected end of data", "incomplete multibyte sequence", "truncated data")
    if error.end != len(data) or error.reason not in truncated or len(data) - error.start > 4:
        return None
    try:
        return data[: error.start].decode(encoding)
    except UnicodeDecodeError:
        return None


def best_cjk(
    data: bytes, *, preferred: tuple[str, str] | None, top_confidence: float = 0.0
) -> tuple[str, str] | None:
    """Of chardet's guess, GB18030 and Big5-HKSCS, the decode made of the commonest characters.

    A Japanese or Korean guess made with some confidence stands unless a Chinese decode is
    made almost only of common characters (short Big5 is often guessed as CP949).
    """
    options: list[tuple[str, str]] = [preferred] if preferred else []
    for codec in CJK_DOUBLE_BYTE:
        if preferred and preferred[0] == codec:
            continue
        text = decode_or_none(data, codec)
        if text is not None:
            options.append((codec, text))
    if not options:
        return None
    scored = [
        (commonness(text), -index, codec, text) for index, (codec, text) in enumerate(options)
    ]
    if preferred and preferred[0] not in CJK_DOUBLE_BYTE:
        # another guess competes only when no Chinese decode is made of common characters
        floor = 0.9 if preferred[0] in EAST_ASIAN and top_confidence >= 0.15 else 0.6
        cjk = [s for s in scored if s[2] in CJK_DOUBLE_BYTE and s[0] >= floor]
        scored = cjk or scored[:1]
    _, _, codec, text = max(scored)
    return codec, text


@functools.cache
def _is_common_han(char: str) -> bool:
    """In GB2312 level 1 (3,755 common Simplified) or Big5 level 1 (5,401 common Traditional)."""
    try:
        gb = char.encode("gb2312")
        if 0xB0 <= gb[0] <= 0xD7:
            return True
    except UnicodeEncodeError:
        pass
    try:
        big5 = char.encode("big5")
        return 0xA4 <= big5[0] <= 0xC6
    except UnicodeEncodeError:
        return False


def commonness(text: str) -> float:
    """Share of the non-ASCII characters that ordinary Chinese text is made of."""
    sample = text[:5000]
    common = 0
    total = 0
    for char in sample:
        if char < "\x80":
            continue
        total += 1
        if _HAN.match(char):
            common += _is_common_han(char)
        elif "\u3000" <= char <= "\u303f" or "\uff01" <= char <= "\uff5e" or char in "“”‘’…—·":
            common += 1  # CJK and full-width punctuation
    return common / total if total else 0.0
