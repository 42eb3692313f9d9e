"""us-executive.yaml (congress-legislators executive.yaml) -> presidents and vice presidents.

Scheduled ends are not facts: a term whose end lies after the file's date (Trump's and Vance's
2029-01-20) is written open, and the source's complete_to bounds it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bot.errors import KnowledgeError
from bot.kb.importers.inputs import Importer, Inputs
from bot.kb.importers.model import ImportResult
from bot.kb.importers.sources import US_CONGRESS
from bot.kb.importers.spans import Span, join, open_after, parse_day, to_terms
from bot.kb.importers.us_people import EXECUTIVE, UsPeople, shared_people

OFFICES = {"prez": "us.head-of-state", "viceprez": "us.vice-president"}


def import_executive(records: list[Mapping[str, Any]], people: UsPeople, path: str) -> ImportResult:
    result = ImportResult()
    for record in records:
        who = f"{path}: {(record.get('name') or {}).get('last', '?')}"
        spans = []
        for term in record.get("terms") or []:
            office = OFFICES.get(str(term.get("type")))
            if office is None:
                raise KnowledgeError(path, None, who, f"unknown term type {term.get('type')!r}")
            start = parse_day(term.get("start"), path, f"{who} start")
            end = parse_day(term.get("end"), path, f"{who} end") if term.get("end") else None
            spans.append(Span(office, start, end))
        person = people.person(record.get("id") or {})
        terms = to_terms(
            person.id, open_after(join(spans), US_CONGRESS.complete_to), US_CONGRESS.id
        )
        if terms:
            result.add_person(person)
            result.terms.extend(terms)
    return result


def build(inputs: Inputs) -> ImportResult:
    return import_executive(inputs.records(EXECUTIVE), shared_people(inputs), EXECUTIVE)


IMPORTER = Importer(
    "us-executive.yaml", (EXECUTIVE,), (US_CONGRESS,), "US presidents and vice presidents.", build
)
