"""`copydesk rules` and `copydesk rules test`: listing, running examples, and refusing unknown
rule ids with exit 2."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.cli import main
from bot.engine import Ruleset


@pytest.fixture
def rules(test_rules_dir: Path) -> list[str]:
    return ["--rules", str(test_rules_dir)]


def test_an_unknown_rule_id_is_a_usage_error(rules: list[str], capsys) -> None:
    assert main(["rules", "test", *rules, "dates.impossible-date", "nosuch.rule"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("copydesk: unknown rule id(s): nosuch.rule;")
    assert "`copydesk rules` lists the rules" in err


def test_a_rule_is_named_by_its_qualified_or_bare_id(
    rules: list[str], test_ruleset: Ruleset, capsys
) -> None:
    rule = next(r for r in test_ruleset.rules if r.id == "dates.impossible-date")
    examples = len(rule.spec.examples.flag) + len(rule.spec.examples.pass_)
    assert main(["rules", "test", *rules, "dates.impossible-date"]) == 0
    qualified = capsys.readouterr().out.splitlines()[-1]
    assert main(["rules", "test", *rules, "impossible-date"]) == 0
    last = capsys.readouterr().out.splitlines()[-1]
    assert last == qualified == f"{examples} passed, 0 failed"


def test_the_list_names_every_rule_with_its_kind(rules: list[str], capsys) -> None:
    assert main(["rules", *rules]) == 0
    out = capsys.readouterr().out
    assert "dates.impossible-date" in out and "impossible-date" in out
    assert "house-style.time-of-day-said-twice" in out and " pattern" in out
