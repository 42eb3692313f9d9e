"""`/copydesk`: check text or a link privately, show help, change the channel's mode."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.ops.slack_surface import COMMANDS
from bot.report.escape import escape
from bot.slack import jobs, texts
from bot.slack.inbox import Inbox
from bot.slack.listeners.views import settings_view
from bot.store import CHANNEL_MODES, Store

log = logging.getLogger(__name__)


def register(app: App, inbox: Inbox, store: Store) -> None:
    def copydesk(ack: Ack, body: dict[str, Any], client: WebClient) -> None:
        text = str(body.get("text") or "").strip()
        word, _, rest = text.partition(" ")
        word = word.lower()
        if not text or word in ("help", "?"):
            ack(response_type="ephemeral", text=texts.HELP)
        elif word == "settings":
            _settings(ack, body, client, store, rest.strip().lower())
        else:
            try:
                story_date, article = jobs.parse_date(text)
            except ValueError as exc:
                ack(response_type="ephemeral", text=escape(str(exc)))
                return
            inbox.put(jobs.for_command(body, article, story_date))
            ack(response_type="ephemeral", text="Checking…")

    for command in COMMANDS:
        app.command(command)(copydesk)


def _settings(ack: Ack, body: dict[str, Any], client: WebClient, store: Store, arg: str) -> None:
    """`/copydesk settings [auto|on-request]`: set it now, or open the settings modal."""
    channel = str(body.get("channel_id") or "")
    if arg in CHANNEL_MODES:
        store.set_channel_mode(channel, "auto" if arg == "auto" else "on-request")
        ack(response_type="ephemeral", text=texts.mode_set(arg))
        return
    if arg:
        ack(
            response_type="ephemeral",
            text=f"Unknown mode `{escape(arg)}`: use `/copydesk settings auto` or "
            "`/copydesk settings on-request`.",
        )
        return
    try:
        client.views_open(
            trigger_id=body["trigger_id"], view=settings_view(channel, store.channel_mode(channel))
        )
    except SlackApiError as exc:
        log.warning(
            "could not open the settings modal", extra={"reason": exc.response.get("error")}
        )
        ack(
            response_type="ephemeral",
            text="Use `/copydesk settings auto` or `/copydesk settings on-request`.",
        )
        return
    ack()
