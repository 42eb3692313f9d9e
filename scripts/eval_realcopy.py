#!/usr/bin/env python3
"""Score Copydesk on real published copy and say where it fails, per injection kind.

    scripts/eval_realcopy.py                      # the whole set through score.py (the figure)
    scripts/eval_realcopy.py --sample 300         # a spread sample, for iteration (< 3 minutes)
    scripts/eval_realcopy.py --in-process         # the same scoring with the engine in this
                                                  # process: seconds, for tight loops only
    scripts/eval_realcopy.py --show-false         # every false flag with its sentence

The official figure is `score.py`'s own summary line, printed unchanged. Recall per injection
kind comes from the case ids (`rc-<article>-<kind>-<n>`), which `score.py` does not break down.
The in-process mode reuses `score.py`'s span and overlap functions so that its figures match.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
DEFAULT_CASES = SHARED / "eval" / "realcopy-dev.yaml"
CASE_KIND = re.compile(r"-(?P<kind>[a-z]+)(?:-\d+)?$")


def kind_of(case_id: str) -> str:
    match = CASE_KIND.search(case_id)
    return match.group("kind") if match else "?"


def load_score_module(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("copydesk_eval_score", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def load_cases(path: Path, sample: int) -> tuple[list[dict[str, Any]], bool]:
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    loaded = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)  # noqa: S506
    cases = loaded["cases"]
    if 0 < sample < len(cases):  # the same spread as score.py --sample
        step = len(cases) / sample
        cases = [cases[int(i * step)] for i in range(sample)]
    return cases, bool(loaded.get("residue_lines_ok"))


def run_score(args: argparse.Namespace, out_json: Path) -> str:
    """score.py as the product is judged: one process per case."""
    cmd = [
        sys.executable,
        str(args.score),
        str(args.cases),
        "--jobs",
        str(args.jobs),
        "--json",
        str(out_json),
        "--cmd",
        f"{ROOT / '.venv' / 'bin' / 'copydesk'} check --format json",
    ]
    if args.sample:
        cmd += ["--sample", str(args.sample)]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)  # noqa: S603 (our own argv)
    if done.returncode not in (0, 1):
        sys.exit(f"score.py failed ({done.returncode}): {done.stderr[-2000:]}")
    return done.stdout.strip().splitlines()[-1]


def run_in_process(
    args: argparse.Namespace, cases: list[dict[str, Any]], residue_ok: bool
) -> tuple[str, dict[str, Any]]:
    """The same scoring as score.py, the engine called directly (no process per case)."""
    from datetime import date

    from bot.document import load_document
    from bot.engine import check_batch, load_ruleset
    from bot.report.json import finding_json

    score = load_score_module(args.score)
    ruleset = load_ruleset(None)
    seeds = Path(args.score).parent.parent / "seeds"
    hits: Counter[str] = Counter()
    totals: Counter[str] = Counter()
    flags = good = clean_flags = clean_words = malformed = 0
    detail: list[dict[str, Any]] = []
    today = date.today()
    for case in cases:
        docs = score.documents(case, seeds)
        story = case.get("date")
        loaded = [
            load_document(
                text.encode("utf-8"),
                name=f"{name}.txt",
                story_date=date.fromisoformat(str(story)) if story else None,
                today=today,
            )
            for name, text in docs.items()
        ]
        results = check_batch(loaded, ruleset)
        found = {
            name: [finding_json(f) for f in result]
            for name, result in zip(docs, results, strict=True)
        }
        expect = score.labelled(case, docs, "expect")
        allow = score.labelled(case, docs, "allow")
        if not expect:
            clean_words += sum(len(t.split()) for t in docs.values())
        for gold in expect:
            totals[gold["category"]] += 1
            mine = [f for f in found[gold["doc"]] if score._valid(f, docs[gold["doc"]])]
            if any(score.overlaps(f, gold) for f in mine):
                hits[gold["category"]] += 1
            else:
                detail.append(
                    {"case": case["id"], "missed": gold["quote"], "category": gold["category"]}
                )
        for name, findings in found.items():
            for f in findings:
                flags += 1
                if not score._valid(f, docs[name]):
                    malformed += 1
                    continue
                golds = [g for g in expect + allow if g["doc"] == name]
                if any(score.overlaps(f, g) for g in golds) or (
                    residue_ok and score._whole_line_residue(f, docs[name])
                ):
                    good += 1
                else:
                    if not expect:
                        clean_flags += 1
                    detail.append(
                        {
                            "case": case["id"],
                            "false_flag": f.get("quote"),
                            "category": f.get("category"),
                            "message": f.get("message"),
                            "rule": f.get("rule"),
                            "sentence": f.get("sentence"),
                            "start": f.get("start"),
                        }
                    )
    hit, total = sum(hits.values()), sum(totals.values())
    summary = (
        f"recall {hit / total if total else 1:.2f} ({hit}/{total}) "
        f"precision {good / flags if flags else 1:.2f} ({good}/{flags}) "
        f"flags-on-clean-cases {clean_flags} malformed {malformed} failed-runs 0"
    )
    if clean_words >= 10000:
        summary += f" clean-flags-per-10k-words {clean_flags / clean_words * 10000:.2f}"
    return summary + " [in-process]", {"detail": detail}


def breakdown(cases: list[dict[str, Any]], result: dict[str, Any]) -> list[str]:
    """Recall per injection kind, and false flags per rule on untouched copy."""
    totals: Counter[str] = Counter()
    for case in cases:
        totals[kind_of(case["id"])] += len(case.get("expect") or [])
    missed: Counter[str] = Counter()
    false_by_rule: Counter[str] = Counter()
    for row in result["detail"]:
        kind = kind_of(row["case"])
        if "missed" in row:
            missed[kind] += 1
        elif "false_flag" in row and kind == "clean":
            false_by_rule[row.get("rule") or row.get("category") or "?"] += 1
    lines = ["recall by injection kind:"]
    for kind in sorted(totals):
        if totals[kind]:
            got = totals[kind] - missed[kind]
            lines.append(f"  {kind:10} {got / totals[kind]:.2f}  ({got}/{totals[kind]})")
    if false_by_rule:
        lines.append("false flags on untouched copy, by rule (or category):")
        lines += [f"  {n:4}  {rule}" for rule, n in false_by_rule.most_common()]
    return lines


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument(
        "--cases", type=Path, default=DEFAULT_CASES, help="a case file in score.py's format"
    )
    ap.add_argument("--score", type=Path, default=SHARED / "eval" / "score.py", help="score.py")
    ap.add_argument("--sample", type=int, default=0, help="about N cases, spread as score.py does")
    ap.add_argument("--jobs", type=int, default=2, help="cases checked at once by score.py")
    ap.add_argument("--in-process", action="store_true", help="fast, for iteration only")
    ap.add_argument("--show-false", action="store_true", help="list false flags on untouched copy")
    ap.add_argument("--show-missed", metavar="KIND", help="list misses of one injection kind")
    ap.add_argument("--json", type=Path, help="write score.py's full result here")
    args = ap.parse_args()

    cases, residue_ok = load_cases(args.cases, args.sample)
    if args.in_process:
        sys.path.insert(0, str(ROOT))
        summary, result = run_in_process(args, cases, residue_ok)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            out = args.json or Path(tmp) / "score.json"
            summary = run_score(args, out)
            result = json.loads(out.read_text(encoding="utf-8"))
    if args.json and args.in_process:
        args.json.write_text(json.dumps(result, indent=2, ensure_ascii=False), encoding="utf-8")
    for line in breakdown(cases, result):
        print(line)
    if args.show_false or args.show_missed:
        by_case = {c["id"]: c for c in cases}
        groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for row in result["detail"]:
            kind = kind_of(row["case"])
            if args.show_false and "false_flag" in row and kind == "clean":
                groups["false"].append(row)
            if args.show_missed and "missed" in row and kind == args.show_missed:
                groups["missed"].append(row)
        for row in groups["false"] + groups["missed"]:
            case = by_case.get(row["case"], {})
            print(json.dumps({**row, "date": str(case.get("date"))}, ensure_ascii=False))
    print(summary)
    return 0


if __name__ == "__main__":
    sys.exit(main())
