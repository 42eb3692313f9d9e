"""Loading an article's bytes, and what plain text costs."""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from datetime import date

from bot.document import load_document

TODAY = date(2025, 8, 1)
ARTICLE = (
    "The harbor council voted 5-2 on Tuesday to approve a ferry route to Peirce Island, "
    "ending a debate that ran for more than a year.\n"
    "Council chair Maria Lopez said the first boats would run in May, and that fares would be "
    "set after two public hearings.\n"
)


def _run(code: str, stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-c", code], input=stdin, capture_output=True, check=False, timeout=60
    )


def test_plain_text_imports_no_heavy_library() -> None:
    code = (
        "import sys; from datetime import date; from bot.document import load_document\n"
        f"load_document({ARTICLE.encode()!r}, name='t', today=date(2025, 8, 1))\n"
        "heavy = {'trafilatura', 'charset_normalizer', 'docx', 'pypdf', 'lxml', 'syntok'}\n"
        "print(sorted(heavy & {m.split('.')[0] for m in sys.modules}))"
    )
    result = _run(code)
    assert result.stdout.decode().strip() == "[]", result.stderr.decode()


def _median_seconds(data: bytes, runs: int) -> float:
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        load_document(data, name="t", today=TODAY)
        timings.append(time.perf_counter() - start)
    return statistics.median(timings)


def test_plain_text_loads_fast() -> None:
    # The budget: well under 0.3 ms for 4 KB (measured ~0.05 ms); bounds leave room for a busy CI.
    small = (ARTICLE * 20).encode()[:4096]
    large = (ARTICLE * 5000).encode()[: 1024 * 1024]
    assert _median_seconds(small, 200) < 0.001
    assert _median_seconds(large, 9) < 0.02
