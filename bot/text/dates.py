"""The date grammar of news copy: "Monday, July 29, 2025", "July 29", "29 July 2025", and years.

Every reader of dates in the body of an article (the date checks, deadlines, the analysis) uses
these patterns, so a date one check sees is a date every check sees.
"""

from __future__ import annotations

import re
from datetime import date

from bot.text.words import (
    MONTH_ABBREVIATIONS,
    MONTH_NAMES,
    MONTHS,
    WEEKDAY_ABBREVIATIONS,
    WEEKDAY_NAMES,
    WEEKDAYS,
    alternation,
)

# Capitalised as printed: a lowercase "may" or "march" is a verb far more often than a month.
# Abbreviations may carry their full stop ("Jan.", "Sept."); "May" has none to carry.
MONTH_WORD = "|".join(
    [
        *(n for n in sorted(MONTH_NAMES, key=len, reverse=True) if n),
        *(f"{a.capitalize()}\\.?" for a in sorted(MONTH_ABBREVIATIONS, key=len, reverse=True)),
    ]
)
# A bare weekday abbreviation ("Sun", "Sat") is too often a word: only with its full stop.
WEEKDAY_WORD = "|".join(
    [
        *WEEKDAY_NAMES,
        *(f"{a.capitalize()}\\." for a in sorted(WEEKDAY_ABBREVIATIONS, key=len, reverse=True)),
    ]
)
# Case-insensitive forms for the lines above an article (datelines are often in capitals).
MONTH_WORD_ANY_CASE = rf"(?i:{alternation(frozenset(MONTHS))})\.?"
WEEKDAY_WORD_ANY_CASE = rf"(?i:{alternation(frozenset(WEEKDAYS))})\.?"

_MONTH = rf"(?P<month>{MONTH_WORD})"
_WEEKDAY = rf"(?P<weekday>{WEEKDAY_WORD})"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
# "Monday, July 29, 2025" / "July 29" / "29 July 2025" / "Tuesday 29 July"
DATE_PATTERN = re.compile(
    # the lookahead fails fast on the lowercase letters and spaces that make up most text; not
    # inside a number or after an apostrophe ("420,000 September contracts", "the ’63 March"),
    # nor a number after a month ("In January 48,000 jobs were added")
    r"(?<![\w,.'’$])(?=[A-Z\d])"
    rf"(?:{_WEEKDAY}(?:,?\s+(?:the\s+)?|\s*\(\s*(?=[A-Z\d])))?"  # "Monday (July 29)" too
    rf"(?:{_MONTH}\s+{_DAY}(?!\d|,\d{{3}}(?!\d))(?:,?\s+{_YEAR}(?!\d))?"
    rf"|(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month2>{MONTH_WORD})"
    rf"(?:,?\s+(?P<year2>(?:19|20)\d{{2}})(?!\d))?)"
    r"(?![\w-])"
)
# A year standing alone ("in 2019", "the 1990s"), not part of a number, an amount or a range.
YEAR_PATTERN = re.compile(r"(?<![\w$.,-])((?:19|20)\d{2})(?:s)?(?![\w%-])")


def long_date(day: date) -> str:
    """ "July 29, 2025": how a date is written back to an editor (AP style, month spelled out)."""
    return f"{MONTH_NAMES[day.month]} {day.day}, {day.year}"


def month_day(day: date) -> str:
    """ "July 29": a date written without its year."""
    return f"{MONTH_NAMES[day.month]} {day.day}"
