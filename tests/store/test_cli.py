"""`copydesk db upgrade`, `copydesk history` and `copydesk stats`, run as an editor would."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from bot.cli import main
from bot.report.model import finding_key
from bot.store import CheckRecord, Store
from tests.findings import make_finding


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _seed(store: Store) -> None:
    flag = make_finding("titles.anachronism", "President Joe Biden", 4)
    other = make_finding("names.spelling", "Scott Bessant", 40, "name")
    for i, created in enumerate(
        (datetime(2025, 6, 2, 8, tzinfo=UTC), datetime(2025, 7, 29, 9, 30, tzinfo=UTC))
    ):
        check_id = store.record_check(
            CheckRecord(
                channel="CDESK",
                message_ts=f"175380000{i}.000100",
                story_date=date(2025, 7, 29),
                date_source="dateline",
                findings=[flag, other],
                rules_version="r7",
                kb_version="kb1",
                duration_ms=38.2,
                created_at=created,
            )
        )
        if i == 1:
            store.record_dismissal(
                check_id, finding_key(other), other.rule, other.quote, "CDESK", "U1"
            )


def test_upgrade_then_empty_history_and_stats(
    capsys: pytest.CaptureFixture[str], database_url: str
) -> None:
    code, out, _ = _run(capsys, "db", "upgrade", "--database-url", database_url)
    assert code == 0 and "upgraded from an empty database to revision" in out
    code, out, _ = _run(capsys, "db", "upgrade", "--database-url", database_url)
    assert code == 0 and "already at revision" in out
    assert _run(capsys, "history", "--database-url", database_url)[1] == "No checks recorded yet.\n"
    assert _run(capsys, "stats", "--database-url", database_url)[1] == "No flags recorded.\n"
    code, out, _ = _run(capsys, "db", "current", "--database-url", database_url)
    assert code == 0 and "up to date" in out


def test_history_and_stats_on_a_database_never_upgraded(
    capsys: pytest.CaptureFixture[str], database_url: str
) -> None:
    for command in ("history", "stats"):
        code, out, err = _run(capsys, command, "--database-url", database_url)
        assert code == 2 and out == ""
        assert "run `copydesk db upgrade`" in err and "Traceback" not in err


def test_history_does_not_create_a_database_file(tmp_path: Path) -> None:
    env = {"COPYDESK_DATABASE_URL": f"sqlite:///{tmp_path / 'none.db'}", "PATH": ""}
    done = subprocess.run(
        [sys.executable, "-m", "bot", "history"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert done.returncode == 2
    assert "no database at" in done.stderr and "copydesk db upgrade" in done.stderr
    assert not (tmp_path / "none.db").exists()


def test_history_lists_recent_checks(capsys: pytest.CaptureFixture[str], store: Store) -> None:
    _seed(store)
    url = store.engine.url.render_as_string(hide_password=False)
    code, out, _ = _run(capsys, "history", "--limit", "1", "--database-url", url)
    lines = out.splitlines()
    assert code == 0 and len(lines) == 2
    assert lines[0].split() == [
        "ID",
        "CHECKED",
        "(UTC)",
        "CHANNEL",
        "MESSAGE",
        "STORY",
        "DATE",
        "FINDINGS",
        "MS",
    ]
    assert "2025-07-29 09:30" in lines[1] and "1753800001.000100" in lines[1]
    assert "2025-07-29 (dateline)" in lines[1]
    code, out, _ = _run(capsys, "history", "--json", "--database-url", url)
    rows = [json.loads(line) for line in out.splitlines()]
    assert [r["message_ts"] for r in rows] == ["1753800001.000100", "1753800000.000100"]
    assert rows[0]["findings"] == 2


def test_stats_per_rule_with_since(capsys: pytest.CaptureFixture[str], store: Store) -> None:
    _seed(store)
    url = store.engine.url.render_as_string(hide_password=False)
    code, out, _ = _run(capsys, "stats", "--database-url", url)
    table = [line.split() for line in out.splitlines()[1:]]
    assert code == 0
    assert table == [
        ["RULE", "FLAGS", "DISMISSED", "RATE"],
        ["names.spelling", "2", "1", "50.0%"],
        ["titles.anachronism", "2", "0", "0.0%"],
        ["(all", "rules)", "4", "1", "25.0%"],
    ]
    code, out, _ = _run(capsys, "stats", "--since", "2025-07-01", "--json", "--database-url", url)
    assert [json.loads(line) for line in out.splitlines()] == [
        {"rule": "names.spelling", "flags": 1, "dismissals": 1, "dismissal_rate": 1.0},
        {"rule": "titles.anachronism", "flags": 1, "dismissals": 0, "dismissal_rate": 0.0},
    ]


def test_prune_keeps_recent_rows(capsys: pytest.CaptureFixture[str], store: Store) -> None:
    store.accept("Ev1", "message", "C1", "1.0", {})
    job = store.claim("w1")
    assert job is not None
    store.finish(job.id)
    url = store.engine.url.render_as_string(hide_password=False)
    code, out, _ = _run(capsys, "db", "prune", "--days", "1", "--database-url", url)
    assert code == 0 and out == "removed 0 finished inbox rows older than 1 days\n"
    assert store.job_status(job.id) == "done"


def test_bad_arguments_are_usage_errors(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["stats", "--since", "29/07/2025"])
    assert exited.value.code == 2
    assert "not a date: '29/07/2025' (expected YYYY-MM-DD)" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["history", "--limit", "0"])
    assert "must be at least 1" in capsys.readouterr().err
