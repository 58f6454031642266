"""Country abbreviations (俄, 乌, 中美, 美日韩) and when they count as mentions.

The rules are data: `resources/abbreviations.toml` says when a one-character abbreviation names
its country (俄军, 中美关系, 乌 / 海军) and when it is an ordinary word (朝着, 其中, 13日).
`Abbreviations` reads a word as a sequence of a gazetteer's abbreviations (its `shape`).
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from analysis.language.text import to_simplified
from analysis.paths import RESOURCES

ABBREVIATIONS_FILE = RESOURCES / "abbreviations.toml"

# A word built from abbreviations, as (abbreviations, suffix): 俄乌 -> ((俄, 乌), ""),
# 中美关系 -> ((中, 美), 关系), 俄军 -> ((俄,), 军).
Shape = tuple[tuple[str, ...], str]


@dataclass(frozen=True, slots=True)
class AbbreviationRules:
    suffixes: frozenset[str]
    compound_suffixes: frozenset[str]
    not_abbreviations: frozenset[str]
    ambiguous: frozenset[str]
    anchors: frozenset[str]
    joined_words: frozenset[str] = frozenset()
    name_prefixes: frozenset[str] = frozenset()
    name_suffixes: frozenset[str] = frozenset()
    verbs: frozenset[str] = frozenset()
    loose_verbs: frozenset[str] = frozenset()
    after_verbs: Mapping[str, str] = field(default_factory=dict)
    word_mentions: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


def read_abbreviation_rules(path: Path = ABBREVIATIONS_FILE) -> AbbreviationRules:
    data = tomllib.loads(path.read_text(encoding="utf-8"))

    def words(name: str) -> frozenset[str]:
        return frozenset(to_simplified(w) for w in data.get(name, ()))

    return AbbreviationRules(
        suffixes=words("suffixes"),
        compound_suffixes=words("compound_suffixes"),
        not_abbreviations=words("not_abbreviations"),
        ambiguous=words("ambiguous"),
        anchors=words("anchors"),
        joined_words=words("joined_words"),
        name_prefixes=words("name_prefixes"),
        name_suffixes=words("name_suffixes"),
        verbs=words("verbs"),
        loose_verbs=words("loose_verbs"),
        after_verbs={to_simplified(k): v for k, v in data.get("after_verbs", {}).items()},
        word_mentions={
            to_simplified(k): tuple(v) for k, v in data.get("word_mentions", {}).items()
        },
    )


class Abbreviations:
    """A gazetteer's abbreviations (abbreviation -> country id) under one set of rules."""

    __slots__ = ("_shapes", "countries", "first_characters", "rules")

    _SHAPES_LIMIT = 1 << 16  # words whose shape is remembered before it starts again

    def __init__(self, countries: Mapping[str, str], rules: AbbreviationRules) -> None:
        self.countries = countries  # 俄 -> russia
        self.rules = rules
        self.first_characters = frozenset(a[0] for a in countries)
        self._shapes: dict[str, Shape | None] = {}

    def shape(self, word: str) -> Shape | None:
        """`word` as abbreviations and a suffix, or None for any other word."""
        shapes = self._shapes
        if word in shapes:
            return shapes[word]
        if len(shapes) >= self._SHAPES_LIMIT:
            shapes.clear()
        found = shapes[word] = self._find_shape(word)
        return found

    def is_construction(self, word: str) -> bool:
        """俄朝, 中美关系, 俄方, 美军: built from abbreviations, so not a new name."""
        return word[0] in self.first_characters and self.shape(word) is not None

    def one_character_names(self, word: str) -> list[tuple[int, str]]:
        """The places a two-character token names by one character each, as (offset, id):
        a verb and an abbreviation (赴美, 在京, 涉台, 赴陸: `verbs`, `after_verbs`) or one of
        `word_mentions` (港澳 -> Hong Kong, Macau). Empty for any other word."""
        rules = self.rules
        if word in rules.word_mentions:  # 港澳: one place a character; 全台: the last one
            ids = rules.word_mentions[word]
            return list(enumerate(ids, len(word) - len(ids)))
        if len(word) != 2 or word[0] not in rules.verbs:
            return []
        if word[0] in rules.loose_verbs and word[1] in rules.ambiguous:  # 全新, 在意
            return []
        found = rules.after_verbs.get(word[1]) or self.countries.get(word[1])
        return [(1, found)] if found else []

    def opens_a_word(self, abbreviation: str, following: str) -> bool:
        """Whether an ambiguous `abbreviation` at the end of a compound is the first character
        of one of `joined_words` with the token that follows (中俄新 / 时代: 新时代)."""
        if abbreviation not in self.rules.ambiguous or not following:
            return False
        joined = self.rules.joined_words
        return any(abbreviation + following[:k] in joined for k in range(1, len(following) + 1))

    def _find_shape(self, word: str) -> Shape | None:
        rules = self.rules
        if word in rules.not_abbreviations:
            return None
        parts = self.split(word)
        if parts is not None:
            return parts, ""
        for cut in range(len(word) - 1, 0, -1):
            parts = self.split(word[:cut])
            tail = word[cut:]
            if parts is None:
                continue
            if tail in rules.suffixes or (len(parts) >= 2 and tail in rules.compound_suffixes):
                return parts, tail
        return None

    def split(self, word: str) -> tuple[str, ...] | None:
        """`word` as a sequence of abbreviations (longest first), or None if it is not one."""
        parts: list[str] = []
        position = 0
        while position < len(word):
            for size in (3, 2, 1):
                piece = word[position : position + size]
                if len(piece) == size and piece in self.countries:
                    parts.append(piece)
                    position += size
                    break
            else:
                return None
        return tuple(parts)

    def compound_counts(
        self, run: Sequence[tuple[int, tuple[str, ...]]], *, compound_follows: bool
    ) -> bool:
        """Whether a run of abbreviations names countries (rule 5 of abbreviations.toml)."""
        rules = self.rules
        parts = [p for _, ps in run for p in ps]
        if len(set(parts)) < len(parts):  # 美美与共, 意义
            return False
        if compound_follows:  # 以巴冲突, 沙伊两国, 埃以边境
            return True
        ambiguous = sum(p in rules.ambiguous for p in parts)
        if len(run) == 1:  # one token: 中日, 中越, 俄乌 count; 以新, 新港, 哈巴 do not
            return ambiguous < len(parts) or not rules.anchors.isdisjoint(parts)
        return ambiguous <= 1  # 中 / 俄 counts; 以 / 新 does not
