"""The message shortcut "Check with Copydesk": any message, replied to in its thread."""

from __future__ import annotations

from tests.slack.articles import LIBRARY_BUDGET
from tests.slack.conftest import CHANNEL, Harness
from tests.slack.fake_slack import EDITOR
from tests.slack.helpers import (
    quiet_parent,
    section_text,
)

OTHER_CHANNEL = "COPINION"


def test_the_message_shortcut_checks_any_message(harness: Harness) -> None:
    parent = quiet_parent(harness, "Draft below, please look")
    draft = harness.fake.add_message(CHANNEL, LIBRARY_BUDGET, thread_ts=parent["ts"])
    shortcut = {
        "type": "message_action",
        "callback_id": "check_with_copydesk",
        "channel": {"id": CHANNEL},
        "user": {"id": EDITOR},
        "message": draft,
        "response_url": harness.fake.response_url("shortcut"),
    }
    assert harness.interaction(shortcut).status_code == 200
    harness.fake.wait_for(lambda: harness.fake.bot_messages(CHANNEL), message="a reply")
    harness.wait_idle()
    (reply,) = harness.fake.bot_messages(CHANNEL)
    assert reply["thread_ts"] == parent["ts"]  # in the thread the draft is in
    assert reply["metadata"]["event_payload"]["message_ts"] == draft["ts"]
    assert "*April 31*" in section_text(reply)


def test_the_shortcut_where_the_bot_is_not_a_member_says_how_to_invite_it(
    harness: Harness,
) -> None:
    harness.fake.not_in.add(OTHER_CHANNEL)
    draft = quiet_parent(harness, LIBRARY_BUDGET, channel=OTHER_CHANNEL)
    shortcut = {
        "type": "message_action",
        "callback_id": "check_with_copydesk",
        "channel": {"id": OTHER_CHANNEL},
        "user": {"id": EDITOR},
        "message": draft,
        "response_url": harness.fake.response_url("shortcut"),
    }
    assert harness.interaction(shortcut).status_code == 200
    harness.fake.wait_for(lambda: harness.fake.responses, message="the notice")
    harness.wait_idle()
    assert "not a member of this channel" in harness.fake.responses[0]["text"]
    assert harness.bot.store.inbox_counts()["failed"] == 0
