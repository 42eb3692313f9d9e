"""What every report is made of: a checked document and its typed findings, each with a key.

Findings stay `bot.engine.Finding` values up to the renderers here and the rows of the store;
the key names one finding of one check (the "Not an error" button carries it, the store files
dismissals under it) and is derived, never stored apart from the finding it names.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from bot.document.model import Document
from bot.engine.finding import Finding
from bot.kb.freshness import AsOf, statement


@dataclass(frozen=True, slots=True)
class Report:
    """One checked article: what every renderer (text, JSON, Slack) and the store take."""

    document: Document
    findings: tuple[Finding, ...]
    seconds: float = 0.0  # how long the check took (intake excluded)
    # for the offices the check relied on, the date the knowledge base is complete to
    knowledge: tuple[AsOf, ...] = ()

    @property
    def as_of(self) -> str:
        """The knowledge's as-of date in a sentence, saying plainly when the story is later."""
        return statement(self.knowledge, self.document.story_date)


def finding_key(finding: Finding) -> str:
    """A stable key: the same rule, span and quote give the same key in every process."""
    raw = "\x1f".join((finding.rule, str(finding.start), str(finding.end), finding.quote))
    return hashlib.sha256(raw.encode()).hexdigest()[:16]
