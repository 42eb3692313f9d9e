"""How a report names where the story date came from, and whether that is only a guess.

Every time-sensitive finding is judged at the story date, so a report says where the date came
from; when it is weak (a file's own date, or today's), the reply says so first and puts the date
picker one click away. The words come from the document (`Document.date_label`,
`Document.date_is_weak`) and are stored with the check; checks stored before that are read with
the defaults here, keyed by their date source.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class DateOrigin:
    """Where a story date came from, as an editor reads it."""

    label: str  # "from the dateline"
    weak: bool  # a guess: say so at the top of the reply


_DEFAULTS = {
    "option": DateOrigin("given by the editor", weak=False),
    "dateline": DateOrigin("from the dateline", weak=False),
    "dateline-no-year": DateOrigin("from a dateline without a year", weak=False),
    "message": DateOrigin("the message's date", weak=False),
    "file": DateOrigin("the file's date (weak: when it was last saved)", weak=True),
    "today": DateOrigin("today's date (a guess: no date found)", weak=True),
}


def origin(date_source: str, *, label: str | None = None, weak: bool | None = None) -> DateOrigin:
    """The origin of a story date: the document's own words when known, else the defaults."""
    default = _DEFAULTS.get(date_source, DateOrigin(date_source.replace("-", " "), weak=False))
    return DateOrigin(label or default.label, default.weak if weak is None else weak)
