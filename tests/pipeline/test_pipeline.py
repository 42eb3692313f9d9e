"""intake → check → report: one function for the command line and the bot."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest

from bot import pipeline
from bot.document import DateSource
from bot.engine import Ruleset
from bot.engine.finding import Finding
from bot.errors import InputError
from bot.intake import LocalFile, Paste, Reader, Stdin

TODAY = date(2025, 8, 1)
SENT = date(2025, 7, 29)
WEEKDAY = "The council met on Monday, July 29, 2025, to vote on the budget for the new year."
RESIDUE = "Share this article"


def test_a_paste_comes_back_as_a_typed_report(test_ruleset: Ruleset) -> None:
    (report,) = pipeline.run(
        [Paste(f"{WEEKDAY}\n\n{RESIDUE}\n", sent_on=SENT)],
        test_ruleset,
        reader=Reader(),
        today=TODAY,
    )
    assert (report.document.story_date, report.document.date_source) == (SENT, DateSource.MESSAGE)
    assert [f.quote for f in report.findings] == ["Monday, July 29, 2025", RESIDUE]
    assert all(isinstance(f, Finding) for f in report.findings)
    assert report.seconds > 0


def test_the_date_the_editor_gives_wins(test_ruleset: Ruleset) -> None:
    paste = Paste("President Joe Biden spoke on Tuesday.", sent_on=SENT)
    (sent,) = pipeline.run([paste], test_ruleset, reader=Reader(), today=TODAY)
    assert [f.quote for f in sent.findings] == ["President Joe Biden"]
    (given,) = pipeline.run(
        [paste], test_ruleset, reader=Reader(), today=TODAY, story_date=date(2023, 5, 16)
    )
    assert given.document.date_source == DateSource.OPTION
    assert given.findings == ()


def test_drop_leaves_out_what_editors_dismissed(test_ruleset: Ruleset) -> None:
    (report,) = pipeline.run(
        [Paste(f"{WEEKDAY}\n\n{RESIDUE}\n", sent_on=SENT)],
        test_ruleset,
        reader=Reader(),
        today=TODAY,
        drop=lambda f: f.quote == RESIDUE,
    )
    assert [f.quote for f in report.findings] == ["Monday, July 29, 2025"]


def test_several_sources_are_checked_together(test_ruleset: Ruleset, tmp_path: Path) -> None:
    stories = {
        "a.txt": "Negotiators in Nairobi said the ceasefire expires on March 14.",
        "b.txt": "The Nairobi ceasefire expires on March 14, negotiators said.",
    }
    for name, text in stories.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    reader = Reader(
        stdin=io.BytesIO(b"In Nairobi, negotiators said the ceasefire expires on March 16.")
    )
    reports = pipeline.run(
        [LocalFile(str(tmp_path / "a.txt")), LocalFile(str(tmp_path / "b.txt")), Stdin()],
        test_ruleset,
        reader=reader,
        today=TODAY,
        story_date=date(2025, 3, 1),
    )
    assert [[f.quote for f in r.findings] for r in reports] == [[], [], ["March 16"]]


def test_a_bad_source_fails_before_anything_is_checked(
    test_ruleset: Ruleset, tmp_path: Path
) -> None:
    with pytest.raises(InputError, match=r"missing\.txt: no such file"):
        pipeline.run(
            [Paste(WEEKDAY), LocalFile(str(tmp_path / "missing.txt"))],
            test_ruleset,
            reader=Reader(),
            today=TODAY,
        )
