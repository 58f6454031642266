"""The data model: the one place where record field names live.

Every other module (readers, analysis, store, queries, pages, CSV/JSON output) refers to
these dataclasses and the column tuples below instead of spelling field names again.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

ARTICLE = "article"
TEASER = "teaser"

ENTITY_TYPES = ("person", "country", "place", "organization")
UNKNOWN_PREFIX = "unknown:"  # id of a name the gazetteer lacks: unknown:<Simplified spelling>

EVENT_TYPES = (
    "missile_launch",
    "drone_attack",
    "airstrike",
    "shelling",
    "interception",
    "killed",
    "injured",
    "casualties",
    "damage",
    "troop_deployment",
    "arms_transfer",
    "nuclear_test",
    "satellite_launch",
    "summit",
    "talks",
    "sanctions",
)

_ID_SPACE = re.compile(r"\s+")


def article_id(title: str, body: str) -> str:
    """Stable id: a hash of the normalised title and body (white space does not count)."""
    key = unicodedata.normalize("NFKC", f"{title}\n{body}")
    key = _ID_SPACE.sub("", key)
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class Article:
    """One story (or one teaser blurb) read from an input."""

    title: str
    body: str
    published_at: str | None = None  # ISO 8601, with offset when known
    source: str | None = None
    category: str | None = None
    views: int | None = None
    url: str | None = None
    kind: str = ARTICLE
    lang: str = "und"
    origin: str = ""  # file and position it came from, e.g. "data/x.jsonl:12"
    id: str = ""

    def __post_init__(self) -> None:
        if not self.id:
            object.__setattr__(self, "id", article_id(self.title, self.body))

    def to_dict(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in ARTICLE_FIELDS}


ARTICLE_FIELDS: tuple[str, ...] = tuple(f.name for f in dataclasses.fields(Article))
# The order in which article columns are shown and exported.
ARTICLE_COLUMNS: tuple[str, ...] = (
    "id",
    "title",
    "published_at",
    "source",
    "category",
    "views",
    "url",
    "body",
    "kind",
    "lang",
    "origin",
)
assert set(ARTICLE_COLUMNS) == set(ARTICLE_FIELDS)


class EntityMention(NamedTuple):
    """One entity as it occurs in one article (all its spellings folded together).

    A named tuple: about nine are built per article (130,000 for xwlb), and a tuple is built
    four times faster than a frozen dataclass (0.6 µs, not 2.1 µs)."""

    id: str  # stable slug, the same for every spelling: vladimir-putin
    name: str  # display name in Chinese
    name_en: str
    type: str  # one of ENTITY_TYPES
    count: int  # type: ignore[assignment]  # shadows tuple.count, which nothing calls
    surface_forms: tuple[str, ...]
    known: bool = True  # False: discovered by the tagger, not in the gazetteer

    def to_dict(self) -> dict[str, Any]:
        d = {name: getattr(self, name) for name in ENTITY_FIELDS}
        d["surface_forms"] = list(self.surface_forms)
        return d


class Mention(NamedTuple):
    """One occurrence of an entity in a text: where it is and what it resolved to.

    Offsets index the original string (the Simplified key has the same length).
    Not stored; entities.py produces these (about ten per article, so a tuple, which is
    quicker to build than a frozen dataclass), events.py reads them.
    """

    entity_id: str
    type: str  # one of ENTITY_TYPES
    start: int
    end: int
    surface: str  # the text as written, original script
    country: str | None = None  # country id the entity belongs to (俄國防部 -> russia)


ENTITY_FIELDS: tuple[str, ...] = EntityMention._fields


@dataclass(frozen=True, slots=True)
class Event:
    """One conflict or diplomatic event reported in one article, with its evidence."""

    type: str  # one of EVENT_TYPES
    sentence: str  # the evidence, verbatim
    quantity: int | None = None
    unit: str | None = None
    actor: str | None = None  # entity id
    target: str | None = None  # entity id
    location: str | None = None  # entity id
    claimant: str | None = None  # entity id of who says so (烏克蘭空軍稱 …)
    approximate: bool = False  # 數十, 500多, 約…
    # A toll to date (自…以來已有N人死亡, 累計, 迄今): a running total, never summed with the
    # events that happened in the period; the Events page shows the latest one per claimant.
    cumulative: bool = False
    # False for people killed or injured, or things damaged, by an accident, a disaster or a
    # disease rather than an armed attack or violence: kept, but left out of the conflict counts.
    conflict: bool = True

    def to_dict(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in EVENT_FIELDS}


EVENT_FIELDS: tuple[str, ...] = tuple(f.name for f in dataclasses.fields(Event))
EVENT_ROLES = ("actor", "target", "location", "claimant")  # the fields holding an entity id
assert set(EVENT_ROLES) <= set(EVENT_FIELDS)


@dataclass(frozen=True, slots=True)
class AnalyzedArticle:
    """An article with what the analysis found in it."""

    article: Article
    entities: tuple[EntityMention, ...] = ()
    events: tuple[Event, ...] = ()
    topics: tuple[str, ...] = ()
    terms: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        d = self.article.to_dict()
        d["entities"] = [e.to_dict() for e in self.entities]
        d["events"] = [e.to_dict() for e in self.events]
        d["topics"] = list(self.topics)
        d["terms"] = dict(self.terms)
        return d


@dataclass(frozen=True, slots=True)
class Filter:
    """What the user selected: every query takes one of these.

    Outside Python a filter travels as query parameters (the URL query string of the dashboard,
    the flags of `python -m analysis query`), each part under the name `FILTER_PARAMS` gives it:

        ?from=2023-09-01&to=2023-09-30&topic=russia-dprk&topic=ukraine-war&source=中央社
         &entity=vladimir-putin&q=導彈&teasers=1
    """

    date_from: dt.date | None = None
    date_to: dt.date | None = None
    topics: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    entity: str | None = None
    q: str | None = None
    include_teasers: bool = False

    def to_params(self) -> dict[str, list[str]]:
        """The query parameters of the filter (only its active parts), each a list of values."""
        params: dict[str, list[str]] = {}
        for param in FILTER_PARAMS:
            value = getattr(self, param.field)
            if not value:
                continue
            if param.kind == "date":
                params[param.name] = [value.isoformat()]
            elif param.kind == "texts":
                params[param.name] = list(value)
            elif param.kind == "flag":
                params[param.name] = ["1"]
            else:
                params[param.name] = [value]
        return params

    @classmethod
    def from_params(cls, params: Mapping[str, Sequence[str]]) -> tuple[Filter, list[FilterProblem]]:
        """The filter that query parameters describe, and what was wrong with them.

        Never raises for any mapping of strings to lists of strings: a part that cannot be read
        (a date that does not parse, an unknown or repeated key, a value longer than
        `MAX_VALUE_CHARS`, more than `MAX_VALUES` values) is left out of the filter (a repeated
        key keeps its first value, a long list its first `MAX_VALUES`) and reported as a
        `FilterProblem`. The dashboard opens on what could be read; the command line refuses
        the whole command. Empty values are ignored and repeated topics or sources kept once,
        so `Filter.from_params(flt.to_params()) == (flt, [])` for every filter built this way.
        """
        problems: list[FilterProblem] = []
        fields: dict[str, Any] = {}
        for name, raw in params.items():
            param = _PARAMS_BY_NAME.get(name)
            if param is None:
                known = ", ".join(_PARAMS_BY_NAME)
                problems.append(FilterProblem(name, f"is not a filter parameter ({known})"))
                continue
            values = [raw] if isinstance(raw, str) else list(raw)
            limit = MAX_VALUES if param.kind == "texts" else 1
            if len(values) > limit:
                wanted = f"at most {limit} values" if limit > 1 else "one value"
                problems.append(FilterProblem(name, f"takes {wanted}, got {len(values)}"))
                values = values[:limit]
            kept: list[Any] = []
            for value in values:
                value, problem = _read_param(param, value)
                if problem:
                    problems.append(FilterProblem(name, problem))
                elif value not in (None, ""):
                    kept.append(value)
            if param.kind == "texts":
                fields[param.field] = tuple(dict.fromkeys(kept))
            elif kept:
                fields[param.field] = kept[0]
        return cls(**fields), problems


class FilterParam(NamedTuple):
    """One part of a Filter as a query parameter (URL) and a flag (`python -m analysis query`)."""

    name: str  # the query-string key
    field: str  # the Filter attribute it sets
    kind: str  # "date" (one ISO date), "text" (one string), "texts" (repeatable), "flag"
    flag: str  # the command line's option
    metavar: str | None = None
    help: str | None = None


FILTER_PARAMS = (
    FilterParam("from", "date_from", "date", "--from", "DATE", "YYYY-MM-DD"),
    FilterParam("to", "date_to", "date", "--to", "DATE", "YYYY-MM-DD"),
    FilterParam("topic", "topics", "texts", "--topic", "ID"),
    FilterParam("source", "sources", "texts", "--source", "NAME"),
    FilterParam("entity", "entity", "text", "--entity", "ID"),
    FilterParam("q", "q", "text", "--q", "TEXT", "keyword in title or body (either script)"),
    FilterParam("teasers", "include_teasers", "flag", "--include-teasers"),
)
_PARAMS_BY_NAME = {param.name: param for param in FILTER_PARAMS}
assert [p.field for p in FILTER_PARAMS] == [f.name for f in dataclasses.fields(Filter)]
MAX_VALUE_CHARS = 500  # longer is not a topic, a source, an id or a keyword
MAX_VALUES = 200  # per repeatable parameter
_TRUE, _FALSE = ("1", "true", "yes"), ("", "0", "false", "no")


class FilterProblem(NamedTuple):
    """A query parameter that could not be read: which, and what was wrong with it."""

    param: str
    message: str

    def __str__(self) -> str:
        return f"{self.param} {self.message}"


def _read_param(param: FilterParam, value: str) -> tuple[Any, str | None]:
    """One value of a parameter as the Filter holds it, or the problem with it."""
    if not isinstance(value, str):
        return None, f"takes text, got {type(value).__name__}"
    if len(value) > MAX_VALUE_CHARS:
        return None, f"takes at most {MAX_VALUE_CHARS} characters, got {len(value)}"
    if param.kind == "date":
        try:
            return (dt.date.fromisoformat(value) if value else None), None
        except ValueError:
            return None, f"takes a date YYYY-MM-DD, got {value!r}"
    if param.kind == "flag":
        if value in _TRUE:
            return True, None
        if value in _FALSE:
            return None, None
        return None, f"takes 1 or 0, got {value!r}"
    return value.strip() if param.name == "q" else value, None
