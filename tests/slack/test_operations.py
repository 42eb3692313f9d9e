"""Operator-facing details of the bot: a report names every editor who dismissed a finding, and
the retry back-off and the test-only check delay are read from the environment (off by default)."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from bot.errors import ConfigError
from bot.slack.settings import from_env
from tests.slack.articles import LIBRARY_BUDGET
from tests.slack.conftest import Harness
from tests.slack.test_requests import dismiss_button
from tests.slack.test_watch import one_reply

HTTP = {"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "s"}


def press_as(harness: Harness, user: str, reply: dict[str, Any], action: dict[str, Any]) -> None:
    payload = {
        "type": "block_actions",
        "user": {"id": user},
        "channel": {"id": reply["channel"]},
        "container": {
            "type": "message",
            "message_ts": reply["ts"],
            "channel_id": reply["channel"],
            "is_ephemeral": False,
        },
        "message": reply,
        "response_url": harness.fake.response_url("action"),
        "actions": [{"action_ts": harness.fake.next_ts(), **action}],
    }
    assert harness.interaction(payload).status_code == 200


def test_the_report_names_every_editor_who_dismissed_a_finding(harness: Harness) -> None:
    message = harness.paste(LIBRARY_BUDGET)
    reply = one_reply(harness, message)
    press_as(harness, "UALICE01", reply, dismiss_button(reply, "April 31"))
    harness.fake.wait_for(lambda: len(harness.fake.calls_to("chat.update")) == 1, message="update")
    harness.wait_idle()
    (updated,) = harness.replies(message)
    press_as(harness, "UBOB0002", updated, dismiss_button(updated, "Share this article"))
    harness.fake.wait_for(lambda: len(harness.fake.calls_to("chat.update")) == 2, message="update")
    harness.wait_idle()

    (final,) = harness.replies(message)
    blocks = json.dumps(final["blocks"])
    assert "marked not an error by <@UALICE01>" in blocks  # still named after Bob's click
    assert "marked not an error by <@UBOB0002>" in blocks
    assert "an editor" not in blocks
    assert "flagged 1 possible error" in final["blocks"][0]["text"]["text"]


def test_retry_backoff_and_the_test_only_check_delay_come_from_the_environment() -> None:
    defaults = from_env(HTTP, mode="http")
    assert (defaults.retry_backoff_seconds, defaults.test_check_delay) == (2.0, 0.0)
    tuned = from_env(
        {**HTTP, "COPYDESK_RETRY_BACKOFF_SECONDS": "0.5", "COPYDESK_TEST_CHECK_DELAY": "1.5"},
        mode="http",
    )
    assert (tuned.retry_backoff_seconds, tuned.test_check_delay) == (0.5, 1.5)


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("COPYDESK_TEST_CHECK_DELAY", "soon", "must be a number of seconds (got 'soon')"),
        ("COPYDESK_TEST_CHECK_DELAY", "600", "must be between 0 and 60 seconds (got 600)"),
        ("COPYDESK_RETRY_BACKOFF_SECONDS", "-1", "must be between 0 and 300 seconds (got -1)"),
        ("COPYDESK_RETRY_BACKOFF_SECONDS", "nan", "must be between 0 and 300 seconds"),
    ],
)
def test_bad_durations_name_the_variable(name: str, value: str, message: str) -> None:
    with pytest.raises(ConfigError, match=rf"^{name} {re.escape(message)}"):
        from_env({**HTTP, name: value}, mode="http")
