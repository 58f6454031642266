"""Conflict and diplomatic events in one article: type, count, who, where, who says so.

Matching runs on the Simplified key of the text (`to_simplified`, same length as the input), so a
Traditional and a Simplified version of one story give the same events; the evidence sentence is
cut from the original text. Trigger words, nouns, measure words and the hedge/negation markers
are data: resources/event_triggers.toml, compiled by event_vocabulary.py (`load_vocabulary`).
Repeats of one occurrence are merged by event_dedupe.py.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import replace
from operator import attrgetter

from analysis.language.event_dedupe import Found, dedupe, drop_restated_headline, find_headline_end
from analysis.language.event_vocabulary import PEOPLE_COUNTS, Rule, Vocabulary
from analysis.language.numerals import Quantity, find_quantities
from analysis.language.sentences import sentence_at
from analysis.language.text import to_simplified
from analysis.model import Event, Mention

_STRIKES = ("missile_launch", "drone_attack")
# Harm that counts as a conflict event only where an attack or violence did it (`_with_context`).
_HARM = ("killed", "injured", "casualties", "damage")
# What happened to people: between two counts, it means two outcomes (3人受伤、5人死亡).
_OUTCOME = re.compile("死|亡|伤|遇难|罹难|丧生|失踪|失联|获救|被捕")
_COORDINATOR = re.compile(r"^[^，,；;。！？\n\d]*(?:和|及|以及|与|、)[^，,；;。！？\n\d和及与、]*$")
# A clause boundary: one of these characters, but not a comma between two digits (1,200).
# Written as one character class first, so that the regex engine scans for it quickly.
_CLAUSE = re.compile(r"[，；;：:。！？!?\n,](?:(?<!,)|(?<!\d,)|(?!\d))")
_PARTY_TYPES = ("country", "person", "organization")
_start = attrgetter("start")


def _clause_bounds(key: str, start: int, end: int, lo: int, hi: int) -> tuple[int, int]:
    """The clause (between commas, semicolons, colons) around key[start:end], within [lo, hi)."""
    left = lo
    for m in _CLAUSE.finditer(key, lo, start):
        left = m.end()
    right = _CLAUSE.search(key, end, hi)
    return left, (right.start() if right is not None else hi)


def _is_unreal(
    key: str,
    vocab: Vocabulary,
    sent: tuple[int, int],
    clause_start: int,
    trigger_start: int,
    trigger_end: int,
) -> bool:
    """Hypothetical, hedged, future, negated, denied or background: not a reported event."""
    if vocab.unreal_in_sentence.search(key, sent[0], trigger_start):
        return True
    if vocab.unreal_in_clause.search(key, clause_start, trigger_end):
        return True
    return vocab.unreal_after.match(key, trigger_end) is not None


def _pick_quantity(
    rule: Rule,
    quantities: Sequence[Quantity],
    used: set[int],
    span: tuple[int, int],
    clause: tuple[int, int],
) -> Quantity | None:
    if rule.quantity == "previous":  # the set named before: 发射5枚导弹，均被拦截
        earlier = [q for q in quantities if q.unit in rule.units and q.end <= span[0]]
        return earlier[-1] if earlier else None
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
    roles: str,
    mentions: Sequence[Mention],
    span: tuple[int, int],
    clause: tuple[int, int],
) -> tuple[str | None, str | None]:
    """(actor, target) from where the mentions stand around the trigger in its clause; `roles`
    is the rule's way of reading them (agent, undergoer; none and meeting read nothing here)."""
    if roles in ("none", "meeting"):
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
        target = _object_head(key, [m for m in before if m.start >= cut and _party(m, places=True)])
    else:
        owned = [m for m in before if key.startswith("的", m.end) and span[0] - m.end <= 8]
        parties = [m for m in before if _party(m, places=False)]
        subject = owned[-1] if owned else (parties[0] if parties else None)
        obj = next((m for m in after if _party(m, places=True)), None)
        if roles == "undergoer":
            target = subject
        else:
            actor, target = subject, obj
    return (actor.entity_id if actor else None), (target.entity_id if target else None)


def _object_head(key: str, candidates: Sequence[Mention]) -> Mention | None:
    """The party an object names last, nearest its head noun (向亚丁湾的美国油轮 -> 美国, 向以色列
    特拉维夫的军事目标 -> 特拉维夫); a capital after its country gives the country (也门首都
    萨那 -> 也门)."""
    for m in reversed(candidates):
        if not key.startswith("首都", m.start - 2):
            return m
    return None


def _sentence_subject(
    key: str,
    vocab: Vocabulary,
    mentions: Sequence[Mention],
    sent_start: int,
    clause_start: int,
) -> str | None:
    """Who does what an earlier clause of the sentence began with (俄军还打击了…，并击落乌方46架
    无人机): the party standing at the start of a clause after what the claimant says (称), or the
    claimant itself when it is an organisation or a country and no clause names another
    (胡塞武装称，当天使用巡航导弹和无人机向…发动攻击)."""
    claims = list(vocab.claim.finditer(key, sent_start, clause_start))
    zone = claims[-1].end() if claims else sent_start
    for m in mentions:
        if not zone <= m.start < clause_start or not _party(m, places=False):
            continue
        left, _ = _clause_bounds(key, m.start, m.end, zone, clause_start)
        if m.start - left <= 3:
            return m.entity_id
    if claims:
        speaker = [m for m in mentions if m.end <= claims[-1].start() and m.start >= sent_start]
        if speaker and speaker[-1].type in ("organization", "country"):
            return speaker[-1].entity_id
    return None


def _cause_roles(
    key: str, vocab: Vocabulary, mentions: Sequence[Mention], sent_start: int, clause_start: int
) -> tuple[str | None, str | None]:
    """The actor and target of the attack that caused a harm, when an earlier clause of the
    sentence reports it (以军25日袭击约旦河西岸杰宁等地，造成6名巴勒斯坦人死亡)."""
    causes = list(vocab.cause.finditer(key, sent_start, clause_start))
    if not causes:
        return None, None
    verb = causes[-1]
    clause = _clause_bounds(key, verb.start(), verb.end(), sent_start, clause_start)
    return _roles(key, "agent", mentions, verb.span(), clause)


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
    key: str,
    vocab: Vocabulary,
    rule: Rule,
    mentions: Sequence[Mention],
    clause: tuple[int, int],
    sentence_start: int,
) -> tuple[str, frozenset[str], bool, list[str]]:
    """(type, countries, provisional, countries in order of mention) for a meeting named in
    `clause`. The sentence up to the clause's end says who is there: a minister, speaker or
    party chair makes it talks (全国人大常委会委员长…，在圣彼得堡会见总统普京)."""
    here = [m for m in mentions if clause[0] <= m.start and m.end <= clause[1]]
    if len(here) < 2:  # 普京今天抵达平壤，开始对朝鲜进行国事访问: the visitor is named before
        here = [m for m in mentions if sentence_start <= m.start and m.end <= clause[1]]
    people = [m for m in here if m.type == "person"]
    sides = [m for m in here if m.type in ("person", "country")]
    hosts = [m for m in sides if vocab.host.search(key, max(sentence_start, m.start - 3), m.start)]
    order = list(dict.fromkeys(m.country or m.entity_id for m in [*hosts[:1], *sides]))
    parties = frozenset(order)
    if rule.names_level:
        return rule.type, parties, False, order
    if vocab.minister.search(key, sentence_start, clause[1]):
        return "talks", parties, False, order
    if vocab.leader.search(key, sentence_start, clause[1]):
        return "summit", parties, False, order
    if len({m.entity_id for m in people}) >= 2:  # 王毅与拉夫罗夫的会谈: level not said here
        return "summit", parties, True, order
    return "talks", parties, True, order


def _sentence_quantities(key: str, sent: tuple[int, int]) -> list[Quantity]:
    """The quantities of one sentence, with offsets into the whole text."""
    return [q.shifted(sent[0]) for q in find_quantities(key[sent[0] : sent[1]])]


def _sentence_events(
    text: str, key: str, sent: tuple[int, int], mentions: Sequence[Mention], vocab: Vocabulary
) -> list[Found]:
    quantities: list[Quantity] | None = None  # found on first need: most sentences have none
    used: set[int] = set()
    accepted: list[tuple[str, int, int]] = []
    found: list[Found] = []
    sentence = text[sent[0] : sent[1]]
    for rule in vocab.index.rules_for(key, *sent):
        for m in rule.pattern.finditer(key, sent[0], sent[1]):
            # `item`: the second object of a coordination (…和2枚导弹) is the event's span
            span = m.span("item") if "item" in rule.pattern.groupindex else m.span()
            if any(t == rule.type and s < span[1] and span[0] < e for t, s, e in accepted):
                continue
            if any(t in rule.suppressed_by and s < span[1] and span[0] < e for t, s, e in accepted):
                continue
            clause = _clause_bounds(key, m.start(), span[1], sent[0], sent[1])
            if _is_unreal(key, vocab, sent, clause[0], m.start(), m.end()):
                continue
            if quantities is None:
                quantities = _sentence_quantities(key, sent)
            quantity = _pick_quantity(rule, quantities, used, span, clause)
            if quantity is not None and rule.type in PEOPLE_COUNTS:
                quantity = _add_coordinated(key, quantity, quantities, used, rule, clause)
            if rule.type in PEOPLE_COUNTS:
                quantity = _count_named_people(key, quantity, mentions, span, clause)
            if quantity is None and rule.require_quantity:
                continue
            event_type = rule.type if quantity is not None or not rule.else_type else rule.else_type
            accepted.append((rule.type, span[0], span[1]))
            claimant = _claimant(key, vocab, mentions, sent[0], span[0])
            parties: frozenset[str] = frozenset()
            provisional = False
            if rule.roles == "meeting":
                event_type, parties, provisional, sides = _meeting(
                    key, vocab, rule, mentions, clause, sent[0]
                )
                # the countries meeting, in order of mention: the host or visitor first
                actor = sides[0] if sides else None
                target = sides[1] if len(sides) > 1 else None
            else:
                # roles are read around the trigger verb (击落乌方46架无人机: 乌方 is the target)
                actor, target = _roles(key, rule.roles, mentions, (m.start(), span[1]), clause)
                if actor is None and claimant and vocab.anaphor.search(key, clause[0], m.start()):
                    actor = claimant  # 胡塞武装发言人称，该武装向…发射数枚反舰导弹
                if actor is None and rule.roles == "agent":
                    actor = _sentence_subject(key, vocab, mentions, sent[0], clause[0])
            location = _location(mentions, span, target)
            if rule.type in _HARM and actor is None and target is None:
                actor, target = _cause_roles(key, vocab, mentions, sent[0], clause[0])
            cumulative = vocab.cumulative.search(key, sent[0], clause[1]) is not None
            event = Event(
                type=event_type,
                sentence=sentence,
                quantity=quantity.value if quantity else None,
                unit=quantity.unit if quantity else None,
                actor=actor,
                target=target,
                location=location,
                claimant=claimant,
                approximate=quantity.approximate if quantity else False,
                cumulative=cumulative,
            )
            found.append(Found(event, parties, provisional, span[0]))
    return sorted(_one_wave(found), key=lambda f: f.position)


def _one_wave(found: list[Found]) -> list[Found]:
    """One strike told with its means is one event. An air strike with no count in a sentence
    that counts the missiles or drones sent (发动大规模空袭，共出动120架无人机和6枚导弹) is that
    wave; missiles with no count in a sentence that reports the strike they made (发射多枚战斧
    导弹，打击了…雷达设施) are its means, and the strike is the event."""
    if any(f.event.type in _STRIKES and f.event.quantity is not None for f in found):
        return [f for f in found if not (f.event.type == "airstrike" and f.event.quantity is None)]
    if any(f.event.type == "airstrike" for f in found):
        return [
            f for f in found if not (f.event.type == "missile_launch" and f.event.quantity is None)
        ]
    return found


def _count_named_people(
    key: str,
    quantity: Quantity | None,
    mentions: Sequence[Mention],
    span: tuple[int, int],
    clause: tuple[int, int],
) -> Quantity | None:
    """A person named as the one killed or injured counts 1 (哈尼亚在德黑兰遇袭身亡), and 1 more
    beside the people counted with them (哈尼亚以及一名保镖…身亡 -> 2)."""
    people = [
        m for m in mentions if m.type == "person" and clause[0] <= m.start and m.end <= span[0]
    ]
    if not people:
        return quantity
    named = people[-1]
    if quantity is None:
        if _CLAUSE.search(key, named.end, span[0]) or span[0] - named.end > 12:
            return None
        return Quantity(named.start, named.end, 1, "人", text=key[named.start : named.end])
    between = key[named.end : quantity.start]
    if quantity.value is None or quantity.start < named.end or not _COORDINATOR.search(between):
        return quantity
    return replace(quantity, start=named.start, value=quantity.value + 1)


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


def extract_events(
    text: str, mentions: Sequence[Mention], *, vocab: Vocabulary, key: str | None = None
) -> list[Event]:
    """The events reported in one article, de-duplicated, in order of first mention.

    `mentions` are the entity occurrences in `text` (offsets into `text`); `vocab` the trigger
    vocabulary (`load_vocabulary`); `key` is the Simplified form of `text` when the caller
    already has it (it is not converted again).
    """
    key = to_simplified(text) if key is None else key
    hit = vocab.prefilter.search(key)
    if hit is None:  # no trigger word at all: most articles
        return []
    ordered = sorted(mentions, key=_start)
    starts = list(map(_start, ordered))
    found: list[Found] = []
    while hit is not None:
        sent = sentence_at(key, hit.start())
        hit = vocab.prefilter.search(key, max(sent[1], hit.start() + 1))  # the next sentence's
        lo = bisect.bisect_left(starts, sent[0])
        hi = bisect.bisect_left(starts, sent[1])
        inside = [m for m in ordered[lo:hi] if m.end <= sent[1]]
        found.extend(_sentence_events(text, key, sent, inside, vocab))
    if not found:
        return []
    countries = {m.entity_id: m.country or m.entity_id for m in mentions}
    headline_end = find_headline_end(key)
    kept = drop_restated_headline(dedupe(found, countries, headline_end), headline_end)
    return _with_context(kept, key, vocab)


def _with_context(found: list[Found], key: str, vocab: Vocabulary) -> list[Event]:
    """The events, with `conflict` false for harm that an accident, a disaster or a disease
    did: the sentence decides when it names an attack or a disaster, else the article does."""
    article_armed: bool | None = None  # counted on first need
    out = []
    for item in found:
        event = item.event
        if event.type in _HARM:
            start, end = sentence_at(key, item.position)  # the sentence in the Simplified key
            if vocab.armed.search(key, start, end):
                armed = True
            elif vocab.disaster.search(key, start, end):
                armed = False
            else:
                if article_armed is None:
                    armed_words = len(vocab.armed.findall(key))
                    article_armed = armed_words > 0 and armed_words >= len(
                        vocab.disaster.findall(key)
                    )
                armed = article_armed
            if not armed:
                event = replace(event, conflict=False)
        out.append(event)
    return out
