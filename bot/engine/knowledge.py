"""Which offices a check relied on, so that its report can say how fresh that knowledge is.

A document leans on the knowledge base wherever it names a known person or a title: "Treasury
Secretary Scott Bessent" leans on the KB's list of Treasury secretaries, a bare "Biden" on the
offices Joe Biden held around the story date. The report states, for those offices, the date
the KB is complete to (bot.kb.freshness).
"""

from __future__ import annotations

from datetime import date

from bot.engine.analysis import Analysis
from bot.kb.model import KnowledgeBase, Role

# An unpinned title naming more offices than this ("President": ~190) leans on none of them
# in particular unless the person named held one.
_MAX_UNPINNED = 3


def relied_offices(analysis: Analysis) -> frozenset[str]:
    """The offices the document's titled mentions name and its people held near the story
    date."""
    index = analysis.knowledge
    kb = index.kb
    day = analysis.story_date
    offices: set[str] = set()
    for mention in analysis.mentions:
        people = mention.people if len(mention.people) <= 2 else ()
        held = {t.office for p in people for t in kb.terms_of(p)}
        if mention.title is not None:
            named = (
                index.offices_within(mention.title.offices, mention.jurisdictions)
                if mention.jurisdictions
                else mention.title.offices
            )
            mine = [o for o in named if o in held]
            offices.update(mine or (named if len(named) <= _MAX_UNPINNED else ()))
        for person in people:
            offices.update(_near(kb, person, day))
    return frozenset(offices)


def _near(kb: KnowledgeBase, person: str, day: date) -> set[str]:
    """The offices the person may hold on the story date, else the one they held last before
    it (where a mention of them now stands)."""
    terms = [t for t in kb.terms_of(person) if t.role is not Role.ELECT]
    now = {t.office for t in terms if t.may_hold(day)}
    if now:
        return now
    before = [t for t in terms if t.start.earliest <= day]
    return {max(before, key=lambda t: t.start.earliest).office} if before else set()
