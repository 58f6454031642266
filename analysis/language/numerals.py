"""Chinese and Arabic quantities with their measure word: 10枚, 三十二架, 數十人, 500多枚, 逾30人.

A regex finds *(qualifier)(number)(多/餘/幾)(measure word)(左右)*; cn2an (``smart`` mode) converts
only the numeral chunk; vague amounts (數十, 几十, 十幾, 上千, 近百, 多架) are handled here, because
cn2an raises on them or misreads them (see shared/research/chinese-nlp.md §3).

Works on Traditional and Simplified text alike; offsets index the string given.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import cn2an

_CN_DIGITS = "零〇一二兩两三四五六七八九十百千萬万億亿廿點点"
_MAGNITUDE = "十百千萬万億亿"
# Qualifiers that make a number approximate, by which bound they leave open.
_LOWER_BOUND = ("至少", "最少", "不少於", "不少于", "逾", "超過", "超过", "上", "多於", "多于")
_LOWER_BOUND_RE = "至少|最少|不少於|不少于|逾|超過|超过|多於|多于|上(?=[百千萬万])"
_UPPER_BOUND = ("近", "將近", "将近", "接近", "最多", "不到", "不足")
_ABOUT = ("約", "约", "大約", "大约", "大概", "約有", "约有", "左右")
_QUALIFIERS = _UPPER_BOUND + _ABOUT
_UNITS = [
    "公里",
    "千米",
    "萬人",
    "万人",
    "人次",
    "枚",
    "架",
    "艘",
    "人",
    "名",
    "位",
    "米",
    "輛",
    "辆",
    "發",
    "发",
    "次",
    "座",
    "具",
    "門",
    "门",
    "顆",
    "颗",
    "棟",
    "栋",
    "處",
    "处",
    "噸",
    "吨",
    "個",
    "个",
    "條",
    "条",
    "間",
    "间",
    "套",
    "部",
    "列",
    "節",
    "节",
    "批",
    "輪",
    "轮",
    "波",
    "所",
    "家",
    "戶",
    "户",
    "輛次",
    "架次",
]

_QUAL_RE = (
    "|".join(sorted(map(re.escape, _QUALIFIERS), key=len, reverse=True)) + "|" + _LOWER_BOUND_RE
)
_UNIT_RE = "|".join(sorted(map(re.escape, _UNITS), key=len, reverse=True))
_ARABIC = r"\d{1,3}(?:,\d{3})+(?!\d)|\d+(?:\.\d+)?"
_PATTERN = re.compile(
    rf"(?P<qual>{_QUAL_RE})?"
    r"(?:"
    rf"(?P<vague>[數数幾几])(?P<vmag>[{_MAGNITUDE}]+)"  # 數十, 几百, 數十萬
    rf"|(?P<num>(?:{_ARABIC})(?:[萬万億亿](?:\d+)?)*|[{_CN_DIGITS}]+)"  # 32, 1.2萬, 1萬1000, 三十二
    r"|(?P<few>多|數|数|幾|几|若干)"  # 多架, 數人: an unknown count, more than one
    r")"
    r"(?P<more>多|餘|余|幾|几|來|来)?"
    rf"(?P<unit>{_UNIT_RE})"
    r"(?P<about>左右|上下)?"
)
# Where a match can start: the number part begins with one of these characters, and at most
# `_LONGEST_QUALIFIER` characters of qualifier come before it (`_pattern_matches`).
_NUMBER_START = re.compile(rf"[\d{_CN_DIGITS}數数幾几多若]")
_QUALIFIER_FIRST = frozenset(q[0] for q in (*_QUALIFIERS, *_LOWER_BOUND))
_LONGEST_QUALIFIER = max(map(len, (*_QUALIFIERS, *_LOWER_BOUND)))
_FULLWIDTH = str.maketrans("０１２３４５６７８９．，", "0123456789.,")
# Characters that, right before a number, make it part of a name or an ordinal (第三, F-16, 星期一).
_NOT_BEFORE = re.compile(r"[第A-Za-z\-_/.·期]")
# The lower end of a range right before a quantity: 50—60人, 3至5名, 十到二十人.
_RANGE_LOW = re.compile(
    rf"(?<![\d{_CN_DIGITS}A-Za-z\-_/.·第])(?P<low>\d+|[{_CN_DIGITS}]+)\s*[—–\-~～至到]\s*$"
)


@dataclass(frozen=True, slots=True)
class Quantity:
    """A counted amount found in text: `text[start:end]` is the whole chunk (qualifier to unit)."""

    start: int
    end: int
    value: int | None  # None when only a range is known (數十, 多架)
    unit: str
    approximate: bool = False
    low: int | None = None  # None: open
    high: int | None = None  # None: open
    text: str = ""

    def shifted(self, offset: int) -> Quantity:
        """The same quantity, its span moved by `offset`."""
        return Quantity(
            self.start + offset,
            self.end + offset,
            self.value,
            self.unit,
            self.approximate,
            self.low,
            self.high,
            self.text,
        )


def _to_number(chunk: str) -> int | None:
    """The integer a numeral chunk stands for (三十二, 1.2万, 1,200, 兩), or None."""
    raw = chunk.translate(_FULLWIDTH).replace(",", "")
    if raw and raw[0] in _MAGNITUDE and raw[0] not in "十":
        raw = "一" + raw  # 百 / 千 after 上, 近: 上千 = 一千
    try:
        value = cn2an.cn2an(raw, "smart")
    except (ValueError, KeyError, IndexError, TypeError):
        return None
    number = float(value)
    if number != number or number in (float("inf"), float("-inf")):
        return None
    return round(number)


def _vague_range(magnitude: str) -> tuple[int, int] | None:
    """數十 → (20, 90); 幾百 → (200, 900); 數十萬 → (200000, 900000)."""
    base = _to_number("一" + magnitude)
    if base is None:
        return None
    return 2 * base, 9 * base


def _from_match(m: re.Match[str], *, offset: int = 0) -> Quantity | None:
    qual = m.group("qual") or ""
    unit = m.group("unit")
    more = m.group("more")
    about = m.group("about")
    start, end = m.start() + offset, m.end() + offset
    text = m.group(0)
    if m.group("vague"):
        bounds = _vague_range(m.group("vmag"))
        if bounds is None:
            return None
        return Quantity(start, end, None, unit, True, bounds[0], None if more else bounds[1], text)
    if m.group("few"):
        if qual or more:
            return None
        return Quantity(start, end, None, unit, True, 2, None, text)
    num = m.group("num")
    if num[0] in _MAGNITUDE and num[0] != "十" and not qual:
        return None  # a bare 千人 / 萬人 is a word (萬人空巷), not a count
    if num in ("點", "点") or num[-1] in "點点":
        return None
    value = _to_number(num)
    if value is None:
        return None
    low: int | None = value
    high: int | None = value
    if qual in _LOWER_BOUND or more:
        high = None
    if qual in _UPPER_BOUND:
        low = None
    if more and num == "十":
        low, high = 11, 19  # 十幾, 十多, 十餘
    approximate = bool(qual or more or about)
    return Quantity(start, end, value, unit, approximate, low, high, text)


def parse_quantity(chunk: str) -> Quantity | None:
    """One quantity that fills `chunk` exactly (`"500多枚"`, `"數十人"`), else None."""
    m = _PATTERN.fullmatch(chunk.strip())
    if m is None:
        return None
    return _from_match(m, offset=len(chunk) - len(chunk.lstrip()))


def _range(text: str, m: re.Match[str]) -> Quantity | None:
    """A range (50—60人) as its lower bound, approximate; None when `m` does not end one."""
    if m.group("qual") or not m.group("num"):
        return None
    low_match = _RANGE_LOW.search(text, max(0, m.start() - 12), m.start())
    if low_match is None:
        return None
    low, high = _to_number(low_match.group("low")), _to_number(m.group("num"))
    if low is None or high is None or not low < high:
        return None
    whole = text[low_match.start() : m.end()]
    return Quantity(low_match.start(), m.end(), low, m.group("unit"), True, low, high, whole)


def _pattern_matches(text: str) -> list[re.Match[str]]:
    """The matches `_PATTERN.finditer(text)` gives, trying the pattern only where a match can
    start: at a character that begins a number, or at a qualifier's first character up to
    `_LONGEST_QUALIFIER` before one (most text has no number: one scan, no match attempt)."""
    matches: list[re.Match[str]] = []
    pos = 0
    while (hit := _NUMBER_START.search(text, pos)) is not None:
        number = hit.start()
        found = None
        for start in range(max(pos, number - _LONGEST_QUALIFIER), number + 1):
            if start == number or text[start] in _QUALIFIER_FIRST:
                found = _PATTERN.match(text, start)
                if found is not None:
                    break
        if found is None:
            pos = number + 1
        else:
            matches.append(found)
            pos = found.end()
    return matches


def find_quantities(text: str) -> list[Quantity]:
    """Every quantity with a measure word in `text`, in order, spans into `text`."""
    found: list[Quantity] = []
    for m in _pattern_matches(text):
        start = m.start()
        ranged = _range(text, m)
        if ranged is not None:
            found.append(ranged)
            continue
        if start and _NOT_BEFORE.match(text, start - 1) and not m.group("qual"):
            continue
        if m.group("qual") == "近" and start and text[start - 1] in "附最靠臨临":
            rest = _PATTERN.match(text, m.end("qual"))  # 附近5人: a place word, not "nearly"
            if rest is None or rest.group("qual"):
                continue
            m = rest
        if start and m.group("num") and text[start - 1].isdigit():
            continue
        quantity = _from_match(m)
        if quantity is not None:
            found.append(quantity)
    return found
