"""The YAML schema of knowledge-base files (docs/knowledge-base.md), validated with msgspec."""

from __future__ import annotations

from datetime import date
from typing import Any

import msgspec

from bot.kb.model import OfficeGroup, Role


class _Strict(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    """Unknown keys are errors; loaded specs are immutable."""


class SourceSpec(_Strict, frozen=True):
    id: str
    name: str
    complete_to: date
    url: str | None = None
    licence: str | None = None
    priority: int = 50
    checked_to: date | None = None  # facts after this day are unchecked (omit: all checked)


class JurisdictionSpec(_Strict, frozen=True):
    id: str
    name: str
    adjectives: list[str] = []
    parent: str | None = None


class OfficeSpec(_Strict, frozen=True):
    id: str
    name: str
    jurisdiction: str
    group: OfficeGroup
    titles: list[str]
    source: str
    complete_from: date
    long_titles: list[str] = []
    seats: int = 1
    complete_to: date | None = None  # complete only to this day, before its source's complete_to
    # titles that name this office only before the name of someone who held it ("Chief of
    # Staff Reince Priebus"); before anyone else they name some other body's office
    holder_titles: list[str] = []


class PersonSpec(_Strict, frozen=True):
    id: str
    name: str
    variants: list[str] = []
    short: list[str] = []
    note: str | None = None
    died: date | None = None  # a dead person's title is always historical
    source: str | None = None  # where the person's own facts (such as `died`) come from


class TermSpec(_Strict, frozen=True):
    person: str
    office: str
    start: Any  # YYYY-MM-DD (a YAML date), YYYY-MM or YYYY: parsed by FuzzyDate
    source: str
    end: Any = None
    role: Role | None = None
    seat: str | None = None
    note: str | None = None


class VacancySpec(_Strict, frozen=True):
    """An office nobody held from `start` to `end` (inclusive), or from `start` on when it was
    abolished (`end` omitted): known, so coverage runs through it."""

    office: str
    start: date
    sources: list[str]
    end: date | None = None
    note: str | None = None


class PlatformUserSpec(_Strict, frozen=True):
    person: str
    source: str
    since: Any = None


class PlatformSpec(_Strict, frozen=True):
    id: str
    name: str
    source: str
    aliases: list[str] = []
    complete_for: list[OfficeGroup] = []
    users: list[PlatformUserSpec] = []


class ParticleSpec(_Strict, frozen=True):
    forms: list[str]
    droppable: bool = False
    short: bool = False


class RegnalSpec(_Strict, frozen=True):
    titles: list[str]
    offices: list[str] = []
    groups: list[OfficeGroup] = []


class NicknameSpec(_Strict, frozen=True):
    person: str
    forms: list[str]
    alone: bool = True


class NamesSpec(_Strict, frozen=True):
    """How names are written in copy (docs/knowledge-base.md, "names")."""

    honorifics: list[str] = []
    particles: list[ParticleSpec] = []
    transliterations: list[list[str]] = []
    regnal: list[RegnalSpec] = []
    nicknames: list[NicknameSpec] = []


class KBFile(_Strict, frozen=True):
    """One KB file: any of the sections, plus an optional description."""

    description: str | None = None
    as_of: date | None = None
    sources: list[SourceSpec] = []
    jurisdictions: list[JurisdictionSpec] = []
    offices: list[OfficeSpec] = []
    people: list[PersonSpec] = []
    terms: list[TermSpec] = []
    platforms: list[PlatformSpec] = []
    vacancies: list[VacancySpec] = []
    names: NamesSpec | None = None
