"""Knowledge-base benchmark (issue 3): figures, not a pass/fail test.

Checks the seed articles with the real KB and with the real KB plus 100,000 synthetic people
(with terms in synthetic offices), and reports warm time per article for both (target: within
2x), the time to load the prebuilt index (target: under 300 ms) and resident memory after
loading and checking (target: under 200 MB). Each measurement runs in a fresh process.
Run: `.venv/bin/python bench/bench_kb.py [--people 100000]`.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
SYLLABLES = (
    "ka lo mi ra te su na vo ri pe da ne ko la mu se ti ba go zu fa ho ji ya we xi qu".split()
)

PROBE = r"""
import json, statistics, sys, time


def peak_mb():
    # VmHWM is this process's own peak; ru_maxrss survives exec and would report the parent's
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


from datetime import date
from pathlib import Path
sys.path.insert(0, sys.argv[1])
rules, seeds = Path(sys.argv[2]), sorted(Path(sys.argv[3]).glob("*.txt"))
from bot.engine import check, load_ruleset
started = time.perf_counter()
ruleset = load_ruleset(rules)
load = time.perf_counter() - started
from bot.document import load_document
texts = [p.read_text(encoding="utf-8") for p in seeds]
day = date(2025, 7, 29)
for t in texts:
    check(load_document(t, name="w", story_date=day, today=day), ruleset)
times = []
for _ in range(int(sys.argv[4])):
    for t in texts:
        s = time.perf_counter()
        check(load_document(t, name="a", story_date=day, today=day), ruleset)
        times.append(time.perf_counter() - s)
times.sort()
print(json.dumps({"load_ms": load * 1e3, "p50_ms": times[len(times) // 2] * 1e3,
                  "p99_ms": times[int(len(times) * 0.99)] * 1e3,
                  "rss_mb": peak_mb(),
                  "people": len(ruleset.knowledge.kb.people)}))
"""


def synthetic_kb(count: int, seed: int = 7) -> dict[str, object]:
    """People with two- or three-part invented names, each holding a term in one of 500 offices."""
    rng = random.Random(seed)
    offices = [
        {
            "id": f"zz.office-{i}",
            "name": f"Synthetic Office {i}",
            "jurisdiction": "ZZ",
            "group": "other",
            "titles": [f"Synthetic Minister {i}"],
            "complete_from": "1990-01-01",
            "source": "synthetic",
        }
        for i in range(500)
    ]
    people, terms = [], []
    for i in range(count):
        first = "".join(rng.choice(SYLLABLES) for _ in range(2)).title()
        last = "".join(rng.choice(SYLLABLES) for _ in range(3)).title()
        pid = f"synthetic-{i}"
        people.append({"id": pid, "name": f"{first} {last}", "short": [last]})
        start = 1990 + rng.randrange(34)
        terms.append(
            {
                "person": pid,
                "office": f"zz.office-{i % 500}",
                "start": str(start),
                "end": str(start + 1 + rng.randrange(5)),
                "source": "synthetic",
            }
        )
    return {
        "description": "synthetic benchmark data",
        "sources": [{"id": "synthetic", "name": "synthetic", "complete_to": "2026-01-01"}],
        "jurisdictions": [{"id": "ZZ", "name": "Synthetica", "adjectives": ["Synthetic"]}],
        "offices": offices,
        "people": people,
        "terms": terms,
    }


def measure(rules: Path, seeds: Path, runs: int) -> dict[str, float]:
    subprocess.run(
        [str(ROOT / ".venv/bin/copydesk"), "kb", "build", "--rules", str(rules)],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    out = subprocess.run(
        [sys.executable, "-c", PROBE, str(ROOT), str(rules), str(seeds), str(runs)],
        check=True,
        capture_output=True,
        text=True,
    )
    return dict(json.loads(out.stdout))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seeds", default=str(ROOT.parent / "shared" / "seeds"))
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=200)
    args = parser.parse_args()
    seeds = Path(args.seeds)
    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / "rules"
        shutil.copytree(ROOT / "rules", big)
        (big / "kb" / "zz-synthetic.yaml").write_text(
            yaml.safe_dump(synthetic_kb(args.people), sort_keys=False), encoding="utf-8"
        )
        real = measure(ROOT / "rules", seeds, args.runs)
        synthetic = measure(big, seeds, args.runs)
    for label, r in (("real KB", real), (f"real + {args.people:,} synthetic", synthetic)):
        print(
            f"{label:<28} people {int(r['people']):>7,}  index load {r['load_ms']:6.1f} ms  "
            f"check p50 {r['p50_ms']:.2f} ms  p99 {r['p99_ms']:.2f} ms  RSS {r['rss_mb']:.0f} MB"
        )
    print(f"warm time ratio (synthetic / real) at p50: {synthetic['p50_ms'] / real['p50_ms']:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
