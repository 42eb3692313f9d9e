"""Date checks: a weekday that does not match its date, impossible dates, and a past-tense
event dated after the story date.

A date written without a year is read in the story's year; where the weekday would match in the
year before or after, the check stays silent (a January story may speak of last December).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from datetime import date

import msgspec

from bot.engine.analysis import DateMention
from bot.engine.finding import Evidence, Finding
from bot.engine.kinds import CheckKind, Context, check_patterns
from bot.engine.language import FUTURE_CUES, is_past_verb
from bot.engine.rules import LoadedRule
from bot.text.dates import long_date, month_day
from bot.text.words import MONTH_NAMES, WEEKDAY_NAMES

CALENDAR = Evidence("Gregorian calendar", "Python's calendar module (proleptic Gregorian calendar)")


class DateParams(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    """Date kinds take no parameters; the struct keeps the schema uniform."""


class PastEventParams(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    max_days_ahead_without_year: int = 60  # beyond this a yearless date is probably last year
    # a yearless date with no weekday to confirm its year: past stories are told without the
    # year too ("Clinton launched her bid on April 12" in March copy), so only a week ahead
    max_days_ahead_without_weekday: int = 7
    # sentences that are not the story's own telling: a photo gallery's captions, added to the
    # page as events went on ("Hide Caption 45 of 168 Photos: ... on Sunday, May 4")
    not_in: list[str] = []


def _real(mention: DateMention, year: int) -> date | None:
    try:
        return date(year, mention.month, mention.day_of_month)
    except ValueError:
        return None


def nearest_year(mention: DateMention, story: date) -> int:
    """The year a yearless date most likely means: the one that puts it nearest the story."""
    best = story.year
    best_distance = None
    for year in (story.year - 1, story.year, story.year + 1):
        day = _real(mention, year)
        if day is None:
            continue
        distance = abs((day - story).days)
        if best_distance is None or distance < best_distance:
            best, best_distance = year, distance
    return best


def _weekday_mismatch(ctx: Context, rule: LoadedRule) -> Iterator[Finding]:
    story = ctx.document.story_date
    for m in ctx.analysis.dates:
        if m.weekday is None:
            continue
        day = _real(m, m.year or nearest_year(m, story))
        if day is None or day.weekday() == m.weekday:
            continue
        written = ctx.document.text[m.start : m.end]
        yield ctx.finding(
            rule,
            m.start,
            m.end,
            {
                "date": _format(day, with_year=m.year is not None),
                "stated": WEEKDAY_NAMES[m.weekday],
                "actual": WEEKDAY_NAMES[day.weekday()],
                "written": written,
                "corrected": WEEKDAY_NAMES[day.weekday()] + written[m.weekday_end - m.start :],
            },
            [Evidence(f"{day.isoformat()} is a {WEEKDAY_NAMES[day.weekday()]}", CALENDAR.source)],
            date_dependent=m.year is None,  # read in the story's year
        )


def _impossible(ctx: Context, rule: LoadedRule) -> Iterator[Finding]:
    story = ctx.document.story_date
    for m in ctx.analysis.dates:
        month_days = max(calendar.monthrange(y, m.month)[1] for y in (2023, 2024))
        if m.year is not None:
            valid = _real(m, m.year) is not None
        elif m.month == 2 and m.day_of_month == 29:
            # Feb 29 without a year: fine if the story's year or a neighbour is a leap year
            valid = any(calendar.isleap(y) for y in (story.year - 1, story.year, story.year + 1))
        else:
            valid = 1 <= m.day_of_month <= month_days
        if valid:
            continue
        year = m.year or story.year
        last = calendar.monthrange(year, m.month)[1]
        yield ctx.finding(
            rule,
            m.start,
            m.end,
            {
                "written": ctx.document.text[m.start : m.end],
                "month": MONTH_NAMES[m.month],
                "days": last,
                "year": year,
            },
            [Evidence(f"{MONTH_NAMES[m.month]} {year} has {last} days", CALENDAR.source)],
        )


_CLAUSE_BREAK = re.compile(r"[.;:!?\u201c\u201d\"]|,\s")


def _past_verb_before(text: str, start: int) -> str | None:
    """The past-tense verb governing "on <date>" ("met on", "cut its rate on"), if any."""
    head = text[max(0, start - 60) : start]
    if not re.search(r"\bon\s*$", head):
        return None
    clause = _CLAUSE_BREAK.split(head)[-1]
    words = re.findall(r"[A-Za-z]+", clause)[:-1]  # drop the "on"
    for i, word in reversed(list(enumerate(words))[-4:]):
        if word.lower() in _PRESENT_OR_FUTURE:
            return None  # "said the truce expires on ...": the nearest verb is not past
        if is_past_verb(word):
            if any(w.lower() in _PERFECT_OR_FUTURE for w in words[max(0, i - 3) : i]):
                return None  # "has timed elections on October 1": not a past event
            return str(word)
    return None


# Auxiliaries that make a participle present perfect, present passive ("is reported on") or
# future, not a past event
_PERFECT_OR_FUTURE = frozenset("has have having will would shall is are am be being".split())

# A correction or update note dated after the story is the page's history, not the story's.
_EDITORIAL_VERBS = frozenset("amended updated corrected revised edited clarified".split())

# Verbs that put a dated event in the present or future when they stand nearest the date.
_PRESENT_OR_FUTURE = frozenset(
    (
        "is are be will expires expire ends end begins begin starts start opens open "
        "closes close lapses lapse runs run falls fall takes take meets meet resumes "
        "resume returns return comes come goes go holds hold kicks kick"
    ).split()
)


def _past_after_story(ctx: Context, rule: LoadedRule) -> Iterator[Finding]:
    p: PastEventParams = rule.params
    story = ctx.document.story_date
    text = ctx.document.text
    not_in = [re.compile(pattern) for pattern in p.not_in]
    for m in ctx.analysis.dates:
        day = _real(m, m.year or story.year)
        if day is None or day <= story:
            continue
        if not_in and any(x.search(ctx.document.sentence_at(m.start).text) for x in not_in):
            continue
        if m.year is None:
            if m.weekday is not None and day.weekday() != m.weekday:
                continue  # the weekday puts it in another year (or is itself the error)
            limit = (
                p.max_days_ahead_without_year
                if m.weekday is not None
                else p.max_days_ahead_without_weekday
            )
            if (day - story).days > limit:
                continue
        verb = _past_verb_before(text, m.start)
        if verb is None or verb.lower() in _EDITORIAL_VERBS:
            continue  # "This article was amended on 21 October": the page's own later note
        clause = text[max(0, m.start - 120) : m.start]
        if FUTURE_CUES.search(clause.split(".")[-1]):
            continue
        yield ctx.finding(
            rule,
            m.start,
            m.end,
            {
                "written": text[m.start : m.end],
                "verb": verb,
                "date": _format(day, with_year=True),
                "story_date": _format(story, with_year=True),
            },
            [
                Evidence(
                    f"the story is dated {story.isoformat()} ({ctx.document.date_label})",
                    "story date",
                )
            ],
        )


def _format(day: date, *, with_year: bool) -> str:
    return long_date(day) if with_year else month_day(day)


WEEKDAY_DATE = CheckKind(
    "weekday-date",
    DateParams,
    frozenset({"date", "stated", "actual", "written", "corrected"}),
    run=_weekday_mismatch,
)
IMPOSSIBLE_DATE = CheckKind(
    "impossible-date", DateParams, frozenset({"written", "month", "days", "year"}), run=_impossible
)


def _validate_past_event(params: PastEventParams) -> None:
    check_patterns(params.not_in, "not_in pattern")


PAST_EVENT_AFTER_STORY = CheckKind(
    "past-event-after-story-date",
    PastEventParams,
    frozenset({"written", "verb", "date", "story_date"}),
    run=_past_after_story,
    validate=_validate_past_event,
)
