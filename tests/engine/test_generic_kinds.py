"""The generic kinds: a new rule written as data only (a pattern with captures, a quantity that
must not change), and the loader's errors when such a rule is wrong."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from bot.document import Document
from bot.engine import Ruleset, check
from bot.engine.registry import KINDS
from bot.engine.rules import LoadedRule, load_pack
from bot.errors import RuleError

HEADER = """\
description: A pack written for this test.
rules:
  - id: the-rule
    kind: {kind}
    category: style
    severity: warning
    message: "{message}"
    why: Because the test says so.
    source: {{name: the test}}
    params: {params}
    examples:
      flag:
        - {{text: "x", flags: "x"}}
"""


def _pack(tmp_path: Path, kind: str, params: str, message: str) -> Path:
    path = tmp_path / "house.yaml"
    path.write_text(HEADER.format(kind=kind, params=params, message=message), encoding="utf-8")
    return path


def _rule(tmp_path: Path, kind: str, params: str, message: str) -> LoadedRule:
    (rule,) = load_pack(_pack(tmp_path, kind, params, message), KINDS)
    return rule


def _run(ruleset: Ruleset, rule: LoadedRule, document: Document) -> list[tuple[str, str]]:
    only = ruleset.with_rules((rule,))
    return [(f.quote, f.message) for f in check(document, only)]


def test_a_pattern_rule_flags_its_named_group_and_fills_the_message_from_the_captures(
    tmp_path: Path, test_ruleset: Ruleset, doc: Callable[..., Document]
) -> None:
    rule = _rule(
        tmp_path,
        "pattern",
        r"{pattern: '(?P<amount>\d+) (?P<unit>percent) (?P<extra>percent)', span: extra}",
        "{unit} then {extra} after {amount}",
    )
    found = _run(test_ruleset, rule, doc("Prices rose 12 percent percent in May."))
    assert found == [("percent", "percent then percent after 12")]


def test_a_quantity_rule_flags_a_later_mention_that_refers_back_with_another_value(
    tmp_path: Path, test_ruleset: Ruleset, doc: Callable[..., Document]
) -> None:
    rule = _rule(
        tmp_path,
        "quantity-consistency",
        r"""{pattern: '(?P<value>\d+|five|six)-story (?P<about>tower|block)'}""",
        "first {first}, then {written} ({about})",
    )
    text = "A six-story tower burned. A 12-story block nearby was spared. The 5-story tower fell."
    assert _run(test_ruleset, rule, doc(text)) == [
        ("5", "first six-story tower, then 5-story tower (tower)")
    ]
    same = "A six-story tower burned. The 6-story tower fell."
    assert _run(test_ruleset, rule, doc(same)) == []


@pytest.mark.parametrize(
    ("kind", "params", "message", "problem"),
    [
        ("pattern", "{pattern: '(unclosed'}", "{match}", "bad regular expression"),
        ("pattern", "{pattern: '(?P<a>x)', span: b}", "{match}", "span 'b' is not a named group"),
        (
            "pattern",
            "{pattern: '(?P<a>x)'}",
            "{b}",
            "unknown placeholder(s) b; kind 'pattern' offers: a, match",
        ),
        (
            "quantity-consistency",
            "{pattern: '(\\d+)-story'}",
            "{about}",
            "needs a named group 'value'",
        ),
        ("existence", "{tokens: []}", "{match}", "'tokens' must list at least one phrase"),
        (
            "past-event-after-story-date",
            "{not_in: ['(unclosed']}",
            "{written}",
            "not_in pattern '(unclosed'",
        ),
        ("boilerplate", "{phrases: [x], line_patterns: ['[a-']}", "{match}", "line pattern '[a-'"),
        (
            "substitution",
            "{swap: {a: b}, typo: 1}",
            "{match}",
            "params: Object contains unknown field `typo`",
        ),
    ],
)
def test_a_wrong_rule_is_refused_with_the_file_line_rule_and_problem(
    tmp_path: Path, kind: str, params: str, message: str, problem: str
) -> None:
    path = _pack(tmp_path, kind, params, message)
    with pytest.raises(RuleError) as caught:
        load_pack(path, KINDS)
    text = str(caught.value)
    assert text.startswith(f"{path}:")
    assert "rule 'the-rule':" in text
    assert problem in text


def test_an_unknown_kind_lists_every_kind(tmp_path: Path) -> None:
    path = _pack(tmp_path, "patern", "{}", "x")
    with pytest.raises(RuleError) as caught:
        load_pack(path, KINDS)
    assert f"{path}:4: rule 'the-rule': unknown kind 'patern'; expected one of: " in str(
        caught.value
    )
    listed = str(caught.value).split("expected one of: ")[1].split(", ")
    assert listed == sorted(KINDS)
