"""De-duplication of the events found in one article: one event per real occurrence.

Sentences are matched one by one (analysis/events.py); the same occurrence is often reported
several times: repeated in the body, restated in the headline, or one meeting mentioned again
(這次會晤). These functions merge such repeats; the events they keep are the ones returned.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from analysis.language.event_vocabulary import PEOPLE_COUNTS
from analysis.model import Event

_MEETING_TYPES = ("summit", "talks")


@dataclass(frozen=True, slots=True)
class Found:
    """An event found in one sentence, before article-level de-duplication."""

    event: Event
    parties: frozenset[str] = frozenset()  # meetings: the countries taking part
    provisional: bool = False  # a meeting whose level (summit or talks) is unknown
    position: int = 0  # where its trigger starts


def _agree(a: str | None, b: str | None, countries: Mapping[str, str]) -> bool:
    """Two roles that may name the same party: one unknown, or the same country (以色列 and
    以色列国防军 are one side)."""
    return a is None or b is None or countries.get(a, a) == countries.get(b, b)


def _parties_agree(a: Event, b: Event, countries: Mapping[str, str]) -> bool:
    return _agree(a.actor, b.actor, countries) and _agree(a.target, b.target, countries)


def _same(a: Event, b: Event, countries: Mapping[str, str]) -> bool:
    """One real occurrence: same type and count, no conflicting actor or target, and not two
    different places (4 killed in Erbil and 4 killed elsewhere are two reports)."""
    return (
        a.type == b.type
        and a.quantity == b.quantity
        and a.cumulative == b.cumulative
        and _parties_agree(a, b, countries)
        and (a.location is None or b.location is None or a.location == b.location)
    )


def _drop_uncounted_repeats(
    events: list[Found], countries: Mapping[str, str], headline_end: int
) -> list[Found]:
    """An event without a count in a text that counts it elsewhere, with no other side, place
    or measure named: the same occurrence (导致人员受伤 beside 3名观察员和一名翻译受伤; 朝鲜
    发射导弹 beside 朝鲜发射了两枚短程弹道导弹). Meetings are merged by `dedupe` itself."""

    def counted_twin(item: Found) -> bool:
        part = item.position < headline_end
        return any(
            (k.position < headline_end) == part
            and k.event.type == item.event.type
            and k.event.quantity is not None
            and item.event.unit in (None, k.event.unit)  # 数十枚火箭弹 is not 2架无人机
            and _parties_agree(item.event, k.event, countries)
            and (item.event.location is None or item.event.location == k.event.location)
            for k in events
        )

    return [f for f in events if not (f.event.quantity is None and counted_twin(f))]


def _same_meeting(item: Found, kept: Found, headline_end: int) -> bool:
    """Whether `item` is `kept` mentioned again (see `dedupe`)."""
    if not item.parties <= kept.parties:
        return False
    if not (item.provisional or kept.event.type == item.event.type):
        return False
    in_body = item.position >= headline_end
    return item.provisional or not in_body or kept.position >= headline_end


def dedupe(
    found: Sequence[Found], countries: Mapping[str, str], headline_end: int = 0
) -> list[Found]:
    """One event per occurrence: repeats within the headline or within the body are merged
    here (headline against body: `drop_restated_headline`); meetings by their parties."""
    events: list[Found] = []
    meetings: list[Found] = []
    for item in found:
        part = item.position < headline_end
        if item.event.type in _MEETING_TYPES:
            meetings.append(item)
        elif not any(
            (k.position < headline_end) == part and _same(item.event, k.event, countries)
            for k in events
        ):
            events.append(item)
    kept_meetings: list[Found] = []
    # Firm meetings first, most parties first; a meeting whose parties are a subset of one kept
    # (這次會晤, 會談結束後, 俄朝的會談) is the same meeting mentioned again. A firm meeting in
    # the body is not folded into the headline's: the headline is matched against the body
    # afterwards (a title naming the venue's country must not swallow a second meeting).
    order = sorted(meetings, key=lambda f: (f.provisional, -len(f.parties)))
    for item in order:
        if any(_same_meeting(item, k, headline_end) for k in kept_meetings):
            continue
        kept_meetings.append(item)
    events = _drop_uncounted_repeats(events, countries, headline_end)
    kept = {id(e.event) for e in events} | {id(k.event) for k in kept_meetings}
    return [f for f in found if id(f.event) in kept]


def find_headline_end(key: str) -> int:
    """Where the headline ends: the first line, when it reads as a title (no full stop)."""
    end = key.find("\n")
    if end <= 0 or any(stop in key[:end] for stop in "。！？"):
        return 0
    return end


def _restates(headline: Event, body: Event) -> bool:
    """Whether a headline event repeats a body event: same type, and the same count, or a
    count on one side only, or counts within 10% when one is approximate (拦截220多架 /
    拦截228架). Who and where are not compared: headlines are too terse to read roles from
    (俄称新控制一定居点 乌称击落82架俄军无人机)."""
    if headline.type != body.type:
        return False
    a, b = headline.quantity, body.quantity
    if a is None or b is None or a == b:
        return True
    if headline.type in PEOPLE_COUNTS and a < b:  # the headline names a victim the body counts
        return True
    return abs(a - b) <= 0.1 * max(a, b) and (headline.approximate or body.approximate)


def drop_restated_headline(found: list[Found], headline_end: int) -> list[Found]:
    """Headline events that the body reports again are one occurrence: the body's is kept."""
    if headline_end <= 0:
        return found
    body = [f for f in found if f.position >= headline_end]
    used: set[int] = set()
    dropped: set[int] = set()
    for item in found:
        if item.position >= headline_end:
            break
        for i, other in enumerate(body):
            if i not in used and _restates(item.event, other.event):
                used.add(i)
                dropped.add(id(item))
                break
    return [f for f in found if id(f) not in dropped]
