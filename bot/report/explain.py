"""`copydesk check --explain`: every mention the people checks weighed, and why it was flagged
or let off (what the knowledge base says, how the sentence reads, which cue decided)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from bot.document.model import Document
from bot.engine import Decision


def _where(document: Document, decision: Decision) -> tuple[int, int, str]:
    start, end = document.to_source(decision.start, decision.end)
    source = document.source
    line = source.count("\n", 0, start) + 1
    col = start - (source.rfind("\n", 0, start) + 1) + 1
    return line, col, source[start:end]


def render(documents: Sequence[Document], decisions: Sequence[Sequence[Decision]]) -> str:
    lines: list[str] = []
    for document, weighed in zip(documents, decisions, strict=True):
        lines.append(f"{document.name}: {len(weighed)} mention(s) weighed")
        for decision in weighed:
            line, col, quote = _where(document, decision)
            verdict = "FLAGGED" if decision.flagged else "let off"
            lines.append(f"  {line}:{col} «{' '.join(quote.split())}» ({decision.person})")
            lines.append(f"      knowledge: {decision.knowledge}")
            if decision.reading:
                lines.append(f"      reading:   {decision.reading}")
            lines.append(f"      {verdict}: {decision.why}")
    return "\n".join(lines)


def as_json(document: Document, decisions: Sequence[Decision]) -> list[dict[str, Any]]:
    out = []
    for decision in decisions:
        start, end = document.to_source(decision.start, decision.end)
        out.append(
            {
                "start": start,
                "end": end,
                "quote": document.source[start:end],
                "person": decision.person,
                "knowledge": decision.knowledge,
                "reading": decision.reading,
                "flagged": decision.flagged,
                "why": decision.why,
            }
        )
    return out
