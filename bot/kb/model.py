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
    """A date known to day, month or year precision, or only as lying between two dates:
    any day in [earliest, latest]."""

    earliest: date
    latest: date
    text: str

    @classmethod
    def parse(cls, value: object) -> FuzzyDate:
        """Parse `YYYY-MM-DD`, `YYYY-MM`, `YYYY`, or a range of two of them, `A/B` (ISO 8601's
        interval: any day from the first A allows to the last B allows); ValueError otherwise."""
        if isinstance(value, date):
            return cls(value, value, value.isoformat())
        text = str(value).strip()
        if "/" in text:
            first, _, last = text.partition("/")
            earliest, latest = cls._one(first.strip()), cls._one(last.strip())
            if latest.latest < earliest.earliest:
                raise ValueError(f"not a date range: {text!r} (it ends before it starts)")
            return cls.between(earliest.earliest, latest.latest)
        return cls._one(text)

    @classmethod
    def _one(cls, text: str) -> FuzzyDate:
        problem = f"not a date: {text!r} (expected YYYY-MM-DD, YYYY-MM, YYYY or a range A/B)"
        parts = text.split("-")
        if not all(p.isdigit() for p in parts) or len(parts[0]) != 4:
            raise ValueError(problem)
        try:
            if len(parts) == 1:
                year = int(parts[0])
                return cls(date(year, 1, 1), date(year, 12, 31), text)
            if len(parts) == 2:
                year, month = int(parts[0]), int(parts[1])
                last = calendar.monthrange(year, month)[1]
                return cls(date(year, month, 1), date(year, month, last), text)
            if len(parts) == 3:
                day = date(int(parts[0]), int(parts[1]), int(parts[2]))
                return cls(day, day, text)
        except ValueError as exc:  # month 13, February 30
            raise ValueError(problem) from exc
        raise ValueError(problem)

    @classmethod
    def between(cls, earliest: date, latest: date) -> FuzzyDate:
        """Any day in [earliest, latest], written in the shortest form that says exactly that."""
        return cls(earliest, latest, date_text(earliest, latest))

    @property
    def exact(self) -> bool:
        return self.earliest == self.latest

    def __str__(self) -> str:
        return self.text


def date_text(earliest: date, latest: date) -> str:
    """`2024-08-05`, `2024-08`, `2024`, or a range `2024-03-17/2026` (each side reduced to the
    month or year when it starts or ends one)."""
    if earliest == latest:
        return earliest.isoformat()
    first, last = _side(earliest, start=True), _side(latest, start=False)
    return first if first == last else f"{first}/{last}"


def _side(day: date, *, start: bool) -> str:
    month_edge = day.day == 1 if start else day.day == calendar.monthrange(day.year, day.month)[1]
    year_edge = month_edge and day.month == (1 if start else 12)
    if year_edge:
        return f"{day.year:04d}"
    if month_edge:
        return f"{day.year:04d}-{day.month:02d}"
    return day.isoformat()


class Source(msgspec.Struct, frozen=True, gc=False):
    """Where facts come from and the date up to which they are known to be complete.

    `checked_to` is set for a source whose later facts nobody checked (a scraped list, a
    machine refresh): a change after that day that only this source states is shown as
    "check", not as an error, until a second source agrees. None: every fact was checked."""

    id: str
    name: str
    url: str | None
    licence: str | None
    complete_to: date
    priority: int
    checked_to: date | None = None

    @property
    def checked_until(self) -> date:
        return self.checked_to or date.max

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
    # the office's data stops being complete before its source's complete_to (a data gap)
    complete_to: date | None = None
    # titles that name the office only for someone who held it ("Chief of Staff" + a former
    # White House chief of staff); before anyone else they are another body's title
    holder_titles: tuple[str, ...] = ()


class Vacancy(msgspec.Struct, frozen=True, gc=False):
    """Nobody held the office from `start` to `end` (inclusive); `end` None: abolished."""

    office: str
    start: date
    end: date | None
    sources: tuple[str, ...]


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
    # a start or end that rests on one source alone, past the period it was checked for: the
    # id of that source (None: checked, or stated by two sources)
    lone_start: str | None = None
    lone_end: str | None = None

    @property
    def corroborated(self) -> bool:
        """Are both changes this term records (its start and its end) checked or stated by
        two sources?"""
        return self.lone_start is None and self.lone_end is None

    def surely_holds(self, day: date) -> bool:
        """True when every reading of the dates puts `day` inside the term.

        An end known only to the month or year, or as a range, that lies past what the sources
        vouch for (`known_to`) is an estimate of a change nobody saw: the term is only sure up
        to `known_to` ("Prime Minister until 2026", from a list that stops in 2024, does not
        make its holder prime minister all of 2025)."""
        if day < self.start.latest:
            return False
        if self.end is None or (not self.end.exact and day > self.known_to):
            return day <= self.known_to
        return day < self.end.earliest

    def last_sure_day(self) -> date | None:
        """The last day `surely_holds` is true, None if there is none."""
        if self.end is None:
            last = self.known_to
        elif self.end.exact:
            last = self.end.earliest - timedelta(days=1)
        else:
            last = min(self.end.earliest - timedelta(days=1), self.known_to)
        return last if last >= self.start.latest else None

    def uncertain_on(self, day: date) -> bool:
        """The dates allow `day` inside the term and outside it: a check must not rely on
        either (`kb who` says "uncertain")."""
        if self.surely_holds(day) or day < self.start.earliest:
            return False
        if self.end is None:
            return day <= self.known_to  # a start known only to the month or year
        if self.end.exact and day >= self.end.earliest:
            return False
        return day <= self.end.latest

    def may_hold(self, day: date, slack: timedelta = timedelta(days=1)) -> bool:
        """True unless the term surely excludes `day` (a day's slack on both ends: on a
        handover day both holders are named in copy)."""
        if day < self.start.earliest - slack:
            return False
        if self.end is None:
            return True  # open: may go on past known_to; unknown is never wrong
        return day <= self.end.latest + slack

    def may_hold_during(self, first: date, last: date) -> bool:
        """True unless the term surely excludes every day from `first` to `last`."""
        return self.may_hold(first) or self.may_hold(last) or first <= self.start.earliest <= last

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


class Particle(msgspec.Struct, frozen=True, gc=False):
    """Interchangeable spellings of a particle before a surname ("al-", "el-", "al ")."""

    forms: tuple[str, ...]
    droppable: bool = False  # the name is also written without it ("Bashar Assad", "Sisi")
    short: bool = False  # the surname with the particle is a safe form alone ("el-Sisi")


class Regnal(msgspec.Struct, frozen=True, gc=False):
    """Titles written before a regnal name ("Pope Leo", "King Charles") for holders of these
    offices or office groups."""

    titles: tuple[str, ...]
    offices: tuple[str, ...] = ()
    groups: tuple[OfficeGroup, ...] = ()


class Nickname(msgspec.Struct, frozen=True, gc=False):
    """A name one person goes by, written for the first name ("Bibi Netanyahu") or alone."""

    person: str
    forms: tuple[str, ...]
    alone: bool = True


class NameRules(msgspec.Struct, frozen=True, gc=False):
    """How names are written in copy (the `names:` sections; bot.kb.names generates forms)."""

    honorifics: tuple[str, ...] = ()
    particles: tuple[Particle, ...] = ()
    transliterations: tuple[tuple[str, ...], ...] = ()
    regnal: tuple[Regnal, ...] = ()
    nicknames: tuple[Nickname, ...] = ()

    def merged(self, other: NameRules) -> NameRules:
        return NameRules(
            self.honorifics + other.honorifics,
            self.particles + other.particles,
            self.transliterations + other.transliterations,
            self.regnal + other.regnal,
            self.nicknames + other.nicknames,
        )


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
    vacancies: dict[str, tuple[Vacancy, ...]] = field(default_factory=dict)
    names: NameRules = field(default_factory=NameRules)  # how names are written (bot.kb.names)
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
        """The period over which the KB lists every holder of the office, without a gap.

        It runs from the office's `complete_from` to its `complete_to` (its own, if it has one
        earlier than its source's, else its source's), and on for as
        long as known terms surely fill every seat: a later source that names a holder vouches
        for that holder's term, not for the time before it began (a current-holders list from
        2026 says nothing about who held the office in 2025)."""
        office = self.offices[office_id]
        end = self.complete_to(office_id)
        spans = self._sure_spans(office_id)
        empty = self._vacant_spans(office_id)
        while True:
            day = end + timedelta(days=1)
            vacant = [last for first, last in empty if first <= day <= last]
            if vacant:  # known to be empty: every seat is accounted for
                end = max(vacant)
                continue
            filling = [last for first, last in spans if first <= day <= last]
            if len(filling) < office.seats:
                return office.complete_from, end
            end = sorted(filling)[-office.seats]

    def covered(self, office_id: str, day: date) -> bool:
        """Does the KB list every holder of the office on `day`? Within its coverage, or on a
        day when known terms surely fill every seat."""
        office = self.offices[office_id]
        if day < office.complete_from:
            return False
        if day <= self.complete_to(office_id):
            return True
        if any(first <= day <= last for first, last in self._vacant_spans(office_id)):
            return True
        return len(self.holders(office_id, day)) >= office.seats

    def vacant(self, office_id: str, day: date) -> Vacancy | None:
        """The recorded vacancy (or abolition) of the office on `day`, if any."""
        for vacancy, (first, last) in zip(
            self.vacancies.get(office_id, ()), self._vacant_spans(office_id), strict=True
        ):
            if first <= day <= last:
                return vacancy
        return None

    def _vacant_spans(self, office_id: str) -> list[tuple[date, date]]:
        """Recorded vacancies as (first, last) days; an abolished office is empty up to the
        newest day any source vouches for (the KB says nothing of later days)."""
        vacancies = self.vacancies.get(office_id, ())
        if not vacancies:
            return []
        horizon = max(s.complete_to for s in self.sources.values())
        return [(v.start, v.end if v.end is not None else horizon) for v in vacancies]

    def complete_to(self, office_id: str) -> date:
        """The last day the office's data lists every holder: its source's `complete_to`, or the
        office's own where the data has a gap before that (an imported list that stopped naming
        the holder)."""
        office = self.offices[office_id]
        end = self.sources[office.source].complete_to
        return end if office.complete_to is None else min(end, office.complete_to)

    def _sure_spans(self, office_id: str) -> list[tuple[date, date]]:
        spans = []
        for term in self.terms_by_office.get(office_id, ()):
            if term.role is not Role.ELECT and (last := term.last_sure_day()) is not None:
                spans.append((term.start.latest, last))
        return spans

    def holders(self, office_id: str, day: date) -> list[Term]:
        """Terms that surely cover `day` (acting included, elect excluded)."""
        return [
            t
            for t in self.terms_by_office.get(office_id, ())
            if t.role is not Role.ELECT and t.surely_holds(day)
        ]

    def uncertain_holders(self, office_id: str, day: date) -> list[Term]:
        """Terms whose imprecise dates put `day` both inside and outside them (elect excluded):
        the KB cannot say whether they held the office then."""
        return [
            t
            for t in self.terms_by_office.get(office_id, ())
            if t.role is not Role.ELECT and t.uncertain_on(day)
        ]

    def offices_held(self, person: str, day: date) -> list[Term]:
        """The person's terms that surely cover `day` (elect excluded)."""
        return [
            t for t in self.terms_of(person) if t.role is not Role.ELECT and t.surely_holds(day)
        ]

    def cite(self, term: Term) -> str:
        return "; ".join(self.sources[s].cite() for s in term.sources if s in self.sources)
