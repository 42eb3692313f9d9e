"""Loading files and standard input, and what plain text costs."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from datetime import date, datetime
from pathlib import Path

import pytest

from bot.document import HTML, PLAIN, DateSource, load_document, load_file
from bot.errors import InputError

from .test_files import make_docx

TODAY = date(2025, 8, 1)
ARTICLE = (
    "The harbor council voted 5-2 on Tuesday to approve a ferry route to Peirce Island, "
    "ending a debate that ran for more than a year.\n"
    "Council chair Maria Lopez said the first boats would run in May, and that fares would be "
    "set after two public hearings.\n"
)


def _touch(path: Path, day: date) -> None:
    stamp = datetime(day.year, day.month, day.day, 12).timestamp()
    os.utime(path, (stamp, stamp))


def test_file_date_is_its_modification_time(tmp_path: Path) -> None:
    path = tmp_path / "ferry.txt"
    path.write_bytes(ARTICLE.encode())
    _touch(path, date(2025, 7, 30))
    doc = load_file(path, today=TODAY)
    assert (doc.story_date, doc.date_source) == (date(2025, 7, 30), DateSource.MESSAGE)
    assert doc.name == str(path)
    assert doc.source == ARTICLE
    given = load_file(path, story_date=date(2025, 7, 1), today=TODAY)
    assert (given.story_date, given.date_source) == (date(2025, 7, 1), DateSource.OPTION)


def test_file_suffix_decides_the_media_type(tmp_path: Path) -> None:
    markup = "<p>" + ARTICLE.replace("\n", "</p><p>") + "</p>"
    (tmp_path / "a.html").write_text(markup, encoding="utf-8")
    (tmp_path / "a.md").write_text(markup, encoding="utf-8")  # Markdown may quote HTML
    assert load_file(tmp_path / "a.html", today=TODAY).media_type == HTML
    assert load_file(tmp_path / "a.md", today=TODAY).media_type == PLAIN


def test_docx_file_is_read_through_extraction(tmp_path: Path) -> None:
    path = tmp_path / "story.docx"
    path.write_bytes(make_docx())
    doc = load_file(path, today=TODAY)
    assert doc.text.startswith("Transit bill advances\n")
    assert doc.story_date == date(2023, 3, 3)


def test_missing_file_and_directory_are_input_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        load_file(tmp_path / "missing.txt", today=TODAY)
    with pytest.raises(InputError, match="is a directory"):
        load_file(tmp_path, today=TODAY)


def test_oversized_file_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(10 * 1024 * 1024 + 1)  # sparse: its size is all that is checked
    with pytest.raises(InputError, match="10,485,761 bytes"):
        load_file(path, today=TODAY)


def _run(code: str, stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-c", code], input=stdin, capture_output=True, check=False, timeout=60
    )


def test_dash_reads_standard_input_bytes_as_given() -> None:
    code = (
        "from datetime import date; from bot.document import load_file\n"
        "doc = load_file('-', today=date(2025, 8, 1))\n"
        "print(doc.name, doc.date_source.value, repr(doc.source[:11]))"
    )
    result = _run(code, stdin=b"Line one.\r\nLine two.\r\n")
    assert result.stdout.decode().strip() == "<stdin> today 'Line one.\\r\\n'"


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
    # Issue 2: well under 0.3 ms for 4 KB (measured ~0.05 ms); bounds leave room for a busy CI.
    small = (ARTICLE * 20).encode()[:4096]
    large = (ARTICLE * 5000).encode()[: 1024 * 1024]
    assert _median_seconds(small, 200) < 0.001
    assert _median_seconds(large, 9) < 0.02
