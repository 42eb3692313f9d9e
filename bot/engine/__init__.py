"""The checking engine: a pure function of a document (text + story date) and a ruleset.

No Slack, no network, no globals: `check(document, ruleset) -> findings`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import msgspec

from bot.document.model import Document
from bot.engine.analysis import Decision
from bot.engine.finding import Finding, Severity, resolve_overlaps
from bot.engine.kinds import Context
from bot.engine.ruleset import Ruleset, build_ruleset, load_ruleset
from bot.kb.freshness import AsOf

__all__ = [
    "Checked",
    "Decision",
    "Finding",
    "Ruleset",
    "build_ruleset",
    "check",
    "check_batch",
    "check_documents",
    "explain",
    "load_ruleset",
]


class Checked(msgspec.Struct, frozen=True):
    """A document's findings and, for the offices they and its mentions relied on, the date
    the knowledge base is complete to (a report states it)."""

    findings: list[Finding]
    knowledge: tuple[AsOf, ...]


def check_documents(documents: Sequence[Document], ruleset: Ruleset) -> list[Checked]:
    """`check_batch`, with what each document's check knew and up to when."""
    from bot.engine.knowledge import relied_offices
    from bot.kb.freshness import as_of

    results, contexts = _run(documents, ruleset)
    kb = ruleset.knowledge.kb
    return [
        Checked(_finalise(d, f), as_of(kb, relied_offices(ctx.analysis)))
        for d, f, ctx in zip(documents, results, contexts, strict=True)
    ]


def check(document: Document, ruleset: Ruleset) -> list[Finding]:
    """Every finding in one document, overlaps resolved, offsets into `document.source`."""
    return check_batch([document], ruleset)[0]


def check_batch(documents: Sequence[Document], ruleset: Ruleset) -> list[list[Finding]]:
    """Check several documents together: each alone, then across them (cross-source)."""
    results, _ = _run(documents, ruleset)
    return [_finalise(d, f) for d, f in zip(documents, results, strict=True)]


def explain(documents: Sequence[Document], ruleset: Ruleset) -> list[list[Decision]]:
    """For each document, every mention the people checks weighed and why it was flagged or
    let off (`copydesk check --explain`), in text order."""
    _, contexts = _run(documents, ruleset)
    return [
        sorted(ctx.analysis.decisions, key=lambda d: (d.start, d.end)) if _analysed(ctx) else []
        for ctx in contexts
    ]


def _analysed(ctx: Context) -> bool:
    return "analysis" in ctx.__dict__


def _run(
    documents: Sequence[Document], ruleset: Ruleset
) -> tuple[list[list[Finding]], list[Context]]:
    from bot.engine.registry import KINDS

    contexts = [Context(d, ruleset.knowledge, ruleset.reading) for d in documents]
    results: list[list[Finding]] = [[] for _ in documents]
    for rule in ruleset.rules:
        if not rule.spec.enabled:
            continue
        kind = KINDS[rule.spec.kind]
        if kind.run is not None:
            for i, ctx in enumerate(contexts):
                results[i].extend(_marked(kind.run(ctx, rule), kind.date_dependent))
        elif kind.run_batch is not None and len(contexts) > 1:
            for i, found in enumerate(kind.run_batch(contexts, rule)):
                results[i].extend(_marked(found, kind.date_dependent))
    return results, contexts


def _marked(findings: Iterable[Finding], date_dependent: bool) -> Iterable[Finding]:
    if not date_dependent:
        return findings
    return (msgspec.structs.replace(f, date_dependent=True) for f in findings)


def _finalise(document: Document, findings: list[Finding]) -> list[Finding]:
    """Resolve overlaps, soften date-dependent errors on a weak story date, then map text
    offsets to the source the editor gave.

    The one place the story date's confidence meets the findings: a check never asks how sure
    the date is, it only says (by its kind, or per finding) that its verdict rests on it."""
    weak = document.date_is_weak
    out = []
    for finding in resolve_overlaps(findings):
        start, end = document.to_source(finding.start, finding.end)
        moved = finding.moved(start, end, document.source[start:end])
        if weak and finding.date_dependent and finding.severity is Severity.ERROR:
            moved = msgspec.structs.replace(moved, severity=Severity.WARNING)
        out.append(moved)
    return out
