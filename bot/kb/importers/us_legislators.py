"""us-legislators-current.yaml and us-legislators-departed-since-2012.yaml -> members of Congress.

Current members: the running term's end is only scheduled, so it is written open.
Departed members: the last term's scheduled end is wrong for anyone who resigned (Rubio shows
2029), so the day the upstream removed them (`left_current_file.removed_on`) caps it
(SOURCES.md, "Caveat on end dates"). Two refinements keep that cap from cutting real service:
- a removal in the last two months of a term is the upstream's end-of-Congress clean-up (Leahy
  was removed on 2022-12-25, Harkin on 2014-11-24; their terms ran to 3 January): the term's own
  end stands;
- a term that only starts after the removal was never served (the 2014 snapshots pre-listed the
  2015 terms of members who then lost or retired): it is dropped and the term before it stands.
Snapshots from 2012 end earlier terms on the day Congress adjourned; a member re-elected without
a break is joined up to the start of the next term.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import replace
from datetime import date, timedelta
from itertools import pairwise
from typing import Any

from bot.kb.importers.inputs import Importer, Inputs
from bot.kb.importers.model import ImportResult
from bot.kb.importers.sources import US_CONGRESS
from bot.kb.importers.spans import Span, join, open_after, parse_day, to_terms
from bot.kb.importers.us_leadership import leadership_spans
from bot.kb.importers.us_people import CURRENT, DEPARTED, UsPeople, shared_people

# How long before a term's scheduled end a removal still counts as the normal end of the term:
# the upstream removes members who lost or retired soon after the November election (Harkin and
# 53 others on 2014-11-24, 40 days before their terms ended on 2015-01-03). A real resignation
# this late is read as the full term: a lame duck named with the title is never flagged.
END_OF_TERM_CLEANUP = timedelta(days=62)
# Snapshots from 2012 end each earlier term on the day Congress adjourned (2002-11-22), not on
# 3 January; a member whose next term starts within this many days served without a break.
ADJOURNMENT_GAP = timedelta(days=100)


def _label(record: Mapping[str, Any], path: str) -> str:
    ids = record.get("id") or {}
    name = record.get("name") or {}
    return f"{path}: {name.get('first', '?')} {name.get('last', '?')} ({ids.get('bioguide', '?')})"


def _seat_spans(record: Mapping[str, Any], where: str, notes: list[str]) -> list[Span]:
    spans = []
    for term in record.get("terms") or []:
        kind = term.get("type")
        if kind == "sen":
            office, seat = "us.senator", str(term.get("state"))
        elif kind == "rep":
            office, seat = "us.representative", f"{term.get('state')}-{term.get('district')}"
        else:  # the executive file holds presidents; a stray "prez" term here is not a seat
            notes.append(f"{where}: term of type {kind!r} skipped (not a seat in Congress)")
            continue
        start = parse_day(term.get("start"), where, "term start")
        end = parse_day(term.get("end"), where, "term end") if term.get("end") else None
        spans.append(Span(office, start, end, seat))
    return _bridged(spans)


def _bridged(spans: list[Span]) -> list[Span]:
    """Extend a term that ended at an adjournment to the start of the member's next term."""
    ordered = sorted(spans, key=lambda s: s.start)
    for i, (span, following) in enumerate(pairwise(ordered)):
        if span.end is not None and timedelta(0) < following.start - span.end <= ADJOURNMENT_GAP:
            ordered[i] = replace(span, end=following.start)
    return ordered


def import_current(records: list[Mapping[str, Any]], people: UsPeople, path: str) -> ImportResult:
    result = ImportResult()
    skipped: Counter[str] = Counter()
    complete_to = US_CONGRESS.complete_to
    for record in records:
        where = _label(record, path)
        spans = _seat_spans(record, where, result.notes) + leadership_spans(record, where, skipped)
        person = people.person(record.get("id") or {})
        terms = to_terms(person.id, open_after(join(spans), complete_to), US_CONGRESS.id)
        if terms:
            result.add_person(person)
            result.terms.extend(terms)
    result.notes.extend(_skipped_note(path, skipped))
    return result


def import_departed(
    records: list[Mapping[str, Any]], people: UsPeople, current: set[str], path: str
) -> ImportResult:
    """`current`: ids of the current members; a departed record of one of them is a stale copy."""
    result = ImportResult()
    skipped: Counter[str] = Counter()
    for record in records:
        where = _label(record, path)
        person = people.person(record.get("id") or {})
        if person.id in current:
            result.notes.append(f"{where}: also a current member; the current file is used")
            continue
        left = record.get("left_current_file") or {}
        removed = parse_day(left.get("removed_on"), where, "left_current_file.removed_on")
        seats = _seat_spans(record, where, result.notes)
        served = [s for s in seats if s.start < removed]
        never_served = len(served) < len(seats)
        seats = _cap_last(join(served), removed, keep_end=never_served)
        departure = max((s.end for s in seats if s.end is not None), default=removed)
        roles = [
            replace(r, end=departure if r.end is None or r.end > departure else r.end)
            for r in join(leadership_spans(record, where, skipped))
            if r.start < departure
        ]
        terms = to_terms(person.id, seats + roles, US_CONGRESS.id)
        if terms:
            result.add_person(person)
            result.terms.extend(terms)
    result.notes.extend(_skipped_note(path, skipped))
    return result


def _cap_last(spans: list[Span], removed: date, *, keep_end: bool) -> list[Span]:
    """Cap the span that ends last at the removal day (see the module docstring)."""
    if not spans:
        return spans
    last = max(range(len(spans)), key=lambda i: spans[i].end or date.max)
    span = spans[last]
    if keep_end and span.end is not None:
        return spans
    if span.end is None or (span.end > removed and span.end - removed > END_OF_TERM_CLEANUP):
        spans[last] = replace(span, end=removed)
    return spans


def _skipped_note(path: str, skipped: Counter[str]) -> list[str]:
    if not skipped:
        return []
    listed = ", ".join(f"{title} x{n}" for title, n in sorted(skipped.items()))
    return [f"{path}: leadership roles that are not KB offices, skipped: {listed}"]


def build(inputs: Inputs) -> ImportResult:
    """Current members and those who left since 2012, in one file."""
    people = shared_people(inputs)
    current = import_current(inputs.records(CURRENT), people, CURRENT)
    departed = import_departed(inputs.records(DEPARTED), people, set(current.people), DEPARTED)
    combined = ImportResult()
    for result in (current, departed):
        for person in result.people.values():
            combined.add_person(person)
        combined.terms.extend(result.terms)
        combined.notes.extend(result.notes)
    return combined


IMPORTER = Importer(
    "us-congress.yaml",
    (CURRENT, DEPARTED),
    (US_CONGRESS,),
    "US senators, representatives and congressional leaders.",
    build,
)
