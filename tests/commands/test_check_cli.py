"""`copydesk check` end to end: formats, exit codes, and bad input that must never crash."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli import main

ARTICLE = (
    "GENEVA, March 5, 2025 — Delegates said the round opened on Sunday, March 3, 2025.\n\n"
    "Share this article\n"
)


@pytest.fixture
def rules(test_rules_dir: Path) -> list[str]:
    return ["--rules", str(test_rules_dir)]


def test_json_contract_offsets_and_date_source(tmp_path: Path, rules, capsys) -> None:
    path = tmp_path / "story.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    assert main(["check", "--format", "json", *rules, str(path)]) == 1
    report = json.loads(capsys.readouterr().out)
    (document,) = report["documents"]
    assert document["story_date"] == "2025-03-05"
    assert document["date_source"] == "dateline"
    quotes = [f["quote"] for f in document["findings"]]
    assert quotes == ["Sunday, March 3, 2025", "Share this article"]
    for finding in document["findings"]:
        assert ARTICLE[finding["start"] : finding["end"]] == finding["quote"]
        assert set(finding) >= {
            "category",
            "severity",
            "rule",
            "message",
            "suggestion",
            "sentence",
            "evidence",
        }


def test_date_option_wins_over_the_dateline(tmp_path: Path, rules, capsys) -> None:
    path = tmp_path / "story.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    main(["check", "--format", "json", "--date", "2025-04-01", *rules, str(path)])
    document = json.loads(capsys.readouterr().out)["documents"][0]
    assert (document["story_date"], document["date_source"]) == ("2025-04-01", "option")


def test_clean_article_exits_zero_and_text_report_underlines(tmp_path: Path, rules, capsys) -> None:
    clean = tmp_path / "clean.txt"
    clean.write_text("Delegates met in Geneva on Monday, March 3, 2025.\n", encoding="utf-8")
    assert main(["check", "--date", "2025-03-05", *rules, str(clean)]) == 0
    assert "0 findings in 1 document" in capsys.readouterr().out
    flagged = tmp_path / "flagged.txt"
    flagged.write_text(ARTICLE, encoding="utf-8")
    assert main(["check", "--color", "never", *rules, str(flagged)]) == 1
    out = capsys.readouterr().out
    assert "flagged.txt:1:" in out and "^^^^^" in out and "suggestion: Monday, March 3, 2025" in out


def test_stdin(monkeypatch, rules, capsys) -> None:
    import io

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(ARTICLE.encode())))
    assert main(["check", "--format", "json", *rules, "-"]) == 1
    assert json.loads(capsys.readouterr().out)["documents"][0]["findings"]


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", *args], capture_output=True, text=True, timeout=60
    )


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "empty"),
        (b"   \n\t\n", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00" * 40, "binary"),
        (
            "Caf\u00e9 owners in Lyon said prices rose sharply this year again.".encode("latin-1")
            * 3,
            "UTF-8",
        ),
    ],
    ids=["empty", "whitespace", "binary", "latin-1"],
)
def test_bad_input_is_a_clear_error_not_a_traceback(
    tmp_path: Path, test_rules_dir: Path, content: bytes, expected: str
) -> None:
    path = tmp_path / "input.txt"
    path.write_bytes(content)
    proc = _run("check", "--rules", str(test_rules_dir), str(path))
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert str(path) in proc.stderr and expected in proc.stderr


def test_ten_megabyte_file_is_refused_with_the_limit(tmp_path: Path, test_rules_dir: Path) -> None:
    path = tmp_path / "huge.txt"
    path.write_bytes(b"Officials met again. " * (10 * 1024 * 1024 // 21 + 2))
    proc = _run("check", "--rules", str(test_rules_dir), str(path))
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert "MiB" in proc.stderr or "MB" in proc.stderr


def test_html_page_is_checked_and_offsets_point_into_the_html(
    tmp_path: Path, rules, capsys
) -> None:
    html = (
        "<!doctype html><html><head><title>x</title><script>var a = 'Sunday, March 3, 2025';"
        "</script></head><body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        "<article><h1>Talks resume</h1><p>Delegates said the round opened on "
        "<b>Sunday, March 3, 2025</b>, in Geneva &amp; Lausanne, after weeks of delay.</p>"
        "<p>They plan to meet again in April to discuss the outline of a longer deal.</p>"
        "</article><footer>Copyright 2025</footer></body></html>"
    )
    path = tmp_path / "page.html"
    path.write_text(html, encoding="utf-8")
    assert main(["check", "--format", "json", "--date", "2025-03-05", *rules, str(path)]) == 1
    findings = json.loads(capsys.readouterr().out)["documents"][0]["findings"]
    assert [f["quote"] for f in findings] == ["Sunday, March 3, 2025"]
    assert html[findings[0]["start"] : findings[0]["end"]] == "Sunday, March 3, 2025"
    assert findings[0]["start"] > html.index("<article>")  # not the one in the script


def test_malformed_rule_pack_names_file_line_and_rule(tmp_path: Path, test_rules_dir: Path) -> None:
    rules = tmp_path / "rules"
    shutil.copytree(test_rules_dir, rules)
    pack = rules / "packs" / "broken.yaml"
    pack.write_text(
        "description: a pack with a typo\n"
        "rules:\n"
        "  - id: old-title\n"
        "    kind: titel\n"
        "    category: anachronism\n"
        "    severity: error\n"
        "    message: m\n"
        "    why: w\n"
        "    source: {name: s}\n"
        "    examples: {flag: [{text: t, flags: t}]}\n",
        encoding="utf-8",
    )
    story = tmp_path / "s.txt"
    story.write_text("Delegates met in Geneva.\n", encoding="utf-8")
    proc = _run("check", "--rules", str(rules), str(story))
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert f"{pack}:4: rule 'old-title': unknown kind 'titel'; expected one of:" in proc.stderr
    assert "weekday-date" in proc.stderr


def test_missing_file_and_bad_date_are_usage_errors(tmp_path: Path, test_rules_dir: Path) -> None:
    # the small test knowledge base: the bundled one's index would be built first (seconds)
    proc = _run("check", "--rules", str(test_rules_dir), str(tmp_path / "nope.txt"))
    assert proc.returncode == 2 and "nope.txt" in proc.stderr and "Traceback" not in proc.stderr
    proc = _run("check", "--date", "2025-02-30", str(tmp_path / "nope.txt"))
    assert proc.returncode == 2 and "not a date" in proc.stderr


def test_a_file_without_a_date_is_checked_at_its_weak_file_date(
    tmp_path: Path, rules, capsys
) -> None:
    import os
    from datetime import datetime

    path = tmp_path / "undated.txt"
    path.write_text("President Joe Biden spoke on Tuesday.\n", encoding="utf-8")
    saved = datetime(2025, 7, 29, 12, 0).timestamp()
    os.utime(path, (saved, saved))
    assert main(["check", "--format", "json", *rules, str(path)]) == 1
    document = json.loads(capsys.readouterr().out)["documents"][0]
    assert document["story_date"] == "2025-07-29"
    assert (document["date_source"], document["date_confidence"]) == ("file", "weak")
    assert document["date_label"] == "the file's date (weak: when it was last saved)"
    # who held an office depends on the date: on a weak one the anachronism is a warning
    assert [(f["quote"], f["severity"]) for f in document["findings"]] == [
        ("President Joe Biden", "warning")
    ]
    main(["check", "--format", "json", "--date", "2025-07-29", *rules, str(path)])
    given = json.loads(capsys.readouterr().out)["documents"][0]
    assert given["date_confidence"] == "sure"
    assert [f["severity"] for f in given["findings"]] == ["error"]
