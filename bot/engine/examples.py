"""Run the examples every rule carries: must-flag texts and must-not-flag near misses.

Used by `copydesk rules test` and by the one parametrized test over every rule
(tests/engine/test_rule_examples.py), so adding a rule needs no test code.
Batch kinds (cross-source) take several documents separated by a line `---`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bot.document import load_document
from bot.engine import check_batch
from bot.engine.registry import KINDS
from bot.engine.rules import LoadedRule
from bot.engine.ruleset import Ruleset

DEFAULT_STORY_DATE = date(2025, 7, 29)
SEPARATOR = "\n---\n"


@dataclass(frozen=True)
class ExampleResult:
    rule: str
    kind: str  # "flag" or "pass"
    text: str
    ok: bool
    problem: str  # "missed: ..." / "false flag: ..." / ""


def _only(ruleset: Ruleset, rule: LoadedRule) -> Ruleset:
    return Ruleset((rule,), ruleset.knowledge, ruleset.version, ruleset.reading)


def _run(ruleset: Ruleset, rule: LoadedRule, text: str, story_date: date | None) -> list[str]:
    batch = KINDS[rule.spec.kind].run_batch is not None
    parts = text.split(SEPARATOR) if batch else [text]
    docs = [
        load_document(
            part,
            name=f"example-{i}",
            story_date=story_date or DEFAULT_STORY_DATE,
            today=DEFAULT_STORY_DATE,
        )
        for i, part in enumerate(parts)
    ]
    return [f.quote for found in check_batch(docs, _only(ruleset, rule)) for f in found]


def run_examples(ruleset: Ruleset, rule: LoadedRule) -> list[ExampleResult]:
    results = []
    for example in rule.spec.examples.flag:
        quotes = _run(ruleset, rule, example.text, example.story_date)
        ok = example.flags in quotes
        problem = "" if ok else f"missed: expected {example.flags!r}, got {quotes!r}"
        results.append(ExampleResult(rule.id, "flag", example.text, ok, problem))
    for near_miss in rule.spec.examples.pass_:
        quotes = _run(ruleset, rule, near_miss.text, near_miss.story_date)
        problem = (
            f"false flag: {quotes!r} ({near_miss.why or 'must stay silent'})" if quotes else ""
        )
        results.append(ExampleResult(rule.id, "pass", near_miss.text, not quotes, problem))
    return results
