"""`inconsistency`: one article stating the same quantity two ways.

"A 90-day truce" then "the 120-day truce"; a truce "set to expire on August 12" then "the
deadline of August 21". The later, deviating mention is flagged, with the first as evidence.
Only a later mention that refers back ("the", "its") is compared, so two different truces in
one story stay silent.
"""

from __future__ import annotations

from collections.abc import Iterator

import msgspec

from bot.engine import facts
from bot.engine.finding import Evidence, Finding
from bot.engine.kinds import CheckKind, Context
from bot.engine.rules import LoadedRule


class DurationParams(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    # things whose duration must not change within an article; an empty list takes any thing
    # introduced once ("a two-year investigation") and referred back to ("the 12-year
    # investigation")
    nouns: list[str]
    tolerance_days: int = 3  # "three-month" and "90-day" are the same
    synonyms: dict[str, str] = {}  # "ceasefire": "truce": two words for one thing


class DeadlineParams(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    subjects: list[str]  # things that expire ("truce", "pause", "deal")
    synonyms: dict[str, str] = {}  # "ceasefire": "truce": two words for one thing


def _first_conflict(
    found: list[facts.Fact], tolerance: int
) -> Iterator[tuple[facts.Fact, facts.Fact]]:
    for i, later in enumerate(found):
        if not later.anaphoric:
            continue
        for first in found[:i]:
            if not facts.same_thing(first, later):
                continue
            if _differs(first, later, tolerance):
                yield first, later
            break  # compare with the first statement only


def _differs(a: facts.Fact, b: facts.Fact, tolerance: int) -> bool:
    """Lengths in one unit must be equal; across units ("three-month", "90-day") within the
    tolerance, since a month is not always 30 days."""
    if isinstance(a.value, int) and isinstance(b.value, int):
        if a.unit == b.unit:
            return a.value != b.value
        return abs(a.value - b.value) > tolerance
    return a.value != b.value


def _report(ctx: Context, rule: LoadedRule, first: facts.Fact, later: facts.Fact) -> Finding:
    text = ctx.document.text
    first_quote = text[first.start : first.end]
    return ctx.finding(
        rule,
        later.start,
        later.end,
        {
            # "truce" for a length ("a 90-day truce"), "truce end date" for a date
            "about": later.about
            if later.kind == "duration"
            else facts.label(later.kind, later.about),
            "written": text[later.start : later.end],
            "first": first_quote,
        },
        [
            Evidence(
                f"earlier the article says {first_quote!r} ({first.about}): "
                f"“{ctx.document.sentence_at(first.start).text}”",
                "the article itself",
            )
        ],
    )


def _introduced_once(
    found: list[facts.Fact], tolerance: int
) -> Iterator[tuple[facts.Fact, facts.Fact]]:
    """For any noun: the thing's first mention introduces it ("a two-year investigation") and
    is the only one that does; a later mention that refers back with another length conflicts.
    (Several introductions are several things; a first mention with "the" is a thing the
    reader knows already, like "the 10-year bond", and may have siblings.)
    A thing never introduced is established when its first two mentions give one length in
    days, weeks or months ("the 18-day delay" twice): a later "the 19-day delay" conflicts. A
    length in years is left alone there: "the 30-year" and "the 15-year" are kinds of mortgage."""
    by_noun: dict[str, list[facts.Fact]] = {}
    for fact in found:
        by_noun.setdefault(fact.about, []).append(fact)
    for mentions in by_noun.values():
        first = mentions[0]
        introductions = sum(m.introduced for m in mentions)
        if first.introduced and introductions == 1:
            rest = mentions[1:]
        elif introductions == 0 and _established(mentions):
            rest = mentions[2:]
        else:
            continue
        for later in rest:
            if later.anaphoric and later.qualifier == first.qualifier:
                if _differs(first, later, tolerance):
                    yield first, later
                break


def _established(mentions: list[facts.Fact]) -> bool:
    """The first two mentions refer back with one length, not in years."""
    if len(mentions) < 3:
        return False
    first, second = mentions[0], mentions[1]
    return (
        first.anaphoric
        and second.anaphoric
        and first.qualifier == second.qualifier
        and first.unit == second.unit != "year"
        and first.value == second.value
    )


def _durations(ctx: Context, rule: LoadedRule) -> Iterator[Finding]:
    p: DurationParams = rule.params
    found = facts.durations(ctx.analysis, p.nouns, p.synonyms)
    conflicts = _introduced_once if not p.nouns else _first_conflict
    for first, later in conflicts(found, p.tolerance_days):
        yield _report(ctx, rule, first, later)


def _deadlines(ctx: Context, rule: LoadedRule) -> Iterator[Finding]:
    p: DeadlineParams = rule.params
    found = facts.deadlines(ctx.analysis, p.subjects, p.synonyms)
    for first, later in _first_conflict(found, 0):
        yield _report(ctx, rule, first, later)


DURATION_CONSISTENCY = CheckKind(
    "duration-consistency", DurationParams, frozenset({"about", "written", "first"}), run=_durations
)
DEADLINE_CONSISTENCY = CheckKind(
    "deadline-consistency", DeadlineParams, frozenset({"about", "written", "first"}), run=_deadlines
)
