"""Answers from the knowledge base for people at a desk: who held an office, what a person held,
and how much the KB knows (per office group and jurisdiction, with its as-of dates)."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from bot.kb.index import KnowledgeIndex
from bot.kb.model import Term
from bot.text.fold import fold


@dataclass(frozen=True)
class Holding:
    person: str
    office: str
    term: Term


def offices_for_title(index: KnowledgeIndex, title: str) -> list[str]:
    """Offices a title names: "Treasury Secretary", "German Chancellor", an office id."""
    kb = index.kb
    if title in kb.offices:
        return [title]
    words = title.split()
    for n in range(len(words) - 1, 0, -1):
        adjective = " ".join(words[:n])
        jurisdictions = index.jurisdictions_of(adjective)
        if jurisdictions:
            rest = " ".join(words[n:]).lower()
            return [o for o in index.title_forms.get(rest, ()) if index.office_in(o, jurisdictions)]
    return list(index.title_forms.get(title.lower(), ()))


class Answer(StrEnum):
    """What the KB can say about an office on a day."""

    KNOWN = "known"  # these people surely held it
    UNCERTAIN = "uncertain"  # imprecise dates: these people may or may not have held it
    NOBODY = "nobody"  # the KB lists every holder then, and there was none
    UNKNOWN = "unknown"  # outside the period the KB lists every holder for


@dataclass(frozen=True)
class OfficeAnswer:
    office: str
    answer: Answer
    holdings: tuple[Holding, ...]  # the sure holders, or the uncertain ones


def who(index: KnowledgeIndex, title: str, day: date) -> list[Holding]:
    """The people who surely held the offices a title names on `day`."""
    return [h for a in answer(index, title, day) if a.answer is Answer.KNOWN for h in a.holdings]


def answer(index: KnowledgeIndex, title: str, day: date) -> list[OfficeAnswer]:
    """Per office the title names: who held it on `day`, or why the KB cannot say.

    A holder is only named when every reading of the dates puts `day` inside the term; where
    a year- or month-only date (or a range) leaves it open, the answer is "uncertain"."""
    kb = index.kb
    out = []
    for office in offices_for_title(index, title):
        sure = tuple(Holding(t.person, office, t) for t in kb.holders(office, day))
        maybe = tuple(Holding(t.person, office, t) for t in kb.uncertain_holders(office, day))
        seats = kb.offices[office].seats
        if sure and (seats == 1 or not maybe):
            out.append(OfficeAnswer(office, Answer.KNOWN, sure))
        elif maybe:
            out.append(OfficeAnswer(office, Answer.UNCERTAIN, (*sure, *maybe)))
        elif kb.covered(office, day):
            out.append(OfficeAnswer(office, Answer.NOBODY, ()))
        else:
            out.append(OfficeAnswer(office, Answer.UNKNOWN, ()))
    return out


def find_people(index: KnowledgeIndex, name: str) -> list[str]:
    """People whose accepted spellings include `name` (accent- and case-insensitive)."""
    key = fold(name)
    kb = index.kb
    return [p.id for p in kb.people.values() if any(fold(f) == key for f in (*p.forms, *p.short))]


def stats(index: KnowledgeIndex) -> list[tuple[str, str, int, int, str, str]]:
    """Rows of (group, jurisdiction, offices, terms, covered from, as of)."""
    kb = index.kb
    terms: Counter[tuple[str, str]] = Counter()
    offices: dict[tuple[str, str], list[str]] = defaultdict(list)
    for office in kb.offices.values():
        key = (office.group.value, office.jurisdiction)
        offices[key].append(office.id)
        terms[key] += len(kb.terms_by_office.get(office.id, ()))
    rows = []
    for key in sorted(offices):
        coverage = [kb.coverage(o) for o in offices[key]]
        start = min(c[0] for c in coverage).isoformat()
        end = max(c[1] for c in coverage).isoformat()
        rows.append((key[0], key[1], len(offices[key]), terms[key], start, end))
    return rows
