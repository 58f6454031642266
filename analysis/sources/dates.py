"""Publication dates in the forms Chinese news uses, to ISO 8601.

A date with a time of day gets the input's offset, or +08:00 (Beijing, Hong Kong and Taipei
time) when the input gives none; a date alone stays a date (`2023-09-13`), so no time is
invented. An impossible date (`2023年02月30日`) raises `ImpossibleDate`; text with no date
gives None.
"""

from __future__ import annotations

import datetime as dt
import re

DEFAULT_OFFSET = dt.timezone(dt.timedelta(hours=8))


class ImpossibleDate(ValueError):
    """A date that looks like one but cannot exist, such as 2023-02-30."""


_DATE = re.compile(
    r"(?P<y>(?:19|20)\d\d)\s*(?:[-/.]|年)\s*(?P<m>\d{1,2})\s*(?:[-/.]|月)\s*(?P<d>\d{1,2})\s*日?"
    r"(?:[\sT]*(?P<H>\d{1,2})\s*[:：時时]\s*(?P<M>\d{1,2})(?:\s*[:：分]\s*(?P<S>\d{1,2}))?"
    r"(?:\.\d+)?\s*(?P<tz>Z|[+-]\d\d:?\d\d)?)?"
)
_EPOCH = re.compile(r"^\s*(?P<n>\d{10}|\d{13})\s*$")


def find_date(text: str) -> re.Match[str] | None:
    """The first date-like stretch of `text`."""
    return _DATE.search(text)


def parse_published_at(text: str) -> str | None:
    """ISO 8601 for the first date in `text`; None when there is none.

    >>> parse_published_at("2023年09月14日16:41:02 國際 1362")
    '2023-09-14T16:41:02+08:00'
    >>> parse_published_at("2023年9月13日")
    '2023-09-13'
    """
    if text is None:
        return None
    epoch = _EPOCH.match(text)
    if epoch:
        seconds = int(epoch["n"]) / (1000 if len(epoch["n"]) == 13 else 1)
        return dt.datetime.fromtimestamp(seconds, DEFAULT_OFFSET).isoformat()
    match = _DATE.search(text)
    if match is None:
        return None
    return _to_iso(match)


def _to_iso(match: re.Match[str]) -> str:
    year, month, day = int(match["y"]), int(match["m"]), int(match["d"])
    try:
        date = dt.date(year, month, day)
    except ValueError as exc:
        raise ImpossibleDate(f"impossible date {match.group(0).strip()!r}") from exc
    if match["H"] is None:
        return date.isoformat()
    hour, minute, second = int(match["H"]), int(match["M"]), int(match["S"] or 0)
    try:
        moment = dt.datetime(year, month, day, hour, minute, second)
    except ValueError as exc:
        raise ImpossibleDate(f"impossible time {match.group(0).strip()!r}") from exc
    return moment.replace(tzinfo=_offset(match["tz"])).isoformat()


def _offset(text: str | None) -> dt.tzinfo:
    if not text:
        return DEFAULT_OFFSET
    if text == "Z":
        return dt.UTC
    sign = 1 if text[0] == "+" else -1
    digits = text[1:].replace(":", "")
    return dt.timezone(sign * dt.timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))


def published_date(published_at: str | None) -> dt.date | None:
    """The calendar day (in the article's own offset) of an ISO `published_at`."""
    if not published_at:
        return None
    return dt.date.fromisoformat(published_at[:10])
