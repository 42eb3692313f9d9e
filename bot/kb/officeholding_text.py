"""How a term reads to a person: "Janet Yellen, from January 26, 2021 to January 20, 2025"."""

from __future__ import annotations

from bot.kb.model import KnowledgeBase, Term
from bot.text.dates import long_date


def tenure(term: Term) -> str:
    """'from January 20, 2021 to January 20, 2025' with fuzzy dates written as known."""
    start = long_date(term.start.earliest) if term.start.exact else term.start.text
    if term.end is None:
        return f"since {start}"
    end = long_date(term.end.earliest) if term.end.exact else term.end.text
    return f"from {start} to {end}"


def describe_term(kb: KnowledgeBase, term: Term, *, with_name: bool = True) -> str:
    role = f" ({term.role.value})" if term.role else ""
    seat = f" [{term.seat}]" if term.seat else ""
    name = f"{kb.people[term.person].name}{role}{seat}, " if with_name else f"{role.strip()}{seat} "
    return f"{name}{tenure(term)} (source: {', '.join(term.sources)})".strip()
