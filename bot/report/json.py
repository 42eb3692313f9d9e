"""The JSON report: exactly the contract of ../shared/eval/README.md."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from bot.document.model import Document
from bot.engine.finding import Finding


def report(documents: Sequence[Document], findings: Sequence[Sequence[Finding]]) -> dict[str, Any]:
    return {
        "documents": [
            {
                "path": doc.name,
                "story_date": doc.story_date.isoformat(),
                "date_source": doc.date_source.value,
                "findings": [f.to_json() for f in found],
            }
            for doc, found in zip(documents, findings, strict=True)
        ]
    }


def render(documents: Sequence[Document], findings: Sequence[Sequence[Finding]]) -> str:
    return json.dumps(report(documents, findings), ensure_ascii=False, indent=2)
