"""Run the examples every rule carries: must-flag texts and must-not-flag near misses.

Used by `copydesk rules test` and by the one parametrized test over every rule
(tests/engine/test_rule_examples.py), so adding a rule needs no test code.

What an example asserts, exactly:
- A flag example is checked with every rule. It passes when the findings are exactly one: this
  rule's, on the `flags` span (and with the example's `message`, when it gives one), plus one
  on each span the example lists under `also`. A second finding of this rule, or any other
  finding, fails it: an example that trips another rule shows a false flag of that rule or an
  example that tests two things at once.
- A pass example is checked with its own rule alone and passes when that rule finds nothing.
  Other rules' findings on it do not count: a near miss for one rule may rightly be flagged by
  another, and with every rule running, a higher-priority finding could hide this rule's.

Batch kinds (cross-source) take several documents separated by a line `---`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bot.document import load_document
from bot.engine import check_batch
from bot.engine.finding import Finding
from bot.engine.registry import KINDS
from bot.engine.rules import FlagExample, LoadedRule
from bot.engine.ruleset import Ruleset

DEFAULT_STORY_DATE = date(2025, 7, 29)
SEPARATOR = "\n---\n"


@dataclass(frozen=True)
class ExampleResult:
    rule: str
    kind: str  # "flag" or "pass"
    text: str
    ok: bool
    problem: str  # "missed: ..." / "false flag: ..." / "also flagged: ..." / ""


def _only(ruleset: Ruleset, rule: LoadedRule) -> Ruleset:
    return ruleset.with_rules((rule,))


def _run(ruleset: Ruleset, rule: LoadedRule, text: str, story_date: date | None) -> list[Finding]:
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
    return [f for found in check_batch(docs, ruleset) for f in found]


def _shown(findings: list[Finding]) -> str:
    return ", ".join(f"{f.rule} {f.quote!r}" for f in findings) or "nothing"


def _flag_problem(rule: LoadedRule, example: FlagExample, found: list[Finding]) -> str:
    mine = [f for f in found if f.rule == rule.id and f.quote == example.flags]
    if not mine:
        return f"missed: expected {rule.id} {example.flags!r}, got {_shown(found)}"
    others = [f for f in found if f is not mine[0]]
    missing = [quote for quote in example.also if quote not in {f.quote for f in others}]
    if missing:
        return f"missed: expected also {missing!r}, got {_shown(others)}"
    extra = [f for f in others if f.quote not in example.also]
    if extra or len(others) > len(example.also):
        return f"also flagged: {_shown(extra or others)} (an example must flag only its own span)"
    if example.message is not None and mine[0].message != example.message:
        return f"wrong message: expected {example.message!r}, got {mine[0].message!r}"
    return ""


def run_examples(ruleset: Ruleset, rule: LoadedRule) -> list[ExampleResult]:
    """Every example of `rule`, flag examples first, in the order the pack lists them."""
    results = []
    for example in rule.spec.examples.flag:
        found = _run(ruleset, rule, example.text, example.story_date)
        problem = _flag_problem(rule, example, found)
        results.append(ExampleResult(rule.id, "flag", example.text, not problem, problem))
    for near_miss in rule.spec.examples.pass_:
        found = _run(_only(ruleset, rule), rule, near_miss.text, near_miss.story_date)
        problem = (
            f"false flag: {[f.quote for f in found]!r} ({near_miss.why or 'must stay silent'})"
            if found
            else ""
        )
        results.append(ExampleResult(rule.id, "pass", near_miss.text, not found, problem))
    return results
