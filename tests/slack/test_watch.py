"""Watching a channel: pasted articles, edits, deletions, and what is left alone."""

from __future__ import annotations

from tests.slack.articles import HARBOR_FERRY, LIBRARY_BUDGET, LIBRARY_BUDGET_FLAGS
from tests.slack.conftest import CHANNEL, Harness


def _text_of(message: dict) -> str:
    return "\n".join(b["text"]["text"] for b in message["blocks"] if b.get("type") == "section")


def test_pasted_article_gets_one_thread_reply_with_the_flagged_sentences(harness: Harness) -> None:
    message = harness.paste(LIBRARY_BUDGET)
    replies = harness.fake.wait_for(lambda: harness.replies(message), message="a reply")
    harness.wait_idle()
    assert len(harness.replies(message)) == 1
    reply = replies[0]
    body = _text_of(reply)
    for quote in LIBRARY_BUDGET_FLAGS:
        assert f"*{quote}*" in body
    assert "Copydesk flagged 3 possible errors" in reply["blocks"][0]["text"]["text"]
    assert "July 29, 2025" in reply["blocks"][0]["text"]["text"]
    buttons = [
        b["accessory"] for b in reply["blocks"] if b.get("accessory", {}).get("type") == "button"
    ]
    assert len(buttons) == 3
    assert reply["metadata"]["event_payload"]["message_ts"] == message["ts"]
    # the in-progress reaction came and went
    names = [c.args["name"] for c in harness.fake.calls_to("reactions.add")]
    assert names == ["hourglass_flowing_sand"]
    assert harness.fake.reactions_on(CHANNEL, message["ts"]) == set()


def test_clean_article_gets_a_reaction_not_a_message(harness: Harness) -> None:
    message = harness.paste(HARBOR_FERRY)
    harness.fake.wait_for(
        lambda: "white_check_mark" in harness.fake.reactions_on(CHANNEL, message["ts"]),
        message="the all-clear reaction",
    )
    harness.wait_idle()
    assert harness.replies(message) == []
    assert harness.fake.calls_to("chat.postMessage") == []
