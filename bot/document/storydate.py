"""The story date: read from a dateline or date line at the top of the article, never the body.

"Joe Biden is president" is right or wrong depending on when the story was written, so the
date every time-sensitive check uses must be the story's own. Only the lines an editor or a CMS
puts above the copy count: a date in a sentence ("the truce expires on August 12, 2025") is news,
not the date of the story.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import NamedTuple

from bot.text.dates import MONTH_WORD_ANY_CASE, WEEKDAY_WORD_ANY_CASE
from bot.text.words import month_number

# The head of an article: datelines and date lines sit in the first lines; a date
# further down is news, not the date of the story.
HEAD_LINES = 15
HEAD_CHARS = 1500
_LINE_MAX = 200  # a date line is short; longer lines can only hold a dateline's opening
_OWN_LINE_MAX = 80  # "Tuesday, September 30, 2025 at 10:15 a.m. EDT" and its markup

_MONTH_NAME = MONTH_WORD_ANY_CASE
_WEEKDAY = rf"(?:{WEEKDAY_WORD_ANY_CASE},?\s+)?"
# "July 29, 2025" | "29 July 2025" | "2025-07-29"; each form names its own groups.
_DATE = (
    rf"(?:{_WEEKDAY}(?P<m1>{_MONTH_NAME})\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y1>\d{{4}})"
    rf"|{_WEEKDAY}(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m2>{_MONTH_NAME}),?\s+(?P<y2>\d{{4}})"
    r"|(?P<y3>\d{4})-(?P<m3>\d{2})-(?P<d3>\d{2})(?![\d-]))"
)
# "3:04 p.m. ET", "at 10:15 GMT", "T15:04:00Z" after a date on its own line.
_TIME = (
    r"(?:(?:,?\s*(?:at\s+)?|T)\d{1,2}(?::\d{2}){0,2}\s*(?i:[ap]\.?\s?m\.?)?"
    r"(?:\s*(?:Z|[A-Z]{2,5}|[+-]\d{2}:?\d{2}))?)?"
)
_DECOR = r"[\s*_#>|•·\-–—]*"  # markdown emphasis, headings, quote marks, bullets
_DASH = r"[—–-]"
# WASHINGTON, March 3, 2023 —   LONDON (Reuters) - July 29, 2025 -   PORTSMOUTH, N.H., May 2 —
# Words and separators share no character and repeats are bounded, so a long line of capitals
# cannot make the pattern backtrack without end.
_PLACE = (
    r"(?P<place>[A-Z][A-Z'’.]+(?:[ \-/][A-Z][A-Z'’.]*){0,5}"
    r"(?:,\s[A-Z][A-Za-z.]*(?:\s[A-Z][A-Za-z.]*){0,3})?)"
)
_AGENCY = r"(?:\s*\([^()\n]{1,40}\))"
_DATELINE = re.compile(
    rf"{_DECOR}{_PLACE}{_AGENCY}?\s*(?:,|{_DASH}+)\s*(?P<date>{_DATE}){_AGENCY}?"
    rf"\s*(?:{_DASH}|:|$)"
)
# LONDON, July 29 (Reuters) -   : a wire dateline without its year.
_DATELINE_NO_YEAR = re.compile(
    rf"{_DECOR}{_PLACE}{_AGENCY}?,\s*(?P<date>(?P<m4>{_MONTH_NAME})\s+(?P<d4>\d{{1,2}}))"
    rf"{_AGENCY}?\s*(?:{_DASH}|:)"
)
_OWN_LINE = re.compile(rf"{_DECOR}(?P<date>{_DATE}){_TIME}[\s*_|]*")
_LABEL = re.compile(
    r"[\s*_#]*(?P<label>(?i:first\s+published|published|posted|last\s+updated|updated|dated?"
    r"|publication\s+date))(?:\s+on)?\s*[:\-–—]?\s*[*_]*"
    # "Updated 3:15 p.m. ET, Mon July 28, 2025": a time may come first
    r"(?:\d{1,2}(?::\d{2})?\s*(?i:[ap]\.?\s?m\.?)?\s*(?:[A-Z]{2,4})?\s*[,|]?\s*)?"
    rf"(?P<date>{_DATE})"
)
# By Jane Doe | July 29, 2025 : the line must end with the date, so that "By Tuesday, July 29,
# 2025, the council must decide" (a sentence) does not count.
_BYLINE = re.compile(
    rf"[\s*_]*(?:By|BY)\s+[A-Z][^|\n]{{0,80}}?\s*(?:[|•·,]|\s{_DASH})\s*"
    r"(?:(?i:published|updated|posted)\s*:?\s*)?"
    rf"(?P<date>{_DATE}){_TIME}\s*(?:$|[|•·])"
)


# Cheap tests that rule most body lines out before the patterns above run (most lines
# are body text, and these run on every check).
_CAPS = re.compile(r"[\s*_#>]*[A-Z]{2}")
_YEAR = re.compile(r"[12][0-9]{3}")  # a prefilter only: simplest pattern is fastest


class Dateline(NamedTuple):
    """A story date read from the head of an article."""

    day: date
    text: str  # the dateline or date line it was read from
    year_written: bool  # False: a wire dateline without its year, the year inferred


def find_dateline(text: str, *, reference: date | None = None) -> Dateline | None:
    """The story date from the head of `text`, or None.

    `reference` (the date the article was sent) gives a wire dateline without a year its year;
    without one such a dateline is not read at all: the wall clock is no evidence of the year.
    """
    best: tuple[int, Dateline] | None = None
    for line in _head_lines(text):
        found = _match_line(line, reference)
        if found is not None and (best is None or found[0] < best[0]):
            best = found
            if found[0] == 0:
                break
    return None if best is None else best[1]


def find_story_date(text: str, *, reference: date | None = None) -> tuple[date, str] | None:
    """The story date from the head of `text` and the text it was read from, or None."""
    found = find_dateline(text, reference=reference)
    return None if found is None else (found.day, found.text)


def resolve_weekday(weekday: int, story_date: date, *, past: bool) -> date:
    """The date a bare weekday ("on Tuesday", `weekday` 0 = Monday) means in a story.

    Past tense: the most recent such day on or before the story date; future tense: the next
    one on or after it.
    """
    if not 0 <= weekday <= 6:
        raise ValueError(f"weekday must be 0 (Monday) to 6 (Sunday), not {weekday}")
    if past:
        return story_date - timedelta(days=(story_date.weekday() - weekday) % 7)
    return story_date + timedelta(days=(weekday - story_date.weekday()) % 7)


def _head_lines(text: str) -> list[str]:
    """The first non-blank lines that start within the head of the article."""
    head = text[:HEAD_CHARS]
    if len(text) > HEAD_CHARS and head[-1] != "\n":  # finish the last line, within reason
        head += text[HEAD_CHARS : HEAD_CHARS + _LINE_MAX].split("\n", 1)[0]
    lines = [line.strip().lstrip("\ufeff") for line in head.split("\n", HEAD_CHARS // 8)]
    return [line for line in lines if line][:HEAD_LINES]


def _match_line(line: str, reference: date | None) -> tuple[int, Dateline] | None:
    """(rank, dateline) for a date line; rank 0 is a dateline, 2 an "Updated" line."""
    has_year = _YEAR.search(line, 0, _LINE_MAX) is not None
    if _CAPS.match(line):
        match = _DATELINE.match(line) if has_year else None
        if match and (day := _to_date(match)):
            return 0, Dateline(day, line[: match.end("date")].strip(" *_#>"), True)
        match = _DATELINE_NO_YEAR.match(line) if reference is not None else None
        if match and reference is not None and (day := _infer_year(match, reference)):
            return 0, Dateline(day, line[: match.end("date")].strip(" *_#>"), False)
    if not has_year:
        return None
    if len(line) <= _OWN_LINE_MAX:
        match = _OWN_LINE.fullmatch(line)
        if match and (day := _to_date(match)):
            return 1, Dateline(day, match.group("date"), True)
    for pattern in (_LABEL, _BYLINE):
        match = pattern.match(line)
        if match and (day := _to_date(match)):
            label = (match.groupdict().get("label") or "").lower()
            rank = 2 if "updated" in label else 1
            return rank, Dateline(day, line[: match.end("date")].strip(" *_#"), True)
    return None


def _to_date(match: re.Match[str]) -> date | None:
    """The validated date of a `_DATE` match (April 31 is not a date)."""
    groups = match.groupdict()
    for n in "123":
        year = groups.get(f"y{n}")
        if year:
            month = groups[f"m{n}"]
            number = int(month) if month.isdigit() else month_number(month)
            if number is None:
                return None
            return _valid(int(year), number, int(groups[f"d{n}"]))
    return None


def _infer_year(match: re.Match[str], reference: date) -> date | None:
    """The latest year that does not put a dateline after `reference` (a story is published
    before it is pasted or checked): "Jan. 18" read on 2026-11-23 is 2026-01-18, not 2027.
    Two days of slack allow for time zones."""
    month = month_number(match.group("m4"))
    if month is None:
        return None
    day = int(match.group("d4"))
    for year in (reference.year + 1, reference.year, reference.year - 1):
        found = _valid(year, month, day)
        if found is not None and (found - reference).days <= 2:
            return found
    return None


def _valid(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None
