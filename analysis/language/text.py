"""Text clean-up, script detection and the Simplified matching key.

Small `str -> str` functions. The OpenCC converters are built once, on first use.
"""

from __future__ import annotations

import functools
import re
import subprocess
import tempfile
import unicodedata
from pathlib import Path

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


@functools.cache
def _converter(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


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
    """The Simplified key used for matching and counting (same length as the input).

    A text without any character the t2s dictionaries can change is its own key, and is not
    sent through OpenCC (most Simplified news: a search is cheaper than a conversion)."""
    changeable = _t2s_changeable()
    if changeable is not None and changeable.search(text) is None:
        return text
    return _converter("t2s.json").convert(text)


# The dictionaries of OpenCC's t2s.json: characters first, then phrases.
_T2S_CHARACTER_DICTS = ("CJK_Compatibility_Ideographs", "TSCharactersExt", "TSCharacters")
_T2S_PHRASE_DICT = "TSPhrases"


@functools.cache
def _t2s_changeable() -> re.Pattern[str] | None:
    """A pattern matching every character where t2s may change a text, or None if the installed
    OpenCC's dictionaries cannot be read (then every text is converted).

    Read from the installed OpenCC itself, so it always matches the converter in use: its
    `opencc_dict` tool dumps each dictionary of t2s.json. The characters are every key of the
    character dictionaries; a phrase changes a text only if it contains one of them, except
    the few phrases made only of other characters, whose characters are added when the phrase
    does not map to itself (in the pinned OpenCC there is one such phrase, 有序, and it does)."""
    dumps = _dump_opencc_dicts((*_T2S_CHARACTER_DICTS, _T2S_PHRASE_DICT))
    if dumps is None:
        return None
    characters: set[str] = set()
    for name in _T2S_CHARACTER_DICTS:
        characters.update(key for key, _ in dumps[name])
    for key, values in dumps[_T2S_PHRASE_DICT]:
        if characters.isdisjoint(key) and values.split(" ")[0] != key:
            characters.update(key)
    if not characters or any(len(c) != 1 for c in characters):
        return None
    # Outside the Basic Multilingual Plane every character counts as changeable: sre tests the
    # BMP characters of a class with one bitmap but the others one by one, and a few hundred
    # of them there (CJK Extension B) would make the search slower than the conversion.
    bmp = "".join(re.escape(c) for c in sorted(characters) if ord(c) <= 0xFFFF)
    return re.compile(f"[{bmp}\U00010000-\U0010ffff]")


def _dump_opencc_dicts(names: tuple[str, ...]) -> dict[str, list[tuple[str, str]]] | None:
    """name -> (key, values) of the installed OpenCC dictionaries, via its `opencc_dict`."""
    clib = Path(opencc.__file__).parent / "clib"
    tool, data = clib / "bin" / "opencc_dict", clib / "share" / "opencc"
    dumps: dict[str, list[tuple[str, str]]] = {}
    try:
        with tempfile.TemporaryDirectory(prefix="newslens-opencc-") as scratch:
            for name in names:
                out = Path(scratch) / f"{name}.txt"
                command = [str(tool), "-i", str(data / f"{name}.ocd2"), "-o", str(out)]
                subprocess.run(
                    [*command, "-f", "ocd2", "-t", "text"],
                    check=True,
                    capture_output=True,
                    timeout=60,
                )
                pairs = [line.partition("\t") for line in out.read_text("utf-8").splitlines()]
                dumps[name] = [(key, values) for key, tab, values in pairs if key and tab]
    except (OSError, subprocess.SubprocessError, UnicodeDecodeError):
        return None  # no scratch folder, no runnable tool, it failed, or its output is not text
    return dumps


def to_traditional(text: str) -> str:
    return _converter("s2t.json").convert(text)


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
