"""Answers from the knowledge base for people at a desk: who held an office, what a person held,
and how much the KB knows (per office group and jurisdiction, with its as-of dates)."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date

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


def who(index: KnowledgeIndex, title: str, day: date) -> list[Holding]:
    kb = index.kb
    out = []
    for office in offices_for_title(index, title):
        for term in kb.holders(office, day):
            out.append(Holding(term.person, office, term))
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
