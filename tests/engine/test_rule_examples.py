"""Every example of every bundled rule (sqlfluff's yaml_test_cases_test): adding a rule needs no
test code. Failures read "missed: ..." or "false flag: ..."."""

from __future__ import annotations

import functools

import pytest

from bot.engine import Ruleset, build_ruleset
from bot.engine.examples import run_examples
from bot.engine.ruleset import default_rules_dir


@functools.cache
def _ruleset() -> Ruleset:
    """Built once: the parametrization needs the rule ids at collection time."""
    return build_ruleset(default_rules_dir())


def _cases() -> list[object]:
    cases: list[object] = []
    for rule in _ruleset().rules:
        count = len(rule.spec.examples.flag) + len(rule.spec.examples.pass_)
        cases.extend(pytest.param(rule.id, i, id=f"{rule.id}-{i}") for i in range(count))
    return cases


@pytest.mark.parametrize(("rule_id", "number"), _cases())
def test_rule_example(rule_id: str, number: int) -> None:
    ruleset = _ruleset()
    rule = next(r for r in ruleset.rules if r.id == rule_id)
    result = run_examples(ruleset, rule)[number]
    assert result.ok, f"{result.rule} [{result.kind}] {result.problem}\ntext: {result.text!r}"


def test_every_rule_has_flag_and_pass_examples() -> None:
    for rule in _ruleset().rules:
        assert rule.spec.examples.flag, rule.id
        assert rule.spec.examples.pass_, f"{rule.id} has no must-not-flag example"
