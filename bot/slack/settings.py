"""The bot's configuration, read once from the environment and checked at start.

A missing or malformed variable fails `copydesk serve` before it connects to anything, with a
message that names the variable and says where to get its value (a newcomer
setting it up has no one to ask).
"""

from __future__ import annotations

import ipaddress
import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TypeVar
from urllib.parse import urlsplit

from bot.errors import ConfigError

DEFAULT_API_URL = "https://slack.com/api/"
_APPS = "https://api.slack.com/apps"

IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network
N = TypeVar("N", int, float)


@dataclass(frozen=True)
class Settings:
    """Everything the Slack bot reads from the environment."""

    bot_token: str
    api_url: str = DEFAULT_API_URL
    app_token: str | None = None
    signing_secret: str | None = None
    database_url: str | None = None  # None: the store's default (a SQLite file)
    fetch_allow: tuple[IPNetwork, ...] = ()
    workers: int = 4
    max_fetch_bytes: int = 5_000_000
    max_file_bytes: int = 20_000_000
    health_port: int = 8080
    connect_timeout: float = 5.0
    read_timeout: float = 15.0
    lease_seconds: float = 60.0
    retry_backoff_seconds: float = 2.0  # a failed job waits this, then twice as long, ...

    @property
    def api_host(self) -> str:
        """Host of the Web API: the only host, besides Slack's own, that sees the bot token."""
        return urlsplit(self.api_url).hostname or ""


def from_env(env: Mapping[str, str] | None = None, *, mode: str = "socket") -> Settings:
    """Read and check the settings `mode` ("socket" or "http") needs."""
    env = os.environ if env is None else env
    bot_token = _required(
        env,
        "SLACK_BOT_TOKEN",
        "xoxb-",
        f"the Bot User OAuth Token from your app's 'OAuth & Permissions' page at {_APPS}",
    )
    app_token = signing_secret = None
    if mode == "socket":
        app_token = _required(
            env,
            "SLACK_APP_TOKEN",
            "xapp-",
            "an app-level token with the connections:write scope, from your app's "
            f"'Basic Information' page at {_APPS} (Socket Mode must be enabled)",
        )
    elif mode == "http":
        signing_secret = _required(
            env,
            "SLACK_SIGNING_SECRET",
            None,
            f"the Signing Secret from your app's 'Basic Information' page at {_APPS}",
        )
    else:
        raise ValueError(f"unknown mode {mode!r}")
    return Settings(
        bot_token=bot_token,
        app_token=app_token,
        signing_secret=signing_secret,
        api_url=_api_url(env.get("SLACK_API_URL", DEFAULT_API_URL)),
        database_url=env.get("COPYDESK_DATABASE_URL") or None,
        fetch_allow=_networks(env.get("COPYDESK_FETCH_ALLOW", "")),
        workers=_int(env, "COPYDESK_WORKERS", 4, 1, 64),
        max_fetch_bytes=_int(env, "COPYDESK_MAX_FETCH_BYTES", 5_000_000, 1_000, 100_000_000),
        max_file_bytes=_int(env, "COPYDESK_MAX_FILE_BYTES", 20_000_000, 1_000, 1_000_000_000),
        health_port=_int(env, "COPYDESK_HEALTH_PORT", 8080, 0, 65535),
        lease_seconds=_int(env, "COPYDESK_LEASE_SECONDS", 60, 3, 3600),
        retry_backoff_seconds=_seconds(env, "COPYDESK_RETRY_BACKOFF_SECONDS", 2.0, 0.0, 300.0),
    )


def _required(env: Mapping[str, str], name: str, prefix: str | None, how: str) -> str:
    value = env.get(name, "").strip()
    if not value:
        raise ConfigError(f"{name} is not set: set it to {how}")
    if prefix and not value.startswith(prefix):
        raise ConfigError(
            f"{name} does not look right (it should start with '{prefix}'): set it to {how}"
        )
    return value


def _api_url(value: str) -> str:
    parts = urlsplit(value.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConfigError(
            f"SLACK_API_URL must be an http(s) URL such as {DEFAULT_API_URL} (got {value!r}); "
            "unset it to use Slack's own Web API"
        )
    return value.strip().rstrip("/") + "/"


def _networks(value: str) -> tuple[IPNetwork, ...]:
    networks: list[IPNetwork] = []
    for item in value.replace(";", ",").split(","):
        item = item.strip()
        if not item:
            continue
        try:
            networks.append(ipaddress.ip_network(item, strict=False))
        except ValueError as exc:
            raise ConfigError(
                f"COPYDESK_FETCH_ALLOW has {item!r}, which is not an IP address or network: "
                "give a comma-separated list such as '127.0.0.1,10.1.0.0/16'"
            ) from exc
    return tuple(networks)


def _int(env: Mapping[str, str], name: str, default: int, low: int, high: int) -> int:
    return _number(env, name, default, low, high, "a whole number", "")


def _seconds(env: Mapping[str, str], name: str, default: float, low: float, high: float) -> float:
    return _number(env, name, default, low, high, "a number of seconds", " seconds")


def _number(
    env: Mapping[str, str], name: str, default: N, low: N, high: N, kind: str, unit: str
) -> N:
    """A number from the environment within [low, high] (NaN is not), `default` when unset;
    a ConfigError names the variable and what it must be."""
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        value = type(default)(raw)
    except ValueError as exc:
        raise ConfigError(f"{name} must be {kind} (got {raw!r})") from exc
    if not low <= value <= high:
        shown = [f"{x:g}" if isinstance(x, float) else str(x) for x in (low, high)]
        raise ConfigError(f"{name} must be between {shown[0]} and {shown[1]}{unit} (got {raw})")
    return value
