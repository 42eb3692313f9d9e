"""`@Copydesk check [date]`: in a thread, in a message, with a date, asking for help."""

from __future__ import annotations

from tests.slack.articles import BRIDGE_VISIT, LIBRARY_BUDGET, LIBRARY_BUDGET_FLAGS
from tests.slack.conftest import CHANNEL, Harness
from tests.slack.helpers import (
    mention,
    one_reply,
    quiet_parent,
    section_text,
)


def test_a_mention_in_a_thread_checks_the_parent(harness: Harness) -> None:
    parent = quiet_parent(harness, LIBRARY_BUDGET)
    mention(harness, "check", thread_ts=parent["ts"])
    reply = one_reply(harness, parent)
    for quote in LIBRARY_BUDGET_FLAGS:
        assert f"*{quote}*" in section_text(reply)
    assert reply["thread_ts"] == parent["ts"]


def test_a_mention_with_a_date_checks_as_of_that_date(harness: Harness) -> None:
    parent = quiet_parent(harness, BRIDGE_VISIT)
    mention(harness, "check", thread_ts=parent["ts"])
    reply = one_reply(harness, parent)
    assert "*President Joe Biden*" in section_text(reply)

    mention(harness, "check date 2023-05-04", thread_ts=parent["ts"])
    harness.fake.wait_for(lambda: harness.fake.calls_to("chat.update"), message="an update")
    harness.wait_idle()
    (updated,) = harness.replies(parent)
    summary = updated["blocks"][0]["text"]["text"]
    assert "found nothing to flag" in summary
    assert "story date *May 4, 2023* (given by the editor)" in summary


def test_a_mention_with_an_impossible_date_says_so(harness: Harness) -> None:
    parent = quiet_parent(harness, BRIDGE_VISIT)
    asked = mention(harness, "check date 2025-02-30", thread_ts=parent["ts"])
    harness.fake.wait_for(lambda: harness.replies(asked) or harness.replies(parent))
    harness.wait_idle()
    (reply,) = harness.fake.bot_messages(CHANNEL)
    assert "2025-02-30 is not a date" in reply["text"]


def test_a_mention_asking_for_help_gets_help(harness: Harness) -> None:
    asked = mention(harness, "help")
    reply = one_reply(harness, asked)
    assert "Copydesk checks news copy" in reply["text"]
