"""Engine benchmark (issue 2): figures, not a pass/fail test. Run: `make bench` or
`.venv/bin/python bench/bench_engine.py [--seeds ../shared/seeds] [--runs 300]`.

Reports, for the seed articles, Copydesk's warm check time per article (p50, p99), throughput on
a ~1 MB document and how time grows with size, whole-process time of `copydesk check` on one
article, peak RSS of that process, and proselint on the same inputs in the same run: this
machine is shared and noisy, so the ratios are the figures that count.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.document import load_document  # noqa: E402
from bot.engine import check, load_ruleset  # noqa: E402

STORY_DATE = date(2025, 7, 29)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def copydesk_warm(texts: list[str], runs: int) -> list[float]:
    ruleset = load_ruleset()
    for text in texts:  # warm caches and lazy imports
        check(load_document(text, name="w", story_date=STORY_DATE, today=STORY_DATE), ruleset)
    times = []
    for _ in range(runs):
        for text in texts:
            started = time.perf_counter()
            document = load_document(text, name="a", story_date=STORY_DATE, today=STORY_DATE)
            check(document, ruleset)
            times.append(time.perf_counter() - started)
    return times


def proselint_warm(texts: list[str], runs: int) -> list[float]:
    from proselint.checks import __register__
    from proselint.config import DEFAULT
    from proselint.registry import CheckRegistry
    from proselint.tools import LintFile

    CheckRegistry().register_many(__register__)
    for text in texts:
        LintFile("w", text).lint(DEFAULT)
    times = []
    for _ in range(runs):
        for text in texts:
            started = time.perf_counter()
            LintFile("a", text).lint(DEFAULT)
            times.append(time.perf_counter() - started)
    return times


def throughput(texts: list[str], megabytes: float) -> tuple[float, list[tuple[int, float]]]:
    ruleset = load_ruleset()
    body = "\n\n".join(texts)
    growth = []
    for fraction in (0.25, 0.5, 1.0):
        size = int(megabytes * fraction * 1024 * 1024)
        big = (body + "\n\n") * (size // len(body) + 1)
        big = big[:size]
        started = time.perf_counter()
        check(load_document(big, name="big", story_date=STORY_DATE, today=STORY_DATE), ruleset)
        growth.append((len(big.encode()), time.perf_counter() - started))
    size, seconds = growth[-1]
    return size / seconds / 1e6, growth


def process_time(argv: list[str], runs: int) -> tuple[float, int]:
    """Median wall time of a whole process, and the largest peak RSS (KiB) among the runs."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - started)
    return statistics.median(times), resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss


def peak_rss(argv: list[str]) -> int:
    """Peak RSS (KiB) of one process, measured from a fresh parent so no other child counts."""
    probe = (
        "import resource, subprocess, sys; "
        "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL); "
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    out = subprocess.run([sys.executable, "-c", probe, *argv], capture_output=True, text=True)
    return int(out.stdout.strip() or 0)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seeds", default=str(ROOT.parent / "shared" / "seeds"))
    parser.add_argument("--runs", type=int, default=300)
    parser.add_argument("--process-runs", type=int, default=15)
    args = parser.parse_args()
    seeds = sorted(Path(args.seeds).glob("*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in seeds]
    sizes = [len(t.encode()) for t in texts]
    print(f"{len(texts)} seed articles, {min(sizes)}-{max(sizes)} bytes; runs {args.runs}")

    load_ruleset()  # build the prebuilt index once, outside the timings
    mine = copydesk_warm(texts, args.runs)
    theirs = proselint_warm(texts, max(20, args.runs // 10))
    p50, p99 = percentile(mine, 0.5) * 1e3, percentile(mine, 0.99) * 1e3
    q50, q99 = percentile(theirs, 0.5) * 1e3, percentile(theirs, 0.99) * 1e3
    print(f"warm per article   copydesk p50 {p50:.2f} ms  p99 {p99:.2f} ms")
    print(f"                   proselint p50 {q50:.2f} ms  p99 {q99:.2f} ms")
    print(f"                   -> copydesk is {q50 / p50:.1f}x faster at p50")

    mbps, growth = throughput(texts, 1.0)
    print(
        f"1 MB document      {mbps:.2f} MB/s; growth: "
        + ", ".join(f"{size / 1e6:.2f} MB in {seconds:.2f} s" for size, seconds in growth)
    )

    copydesk = [
        str(ROOT / ".venv" / "bin" / "copydesk"),
        "check",
        "--date",
        "2025-07-29",
        str(seeds[-1]),
    ]
    proselint = [str(ROOT / ".venv" / "bin" / "proselint"), "check", str(seeds[-1])]
    mine_proc, _ = process_time(copydesk, args.process_runs)
    theirs_proc, _ = process_time(proselint, args.process_runs)
    print(
        f"whole process      copydesk {mine_proc * 1e3:.0f} ms  "
        f"proselint {theirs_proc * 1e3:.0f} ms  -> ratio {mine_proc / theirs_proc:.2f}"
    )

    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as fh:
        body = "\n\n".join(texts)
        fh.write((body * (1024 * 1024 // len(body) + 1))[: 1024 * 1024])
    copydesk_big = [copydesk[0], "check", "--format", "json", "--date", "2025-07-29", fh.name]
    print(
        f"peak RSS           copydesk check on one article: {peak_rss(copydesk) / 1024:.0f} MiB; "
        f"on 1 MB: {peak_rss(copydesk_big) / 1024:.0f} MiB"
    )
    Path(fh.name).unlink()
    return 0


if __name__ == "__main__":
    sys.exit(main())
