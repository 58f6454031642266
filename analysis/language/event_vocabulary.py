"""The event trigger vocabulary: rules and markers from resources/event_triggers.toml, compiled.

Trigger words, nouns, measure words and the hedge/negation markers are data (the TOML file); this
module reads them once and turns each rule's pattern, with its {GAP}, {LONGGAP} and noun
placeholders filled in, into a compiled regular expression. Extraction is analysis/events.py.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from analysis.language.patterns import SignalIndex, StringFinder, longest_first
from analysis.model import EVENT_TYPES
from analysis.paths import RESOURCES

_RESOURCE = RESOURCES / "event_triggers.toml"
_CLAUSE_END = "，,；;：:。！？!?\n"
_BRACKETS = "（）()"  # a gap never crosses one: （国防部提供） is a credit, not a clause
PEOPLE_COUNTS = ("killed", "injured", "casualties")  # event types whose count is of people


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
    needs: tuple[str, ...] = ()  # every match holds one of these; () for none known


class RuleIndex:
    """The rules worth trying on a sentence: those one of whose `needs` it holds, found in one
    scan of the sentence, and those with no `needs`; in the rules' order."""

    __slots__ = ("_finder", "_index", "rules")

    def __init__(self, rules: tuple[Rule, ...]) -> None:
        self.rules = rules
        self._index = SignalIndex(rule.needs or None for rule in rules)
        self._finder = StringFinder(self._index.signals)

    def rules_for(self, key: str, start: int, end: int) -> list[Rule]:
        """The rules worth trying on key[start:end]."""
        found = self._finder.found(key, start, end)
        return [self.rules[i] for i in self._index.candidates(found)]


@dataclass(frozen=True, slots=True)
class Vocabulary:
    rules: tuple[Rule, ...]
    index: RuleIndex
    prefilter: re.Pattern[str]
    # from the sentence start to the trigger: conditional, denial, purpose or background
    # (如果, 否认, 为了…, 去年)
    unreal_in_sentence: re.Pattern[str]
    # from the clause start to the end of the match: hedge, plan, future or negation (可能, 将,
    # 未; inside the match too: 飞弹可以被拦截, 油轮没有因袭击受损)
    unreal_in_clause: re.Pattern[str]
    # right after the match: still ahead (会晤将于…举行)
    unreal_after: re.Pattern[str]
    claim: re.Pattern[str]
    # from the sentence start to the end of the trigger's clause: a toll to date (以来, 累计)
    cumulative: re.Pattern[str]
    armed: re.Pattern[str]  # words of an armed attack or violence (袭击, 炮击, 枪击)
    disaster: re.Pattern[str]  # words of an accident, a disaster or a disease (洪水, 车祸)
    cause: re.Pattern[str]  # an attack verb whose clause gives a later harm its roles
    anaphor: re.Pattern[str]  # 该武装, 该组织: the one who says so is the one who did it
    host: re.Pattern[str]  # right before the country that hosts a meeting or visit (对, 访, 来)
    leader: re.Pattern[str]
    minister: re.Pattern[str]


def _alternation(items: Sequence[str]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{item})" for item in items))


def load_vocabulary(path: Path = _RESOURCE) -> Vocabulary:
    """The trigger vocabulary, read and compiled (the `Analyzer` does it once)."""
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
                quantity=raw.get("quantity", "none"),
                roles=raw.get("roles", "none"),
                units=frozenset(data["units"].get(raw["type"], ())),
                require_quantity=raw.get("require_quantity", False),
                else_type=raw.get("else_type"),
                suppressed_by=tuple(raw.get("suppressed_by", ())),
                names_level=raw.get("names_level", raw["type"] == "summit"),
                needs=tuple(raw.get("needs", ())),
            )
        )
    markers = data["markers"]
    return Vocabulary(
        rules=tuple(rules),
        index=RuleIndex(tuple(rules)),
        # every string a rule needs opens the sentence to the rules, besides the listed words
        prefilter=longest_first({*data["prefilter"], *(n for rule in rules for n in rule.needs)}),
        unreal_in_sentence=_alternation(
            [
                *markers["conditional"],
                *markers["denial"],
                *(verb + markers["purpose"] for verb in markers["purpose_verbs"]),
                *markers["past"],
            ]
        ),
        unreal_in_clause=_alternation([*markers["hedge"], markers["future"], *markers["negation"]]),
        unreal_after=re.compile(markers["after"]),
        claim=_alternation(markers["claim"]),
        cumulative=_alternation(markers["cumulative"]),
        armed=longest_first(data["context"]["armed"]),
        disaster=longest_first(data["context"]["disaster"]),
        cause=longest_first(data["context"]["cause"]),
        host=re.compile(data["meeting"]["host"]),
        anaphor=re.compile(markers["anaphor"]),
        leader=re.compile(data["meeting"]["leader"]),
        minister=re.compile(data["meeting"]["minister"]),
    )
