"""Facts a story states in checkable form: durations of things and deadlines of things.

`inconsistency` compares them within an article, `cross-source` across articles. A fact is
keyed by what it is about (the head noun: "truce", "deadline"; a rule's `synonyms` map
"ceasefire" to "truce"), so "a 90-day truce" and "a three-month extension" are not compared,
while "a 90-day truce" and "the 120-day truce" are.

The wordings writers use: "a 90-day truce", "the 60-day first phase", "a truce lasting 90
days", "a pause of 90 days", "the truce lasts 42 days", "the pause, which will last 60 days",
"called it a 60-day extension" (a reference back, although written with "a"); and for dates
"expires on", "ends on", "runs until", "through", "until", "the deadline of", "the August 12
deadline".
"""

from __future__ import annotations

import functools
import re
from datetime import date

import msgspec

from bot.engine.analysis import Analysis
from bot.text.words import CALENDAR_WORDS, NUMBER_WORDS

UNIT_DAYS = {"day": 1, "week": 7, "month": 30, "year": 365}
ANAPHORIC = frozenset(("the this that its their his her current existing same").split())
# "called it a 60-day extension": the article names again what it described before
_NAMED_AGAIN = re.compile(
    r"\b(?:call(?:s|ed|ing)?|dubb(?:ed|ing)|describ(?:es|ed|ing)|term(?:s|ed)?)\s+it"
    r"(?:\s+as)?\s+an?\s*$",
    re.IGNORECASE,
)

_NUM = r"(?P<num>\d{1,3}|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")"


class Fact(msgspec.Struct, frozen=True):
    """A value the text states about a thing: `about` is the key, `value` comparable."""

    kind: str  # "duration" or "deadline"
    about: str
    value: int | date
    start: int  # span of the value as written
    end: int
    anaphoric: bool  # written as a reference back ("the 120-day truce", "the deadline")
    qualifier: str | None  # "for Japan": a fact about a different instance of the thing
    introduced: bool = False  # written as a new thing ("a two-year investigation")
    unit: str = ""  # "day", "week", "month", "year" as written (durations)

    def shows(self) -> str:
        if isinstance(self.value, date):
            return self.value.strftime("%B %-d")
        return f"{self.value} days"


# Unit words are rare and quick to find; each is then read backwards for its number and
# forwards for its noun. (One regex with the number-word alternation first is tried at every
# position of the text and costs ten times more.)
_UNIT = re.compile(r"[- ](?P<unit>day|week|month|year)s?\b", re.IGNORECASE)
_NUMBER_BEFORE = re.compile(rf"(?<![\w-]){_NUM}$", re.IGNORECASE)


@functools.cache
def _noun_patterns(nouns: tuple[str, ...]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    noun = "|".join(map(re.escape, nouns))
    after_unit = re.compile(  # "-day truce", "-month tariff pause" (read at the unit's end)
        rf"(?:-long)?\s+(?:[A-Za-z-]+\s+){{0,2}}?(?P<noun>{noun})s?\b", re.IGNORECASE
    )
    before_number = re.compile(  # "truce lasting ", "pause of ", "truce, which will last "
        rf"\b(?P<noun>{noun})s?,?"
        r"(?:\s+(?:which|that|is|was|will|would|could|should|set|due|expected|meant|to|now"
        r"|only|just|initially|originally|still),?){0,4}"
        r"\s+(?:of|lasting|spanning|last(?:s|ed)?|run(?:s|ning)?\s+for)"
        r"(?:\s+(?:for|just|only|about|some))?\s+$",
        re.IGNORECASE,
    )
    return after_unit, before_number


# With no list of nouns, the word right after the unit is the noun ("a two-year investigation"),
# when it is a lowercase content word.
_ANY_NOUN_AFTER = re.compile(r"\s+(?P<noun>[a-z][a-z]{2,})\b")
_NOT_NOUNS = frozenset(
    "and but for from into with that than then this the its old high low period ago ahead "
    "earlier later before after since until through".split()
)
_NO_MATCH = re.compile(r"(?!)")


def durations(
    analysis: Analysis, nouns: list[str], synonyms: dict[str, str] | None = None
) -> list[Fact]:
    """How long things last, in days, in text order: "a 90-day truce", "a truce lasting 90
    days", "the truce lasts 42 days". An empty `nouns` takes any noun written right after the
    unit ("a two-year investigation")."""
    text = analysis.text
    if nouns:
        after_unit, before_number = _noun_patterns(tuple(nouns))
    else:
        after_unit, before_number = _ANY_NOUN_AFTER, _NO_MATCH
    out: list[Fact] = []
    for unit in _UNIT.finditer(text):
        number = _NUMBER_BEFORE.search(text, max(0, unit.start() - 12), unit.start())
        if number is None:
            continue
        num = number.group("num").lower()
        count = int(num) if num.isdigit() else NUMBER_WORDS[num]
        value = count * UNIT_DAYS[unit.group("unit").lower()]
        noun_after = after_unit.match(text, unit.end())  # "90-day truce", "90 day truce"
        noun_before = (  # "truce lasting 90 days" (never after a hyphenated unit)
            None
            if noun_after is not None or text[unit.start()] == "-"
            else before_number.search(text, max(0, number.start() - 80), number.start())
        )
        found = noun_after or noun_before
        if found is None:
            continue
        noun = found.group("noun").lower()
        if not nouns and noun in _NOT_NOUNS:
            continue
        head = number.start() if noun_after is not None else found.start()
        before = text[max(0, head - 30) : head]
        words = re.findall(r"[\w']+", before)
        determiner = words[-1].lower() if words else ""
        named_again = _NAMED_AGAIN.search(before) is not None
        end_of_statement = noun_after.end() if noun_after is not None else unit.end()
        out.append(
            Fact(
                "duration",
                (synonyms or {}).get(noun, noun),
                value,
                number.start(),
                unit.end(),
                determiner in ANAPHORIC or named_again,
                _qualifier(text, end_of_statement),
                determiner in ("a", "an") and not named_again,
                unit.group("unit").lower(),
            )
        )
    return out


_DEADLINE_BEFORE = re.compile(
    r"(?P<cue>expir(?:e|es|ed|y|ing|ation)|laps(?:e|es|ed|ing)|runs? out|deadline|cutoff|cut-off)"
    r"(?:\s+(?:date|is|was|of|on|for|falls|set|at|midnight))*\s*(?:on|of|is|at)?\s*$",
    re.IGNORECASE,
)
# Weaker wordings ("the truce ends on August 12", "the pause runs until", "the waiver is valid
# through", "extended the truce until") count only when the clause names the thing
_DEADLINE_WEAK = re.compile(
    r"(?P<cue>\bend(?:s|ed|ing)?|\bruns?\s+(?:out|until|through)|\blasts?\s+until"
    r"|\bexpir\w*\s+at\s+midnight|\buntil|\bthrough|\bthru)\s*(?:on)?\s*$",
    re.IGNORECASE,
)
_DEADLINE_AFTER = re.compile(r"^[\s,]*(?P<cue>deadline|expiry|expiration|cutoff)\b", re.IGNORECASE)


def deadlines(
    analysis: Analysis, subjects: list[str], synonyms: dict[str, str] | None = None
) -> list[Fact]:
    """Dates stated as when something expires or is due ("expires on August 12",
    "the August 12 deadline"), keyed by the thing that expires."""
    text = analysis.text
    subject_re = re.compile(r"\b(" + "|".join(map(re.escape, subjects)) + r")s?\b", re.IGNORECASE)
    out: list[Fact] = []
    for m in analysis.dates:
        if m.weekday is not None and m.start == m.weekday_end:
            continue
        before = text[max(0, m.start - 40) : m.start]
        after = text[m.end : m.end + 20]
        cue = _DEADLINE_BEFORE.search(before) or _DEADLINE_AFTER.search(after)
        weak = None if cue else _DEADLINE_WEAK.search(before)
        if not cue and not weak:
            continue
        year = m.year or analysis.story_date.year
        try:
            value = date(year, m.month, m.day_of_month)
        except ValueError:
            continue
        head = _clause_before(text, m.start)
        nouns = subject_re.findall(head)
        if cue is None:
            if not nouns:
                continue  # "talks end on Friday": not a thing that expires
            cue = weak
        assert cue is not None
        is_deadline = cue.group("cue").lower() in ("deadline", "cutoff", "cut-off")
        noun = nouns[-1].lower() if nouns else ""
        about = "deadline" if is_deadline or not nouns else (synonyms or {}).get(noun, noun)
        words = re.findall(r"[\w']+", head[-25:])
        anaphoric = bool(set(w.lower() for w in words[-3:]) & ANAPHORIC) or about != "deadline"
        out.append(
            Fact("deadline", about, value, m.start, m.end, anaphoric, _qualifier(text, m.end))
        )
    return out


def _clause_before(text: str, pos: int, reach: int = 160) -> str:
    """The text before `pos` back to the previous full stop or line break: where the thing that
    expires is named. A bounded look-back, so no sentence split is needed on the hot path."""
    head = text[max(0, pos - reach) : pos]
    cut = max(head.rfind(". "), head.rfind("\n"), head.rfind("? "), head.rfind("! "))
    return head[cut + 1 :] if cut >= 0 else head


def _qualifier(text: str, pos: int) -> str | None:
    """'for Japan', 'with Mexico': the fact concerns a named instance of the thing."""
    match = re.match(
        r"\s*(?:deadline\s+)?(?:for|with)\s+(?:the\s+)?([A-Z][\w'-]+(?:\s+[A-Z][\w'-]+)*)",
        text[pos : pos + 60],
    )
    if not match or match.group(1).split()[0].lower() in CALENDAR_WORDS:
        return None
    return match.group(1)


def same_thing(first: Fact, later: Fact) -> bool:
    """May `later` be a restatement of `first`? (same key, or a bare "the deadline" pointing
    back at a thing's expiry; never when they name different instances)."""
    if first.qualifier != later.qualifier and (first.qualifier or later.qualifier):
        return False
    if first.about == later.about:
        return True
    return first.kind == "deadline" and "deadline" in (first.about, later.about)


def label(kind: str, about: str) -> str:
    """What a fact is, for a message: "truce length", "truce end date", "deadline"."""
    if about == "deadline" or about.endswith(" deadline"):
        return about
    return f"{about} length" if kind == "duration" else f"{about} end date"
