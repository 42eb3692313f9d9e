"""What the listeners turn Slack requests into (before anything touches the network)."""

from __future__ import annotations

from datetime import date

import pytest

from bot.intake import MAX_PASTE_BYTES
from bot.slack import jobs
from bot.slack.jobs import Kind
from tests.slack.articles import LIBRARY_BUDGET
from tests.slack.conftest import event_body

BOT = "UCOPYDESK"


def message(text: str = LIBRARY_BUDGET, **extra: object) -> dict[str, object]:
    return {"type": "message", "channel": "C1", "user": "U1", "text": text, "ts": "10.1", **extra}


def test_a_pasted_article_becomes_a_message_job_keyed_by_event_id() -> None:
    job = jobs.for_message_event(event_body(message(), event_id="Ev1"), BOT)
    assert job is not None
    assert (job.event_key, job.kind, job.channel, job.message_ts) == (
        "Ev1",
        Kind.MESSAGE,
        "C1",
        "10.1",
    )
    assert job.payload == {"message": {"ts": "10.1", "text": LIBRARY_BUDGET, "user": "U1"}}


@pytest.mark.parametrize(
    "event",
    [
        message("short"),
        message(thread_ts="9.9"),  # thread chatter
        message(bot_id="B2"),
        message(subtype="bot_message"),
        message(subtype="channel_join"),
        message(f"<@{BOT}> check this " + LIBRARY_BUDGET),  # the app_mention event handles it
    ],
)
def test_chatter_threads_bots_and_mentions_make_no_job(event: dict[str, object]) -> None:
    assert jobs.for_message_event(event_body(event), BOT) is None


def test_edits_deletions_and_tombstones() -> None:
    before = message()
    after = {**before, "text": LIBRARY_BUDGET.replace("Monday", "Tuesday")}
    changed = {"type": "message", "subtype": "message_changed", "channel": "C1", "ts": "11.0"}
    edit = jobs.for_message_event(
        event_body({**changed, "message": after, "previous_message": before}), BOT
    )
    assert edit is not None and (edit.kind, edit.message_ts) == (Kind.EDIT, "10.1")
    unfurl = {**changed, "message": {**before, "attachments": [{}]}, "previous_message": before}
    assert jobs.for_message_event(event_body(unfurl), BOT) is None
    tombstone = {
        **changed,
        "message": {**before, "subtype": "tombstone"},
        "previous_message": before,
    }
    gone = jobs.for_message_event(event_body(tombstone), BOT)
    assert gone is not None and gone.kind == Kind.DELETE
    deleted = {
        "type": "message",
        "subtype": "message_deleted",
        "channel": "C1",
        "ts": "12.0",
        "deleted_ts": "10.1",
        "previous_message": before,
    }
    job = jobs.for_message_event(event_body(deleted), BOT)
    assert job is not None and (job.kind, job.message_ts) == (Kind.DELETE, "10.1")


def test_a_huge_paste_keeps_only_its_size_in_the_inbox() -> None:
    huge = "word " * 1_000_000
    job = jobs.for_message_event(event_body(message(huge)), BOT)
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
