"""Operator-facing settings: the retry back-off is read from the environment."""

from __future__ import annotations

import re

import pytest

from bot.errors import ConfigError
from bot.slack.settings import from_env

HTTP = {"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "s"}


def test_retry_backoff_comes_from_the_environment() -> None:
    assert from_env(HTTP, mode="http").retry_backoff_seconds == 2.0
    tuned = from_env({**HTTP, "COPYDESK_RETRY_BACKOFF_SECONDS": "0.5"}, mode="http")
    assert tuned.retry_backoff_seconds == 0.5


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("COPYDESK_RETRY_BACKOFF_SECONDS", "soon", "must be a number of seconds (got 'soon')"),
        ("COPYDESK_RETRY_BACKOFF_SECONDS", "-1", "must be between 0 and 300 seconds (got -1)"),
        ("COPYDESK_RETRY_BACKOFF_SECONDS", "nan", "must be between 0 and 300 seconds"),
    ],
)
def test_bad_durations_name_the_variable(name: str, value: str, message: str) -> None:
    with pytest.raises(ConfigError, match=rf"^{name} {re.escape(message)}"):
        from_env({**HTTP, name: value}, mode="http")
