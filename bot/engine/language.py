"""Small closed word lists the checks share: month and weekday names, tense cues, history cues.

These are facts of English, not of the news: they live here rather than in rule packs because
every check reads them the same way.
"""

from __future__ import annotations

import re

MONTHS: dict[str, int] = {
    "january": 1,
    "jan": 1,
    "february": 2,
    "feb": 2,
    "march": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "may": 5,
    "june": 6,
    "jun": 6,
    "july": 7,
    "jul": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sept": 9,
    "sep": 9,
    "october": 10,
    "oct": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}
WEEKDAYS: dict[str, int] = {
    "monday": 0,
    "mon": 0,
    "tuesday": 1,
    "tue": 1,
    "tues": 1,
    "wednesday": 2,
    "wed": 2,
    "thursday": 3,
    "thu": 3,
    "thur": 3,
    "thurs": 3,
    "friday": 4,
    "fri": 4,
    "saturday": 5,
    "sat": 5,
    "sunday": 6,
    "sun": 6,
}
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
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

_MONTH_NAMES = (
    r"Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June|Jun\.?|July|Jul\.?|Aug(?:ust|\.)?|"
    r"Sept?(?:ember|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?"
)
_MONTH = rf"(?P<month>{_MONTH_NAMES})"
_WEEKDAY = (
    r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
    r"Mon\.|Tue\.|Tues\.|Wed\.|Thu\.|Thurs\.|Fri\.|Sat\.|Sun\.)"
)
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
# "Monday, July 29, 2025" / "July 29" / "29 July 2025" / "Tuesday 29 July"
DATE_PATTERN = re.compile(
    # the lookahead fails fast on the lowercase letters and spaces that make up most text
    r"(?=[A-Z\d])"
    rf"(?:{_WEEKDAY},?\s+(?:the\s+)?)?"
    rf"(?:{_MONTH}\s+{_DAY}(?!\d)(?:,?\s+{_YEAR}(?!\d))?"
    rf"|(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month2>{_MONTH_NAMES})"
    rf"(?:,?\s+(?P<year2>(?:19|20)\d{{2}})(?!\d))?)"
    r"(?![\w-])"
)
YEAR_PATTERN = re.compile(r"(?<![\w$.,-])((?:19|20)\d{2})(?:s)?(?![\w%-])")

# The word right before a title or name that says the title is not held now (issue 3:
# silence on history): "former President", "under President", "the late Pope".
HISTORY_BEFORE = frozenset(
    (
        "former ex ex- then then- late onetime one-time erstwhile incoming outgoing "
        "future would-be designate nominee nominated candidate presumptive under "
        "predecessor previous prior past retired deposed ousted disgraced impeached "
        "jailed exiled hopeful challenger rival"
    ).split()
)
# Phrases anywhere in the sentence that put it in the past.
HISTORY_PHRASES = re.compile(
    r"\b(?:at the time|back then|the time when|when (?:he|she|they) (?:was|were|served)|"
    r"while (?:he|she|they) (?:was|were)|during (?:his|her|their) (?:tenure|presidency|term|time)|"
    r"(?:his|her|their) (?:first|previous|former|earlier) (?:term|administration|government|stint)|"
    r"who served|who was|who were|served as|served under|who (?:had )?held|in office from|"
    r"predecessor|previously|formerly|the late|in the past|years ago|decades ago|"
    r"was then|were then|had been|era\b|-era\b|memoir|legacy|biograph)",
    re.IGNORECASE,
)
FUTURE_CUES = re.compile(
    r"\b(?:will|would|shall|(?:set|due|scheduled|expected|slated|poised|likely) to|"
    r"plans? to|intends? to|aims? to|next|until|unless|by)\b",
    re.IGNORECASE,
)
IRREGULAR_PAST = frozenset(
    (
        "was were had did made took said put set sought began brought left gave kept ran "
        "won lost chose wrote struck spent built sent held found told led paid met cut "
        "began spoke rose fell came went saw knew thought felt became drew grew hit let "
        "shut quit bid wore swore stood understood oversaw withdrew undertook forgave"
    ).split()
)
PRESENT_CUES = frozenset(
    (
        "is are has have says considers plans faces seeks wants hopes aims prepares "
        "weighs continues remains keeps pushes pursues holds leads runs calls urges warns "
        "argues insists believes expects intends"
    ).split()
)


def is_past_verb(word: str) -> bool:
    """A rough but safe test: regular -ed forms and common irregular past forms."""
    w = word.lower()
    return w in IRREGULAR_PAST or (len(w) > 4 and w.endswith("ed") and not w.endswith("eed"))


def word_before(text: str, pos: int, count: int = 1) -> list[str]:
    """Up to `count` words ending just before `pos`, nearest last (lowercased, with hyphens)."""
    words = re.findall(r"[\w'’.-]+", text[max(0, pos - 80) : pos])
    return [w.lower().strip(".") for w in words[-count:]]
