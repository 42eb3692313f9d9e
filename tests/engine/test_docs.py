"""docs/rules.md is generated from the rule packs and must not go stale."""

from __future__ import annotations

from pathlib import Path

from bot.engine.docs import pack_rules, render
from bot.engine.ruleset import default_rules_dir

DOCS = Path(__file__).resolve().parents[2] / "docs" / "rules.md"


def test_rule_docs_are_current() -> None:
    current = render(pack_rules(default_rules_dir()))
    assert DOCS.read_text(encoding="utf-8") == current, "docs/rules.md is stale: run `make docs`"


def test_docs_show_every_rule_and_its_examples() -> None:
    text = DOCS.read_text(encoding="utf-8")
    for rule in pack_rules(default_rules_dir()):
        assert f"### `{rule.id}`" in text
        assert rule.spec.examples.flag[0].flags in text
