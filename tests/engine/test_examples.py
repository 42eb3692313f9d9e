"""What a rule's examples assert: a flag example only its own finding, a pass example nothing
of its own rule."""

from __future__ import annotations

from pathlib import Path

from bot.engine import Ruleset
from bot.engine.examples import run_examples
from bot.engine.registry import KINDS
from bot.engine.rules import load_pack

PACK = """\
description: Two rules whose examples exercise the runner.
rules:
  - id: no-tk
    kind: existence
    category: style
    severity: error
    message: "Fill in {match}."
    why: Placeholders must not be printed.
    source: {name: the test}
    params: {tokens: [TKTK]}
    examples:
      flag:
        - {text: "Worth TKTK dollars.", flags: "TKTK", message: "Fill in TKTK."}
        - {text: "Worth TKTK dollars to the Untied States.", flags: "TKTK"}
        - {text: "Worth TKTK dollars to the Untied States.", flags: "TKTK", also: [Untied States]}
        - {text: "Worth TKTK dollars.", flags: "TKTK", message: "Fill it in."}
        - {text: "Worth TKTK and TKTK dollars.", flags: "TKTK"}
        - {text: "Worth TK dollars.", flags: "TK"}
      pass:
        - {text: "The Untied States has no TK here."}
        - {text: "Worth TKTK dollars."}
  - id: untied
    kind: substitution
    category: style
    severity: error
    message: "{match} is a typo."
    why: A typo spell-checkers let through.
    source: {name: the test}
    params: {swap: {Untied States: United States}}
    examples:
      flag:
        - {text: "The Untied States.", flags: "Untied States"}
"""


def test_each_example_asserts_exactly_its_own_finding(
    tmp_path: Path, test_ruleset: Ruleset
) -> None:
    path = tmp_path / "house.yaml"
    path.write_text(PACK, encoding="utf-8")
    rules = tuple(load_pack(path, KINDS))
    ruleset = test_ruleset.with_rules(rules)
    results = run_examples(ruleset, rules[0])
    assert [(r.kind, r.ok) for r in results] == [
        ("flag", True),  # its span and its message
        ("flag", False),  # another rule flags the example too
        ("flag", True),  # ... unless the example names that span under `also`
        ("flag", False),  # the message differs
        ("flag", False),  # the rule flags a second span
        ("flag", False),  # missed
        ("pass", True),  # another rule's finding on a pass example does not count
        ("pass", False),  # a false flag of the rule itself
    ]
    problems = [r.problem for r in results]
    assert problems[1] == (
        "also flagged: house.untied 'Untied States' (an example must flag only its own span)"
    )
    assert problems[3] == "wrong message: expected 'Fill it in.', got 'Fill in TKTK.'"
    assert problems[4].startswith("also flagged: house.no-tk 'TKTK'")
    assert problems[5] == "missed: expected house.no-tk 'TK', got nothing"
    assert problems[7].startswith("false flag: ['TKTK']")
