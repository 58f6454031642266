"""Conflict and diplomatic events in one article: type, count, who, where, who says so.

Matching runs on the Simplified key of the text (`to_simplified`, same length as the input), so a
Traditional and a Simplified version of one story give the same events; the evidence sentence is
cut from the original text. Trigger words, nouns, measure words and the hedge/negation markers
are data: resources/event_triggers.toml.
"""

from __future__ import annotations

import bisect
import functools
import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from analysis.model import EVENT_TYPES, Event, Mention
from analysis.numerals import Quantity, find_quantities
from analysis.patterns import required_characters
from analysis.sentences import sentence_at
from analysis.text import to_simplified

_RESOURCE = Path(__file__).parent / "resources" / "event_triggers.toml"
_CLAUSE_END = "，,；;：:。！？!?\n"
_BRACKETS = "（）()"  # a gap never crosses one: （国防部提供） is a credit, not a clause
_PEOPLE_COUNTS = ("killed", "injured", "casualties")
_STRIKES = ("missile_launch", "drone_attack")
# What happened to people: between two counts, it means two outcomes (3人受伤、5人死亡).
_OUTCOME = re.compile("死|亡|伤|遇难|罹难|丧生|失踪|失联|获救|被捕")
_COORDINATOR = re.compile(r"^[^，,；;。！？\n\d]*(?:和|及|以及|与|、)[^，,；;。！？\n\d和及与、]*$")
_CLAUSE = re.compile(r"[，；;：:。！？!?\n]|(?<!\d),|,(?!\d)")
_MEETING_TYPES = ("summit", "talks")
_PARTY_TYPES = ("country", "person", "organization")


@dataclass(frozen=True, slots=True)
class Rule:
    type: str
    pattern: re.Pattern[str]
    quantity: str  # span | before | after | none
    roles: str  # agent | undergoer | meeting | none
    units: frozenset[str]
    require_quantity: bool = False
    else_type: str | None = None
    suppressed_by: tuple[str, ...] = ()
    names_level: bool = False  # the trigger itself says summit or talks (安全协商会议)
    gate: frozenset[str] | None = None  # a match contains one of these (patterns.py)


@dataclass(frozen=True, slots=True)
class Vocabulary:
    rules: tuple[Rule, ...]
    prefilter: re.Pattern[str]
    conditional: re.Pattern[str]
    hedge: re.Pattern[str]
    negation: re.Pattern[str]
    denial: re.Pattern[str]
    claim: re.Pattern[str]
    purpose: re.Pattern[str]
    leader: re.Pattern[str]
    minister: re.Pattern[str]


def _alternation(items: Sequence[str]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{item})" for item in items))


@functools.cache
def load_vocabulary(path: Path = _RESOURCE) -> Vocabulary:
    """The trigger vocabulary, read and compiled once."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    gaps = data["gap"]
    fill = {
        "GAP": f"[^{_CLAUSE_END}{_BRACKETS}]{{0,{gaps['short']}}}?",
        "LONGGAP": f"[^{_CLAUSE_END}{_BRACKETS}]{{0,{gaps['long']}}}?",
        **data["nouns"],
    }
    placeholder = re.compile(r"\{([A-Z]+)\}")
    rules = []
    for raw in data["rule"]:
        if raw["type"] not in EVENT_TYPES:
            raise ValueError(f"{path}: unknown event type {raw['type']!r}")
        pattern = re.compile(placeholder.sub(lambda m: fill[m.group(1)], raw["pattern"]))
        rules.append(
            Rule(
                type=raw["type"],
                pattern=pattern,
                gate=required_characters(pattern),
                quantity=raw.get("quantity", "none"),
                roles=raw.get("roles", "none"),
                units=frozenset(data["units"].get(raw["type"], ())),
                require_quantity=raw.get("require_quantity", False),
                else_type=raw.get("else_type"),
                suppressed_by=tuple(raw.get("suppressed_by", ())),
                names_level=raw.get("names_level", raw["type"] == "summit"),
            )
        )
    markers = data["markers"]
    prefilter = sorted(data["prefilter"], key=len, reverse=True)
    return Vocabulary(
        rules=tuple(rules),
        prefilter=re.compile("|".join(map(re.escape, prefilter))),
        conditional=_alternation(markers["conditional"]),
        hedge=_alternation([*markers["hedge"], markers["future"]]),
        negation=_alternation(markers["negation"]),
        denial=_alternation(markers["denial"]),
        claim=_alternation(markers["claim"]),
        purpose=re.compile(markers["purpose"]),
        leader=re.compile(data["meeting"]["leader"]),
        minister=re.compile(data["meeting"]["minister"]),
    )


@dataclass(frozen=True, slots=True)
class _Found:
    """An event found in one sentence, before article-level de-duplication."""

    event: Event
    parties: frozenset[str] = frozenset()  # meetings: the countries taking part
    provisional: bool = False  # a meeting whose level (summit or talks) is unknown
    position: int = 0  # where its trigger starts


def _clause_bounds(key: str, start: int, end: int, lo: int, hi: int) -> tuple[int, int]:
    """The clause (between commas, semicolons, colons) around key[start:end], within [lo, hi)."""
    left = lo
    for m in _CLAUSE.finditer(key, lo, start):
        left = m.end()
    right = _CLAUSE.search(key, end, hi)
    return left, (right.start() if right is not None else hi)


def _is_unreal(
    key: str, vocab: Vocabulary, sent: tuple[int, int], clause_start: int, trigger_start: int
) -> bool:
    """Hypothetical, hedged, future, negated or denied: not a reported event."""
    if vocab.conditional.search(key, sent[0], trigger_start):
        return True
    if vocab.denial.search(key, sent[0], trigger_start):
        return True
    if vocab.purpose.search(key, sent[0], trigger_start):
        return True
    if vocab.hedge.search(key, clause_start, trigger_start):
        return True
    return vocab.negation.search(key, clause_start, trigger_start) is not None


def _pick_quantity(
    rule: Rule,
    quantities: Sequence[Quantity],
    used: set[int],
    span: tuple[int, int],
    clause: tuple[int, int],
) -> Quantity | None:
    fits = [(i, q) for i, q in enumerate(quantities) if q.unit in rule.units and i not in used]
    if rule.quantity == "span":
        inside = [(i, q) for i, q in fits if span[0] <= q.start and q.end <= span[1]]
        chosen = inside[-1] if inside else None
    elif rule.quantity == "before":  # just before the trigger, or inside it (两艘舰艇受损)
        lo = max(clause[0], span[0] - 10)
        near = [(i, q) for i, q in fits if lo <= q.start and q.end <= span[1]]
        chosen = near[-1] if near else None
    elif rule.quantity == "clause":  # anywhere in the clause, nearest the trigger
        near = [(i, q) for i, q in fits if clause[0] <= q.start and q.end <= clause[1]]
        chosen = min(near, key=lambda iq: _distance(iq[1], span)) if near else None
    elif rule.quantity == "after":
        near = [
            (i, q) for i, q in fits if span[1] <= q.start <= span[1] + 10 and q.end <= clause[1]
        ]
        chosen = near[0] if near else None
    else:
        chosen = None
    if chosen is None:
        return None
    used.add(chosen[0])
    return chosen[1]


def _distance(q: Quantity, span: tuple[int, int]) -> int:
    return max(q.start - span[1], span[0] - q.end, 0)


def _party(m: Mention, *, places: bool) -> bool:
    return m.type in _PARTY_TYPES or (places and m.type == "place")


def _roles(
    key: str,
    rule: Rule,
    mentions: Sequence[Mention],
    span: tuple[int, int],
    clause: tuple[int, int],
) -> tuple[str | None, str | None]:
    """(actor, target) from where the mentions stand around the trigger in its clause."""
    if rule.roles in ("none", "meeting"):
        return None, None
    before = [m for m in mentions if clause[0] <= m.start and m.end <= span[0]]
    after = [m for m in mentions if span[0] <= m.start and m.end <= clause[1]]
    actor: Mention | None = None
    target: Mention | None = None
    head = key[clause[0] : span[0]]
    passive = max(head.rfind("遭"), head.rfind("被"))
    direct = max(head.rfind("向"), head.rfind("对"))
    if passive >= 0:
        cut = clause[0] + passive
        target = next(
            (m for m in reversed(before) if m.end <= cut and _party(m, places=True)), None
        )
        actor = next((m for m in before if m.start >= cut and _party(m, places=False)), None)
    elif direct >= 0:
        cut = clause[0] + direct
        actor = next((m for m in before if m.end <= cut and _party(m, places=False)), None)
        target = next((m for m in before if m.start >= cut and _party(m, places=True)), None)
    else:
        owned = [m for m in before if key.startswith("的", m.end) and span[0] - m.end <= 8]
        parties = [m for m in before if _party(m, places=False)]
        subject = owned[-1] if owned else (parties[0] if parties else None)
        obj = next((m for m in after if _party(m, places=True)), None)
        if rule.roles == "undergoer":
            target = subject
        else:
            actor, target = subject, obj
    return (actor.entity_id if actor else None), (target.entity_id if target else None)


def _location(mentions: Sequence[Mention], span: tuple[int, int], target: str | None) -> str | None:
    """The target when it is a place, else the place mentioned nearest the trigger."""
    places = [m for m in mentions if m.type == "place"]
    if not places:
        return None
    if any(m.entity_id == target for m in places):
        return target
    nearest = min(places, key=lambda m: (max(m.start - span[1], span[0] - m.end, 0), m.start))
    return nearest.entity_id


def _claimant(
    key: str, vocab: Vocabulary, mentions: Sequence[Mention], sent_start: int, trigger_start: int
) -> str | None:
    claims = list(vocab.claim.finditer(key, sent_start, trigger_start))
    for claim in reversed(claims):
        near = [
            m
            for m in mentions
            if m.end <= claim.start()
            and claim.start() - m.end <= 12
            and not _CLAUSE.search(key, m.end, claim.start())
            and m.type != "place"
        ]
        if near:
            return near[-1].entity_id
    return None


def _meeting(
    key: str, vocab: Vocabulary, rule: Rule, mentions: Sequence[Mention], clause: tuple[int, int]
) -> tuple[str, frozenset[str], bool, list[str]]:
    """(type, countries, provisional, participant ids) for a meeting named in `clause`."""
    here = [m for m in mentions if clause[0] <= m.start and m.end <= clause[1]]
    people = [m for m in here if m.type == "person"]
    sides = [m for m in here if m.type in ("person", "country")]
    parties = frozenset(m.country or m.entity_id for m in sides)
    ids = list(dict.fromkeys(m.entity_id for m in (people or sides)))
    text = key[clause[0] : clause[1]]
    if rule.names_level:
        return rule.type, parties, False, ids
    if vocab.minister.search(text):
        return "talks", parties, False, ids
    if vocab.leader.search(text):
        return "summit", parties, False, ids
    if len({m.entity_id for m in people}) >= 2:  # 王毅与拉夫罗夫的会谈: level not said here
        return "summit", parties, True, ids
    return "talks", parties, True, ids


def _sentence_quantities(key: str, sent: tuple[int, int]) -> list[Quantity]:
    """The quantities of one sentence, with offsets into the whole text."""
    return [
        replace(q, start=q.start + sent[0], end=q.end + sent[0])
        for q in find_quantities(key[sent[0] : sent[1]])
    ]


def _sentence_events(
    text: str, key: str, sent: tuple[int, int], mentions: Sequence[Mention], vocab: Vocabulary
) -> list[_Found]:
    quantities: list[Quantity] | None = None  # found on first need: most sentences have none
    used: set[int] = set()
    accepted: list[tuple[str, int, int]] = []
    found: list[_Found] = []
    sentence = text[sent[0] : sent[1]]
    present = set(key[sent[0] : sent[1]])
    for rule in vocab.rules:
        if rule.gate is not None and rule.gate.isdisjoint(present):
            continue  # the rule's trigger is not in this sentence
        for m in rule.pattern.finditer(key, sent[0], sent[1]):
            # `item`: the second object of a coordination (…和2枚导弹) is the event's span
            span = m.span("item") if "item" in rule.pattern.groupindex else m.span()
            if any(t == rule.type and s < span[1] and span[0] < e for t, s, e in accepted):
                continue
            if any(t in rule.suppressed_by and s < span[1] and span[0] < e for t, s, e in accepted):
                continue
            clause = _clause_bounds(key, m.start(), span[1], sent[0], sent[1])
            if _is_unreal(key, vocab, sent, clause[0], m.start()):
                continue
            if quantities is None:
                quantities = _sentence_quantities(key, sent)
            quantity = _pick_quantity(rule, quantities, used, span, clause)
            if quantity is not None and rule.type in _PEOPLE_COUNTS:
                quantity = _add_coordinated(key, quantity, quantities, used, rule, clause)
            if quantity is None and rule.require_quantity:
                continue
            event_type = rule.type if quantity is not None or not rule.else_type else rule.else_type
            accepted.append((rule.type, span[0], span[1]))
            claimant = _claimant(key, vocab, mentions, sent[0], span[0])
            parties: frozenset[str] = frozenset()
            provisional = False
            if rule.roles == "meeting":
                event_type, parties, provisional, ids = _meeting(key, vocab, rule, mentions, clause)
                actor = ids[0] if ids else None
                target = ids[1] if len(ids) > 1 else None
            else:
                actor, target = _roles(key, rule, mentions, span, clause)
            event = Event(
                type=event_type,
                sentence=sentence,
                quantity=quantity.value if quantity else None,
                unit=quantity.unit if quantity else None,
                actor=actor,
                target=target,
                location=_location(mentions, span, target),
                claimant=claimant,
                approximate=quantity.approximate if quantity else False,
            )
            found.append(_Found(event, parties, provisional, span[0]))
    return sorted(_one_wave(found), key=lambda f: f.position)


def _one_wave(found: list[_Found]) -> list[_Found]:
    """An air strike with no count in a sentence that counts the missiles or drones sent
    (发动大规模空袭，共出动120架无人机和6枚导弹) is that same wave, not one more event."""
    if not any(f.event.type in _STRIKES and f.event.quantity is not None for f in found):
        return found
    return [f for f in found if not (f.event.type == "airstrike" and f.event.quantity is None)]


def _add_coordinated(
    key: str,
    quantity: Quantity,
    quantities: Sequence[Quantity],
    used: set[int],
    rule: Rule,
    clause: tuple[int, int],
) -> Quantity:
    """People counted in a coordination before one trigger are added up: 3名观察员和一名翻译
    受伤 -> 4."""
    total, approximate, left = quantity.value, quantity.approximate, quantity
    for i in range(len(quantities) - 1, -1, -1):
        q = quantities[i]
        if q.end > left.start:
            continue
        # only the count right before, unused, of this type's units, joined by 和/及/、
        between = key[q.end : left.start]
        if i in used or q.start < clause[0] or q.unit not in rule.units:
            break
        if total is None or q.value is None or len(between) > 16:
            break
        if not _COORDINATOR.search(between) or _OUTCOME.search(between):
            break
        total += q.value
        approximate = approximate or q.approximate
        used.add(i)
        left = q
    if left is quantity:
        return quantity
    return replace(quantity, start=left.start, value=total, approximate=approximate)


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
        and _parties_agree(a, b, countries)
        and (a.location is None or b.location is None or a.location == b.location)
    )


def _drop_uncounted_repeats(
    events: list[_Found], countries: Mapping[str, str], headline_end: int
) -> list[_Found]:
    """People killed or injured without a count (导致人员受伤) in a text that counts them
    elsewhere (3名观察员和一名翻译受伤), with no other side or place named: the same victims."""

    def counted_twin(item: _Found) -> bool:
        part = item.position < headline_end
        return any(
            (k.position < headline_end) == part
            and k.event.type == item.event.type
            and k.event.quantity is not None
            and _parties_agree(item.event, k.event, countries)
            and (item.event.location is None or item.event.location == k.event.location)
            for k in events
        )

    return [
        f
        for f in events
        if not (f.event.type in _PEOPLE_COUNTS and f.event.quantity is None and counted_twin(f))
    ]


def _same_meeting(item: _Found, kept: _Found, headline_end: int) -> bool:
    """Whether `item` is `kept` mentioned again (see `_dedupe`)."""
    if not item.parties <= kept.parties:
        return False
    if not (item.provisional or kept.event.type == item.event.type):
        return False
    in_body = item.position >= headline_end
    return item.provisional or not in_body or kept.position >= headline_end


def _dedupe(
    found: Sequence[_Found], countries: Mapping[str, str], headline_end: int = 0
) -> list[_Found]:
    """One event per occurrence: repeats within the headline or within the body are merged
    here (headline against body: `_drop_restated_headline`); meetings by their parties."""
    events: list[_Found] = []
    meetings: list[_Found] = []
    for item in found:
        part = item.position < headline_end
        if item.event.type in _MEETING_TYPES:
            meetings.append(item)
        elif not any(
            (k.position < headline_end) == part and _same(item.event, k.event, countries)
            for k in events
        ):
            events.append(item)
    kept_meetings: list[_Found] = []
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


def extract_events(
    text: str, mentions: Sequence[Mention], *, key: str | None = None
) -> list[Event]:
    """The events reported in one article, de-duplicated, in order of first mention.

    `mentions` are the entity occurrences in `text` (offsets into `text`); `key` is the
    Simplified form of `text` when the caller already has it (it is not converted again).
    """
    vocab = load_vocabulary()
    key = to_simplified(text) if key is None else key
    ordered = sorted(mentions, key=lambda m: m.start)
    starts = [m.start for m in ordered]
    found: list[_Found] = []
    done_until = -1
    for hit in vocab.prefilter.finditer(key):
        if hit.start() < done_until:
            continue
        sent = sentence_at(key, hit.start())
        done_until = sent[1]
        lo = bisect.bisect_left(starts, sent[0])
        hi = bisect.bisect_left(starts, sent[1])
        inside = [m for m in ordered[lo:hi] if m.end <= sent[1]]
        found.extend(_sentence_events(text, key, sent, inside, vocab))
    countries = {m.entity_id: m.country or m.entity_id for m in mentions}
    headline_end = _headline_end(key)
    kept = _dedupe(found, countries, headline_end)
    return [f.event for f in _drop_restated_headline(kept, headline_end)]


def _headline_end(key: str) -> int:
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
    return abs(a - b) <= 0.1 * max(a, b) and (headline.approximate or body.approximate)


def _drop_restated_headline(found: list[_Found], headline_end: int) -> list[_Found]:
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
