"""Text clean-up, script detection and the Simplified matching key.

Small `str -> str` functions.
"""

from __future__ import annotations

import re
import unicodedata

import opencc

# Bidi overrides/isolates, zero-width characters, BOM, and C0/C1 controls except \t and \n.
_INVISIBLE = re.compile(
    "[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]"
)
_BLANK_LINES = re.compile(r"\n[ \t\u3000]*\n(?:[ \t\u3000]*\n)+")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_KANA = re.compile(r"[\u3040-\u30ff]")
_HANGUL = re.compile(r"[\uac00-\ud7af]")
_LATIN = re.compile(r"[A-Za-z]")


# The two converters, built once (about 50 ms) and never changed.
_T2S = opencc.OpenCC("t2s.json")
_S2T = opencc.OpenCC("s2t.json")


def clean_text(text: str) -> str:
    """NFC, line ends as \\n, no invisible or control characters (keeps \\t and \\n)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _INVISIBLE.sub("", text)
    return unicodedata.normalize("NFC", text)


def clean_line(text: str) -> str:
    """One line of text: cleaned, inner white space folded, trimmed."""
    return " ".join(clean_text(text).split())


def squeeze_blank_lines(text: str) -> str:
    """Paragraphs separated by exactly one blank line; no trailing white space."""
    lines = [line.strip() for line in text.split("\n")]
    text = "\n".join(lines)
    return _BLANK_LINES.sub("\n\n", text).strip()


def to_simplified(text: str) -> str:
    """The Simplified key used for matching and counting (same length as the input)."""
    return _T2S.convert(text)


def to_traditional(text: str) -> str:
    return _S2T.convert(text)


def detect_lang(text: str) -> str:
    """`zh-Hant`, `zh-Hans`, `ja`, `ko`, `en` or `und` for a piece of text.

    Japanese is recognised by kana, which Chinese never uses; Traditional and Simplified
    by which of the two conversions changes more characters.
    """
    sample = text[:4000]
    han = len(_HAN.findall(sample))
    kana = len(_KANA.findall(sample))
    hangul = len(_HANGUL.findall(sample))
    latin = len(_LATIN.findall(sample))
    if kana and kana >= 0.05 * (han + kana):
        return "ja"
    if hangul > han:
        return "ko"
    if han < 2 or (latin > 3 * han):
        return "en" if latin >= 20 else "und"
    to_hans = sum(a != b for a, b in zip(sample, to_simplified(sample), strict=False))
    to_hant = sum(a != b for a, b in zip(sample, to_traditional(sample), strict=False))
    return "zh-Hant" if to_hans > to_hant else "zh-Hans"


def is_chinese(lang: str) -> bool:
    return lang.startswith("zh")
