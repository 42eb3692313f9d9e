"""How a term reads to a person: "Janet Yellen, from January 26, 2021 to January 20, 2025"."""

from __future__ import annotations

from bot.engine.officeholding import tenure
from bot.kb.model import KnowledgeBase, Term


def describe_term(kb: KnowledgeBase, term: Term, *, with_name: bool = True) -> str:
    role = f" ({term.role.value})" if term.role else ""
    seat = f" [{term.seat}]" if term.seat else ""
    name = f"{kb.people[term.person].name}{role}{seat}, " if with_name else f"{role.strip()}{seat} "
    return f"{name}{tenure(term)} (source: {', '.join(term.sources)})".strip()
