"""Closed word lists: month and weekday names with their abbreviations, and number words.

These are facts of English, not of the news, so they live in code rather than in rule packs, and
in one place: the date grammar, the story-date reader and the checks all look names up here.
"""

from __future__ import annotations

MONTH_NAMES = (
    "",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

# The abbreviations news copy uses (AP's "Sept." and the three-letter forms).
_MONTH_ABBREVIATIONS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_WEEKDAY_ABBREVIATIONS = {
    "mon": 0,
    "tue": 1,
    "tues": 1,
    "wed": 2,
    "thu": 3,
    "thur": 3,
    "thurs": 3,
    "fri": 4,
    "sat": 5,
    "sun": 6,
}

# Lowercase name or abbreviation (without its full stop) -> month 1-12 / weekday 0 (Monday)-6.
MONTHS: dict[str, int] = {
    **{name.lower(): number for number, name in enumerate(MONTH_NAMES) if name},
    **_MONTH_ABBREVIATIONS,
}
WEEKDAYS: dict[str, int] = {
    **{name.lower(): number for number, name in enumerate(WEEKDAY_NAMES)},
    **_WEEKDAY_ABBREVIATIONS,
}
MONTH_ABBREVIATIONS = frozenset(_MONTH_ABBREVIATIONS)
WEEKDAY_ABBREVIATIONS = frozenset(_WEEKDAY_ABBREVIATIONS)
CALENDAR_WORDS = frozenset(MONTHS) | frozenset(WEEKDAYS)

# Spelled-out counts as they appear in durations ("a ninety-day pause", "forty-two days").
_UNITS = "one two three four five six seven eight nine".split()
_TEENS = "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
NUMBER_WORDS: dict[str, int] = {
    **{word: n for n, word in enumerate(_UNITS, 1)},
    **{word: n for n, word in enumerate(_TEENS, 10)},
    **{word: n for word, n in zip(_TENS, range(20, 100, 10), strict=True)},
    **{
        f"{ten}-{unit}": tens + units
        for ten, tens in zip(_TENS, range(20, 100, 10), strict=True)
        for unit, units in zip(_UNITS, range(1, 10), strict=True)
    },
}


def month_number(word: str) -> int | None:
    """1-12 for a month name or abbreviation in any case, with or without its full stop."""
    return MONTHS.get(word.rstrip(".").lower())


def weekday_number(word: str) -> int | None:
    """0 (Monday) to 6 for a weekday name or abbreviation, with or without its full stop."""
    return WEEKDAYS.get(word.rstrip(".").lower())


def alternation(words: frozenset[str] | dict[str, int] | tuple[str, ...]) -> str:
    """A regex alternation of `words`, longest first so that "Sept" wins over "Sep"."""
    import re

    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True) if w)
