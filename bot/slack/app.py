"""The Bolt app factory: one App, its Web API client, the listeners.

The app runs with `process_before_response`: a listener (which only writes an inbox row) finishes
before Bolt answers Slack, so a 200 means the job is in the database, and a database error gives
Slack a 500, which it retries. Signature verification stays on in HTTP mode: a bad or
stale signature gets a 401 (Bolt's RequestVerification; Socket Mode has no HTTP to sign).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from urllib.error import URLError

from slack_bolt import App
from slack_bolt.error import BoltError
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.errors import ConfigError
from bot.slack import surfaces
from bot.slack.client import error_code
from bot.slack.inbox import Inbox
from bot.store import Store


@dataclass(frozen=True, slots=True)
class Identity:
    """Who the bot is in its workspace (from auth.test)."""

    user_id: str
    bot_id: str | None
    team_id: str | None


def identify(client: WebClient, api_url: str) -> Identity:
    """auth.test, with a start-up error that names the variable to fix."""
    try:
        result = client.auth_test()
    except SlackApiError as exc:
        raise ConfigError(
            f"Slack refused SLACK_BOT_TOKEN ({error_code(exc)}): copy the Bot User OAuth Token "
            "again from your app's 'OAuth & Permissions' page and reinstall the app if it was "
            "revoked"
        ) from exc
    except (URLError, OSError) as exc:
        raise ConfigError(
            f"could not reach the Slack Web API at SLACK_API_URL={api_url} ({exc}); "
            "check the network, or unset SLACK_API_URL to use Slack's own"
        ) from exc
    return Identity(
        user_id=str(result.get("user_id") or ""),
        bot_id=result.get("bot_id"),
        team_id=result.get("team_id"),
    )


def create_app(client: WebClient, inbox: Inbox, store: Store, *, signing_secret: str | None) -> App:
    """The Bolt app with every surface's listeners; `signing_secret=None` for Socket Mode."""
    try:
        app = App(
            client=client,
            signing_secret=signing_secret or "",
            request_verification_enabled=signing_secret is not None,
            process_before_response=True,
            logger=logging.getLogger("bot.slack.bolt"),
        )
    except BoltError as exc:
        raise ConfigError(f"could not start the Slack app: {exc} (check SLACK_BOT_TOKEN)") from exc
    surfaces.register(app, inbox, store)
    return app
