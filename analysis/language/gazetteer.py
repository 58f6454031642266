"""The gazetteer: known people, countries, places and organisations, and every spelling of them.

Read from `resources/gazetteer/{countries,people,places,organizations}.csv`. Each file has `#`
comment lines, then the header `id,type,name_en,name_hans,name_hant,aliases,abbrev,country,lat,lon`
(`aliases` and `abbrev` are `|`-separated).

Lookups are keyed on the Simplified form (`text.to_simplified`), so 普京 and 俄羅斯 / 俄罗斯 find
the same entry whatever script the article is in. Read once by its owner (the `Analyzer`, the
query wing's `shipped_gazetteer`) and never changed afterwards.

Two indexes:
- `aliases`: every spelling of two or more characters (name_hans, name_hant, aliases) -> id.
  One-character aliases are ignored here: a single character is only ever an abbreviation.
- `abbreviations`: the `abbrev` column of countries (俄, 乌/烏, 朝 …) -> country id. These are
  only used inside compounds and before suffixes (see `entities.py`).
When two entries claim the same spelling, the first one read wins (files are read in the order
countries, organizations, people, places) and the clash is kept in `conflicts`.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from analysis.language.text import to_simplified
from analysis.model import ENTITY_TYPES
from analysis.paths import RESOURCES

GAZETTEER_DIR = RESOURCES / "gazetteer"
FILE_NAMES = ("countries.csv", "organizations.csv", "people.csv", "places.csv")
COLUMNS = (
    "id",
    "type",
    "name_en",
    "name_hans",
    "name_hant",
    "aliases",
    "abbrev",
    "country",
    "lat",
    "lon",
)


class GazetteerError(ValueError):
    """A gazetteer file that cannot be used; the message names the file and line."""


@dataclass(frozen=True, slots=True)
class GazetteerEntry:
    id: str
    type: str  # one of ENTITY_TYPES
    name_en: str
    name_hans: str
    name_hant: str
    aliases: tuple[str, ...]
    abbreviations: tuple[str, ...]
    country: str | None  # the country a person, place or organisation belongs to
    lat: float | None
    lon: float | None

    def spellings(self) -> tuple[str, ...]:
        """Every written form: both names, then the aliases, without repeats."""
        forms = (self.name_hans, self.name_hant, *self.aliases)
        return tuple(dict.fromkeys(f for f in forms if f))


@dataclass(frozen=True, eq=False)  # eq=False: hashed by identity, so caches can key on it
class Gazetteer:
    entries: Mapping[str, GazetteerEntry]
    aliases: Mapping[str, str]  # Simplified spelling -> entity id
    abbreviations: Mapping[str, str]  # Simplified abbreviation -> country id
    conflicts: tuple[tuple[str, str, str], ...] = ()  # (spelling, kept id, dropped id)

    def get(self, entity_id: str) -> GazetteerEntry | None:
        return self.entries.get(entity_id)

    def resolve(self, spelling: str) -> str | None:
        """The id a spelling (either script) stands for, or None."""
        return self.aliases.get(to_simplified(spelling))


def parse_entries(text: str, *, source: str) -> list[GazetteerEntry]:
    """The entries of one CSV file's text; `source` names the file in error messages."""
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    if not lines:
        return []
    reader = csv.DictReader(io.StringIO("\n".join(lines)))
    missing = set(COLUMNS) - set(reader.fieldnames or ())
    if missing:
        raise GazetteerError(f"{source}: header lacks {', '.join(sorted(missing))}")
    return [_parse_row(row, source=source, row_number=n) for n, row in enumerate(reader, 2)]


def _parse_row(row: dict[str, str], *, source: str, row_number: int) -> GazetteerEntry:
    def cell(name: str) -> str:
        return (row.get(name) or "").strip()

    where = f"{source}: data row {row_number - 1}"
    if not cell("id"):
        raise GazetteerError(f"{where}: empty id")
    if cell("type") not in ENTITY_TYPES:
        raise GazetteerError(
            f"{where} ({cell('id')}): type {cell('type')!r} is not one of {', '.join(ENTITY_TYPES)}"
        )
    return GazetteerEntry(
        id=cell("id"),
        type=cell("type"),
        name_en=cell("name_en"),
        name_hans=cell("name_hans"),
        name_hant=cell("name_hant") or cell("name_hans"),
        aliases=_split(cell("aliases")),
        abbreviations=_split(cell("abbrev")),
        country=cell("country") or None,
        lat=_float(cell("lat"), where=where),
        lon=_float(cell("lon"), where=where),
    )


def _split(cell: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in cell.split("|") if part.strip())


def _float(cell: str, *, where: str) -> float | None:
    if not cell:
        return None
    try:
        return float(cell)
    except ValueError:
        raise GazetteerError(f"{where}: {cell!r} is not a number") from None


def build_gazetteer(entries: list[GazetteerEntry]) -> Gazetteer:
    """Index entries by id, Simplified spelling and abbreviation."""
    by_id: dict[str, GazetteerEntry] = {}
    aliases: dict[str, str] = {}
    abbreviations: dict[str, str] = {}
    conflicts: list[tuple[str, str, str]] = []
    for entry in entries:
        if entry.id in by_id:
            raise GazetteerError(f"duplicate id {entry.id!r}")
        by_id[entry.id] = entry
    for entry in by_id.values():
        for spelling in entry.spellings():
            _claim(aliases, to_simplified(spelling), entry.id, conflicts, min_length=2)
        if entry.type == "country":
            for abbreviation in entry.abbreviations:
                _claim(abbreviations, to_simplified(abbreviation), entry.id, conflicts)
    return Gazetteer(
        entries=by_id, aliases=aliases, abbreviations=abbreviations, conflicts=tuple(conflicts)
    )


def _claim(
    index: dict[str, str],
    key: str,
    entity_id: str,
    conflicts: list[tuple[str, str, str]],
    *,
    min_length: int = 1,
) -> None:
    if len(key) < min_length:
        return
    kept = index.setdefault(key, entity_id)
    if kept != entity_id:
        conflicts.append((key, kept, entity_id))


def load_gazetteer(directory: Path = GAZETTEER_DIR) -> Gazetteer:
    """Read the four CSV files in `directory` (a missing file counts as empty; none at all is an
    error that names the folder)."""
    paths = [directory / name for name in FILE_NAMES]
    present = [p for p in paths if p.is_file()]
    if not present:
        raise GazetteerError(f"{directory}: none of {', '.join(FILE_NAMES)} is there")
    entries: list[GazetteerEntry] = []
    for path in present:
        entries += parse_entries(path.read_text(encoding="utf-8-sig"), source=str(path))
    return build_gazetteer(entries)
