"""The inbox's job vocabulary: what a message keeps in the inbox, and story dates in requests."""

from __future__ import annotations

from datetime import date

import pytest

from bot.intake import MAX_PASTE_BYTES
from bot.slack import jobs
from bot.slack.surfaces import watch
from tests.slack.conftest import event_body
from tests.slack.surfaces.test_watch import BOT, message


def test_a_huge_paste_keeps_only_its_size_in_the_inbox() -> None:
    huge = "word " * 1_000_000
    job = watch.job_for(event_body(message(huge)), BOT)
    assert job is not None
    assert job.payload["message"]["text_size"] == 5_000_000
    assert len(job.payload["message"]["text"]) == MAX_PASTE_BYTES // 4


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("date 2025-07-29", (date(2025, 7, 29), "")),
        ("2025-07-29 The council met", (date(2025, 7, 29), "The council met")),
        ("on 2025-07-29 text", (date(2025, 7, 29), "text")),
        ("The council met on 2025-07-29.", (None, "The council met on 2025-07-29.")),
    ],
)
def test_a_story_date_is_read_only_from_the_start_of_a_request(
    text: str, expected: tuple[date | None, str]
) -> None:
    assert jobs.parse_date(text) == expected


def test_an_impossible_date_is_a_clear_error() -> None:
    with pytest.raises(
        ValueError, match="2025-02-30 is not a date: give the story date as YYYY-MM-DD"
    ):
        jobs.parse_date("date 2025-02-30")
