"""`copydesk rules` lists the loaded rules; `copydesk rules test` runs every rule's examples."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from bot.errors import UsageError

if TYPE_CHECKING:
    from bot.engine.rules import LoadedRule


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("rules", help="list the rules, or test their examples")
    parser.add_argument("--rules", help="rules directory (default: the bundled rules)")
    sub = parser.add_subparsers(dest="rules_command", metavar="SUBCOMMAND")
    test = sub.add_parser("test", help="run every rule's must-flag and must-pass examples")
    test.add_argument("--rules", help="rules directory (default: the bundled rules)")
    test.add_argument(
        "ids",
        nargs="*",
        metavar="RULE",
        help="only these rules: qualified ids (dates.impossible-date) or bare ones "
        "(impossible-date); default: every rule",
    )
    test.set_defaults(func=run_test)
    parser.set_defaults(func=run_list)


def _ruleset(args: argparse.Namespace) -> Any:
    from pathlib import Path

    from bot.engine import load_ruleset

    return load_ruleset(Path(args.rules) if args.rules else None)


def run_list(args: argparse.Namespace) -> int:
    ruleset = _ruleset(args)
    width = max((len(r.id) for r in ruleset.rules), default=10)
    for rule in ruleset.rules:
        state = "" if rule.spec.enabled else "  (disabled)"
        print(
            f"{rule.id:<{width}}  {rule.spec.category.value:<13} {rule.spec.severity.value:<7} "
            f"{rule.spec.kind}{state}"
        )
    print(f"\n{len(ruleset.rules)} rules; knowledge base {ruleset.kb_version}")
    return 0


def _chosen(rules: Sequence[LoadedRule], ids: list[str]) -> list[LoadedRule]:
    """The rules named on the command line (all when none is); an unknown id is a usage error
    (exit 2): a typo must not pass as 'nothing failed'."""
    if not ids:
        return list(rules)
    unknown = [i for i in ids if not any(i in (r.id, r.spec.id) for r in rules)]
    if unknown:
        raise UsageError(
            f"unknown rule id(s): {', '.join(unknown)}; `copydesk rules` lists the "
            "rules (ids like dates.impossible-date, or impossible-date)"
        )
    return [r for r in rules if r.id in ids or r.spec.id in ids]


def run_test(args: argparse.Namespace) -> int:
    from bot.engine.examples import run_examples

    ruleset = _ruleset(args)
    failures = passed = 0
    for rule in _chosen(ruleset.rules, args.ids):
        for result in run_examples(ruleset, rule):
            if result.ok:
                passed += 1
            else:
                failures += 1
                print(f"FAIL {result.rule} [{result.kind}] {result.problem}")
                print(f"     text: {result.text!r}")
    print(f"{passed} passed, {failures} failed")
    return 1 if failures else 0
