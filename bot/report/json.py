"""The JSON report: exactly the contract of ../shared/eval/README.md.

This is one of the edges where a finding becomes a dict: its evidence is written as one string
("fact (source: name <url>)", several joined by "; "), as the contract shows it.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from bot.engine import Decision
from bot.engine.finding import Finding
from bot.report.model import Report


def finding_json(finding: Finding) -> dict[str, Any]:
    """One finding as the contract has it."""
    return {
        "start": finding.start,
        "end": finding.end,
        "quote": finding.quote,
        "category": finding.category.value,
        "severity": finding.severity.value,
        "rule": finding.rule,
        "message": finding.message,
        "suggestion": finding.suggestion,
        "sentence": finding.sentence,
        "evidence": "; ".join(str(e) for e in finding.evidence),
    }


def document_json(report: Report) -> dict[str, Any]:
    """One checked document as the contract has it."""
    doc = report.document
    return {
        "path": doc.name,
        "story_date": doc.story_date.isoformat(),
        "date_source": doc.date_source.value,
        "date_label": doc.date_label,
        "date_confidence": doc.date_confidence.value,
        "findings": [finding_json(f) for f in report.findings],
        "knowledge": knowledge_json(report),
    }


def knowledge_json(report: Report) -> dict[str, Any]:
    """For the offices the check relied on, the date the knowledge base is complete to, and
    the sentence the text report prints."""
    story_date = report.document.story_date
    return {
        "statement": report.as_of,
        "complete_to": [
            {
                "group": a.group.value,
                "jurisdiction": a.jurisdiction,
                "label": a.label,
                "complete_to": a.complete_to.isoformat(),
                "story_date_is_later": a.stale_for(story_date),
            }
            for a in report.knowledge
        ],
    }


def render(reports: Sequence[Report], decisions: Sequence[Sequence[Decision]] | None = None) -> str:
    """The contract's JSON; with `decisions` (--explain) each document also lists what the
    people checks weighed, under "explain"."""
    documents = [document_json(r) for r in reports]
    if decisions is not None:
        from bot.report.explain import as_json

        for out, report, weighed in zip(documents, reports, decisions, strict=True):
            out["explain"] = as_json(report.document, weighed)
    return json.dumps({"documents": documents}, ensure_ascii=False, indent=2)
