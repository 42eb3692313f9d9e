"""How a term reads to a person: "Janet Yellen, from January 26, 2021 to January 20, 2025"."""

from __future__ import annotations

from bot.kb.model import FuzzyDate, KnowledgeBase, Term
from bot.text.dates import long_date


def tenure(term: Term) -> str:
    """'from January 20, 2021 to January 20, 2025' with fuzzy dates written as known: 'from
    2009, ending between 2024-03-17 and 2026' when only a range is known."""
    start = _written(term.start)
    if term.end is None:
        return f"since {start}"
    if "/" in term.end.text:
        first, _, last = term.end.text.partition("/")
        return f"from {start}, ending between {first} and {last}"
    return f"from {start} to {_written(term.end)}"


def _written(when: FuzzyDate) -> str:
    if when.exact:
        return long_date(when.earliest)
    if "/" in when.text:
        first, _, last = when.text.partition("/")
        return f"between {first} and {last}"
    return when.text


def describe_term(kb: KnowledgeBase, term: Term, *, with_name: bool = True) -> str:
    role = f" ({term.role.value})" if term.role else ""
    seat = f" [{term.seat}]" if term.seat else ""
    name = f"{kb.people[term.person].name}{role}{seat}, " if with_name else f"{role.strip()}{seat} "
    return f"{name}{tenure(term)} (source: {', '.join(term.sources)})".strip()
