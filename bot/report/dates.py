"""How a report names where the story date came from, and whether that is only a guess.

Every time-sensitive finding is judged at the story date, so a report says where the date came
from; when it is weak (a file's own date, or today's), the reply says so first and puts the date
picker one click away. Labels are keyed by the document's date source, as the store keeps it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class DateOrigin:
    """Where a story date came from, as an editor reads it."""

    label: str  # "from the dateline"
    weak: bool  # a guess: say so at the top of the reply


_ORIGINS = {
    "option": DateOrigin("the date you gave", weak=False),
    "given": DateOrigin("the date you gave", weak=False),
    "dateline": DateOrigin("from the dateline", weak=False),
    "dateline-with-year": DateOrigin("from the dateline", weak=False),
    "dateline-without-year": DateOrigin(
        "from the dateline, its year from the message's date", weak=False
    ),
    "message": DateOrigin("the message's date", weak=False),
    "file": DateOrigin("the file's date, not one in the text", weak=True),
    "today": DateOrigin("today's date: no date found in the text", weak=True),
}


def origin(date_source: str, *, weak: bool | None = None) -> DateOrigin:
    """The origin of a story date; `weak` overrides the table (a document may know better)."""
    found = _ORIGINS.get(date_source, DateOrigin(date_source.replace("-", " "), weak=False))
    if weak is not None and weak != found.weak:
        return DateOrigin(found.label, weak)
    return found
