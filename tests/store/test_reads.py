"""Reading the store: who dismissed what, and SQLite reads that never queue behind a writer."""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

from bot.report.model import finding_key
from bot.store import Store
from tests.store.test_checks import _check, _finding


def test_dismissals_name_the_first_editor_of_each_finding(store: Store) -> None:
    wrong_date = _finding("dates.impossible-date", "April 31", start=10, category="date")
    residue = _finding("boilerplate.scraper-residue", "Share this article", start=50)
    kept = _finding("names.spelling", "Scott Bessant", start=90)
    check_id = store.record_check(_check(findings=[wrong_date, residue, kept]))
    other_check = store.record_check(_check(ts="1753800001.000100", findings=[wrong_date]))
    assert store.dismissals(check_id) == {}

    store.record_dismissal(
        check_id, finding_key(wrong_date), "dates.impossible-date", "April 31", "CDESK", "UALICE"
    )
    store.record_dismissal(
        check_id,
        finding_key(residue),
        "boilerplate.scraper-residue",
        "Share this article",
        "CDESK",
        "UBOB",
    )
    # a second editor agrees on a finding already dismissed: the first one stays named
    store.record_dismissal(
        check_id, finding_key(wrong_date), "dates.impossible-date", "April 31", "CDESK", "UCAROL"
    )
    assert store.dismissals(check_id) == {
        finding_key(wrong_date): "UALICE",
        finding_key(residue): "UBOB",
    }
    assert store.dismissals(other_check) == {}
    assert store.dismissed_keys(check_id) == set(store.dismissals(check_id))


def test_sqlite_uses_wal_with_synchronous_normal(tmp_path: Path) -> None:
    with Store(f"sqlite:///{tmp_path / 'c.db'}") as store:
        store.upgrade()
        with store.engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 1  # NORMAL


def test_sqlite_reads_do_not_wait_for_a_writer(tmp_path: Path) -> None:
    """Another process holds the write lock (BEGIN IMMEDIATE, as every store write takes it):
    reads answer at once from the WAL snapshot, and writes still wait their turn."""
    path = tmp_path / "c.db"
    with Store(f"sqlite:///{path}") as store:
        store.upgrade()
        store.accept("Ev1", "message", "C1", "1.1", {})
        writer = sqlite3.connect(path, isolation_level=None)
        writer.execute("BEGIN IMMEDIATE")
        try:
            started = time.monotonic()
            assert store.inbox_counts()["pending"] == 1
            assert store.job_status(1) == "pending"
            assert store.reply_for("C1", "1.1") is None
            assert store.channel_mode("C1") == "auto"
            assert store.recent_checks() == []
            assert store.rule_stats() == []
            assert store.ping() is True
            store.check_schema()
            assert time.monotonic() - started < 5  # the busy timeout is 30 s

            accepted: list[bool] = []
            second = threading.Thread(
                target=lambda: accepted.append(store.accept("Ev2", "message", "C1", "1.2", {}))
            )
            second.start()
            second.join(0.5)
            assert second.is_alive(), "a write did not wait for the write lock"
        finally:
            writer.execute("ROLLBACK")
            writer.close()
        second.join(10)
        assert accepted == [True]
