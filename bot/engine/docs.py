"""Generate docs/rules.md from the rule packs (sqlfluff's and ruff's habit): what each rule
flags, why it matters, an example, what to write instead, the source. A test fails when the
checked-in file is stale: run `make docs`."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path

from bot.engine.rules import LoadedRule


def render(rules: Iterable[LoadedRule]) -> str:
    lines = [
        "# Copydesk rules",
        "",
        "Generated from `rules/packs/*.yaml` by `make docs`; do not edit by hand.",
        "",
    ]
    by_pack: dict[str, list[LoadedRule]] = {}
    for rule in rules:
        by_pack.setdefault(rule.pack, []).append(rule)
    for pack, pack_rules in by_pack.items():
        lines += [f"## {pack}", ""]
        for rule in pack_rules:
            spec = rule.spec
            source = (
                f"[{spec.source.name}]({spec.source.url})" if spec.source.url else spec.source.name
            )
            lines += [
                f"### `{rule.id}`",
                "",
                f"*{spec.category.value}, {spec.severity.value}; engine check `{spec.kind}`*",
                "",
                " ".join(spec.why.split()),
                "",
                f"Message: {spec.message}",
                "",
            ]
            if spec.suggestion:
                lines += [f"Suggestion: {spec.suggestion}", ""]
            lines += [f"Source: {source}", "", "Flags:", ""]
            for example in spec.examples.flag:
                when = f" (story dated {example.story_date})" if example.story_date else ""
                text = example.text.replace("\n", " ⏎ ")
                lines.append(f"- {text} → **{example.flags}**{when}")
            lines += ["", "Stays silent on:", ""]
            for near in spec.examples.pass_:
                text = near.text.replace("\n", " ⏎ ")
                why = f" — {near.why}" if near.why else ""
                lines.append(f"- {text}{why}")
            lines.append("")
    return "\n".join(lines)


def pack_rules(rules_dir: Path) -> list[LoadedRule]:
    """Every rule of every pack (the knowledge base is not needed for the docs)."""
    from bot.engine.registry import KINDS
    from bot.engine.rules import load_pack

    return [
        r for path in sorted((rules_dir / "packs").glob("*.yaml")) for r in load_pack(path, KINDS)
    ]


def main() -> int:
    from bot.engine.ruleset import default_rules_dir

    rules_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else default_rules_dir()
    sys.stdout.write(render(pack_rules(rules_dir)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
