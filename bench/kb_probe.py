"""`make kb-probe`: the knowledge-base probe (bot/kb/probe.py) on bench/kb-probe/*.yaml.

Facts: who held an office on a day, each with its source, answered by the KB; the figures are
the share right (target >= 97%) and the count wrong (target 0; unknown is not wrong). Spellings:
the share that resolve to the right leader and no one else (target >= 95%).
Run: `.venv/bin/python bench/kb_probe.py [--rules DIR] [--show|--verbose]`; exit 1 when a target
is missed. Without --show only the wrong answers are listed; with it the unknown ones too.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from bot.engine import load_ruleset
from bot.kb.probe import REGIONS, Verdict, judge, read_facts, read_leaders, spell

HERE = Path(__file__).resolve().parent / "kb-probe"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--facts", type=Path, default=HERE / "facts.yaml")
    parser.add_argument("--spellings", type=Path, default=HERE / "spellings.yaml")
    parser.add_argument("--rules", type=Path, default=None, help="rules folder (default: bundled)")
    parser.add_argument(
        "--show",
        "--verbose",
        "-v",
        action="store_true",
        help="list every fact not answered right (the unknown ones too, not only the wrong)",
    )
    args = parser.parse_args()
    index = load_ruleset(args.rules).knowledge
    judged = [judge(index, fact) for fact in read_facts(args.facts)]
    counts = Counter(j.verdict for j in judged)
    total = len(judged)
    recent = [j for j in judged if j.fact.day.year >= 2025]
    print(f"facts: {total} ({len(recent)} in 2025-2026)")
    for region in REGIONS:
        mine = [j for j in judged if j.fact.region == region]
        right = sum(j.verdict is Verdict.RIGHT for j in mine)
        print(f"  {region:<14} {right}/{len(mine)} right")
    share = counts[Verdict.RIGHT] / total if total else 0.0
    print(
        f"right {counts[Verdict.RIGHT]}/{total} ({share:.1%}), wrong {counts[Verdict.WRONG]}, "
        f"unknown {counts[Verdict.UNKNOWN]}; 2025-2026: "
        f"{sum(j.verdict is Verdict.RIGHT for j in recent)}/{len(recent)} right"
    )
    for j in judged:
        if j.verdict is Verdict.WRONG or (args.show and j.verdict is not Verdict.RIGHT):
            f = j.fact
            print(f"  {j.verdict.value}: {f.office} on {f.day}: {f.holder}; the KB: {j.said}")
    leaders = read_leaders(args.spellings)
    spelled = [s for leader in leaders for s in spell(index, leader)]
    right = sum(s.right for s in spelled)
    rate = right / len(spelled) if spelled else 0.0
    print(f"spellings: {right}/{len(spelled)} of {len(leaders)} leaders resolve ({rate:.1%})")
    for s in spelled:
        if not s.right:
            print(f"  {s.spelling!r} ({s.leader}): {', '.join(s.resolved) or 'nobody'}")
    met = share >= 0.97 and counts[Verdict.WRONG] == 0 and rate >= 0.95
    print("targets met" if met else "targets missed (>= 97% right, none wrong, >= 95% spellings)")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
