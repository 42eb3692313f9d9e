"""The facts an importer produces, in the shape of docs/knowledge-base.md.

Importers build these plain values; `emit` turns them into YAML. Dates are `When` values so that
a fact known only to the year (the Wikidata snapshots) is never written as if known to the day.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date

from bot.kb.model import date_text


@dataclass(frozen=True, order=True)
class When:
    """A day, or a month or year when that is all the data tells (any day in [earliest, latest])."""

    earliest: date
    latest: date

    @classmethod
    def day(cls, value: date) -> When:
        return cls(value, value)

    @classmethod
    def month(cls, year: int, month: int) -> When:
        return cls(date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1]))

    @classmethod
    def year(cls, year: int) -> When:
        return cls(date(year, 1, 1), date(year, 12, 31))

    @property
    def exact(self) -> bool:
        return self.earliest == self.latest

    def to_yaml(self) -> date | str:
        """An exact day stays a YAML date; a month, a year or a range ("2024-10-24/2026": the
        day is only known to lie between the two) becomes a quoted string."""
        if self.exact:
            return self.earliest
        return date_text(self.earliest, self.latest)


@dataclass(frozen=True)
class Source:
    id: str
    name: str
    url: str
    licence: str
    complete_to: date
    priority: int = 50
    checked_to: date | None = None  # facts after this day are unchecked (a second source needed)


@dataclass(frozen=True)
class Jurisdiction:
    id: str
    name: str
    adjectives: tuple[str, ...]


@dataclass(frozen=True)
class Office:
    id: str
    name: str
    jurisdiction: str
    group: str
    titles: tuple[str, ...]
    long_titles: tuple[str, ...]
    seats: int
    complete_from: date
    source: str
    complete_to: date | None = None  # the data stops listing every holder before the source does


@dataclass(frozen=True)
class Person:
    id: str
    name: str
    variants: tuple[str, ...] = ()
    short: tuple[str, ...] = ()
    note: str | None = None

    def merged(self, other: Person) -> Person:
        """The same person seen in another record: keep this name, add the other's spellings."""
        variants = _unique((*self.variants, other.name, *other.variants), exclude=self.name)
        return Person(self.id, self.name, variants, _unique((*self.short, *other.short)), self.note)


@dataclass(frozen=True)
class Term:
    person: str
    office: str
    start: When
    end: When | None
    source: str
    seat: str | None = None
    role: str | None = None


@dataclass
class ImportResult:
    """What one importer produced, plus notes on what it could not map (for the run report)."""

    people: dict[str, Person] = field(default_factory=dict)
    terms: list[Term] = field(default_factory=list)
    jurisdictions: list[Jurisdiction] = field(default_factory=list)
    offices: list[Office] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def add_person(self, person: Person) -> None:
        old = self.people.get(person.id)
        self.people[person.id] = person if old is None else old.merged(person)


def _unique(items: tuple[str, ...], exclude: str | None = None) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for item in items:
        if item and item != exclude:
            seen.setdefault(item, None)
    return tuple(seen)


def unique(items: list[str] | tuple[str, ...], exclude: str | None = None) -> tuple[str, ...]:
    """Drop empty and repeated strings (and `exclude`), keeping the first order seen."""
    return _unique(tuple(items), exclude)
