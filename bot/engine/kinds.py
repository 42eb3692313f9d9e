"""The closed set of check kinds a rule can use, and the context every check receives.

Vale's `extends`, Typerighter's matchers: a rule names its `kind`; the kind's module does the
work, with the same signature for every kind. Adding a rule needs YAML only.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any

import msgspec

from bot.engine.finding import Evidence, Finding

if TYPE_CHECKING:
    from bot.document.model import Document
    from bot.engine.analysis import Analysis
    from bot.engine.reading import ReadingModel
    from bot.engine.rules import LoadedRule
    from bot.kb.index import KnowledgeIndex


@dataclass
class Context:
    """What a check sees: the document, the knowledge base and a shared, lazy analysis."""

    document: Document
    knowledge: KnowledgeIndex
    reading: ReadingModel

    @cached_property
    def analysis(self) -> Analysis:
        from bot.engine.analysis import Analysis

        return Analysis(self.document, self.knowledge, self.reading)

    def finding(
        self,
        rule: LoadedRule,
        start: int,
        end: int,
        values: dict[str, Any],
        evidence: Iterable[Evidence] = (),
        *,
        date_dependent: bool = False,
    ) -> Finding:
        """A finding for `text[start:end]` with the rule's message and suggestion filled in.

        `date_dependent`: this finding's verdict rests on the story date (a yearless date read
        in the story's year) although its kind's verdicts do not in general."""
        text = self.document.text
        sentence = self.document.sentence_at(start)
        return Finding(
            rule=rule.id,
            category=rule.spec.category,
            severity=rule.spec.severity,
            start=start,
            end=end,
            quote=text[start:end],
            sentence=sentence.text,
            message=rule.render(rule.spec.message, values) or "",
            suggestion=rule.render(rule.spec.suggestion, values),
            evidence=tuple(evidence),
            date_dependent=date_dependent,
        )


DocumentCheck = Callable[["Context", "LoadedRule"], Iterable[Finding]]
BatchCheck = Callable[[list["Context"], "LoadedRule"], list[list[Finding]]]


def _no_validation(params: Any) -> None:
    del params


def _no_extra_placeholders(params: Any) -> frozenset[str]:
    del params
    return frozenset()


class CheckKind(msgspec.Struct, frozen=True):
    """One engine check: its params schema, the placeholders its messages may use, its code.

    `validate` refuses params the schema cannot (a bad regular expression) with a ValueError;
    `placeholders_of` adds placeholders a rule's own params define (a pattern's named groups).
    `date_dependent`: every verdict rests on the story date (who held an office on it), so on
    a weak story date the kind's errors are reported as warnings (`bot.engine.check_batch`).
    """

    name: str
    params: type
    placeholders: frozenset[str]
    run: DocumentCheck | None = None
    run_batch: BatchCheck | None = None
    validate: Callable[[Any], None] = _no_validation
    placeholders_of: Callable[[Any], frozenset[str]] = _no_extra_placeholders
    date_dependent: bool = False

    def offered(self, params: Any) -> frozenset[str]:
        """Every placeholder a rule of this kind with these params may use."""
        return self.placeholders | self.placeholders_of(params)


def check_patterns(patterns: Iterable[str], what: str) -> None:
    """Refuse a list of regular expressions on load if one does not compile (the loader names
    the file, line and rule): for params that hold patterns ("line_patterns", "not_in")."""
    for pattern in patterns:
        try:
            re.compile(pattern)
        except re.error as exc:
            raise ValueError(f"{what} {pattern!r}: {exc}") from exc


def rule_evidence(rule: LoadedRule) -> Evidence:
    """The rule's own reason and source as evidence: for conventions, which cite no fact."""
    return Evidence(rule.spec.why, rule.spec.source.name, rule.spec.source.url)
