"""Watching a channel: pasted articles, files, links, edits, deletions, and what is left alone."""

from __future__ import annotations

import threading
import time

import pytest

from bot.slack.surfaces import watch
from tests.slack.articles import (
    HARBOR_FERRY,
    LIBRARY_BUDGET,
    LIBRARY_BUDGET_FIXED,
    LIBRARY_BUDGET_FLAGS,
)
from tests.slack.conftest import CHANNEL, ArticleServer, Harness, event_body
from tests.slack.fake_slack import BOT_ID, BOT_USER, EDITOR
from tests.slack.helpers import (
    one_reply,
    section_text,
    web_calls,
)

BOT = "UCOPYDESK"


def message(text: str = LIBRARY_BUDGET, **extra: object) -> dict[str, object]:
    return {"type": "message", "channel": "C1", "user": "U1", "text": text, "ts": "10.1", **extra}


def test_a_pasted_article_becomes_a_message_job_keyed_by_event_id() -> None:
    job = watch.job_for(event_body(message(), event_id="Ev1"), BOT)
    assert job is not None
    assert (job.event_key, job.kind, job.channel, job.message_ts) == (
        "Ev1",
        watch.MESSAGE,
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
    assert watch.job_for(event_body(event), BOT) is None


def test_edits_deletions_and_tombstones() -> None:
    before = message()
    after = {**before, "text": LIBRARY_BUDGET.replace("Monday", "Tuesday")}
    changed = {"type": "message", "subtype": "message_changed", "channel": "C1", "ts": "11.0"}
    edit = watch.job_for(event_body({**changed, "message": after, "previous_message": before}), BOT)
    assert edit is not None and (edit.kind, edit.message_ts) == (watch.EDIT, "10.1")
    unfurl = {**changed, "message": {**before, "attachments": [{}]}, "previous_message": before}
    assert watch.job_for(event_body(unfurl), BOT) is None
    tombstone = {
        **changed,
        "message": {**before, "subtype": "tombstone"},
        "previous_message": before,
    }
    gone = watch.job_for(event_body(tombstone), BOT)
    assert gone is not None and gone.kind == watch.DELETE
    deleted = {
        "type": "message",
        "subtype": "message_deleted",
        "channel": "C1",
        "ts": "12.0",
        "deleted_ts": "10.1",
        "previous_message": before,
    }
    job = watch.job_for(event_body(deleted), BOT)
    assert job is not None and (job.kind, job.message_ts) == (watch.DELETE, "10.1")


def test_pasted_article_gets_one_thread_reply_with_the_flagged_sentences(
    harness: Harness,
) -> None:
    message = harness.paste(LIBRARY_BUDGET)
    reply = one_reply(harness, message)
    body = section_text(reply)
    for quote in LIBRARY_BUDGET_FLAGS:
        assert f"*{quote}*" in body
    assert (
        "“…The city council voted on *Monday, July 29, 2025*, to approve a new budget for…”" in body
    )
    assert "July 29, 2025 is a Tuesday, not a Monday. → *Tuesday, July 29, 2025*" in body
    summary = reply["blocks"][0]["text"]["text"]
    assert summary.startswith("*Copydesk: 3 possible errors*")
    assert "story date *July 29, 2025* (the message's date)" in summary
    accessories = [b["accessory"] for b in reply["blocks"] if "accessory" in b]
    assert accessories[0]["type"] == "datepicker"  # re-check at another date
    assert [a["text"]["text"] for a in accessories[1:]] == ["Not an error"] * 3
    assert reply["metadata"]["event_payload"]["message_ts"] == message["ts"]
    # one in-progress reaction while checking, gone afterwards
    added = [c.args["name"] for c in harness.fake.calls_to("reactions.add")]
    assert added == ["hourglass_flowing_sand"]
    assert harness.fake.reactions_on(CHANNEL, message["ts"]) == set()
    check = harness.bot.store.recent_checks(1)[0]
    assert (check.channel, check.message_ts, check.finding_count) == (CHANNEL, message["ts"], 3)


def test_clean_article_gets_a_reaction_not_a_message(harness: Harness) -> None:
    message = harness.paste(HARBOR_FERRY)
    harness.fake.wait_for(
        lambda: "white_check_mark" in harness.fake.reactions_on(CHANNEL, message["ts"]),
        message="the all-clear reaction",
    )
    harness.wait_idle()
    assert harness.replies(message) == []
    assert harness.fake.calls_to("chat.postMessage") == []


def test_a_message_asked_about_twice_at_once_gets_one_reply(harness_any_db: Harness) -> None:
    """The message event and the shortcut on the same message race: one reply."""
    harness = harness_any_db
    message = harness.fake.add_message(CHANNEL, LIBRARY_BUDGET)
    shortcut = {
        "type": "message_action",
        "callback_id": "check_with_copydesk",
        "channel": {"id": CHANNEL},
        "user": {"id": EDITOR},
        "message": message,
        "response_url": harness.fake.response_url(),
    }
    threads = [
        threading.Thread(target=harness.event, args=(message,)),
        threading.Thread(target=harness.interaction, args=(shortcut,)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    one_reply(harness, message)
    assert len(harness.fake.calls_to("chat.postMessage")) == 1


def test_chatter_bots_threads_and_short_messages_are_left_alone(harness: Harness) -> None:
    parent = harness.fake.add_message(CHANNEL, "Who is editing the library story?")
    events = [
        parent,
        harness.fake.add_message(CHANNEL, LIBRARY_BUDGET, thread_ts=parent["ts"]),
        {**harness.fake.add_message(CHANNEL, LIBRARY_BUDGET), "bot_id": "BOTHER01"},
        {**harness.fake.add_message(CHANNEL, LIBRARY_BUDGET), "subtype": "channel_join"},
        harness.fake.add_message(CHANNEL, "lunch? <https://example.com/menu|menu> and " * 40),
    ]
    for event in events:
        assert harness.event(event).status_code == 200
    harness.wait_idle()
    assert web_calls(harness) == []


def test_a_channel_set_to_on_request_is_not_watched(harness: Harness) -> None:
    assert harness.command("settings on-request").status_code == 200
    assert harness.bot.store.channel_mode(CHANNEL) == "on-request"
    harness.paste(LIBRARY_BUDGET)
    harness.wait_idle()
    assert web_calls(harness) == []
    assert harness.bot.store.channel_mode("COTHER") == "auto"


def test_an_edit_is_rechecked_and_the_reply_updated_in_place(harness: Harness) -> None:
    message = harness.paste(LIBRARY_BUDGET)
    reply = one_reply(harness, message)
    edited = {**message, "text": LIBRARY_BUDGET_FIXED, "edited": {"user": EDITOR, "ts": "1.0"}}
    change = {
        "type": "message",
        "subtype": "message_changed",
        "channel": CHANNEL,
        "hidden": True,
        "ts": harness.fake.next_ts(),
        "message": edited,
        "previous_message": message,
    }
    assert harness.event(change).status_code == 200
    harness.fake.wait_for(lambda: harness.fake.calls_to("chat.update"), message="chat.update")
    harness.wait_idle()
    replies = harness.replies(message)
    assert [r["ts"] for r in replies] == [reply["ts"]]
    assert "found nothing to flag" in replies[0]["blocks"][0]["text"]["text"]
    assert "Re-checked after the edit." in str(replies[0]["blocks"])
    assert len(harness.fake.calls_to("chat.postMessage")) == 1
    assert "white_check_mark" in harness.fake.reactions_on(CHANNEL, message["ts"])

    # and back again: the same reply shows the findings, the all-clear reaction goes
    change2 = {
        **change,
        "ts": harness.fake.next_ts(),
        "message": message,
        "previous_message": edited,
    }
    harness.event(change2)
    harness.fake.wait_for(
        lambda: "possible errors" in harness.replies(message)[0]["blocks"][0]["text"]["text"],
        message="the findings again",
    )
    harness.wait_idle()
    assert len(harness.replies(message)) == 1
    assert "white_check_mark" not in harness.fake.reactions_on(CHANNEL, message["ts"])


def test_an_unfurl_or_a_new_thread_reply_is_not_an_edit(harness: Harness) -> None:
    message = harness.paste(LIBRARY_BUDGET)
    one_reply(harness, message)
    before = len(harness.fake.calls)
    change = {
        "type": "message",
        "subtype": "message_changed",
        "channel": CHANNEL,
        "ts": harness.fake.next_ts(),
        "message": {**message, "reply_count": 1, "attachments": [{"title": "Gazette"}]},
        "previous_message": message,
    }
    assert harness.event(change).status_code == 200
    harness.wait_idle()
    assert len(harness.fake.calls) == before


def test_a_deleted_article_takes_the_reply_with_it(harness: Harness) -> None:
    message = harness.paste(LIBRARY_BUDGET)
    reply = one_reply(harness, message)
    deletion = {
        "type": "message",
        "subtype": "message_deleted",
        "channel": CHANNEL,
        "hidden": True,
        "ts": harness.fake.next_ts(),
        "deleted_ts": message["ts"],
        "previous_message": message,
    }
    assert harness.event(deletion).status_code == 200
    harness.fake.wait_for(lambda: harness.fake.calls_to("chat.delete"), message="chat.delete")
    harness.wait_idle()
    assert harness.fake.calls_to("chat.delete")[0].args["ts"] == reply["ts"]
    assert harness.replies(message) == []
    assert harness.bot.store.reply_for(CHANNEL, message["ts"]) is None


def test_a_shared_text_file_is_downloaded_with_the_token_and_checked(harness: Harness) -> None:
    file = harness.fake.add_file("library.txt", LIBRARY_BUDGET.encode(), "text/plain", "text")
    message = harness.paste("For tomorrow's paper", files=[file])
    reply = one_reply(harness, message)
    for quote in LIBRARY_BUDGET_FLAGS:
        assert f"*{quote}*" in section_text(reply)
    assert harness.fake.calls_to("files.info")[0].args["file"] == file["id"]
    assert harness.fake.downloads == [f"/files/{file['id']}/library.txt"]


def test_a_binary_file_gets_a_clear_reply(harness: Harness) -> None:
    png = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8
    file = harness.fake.add_file("story.txt", png, "text/plain", "text")
    message = harness.paste("", files=[file])
    reply = one_reply(harness, message)
    assert reply["text"].startswith(":warning: Copydesk could not check this:")
    assert "story.txt" in reply["text"] and "PNG" in reply["text"]


def test_a_shared_picture_is_not_an_article(harness: Harness) -> None:
    file = harness.fake.add_file("photo.jpg", b"\xff\xd8\xff" + b"0" * 100, "image/jpeg", "jpg")
    harness.paste("Photo from the council meeting", files=[file])
    harness.wait_idle()
    assert web_calls(harness) == []


def test_a_ten_megabyte_paste_gets_a_clear_reply(harness: Harness) -> None:
    huge = (LIBRARY_BUDGET + "\n\n") * (10_000_000 // len(LIBRARY_BUDGET))
    assert len(huge.encode()) >= 10_000_000
    started = time.monotonic()
    message = harness.paste(huge)
    assert time.monotonic() - started < 3, "Slack must get its acknowledgement within 3 s"
    reply = one_reply(harness, message)
    assert "the message is 10.1 MB" in reply["text"]
    assert "up to 1 MB" in reply["text"]


def test_a_link_to_an_article_is_fetched_and_checked(
    harness: Harness, article_server: ArticleServer
) -> None:
    url = article_server.url("/old-link")
    message = harness.paste(f"Gazette story for a second read: <{url}>")
    reply = one_reply(harness, message)
    body = section_text(reply)
    assert "*Monday, July 29, 2025*" in body
    assert "*April 31*" in body
    assert article_server.hits == ["/old-link", "/news/library-budget"]


def test_links_to_cloud_metadata_and_private_addresses_are_refused(harness: Harness) -> None:
    for url in ("http://169.254.169.254/latest/meta-data/", "http://10.0.0.1/story"):
        started = time.monotonic()
        message = harness.paste(f"<{url}>")
        reply = one_reply(harness, message)
        assert time.monotonic() - started < 3  # refused, not timed out connecting
        assert "refused to fetch" in reply["text"]
        assert "only fetches public web pages" in reply["text"]


def test_a_redirect_to_cloud_metadata_is_refused(
    harness: Harness, article_server: ArticleServer
) -> None:
    message = harness.paste(f"<{article_server.url('/to-metadata')}>")
    reply = one_reply(harness, message)
    assert "refused to fetch 169.254.169.254" in reply["text"]
    assert article_server.hits == ["/to-metadata"]


def test_a_link_that_is_not_an_article_page_gets_a_clear_reply(
    harness: Harness, article_server: ArticleServer
) -> None:
    message = harness.paste(f"<{article_server.url('/brochure.pdf')}>")
    reply = one_reply(harness, message)
    assert "points to application/pdf, not an article page" in reply["text"]


def test_the_bot_never_answers_itself(harness: Harness) -> None:
    own = {**harness.fake.add_message(CHANNEL, LIBRARY_BUDGET), "bot_id": BOT_ID}
    own["user"] = BOT_USER
    assert harness.event(own).status_code == 200
    harness.wait_idle()
    assert web_calls(harness) == []
