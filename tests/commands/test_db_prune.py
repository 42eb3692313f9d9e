"""`copydesk db prune` keeps the retention a deployment sets once, in COPYDESK_PRUNE_DAYS."""

from __future__ import annotations

import pytest

from bot.cli import main
from bot.store import Store


@pytest.fixture
def url(sqlite_url: str) -> str:
    with Store(sqlite_url) as store:
        store.upgrade()
    return sqlite_url


def test_the_retention_comes_from_the_environment(
    url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("COPYDESK_PRUNE_DAYS", "30")
    assert main(["db", "prune", "--database-url", url]) == 0
    assert capsys.readouterr().out == "removed 0 finished inbox rows older than 30 days\n"
    assert main(["db", "prune", "--days", "2", "--database-url", url]) == 0  # the option wins
    assert capsys.readouterr().out == "removed 0 finished inbox rows older than 2 days\n"
    monkeypatch.delenv("COPYDESK_PRUNE_DAYS")
    assert main(["db", "prune", "--database-url", url]) == 0
    assert capsys.readouterr().out == "removed 0 finished inbox rows older than 7 days\n"


def test_a_retention_that_is_not_a_number_of_days_is_a_clear_error(
    url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("COPYDESK_PRUNE_DAYS", "a week")
    assert main(["db", "prune", "--database-url", url]) == 2
    assert "COPYDESK_PRUNE_DAYS='a week': set it to a whole number of days" in (
        capsys.readouterr().err
    )
