"""Changes of officeholder that rest on one unchecked source.

If a single scraped list is wrong about who leads a government, every story after its date
would be flagged as wrong. So a finding that relies on such a change says so and asks the editor
to check, instead of calling the copy wrong, until a second source agrees (the loader marks
those terms: `Term.lone_start`, `Term.lone_end`).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from bot.kb.model import FuzzyDate, KnowledgeBase, Term
from bot.text.dates import long_date


def unconfirmed(kb: KnowledgeBase, terms: Iterable[Term], day: date) -> str | None:
    """A sentence saying which change among `terms` that matters on `day` rests on one
    unchecked source, or None. An unconfirmed end only matters once it may have come."""
    for term in terms:
        for source_id, verb, when in (
            (term.lone_end, "leave", term.end),
            (term.lone_start, "take", term.start),
        ):
            if source_id is None or when is None:
                continue
            if verb == "leave" and when.earliest > day:
                continue
            source = kb.sources[source_id]
            person = kb.people[term.person].name
            office = kb.offices[term.office].name
            checked = long_date(source.checked_until)
            return (
                f"Check before changing: only one source has {person} {verb} office as "
                f"{office} {_on(when)} ({source.name}), and nobody checked its facts after "
                f"{checked}."
            )
    return None


def _on(when: FuzzyDate) -> str:
    if when.exact:
        return f"on {long_date(when.earliest)}"
    if "/" in when.text:
        first, _, last = when.text.partition("/")
        return f"between {first} and {last}"
    return f"in {when.text}"
