"""The knowledge base in memory: sources, jurisdictions, offices, people, dated terms, platforms.

Dates may be known to the day, the month or only the year (`FuzzyDate`); a check only calls a
fact wrong when it is wrong for every day the fuzzy dates allow (precision first).

The facts are frozen msgspec Structs rather than dataclasses: the prebuilt index unpickles tens
of thousands of them at every start, and Structs load four to six times faster.
"""

from __future__ import annotations

import calendar
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

import msgspec


class OfficeGroup(StrEnum):
    """Kinds of office; platform facts and suggestions are scoped by group."""

    HEAD_OF_STATE = "head-of-state"
    HEAD_OF_GOVERNMENT = "head-of-government"
    DEPUTY_HEAD = "deputy-head"
    FOREIGN_MINISTER = "foreign-minister"
    FINANCE_MINISTER = "finance-minister"
    CENTRAL_BANK = "central-bank"
    CABINET = "cabinet"
    LEGISLATURE_LEADER = "legislature-leader"
    LEGISLATOR = "legislator"
    GOVERNOR = "governor"
    INTERNATIONAL = "international"
    RELIGIOUS = "religious"
    JUDICIARY = "judiciary"
    OTHER = "other"


class Role(StrEnum):
    """How a term is held, when not in the ordinary way."""

    ACTING = "acting"
    INTERIM = "interim"
    ELECT = "elect"


class FuzzyDate(msgspec.Struct, frozen=True, gc=False):
    """A date known to day, month or year precision: any day in [earliest, latest]."""

    earliest: date
    latest: date
    text: str

    @classmethod
    def parse(cls, value: object) -> FuzzyDate:
        """Parse `YYYY-MM-DD`, `YYYY-MM` or `YYYY`; raises ValueError otherwise."""
        if isinstance(value, date):
            return cls(value, value, value.isoformat())
        text = str(value).strip()
        parts = text.split("-")
        if not all(p.isdigit() for p in parts):
            raise ValueError(f"not a date: {text!r} (expected YYYY-MM-DD, YYYY-MM or YYYY)")
        if len(parts) == 1 and len(parts[0]) == 4:
            year = int(parts[0])
            return cls(date(year, 1, 1), date(year, 12, 31), text)
        if len(parts) == 2:
            year, month = int(parts[0]), int(parts[1])
            last = calendar.monthrange(year, month)[1]
            return cls(date(year, month, 1), date(year, month, last), text)
        if len(parts) == 3:
            day = date(int(parts[0]), int(parts[1]), int(parts[2]))
            return cls(day, day, text)
        raise ValueError(f"not a date: {text!r} (expected YYYY-MM-DD, YYYY-MM or YYYY)")

    @property
    def exact(self) -> bool:
        return self.earliest == self.latest

    def __str__(self) -> str:
        return self.text


class Source(msgspec.Struct, frozen=True, gc=False):
    """Where facts come from, and the date up to which they are known to be complete."""

    id: str
    name: str
    url: str | None
    licence: str | None
    complete_to: date
    priority: int

    def cite(self) -> str:
        return f"{self.name} <{self.url}>" if self.url else self.name


class Jurisdiction(msgspec.Struct, frozen=True, gc=False):
    id: str
    name: str
    adjectives: tuple[str, ...]
    parent: str | None = None


class Office(msgspec.Struct, frozen=True, gc=False):
    id: str
    name: str
    jurisdiction: str
    group: OfficeGroup
    titles: tuple[str, ...]
    long_titles: tuple[str, ...]
    seats: int
    complete_from: date
    source: str


class Person(msgspec.Struct, frozen=True, gc=False):
    id: str
    name: str
    variants: tuple[str, ...] = ()
    short: tuple[str, ...] = ()
    note: str | None = None
    died: date | None = None

    @property
    def forms(self) -> tuple[str, ...]:
        """Every accepted full spelling of the name."""
        return (self.name, *self.variants)


class Term(msgspec.Struct, frozen=True, gc=False):
    """`person` held `office` from `start` to `end` (None: open, as far as `known_to`)."""

    person: str
    office: str
    start: FuzzyDate
    end: FuzzyDate | None
    sources: tuple[str, ...]
    known_to: date  # an open term is only known to last until this date
    role: Role | None = None
    seat: str | None = None

    def surely_holds(self, day: date) -> bool:
        """True when every reading of the dates puts `day` inside the term."""
        if day < self.start.latest:
            return False
        if self.end is None:
            return day <= self.known_to
        return day < self.end.earliest

    def may_hold(self, day: date, slack: timedelta = timedelta(days=1)) -> bool:
        """True unless the term surely excludes `day` (a day's slack on both ends: on a
        handover day both holders are named in copy)."""
        if day < self.start.earliest - slack:
            return False
        if self.end is None:
            return True  # open: may go on past known_to; unknown is never wrong
        return day <= self.end.latest + slack

    def surely_ended_before(self, day: date) -> bool:
        return self.end is not None and day > self.end.latest + timedelta(days=1)

    def surely_starts_after(self, day: date) -> bool:
        return day < self.start.earliest - timedelta(days=1)


class PlatformUser(msgspec.Struct, frozen=True, gc=False):
    person: str
    since: FuzzyDate | None
    source: str


class Platform(msgspec.Struct, frozen=True, gc=False):
    """A channel public figures post on, with the users the KB knows.

    `complete_for` names the office groups for which the user list is complete: only for a
    person who held an office of those groups may the KB say "does not post there"."""

    id: str
    name: str
    aliases: tuple[str, ...]
    complete_for: tuple[OfficeGroup, ...]
    source: str
    users: tuple[PlatformUser, ...]


@dataclass
class KnowledgeBase:
    """All facts, merged and indexed by person and office. Immutable once built."""

    sources: dict[str, Source] = field(default_factory=dict)
    jurisdictions: dict[str, Jurisdiction] = field(default_factory=dict)
    offices: dict[str, Office] = field(default_factory=dict)
    people: Mapping[str, Person] = field(default_factory=dict)
    terms_by_person: Mapping[str, tuple[Term, ...]] = field(default_factory=dict)
    terms_by_office: Mapping[str, tuple[Term, ...]] = field(default_factory=dict)
    platforms: dict[str, Platform] = field(default_factory=dict)
    version: str = ""

    def terms_of(self, person: str) -> tuple[Term, ...]:
        return self.terms_by_person.get(person, ())

    def pack(self) -> None:
        """Keep people and terms packed for the prebuilt index (bot.kb.packed: load time)."""
        from bot.kb.packed import PackedTable

        self.people = PackedTable.pack(self.people, Person)
        self.terms_by_person = PackedTable.pack(self.terms_by_person, tuple[Term, ...])
        self.terms_by_office = PackedTable.pack(self.terms_by_office, tuple[Term, ...])

    def coverage(self, office_id: str) -> tuple[date, date]:
        """The period over which the KB lists every holder of the office.

        It runs from the office's `complete_from` to the latest date any source vouches for the
        holder list: the office's own source, or a source that names a holder up to its own
        `complete_to` (a current-holders list extends what is known)."""
        office = self.offices[office_id]
        end = self.sources[office.source].complete_to
        for term in self.terms_by_office.get(office_id, ()):
            if term.end is None or term.end.latest >= term.known_to:
                end = max(end, term.known_to)
        return office.complete_from, end

    def covered(self, office_id: str, day: date) -> bool:
        start, end = self.coverage(office_id)
        return start <= day <= end

    def holders(self, office_id: str, day: date) -> list[Term]:
        """Terms that surely cover `day` (acting included, elect excluded)."""
        return [
            t
            for t in self.terms_by_office.get(office_id, ())
            if t.role is not Role.ELECT and t.surely_holds(day)
        ]

    def offices_held(self, person: str, day: date) -> list[Term]:
        """The person's terms that surely cover `day` (elect excluded)."""
        return [
            t for t in self.terms_of(person) if t.role is not Role.ELECT and t.surely_holds(day)
        ]

    def cite(self, term: Term) -> str:
        return "; ".join(self.sources[s].cite() for s in term.sources if s in self.sources)
