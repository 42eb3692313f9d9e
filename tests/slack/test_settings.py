"""Configuration errors name the variable and say where to get its value."""

from __future__ import annotations

import ipaddress

import pytest

from bot.errors import ConfigError
from bot.slack.settings import DEFAULT_API_URL, from_env

GOOD = {"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_APP_TOKEN": "xapp-1", "SLACK_SIGNING_SECRET": "s"}


def test_socket_and_http_modes_need_different_secrets() -> None:
    socket = from_env({"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_APP_TOKEN": "xapp-1"}, mode="socket")
    assert socket.app_token == "xapp-1" and socket.signing_secret is None
    assert socket.api_url == DEFAULT_API_URL
    http = from_env({"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "s"}, mode="http")
    assert http.signing_secret == "s" and http.app_token is None


@pytest.mark.parametrize(
    ("env", "mode", "message"),
    [
        ({}, "socket", "SLACK_BOT_TOKEN is not set: set it to the Bot User OAuth Token"),
        (
            {"SLACK_BOT_TOKEN": "xapp-1"},
            "http",
            "SLACK_BOT_TOKEN does not look right (it should start with 'xoxb-')",
        ),
        (
            {"SLACK_BOT_TOKEN": "xoxb-1"},
            "socket",
            "SLACK_APP_TOKEN is not set: set it to an app-level token",
        ),
        (
            {"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_APP_TOKEN": "xoxb-2"},
            "socket",
            "SLACK_APP_TOKEN does not look right",
        ),
        (
            {"SLACK_BOT_TOKEN": "xoxb-1"},
            "http",
            "SLACK_SIGNING_SECRET is not set: set it to the Signing Secret",
        ),
        (
            {**GOOD, "SLACK_API_URL": "slack.com/api"},
            "http",
            "SLACK_API_URL must be an http(s) URL",
        ),
        (
            {**GOOD, "COPYDESK_FETCH_ALLOW": "localhost"},
            "http",
            "COPYDESK_FETCH_ALLOW has 'localhost'",
        ),
        ({**GOOD, "COPYDESK_WORKERS": "many"}, "http", "COPYDESK_WORKERS must be a whole number"),
        ({**GOOD, "COPYDESK_WORKERS": "0"}, "http", "COPYDESK_WORKERS must be between 1 and 64"),
    ],
)
def test_a_missing_or_malformed_variable_is_named(
    env: dict[str, str], mode: str, message: str
) -> None:
    with pytest.raises(ConfigError, match="^" + __import__("re").escape(message)):
        from_env(env, mode=mode)


def test_optional_settings() -> None:
    settings = from_env(
        {
            **GOOD,
            "SLACK_API_URL": "http://127.0.0.1:9/api",
            "COPYDESK_FETCH_ALLOW": "127.0.0.1, 10.1.0.0/16",
        },
        mode="http",
    )
    assert settings.api_url == "http://127.0.0.1:9/api/"
    assert settings.api_host == "127.0.0.1"
    assert settings.fetch_allow == (
        ipaddress.ip_network("127.0.0.1/32"),
        ipaddress.ip_network("10.1.0.0/16"),
    )
