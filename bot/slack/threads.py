"""Where a check's reply goes, and reading a message back from Slack."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.slack.client import error_code


@dataclass(frozen=True, slots=True)
class Target:
    """The message to check and where its reply goes."""

    channel: str
    subject: str  # ts of the checked message: the key of its one reply
    thread_ts: str  # the thread the reply goes in
    message: Mapping[str, Any]


def read_message(
    client: WebClient, channel: str, ts: str, thread_ts: str | None = None
) -> Mapping[str, Any] | None:
    """A message by ts (the parent of a thread, or a reply in it), or None if gone."""
    for root in dict.fromkeys([ts, thread_ts or ts]):
        try:
            response = client.conversations_replies(channel=channel, ts=root, limit=200)
        except SlackApiError as exc:
            if error_code(exc) in ("thread_not_found", "message_not_found"):
                continue
            raise
        for message in response.get("messages") or []:
            if message.get("ts") == ts:
                return dict(message)
    return None


def without_mention(text: str, bot_user_id: str | None) -> str:
    """The text of a message with the bot's own @mention taken out."""
    if bot_user_id:
        text = re.sub(rf"<@{re.escape(bot_user_id)}(?:\|[^>]*)?>", " ", text)
    return text.strip()
