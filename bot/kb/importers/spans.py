"""Day-precise spans of office from the US files: parse, join back-to-back terms, bound, filter.

congress-legislators lists one term per Congress or presidential term; a member re-elected
without a break holds the office continuously, so back-to-back terms (a gap of a few days
between 3 January and the swearing-in) are joined into one fact.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from bot.errors import KnowledgeError
from bot.kb.importers.model import Term, When
from bot.kb.importers.sources import EARLIEST_END

# Successive Congresses: the old term ends on 3 January, the new one starts when the House or
# Senate first meets, at most a few days later.
MAX_GAP = timedelta(days=7)


@dataclass(frozen=True)
class Span:
    office: str
    start: date
    end: date | None
    seat: str | None = None


def parse_day(value: Any, where: str, what: str) -> date:
    """A YYYY-MM-DD value from a YAML file, or a KnowledgeError naming the record."""
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError as exc:
        raise KnowledgeError(
            where, None, None, f"{what}: not a YYYY-MM-DD date: {value!r}"
        ) from exc


def join(spans: list[Span], max_gap: timedelta = MAX_GAP) -> list[Span]:
    """Join spans of one office and seat that follow each other within `max_gap`."""
    out: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.office, s.seat or "", s.start)):
        last = out[-1] if out else None
        if (
            last is not None
            and (last.office, last.seat) == (span.office, span.seat)
            and last.end is not None
            and span.start - last.end <= max_gap
        ):
            end = None if span.end is None else max(span.end, last.end)
            out[-1] = replace(last, end=end)
        else:
            out.append(span)
    return out


def open_after(spans: list[Span], complete_to: date) -> list[Span]:
    """A span whose end is after the file's date is still running: its end is only scheduled."""
    return [replace(s, end=None) if s.end is not None and s.end > complete_to else s for s in spans]


def to_terms(person: str, spans: list[Span], source: str) -> list[Term]:
    """Terms for the spans that end on or after 1990-01-01 (or have not ended)."""
    return [
        Term(
            person=person,
            office=s.office,
            start=When.day(s.start),
            end=When.day(s.end) if s.end else None,
            source=source,
            seat=s.seat,
        )
        for s in spans
        if s.end is None or s.end >= EARLIEST_END
    ]
