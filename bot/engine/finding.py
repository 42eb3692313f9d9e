"""A finding: Typerighter's RuleMatch in Python.

Checks create findings against `Document.text`; `bot.engine.check` maps them to the source the
editor gave, so that `quote == document.source[start:end]`.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from typing import Protocol

import msgspec


class Severity(StrEnum):
    """How sure and how serious: an error is wrong as printed, a warning needs a look."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class Category(StrEnum):
    """What kind of mistake a finding is; the evaluation and the Slack report group by it."""

    ANACHRONISM = "anachronism"
    TITLE = "title"
    NAME = "name"
    ATTRIBUTION = "attribution"
    DATE = "date"
    INCONSISTENCY = "inconsistency"
    BOILERPLATE = "boilerplate"
    CROSS_SOURCE = "cross-source"
    STYLE = "style"


# Which finding wins when two overlap: the one that says more about a fact.
CATEGORY_PRIORITY: dict[Category, int] = {
    Category.ANACHRONISM: 90,
    Category.TITLE: 85,
    Category.ATTRIBUTION: 80,
    Category.NAME: 75,
    Category.DATE: 70,
    Category.CROSS_SOURCE: 60,
    Category.INCONSISTENCY: 55,
    Category.BOILERPLATE: 40,
    Category.STYLE: 20,
}
SEVERITY_PRIORITY: dict[Severity, int] = {Severity.ERROR: 3, Severity.WARNING: 2, Severity.INFO: 1}


class Citable(Protocol):
    """A source as the knowledge base describes it."""

    @property
    def name(self) -> str: ...

    @property
    def url(self) -> str | None: ...


class Evidence(msgspec.Struct, frozen=True):
    """The fact a finding relies on and where it comes from: the source's name and, when it has
    one, its URL (kept apart so that a report can link the name without parsing text)."""

    fact: str
    source: str
    url: str | None = None

    @classmethod
    def cited(cls, fact: str, sources: Iterable[Citable], otherwise: str = "") -> Evidence:
        """A fact known from several sources: their names, linked to the first one that has a
        URL (knowledge-base terms mostly have one source, a few two); `otherwise` names the
        source when none is listed."""
        listed = list(sources)
        names = "; ".join(s.name for s in listed) or otherwise
        return cls(fact, names, next((s.url for s in listed if s.url), None))

    def __str__(self) -> str:
        where = f"{self.source} <{self.url}>" if self.url else self.source
        return f"{self.fact} (source: {where})"


class Finding(msgspec.Struct, frozen=True):
    """One flagged span: what is wrong, why, what to write instead."""

    rule: str  # qualified rule id, "<pack>.<id>"
    category: Category
    severity: Severity
    start: int
    end: int
    quote: str
    sentence: str
    message: str
    suggestion: str | None = None
    evidence: tuple[Evidence, ...] = ()
    # the verdict rests on the story date: on a weak date, an error is reported as a warning
    date_dependent: bool = False

    @property
    def priority(self) -> tuple[int, int, int]:
        """Sort key deciding overlapping findings: category, severity, then the longer span."""
        return (
            CATEGORY_PRIORITY[self.category],
            SEVERITY_PRIORITY[self.severity],
            self.end - self.start,
        )

    def overlaps(self, other: Finding) -> bool:
        return self.start < other.end and other.start < self.end

    def moved(self, start: int, end: int, quote: str) -> Finding:
        """The same finding at another span (used to map text offsets to source offsets)."""
        return msgspec.structs.replace(self, start=start, end=end, quote=quote)


def resolve_overlaps(findings: list[Finding]) -> list[Finding]:
    """Keep, of overlapping findings, the one with the highest priority; order by position."""
    from bot.engine.spans import Spans

    kept: list[Finding] = []
    taken = Spans()
    for finding in sorted(findings, key=lambda f: f.priority, reverse=True):
        if not taken.overlaps(finding.start, finding.end):
            taken.add(finding.start, finding.end)
            kept.append(finding)
    return sorted(kept, key=lambda f: (f.start, f.end))
