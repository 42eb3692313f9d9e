"""Judge every titled mention of a known person against the terms in the knowledge base.

Shared by the `title-out-of-term` (anachronism) and `title-never-held` (wrong title) checks and by
`later-mention-of-miscast`, so a document's mentions are judged once. The verdict is only
"wrong" when the KB is sure: the dates exclude the story date for every reading, and the KB
lists every holder of the office on that date (unknown is never wrong).
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from enum import StrEnum

import msgspec

from bot.engine.analysis import Analysis, Mention
from bot.engine.finding import Evidence
from bot.kb.index import KnowledgeIndex
from bot.kb.model import KnowledgeBase, Role, Term
from bot.kb.officeholding_text import tenure


class Problem(StrEnum):
    OUT_OF_TERM = "out-of-term"  # held (or will hold) the office, not on the story date
    NEVER_HELD = "never-held"  # never held any office the title names
    NOT_YET_SWORN = "still-elect"  # "-elect" title after taking office


class Verdict(msgspec.Struct, frozen=True):
    mention: Mention
    person: str
    problem: Problem
    office: str  # the office the title names (as judged)
    terms: tuple[Term, ...]  # the person's terms in that office, or their actual terms
    holders: tuple[Term, ...]  # who held the office on the story date
    actual: tuple[Term, ...]  # the offices the person did hold on the story date


def verdicts(analysis: Analysis) -> list[Verdict]:
    """Wrong titled mentions in the document, judged once and cached on the analysis."""
    cached = analysis.__dict__.get("_officeholding")
    if cached is None:
        cached = [
            v
            for m in analysis.mentions
            if (v := _judge(analysis, m)) is not None and not analysis.mention_is_historical(m)
        ]
        analysis.__dict__["_officeholding"] = cached
    return cached


def _offices_named(index: KnowledgeIndex, mention: Mention) -> tuple[str, ...]:
    assert mention.title is not None
    if mention.jurisdictions:
        return index.offices_within(mention.title.offices, mention.jurisdictions)
    return mention.title.offices


def _judge(analysis: Analysis, mention: Mention) -> Verdict | None:
    if mention.title is None or mention.person is None:
        return None
    index = analysis.knowledge
    kb = index.kb
    day = analysis.story_date
    person = mention.person
    died = kb.people[person].died
    if died is not None and died < day and _remembered(analysis, mention):
        return None  # "Queen Elizabeth II's funeral", "Pope John Paul II": history
    offices = _offices_named(index, mention)
    if not offices:
        return None
    terms = [t for t in kb.terms_of(person) if t.office in offices]
    if mention.title.elect:
        return _judge_elect(kb, mention, person, terms, day)
    regular = [t for t in terms if t.role is not Role.ELECT]
    if any(t.may_hold(day) for t in regular):
        return None
    actual = tuple(kb.offices_held(person, day))
    if regular:
        # held it at another time: wrong only if the KB is sure nobody re-appointed them
        for office in dict.fromkeys(t.office for t in regular):
            mine = tuple(t for t in regular if t.office == office)
            if surely_out_of_office(kb, office, mine, day):
                return Verdict(
                    mention,
                    person,
                    Problem.OUT_OF_TERM,
                    office,
                    mine,
                    tuple(kb.holders(office, day)),
                    actual,
                )
        return None
    if any(t.role is Role.ELECT and t.may_hold(day) for t in terms):
        return None  # "President Trump" on the eve of the inauguration: leave it to editors
    if mention.org_qualified or not actual or not _title_is_specific(index, mention, actual):
        return None
    covered = [o for o in offices if kb.covered(o, day) and kb.offices[o].seats == 1]
    if not covered:
        return None
    office = covered[0]
    return Verdict(
        mention, person, Problem.NEVER_HELD, office, (), tuple(kb.holders(office, day)), actual
    )


# Titles that stay part of a dead person's name ("Pope John Paul II", "Queen Elizabeth II")
REGNAL_TITLES = frozenset(
    "pope king queen emperor empress prince princess grand duke grand duchess sultan emir".split()
)
# Words that put a dead person's mention in remembrance, not in the news of the day
_REMEMBRANCE = re.compile(
    r"\b(?:funeral|mourn\w*|memorial|remember\w*|death|died|dies|legacy|tribute\w*|"
    r"anniversary|obituar\w*|buried|burial|late|posthumous\w*|statue|portrait|tomb|grave)\b",
    re.IGNORECASE,
)


def _remembered(analysis: Analysis, mention: Mention) -> bool:
    """A dead person's title is history when it is regnal or the sentence remembers them; "Chinese
    Premier Li Keqiang said on Tuesday" in 2025 is still wrong."""
    assert mention.title is not None
    if any(word in REGNAL_TITLES for word in mention.title.form.split()):
        return True
    return bool(_REMEMBRANCE.search(analysis.sentence(mention.start).text))


def surely_out_of_office(kb: KnowledgeBase, office: str, mine: tuple[Term, ...], day: date) -> bool:
    """Is the person surely not holding `office` on `day`, given their terms `mine`?

    Within the office's coverage the KB lists every holder, so yes. Past the coverage (a story
    dated after the sources' `complete_to`), only a term that ended and was followed by someone
    else's in the same seat proves it: the office moved on (Yellen -> Bessent). A holder the KB
    does not know is never assumed (stale knowledge must not flag)."""
    start, end = kb.coverage(office)
    if day < start:
        return False
    if all(t.surely_starts_after(day) for t in mine):
        return True  # a future holder, inside the listed period
    if day <= end:
        return True
    last = max(mine, key=lambda t: t.start.earliest)
    if last.end is None or not last.surely_ended_before(day):
        return False
    last_end = last.end
    return any(
        other.person != last.person
        and other.seat == last.seat
        and other.start.earliest >= last_end.earliest - timedelta(days=1)
        and other.start.latest <= day
        for other in kb.terms_by_office.get(office, ())
        if other.role is not Role.ELECT
    )


def _judge_elect(
    kb: KnowledgeBase, mention: Mention, person: str, terms: list[Term], day: date
) -> Verdict | None:
    elect = [t for t in terms if t.role is Role.ELECT]
    if any(t.may_hold(day) for t in elect):
        return None
    sworn = [t for t in terms if t.role is not Role.ELECT and t.surely_holds(day)]
    if sworn:
        return Verdict(
            mention, person, Problem.NOT_YET_SWORN, sworn[0].office, tuple(sworn), (), tuple(sworn)
        )
    return None


def _title_is_specific(index: KnowledgeIndex, mention: Mention, actual: tuple[Term, ...]) -> bool:
    """Is the title clearly not a short form of an office the person does hold?

    "President" alone may shorten "Commission President"; "Treasury Secretary" does not shorten
    "Secretary of State". A one-word title is only wrong when no office the person holds ends
    with that word."""
    assert mention.title is not None
    written = mention.title.form.lower()
    kb = index.kb
    for term in actual:
        office = kb.offices[term.office]
        for title in (*office.titles, *office.long_titles):
            t = title.lower()
            if t == written or t.endswith(" " + written) or t.startswith(written + " "):
                return False
    return True


def term_evidence(kb: KnowledgeBase, person_name: str, term: Term) -> Evidence:
    office = kb.offices[term.office].name
    role = f" ({term.role.value})" if term.role else ""
    sources = (kb.sources[s] for s in term.sources if s in kb.sources)
    return Evidence.cited(f"{person_name}: {office}{role} {tenure(term)}", sources)
