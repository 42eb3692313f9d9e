"""The message shortcut "Check with Copydesk": check any message, reply in its thread."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App

from bot.ops.slack_surface import SHORTCUTS
from bot.slack import jobs
from bot.slack.inbox import Inbox


def register(app: App, inbox: Inbox) -> None:
    def check_message(ack: Ack, body: dict[str, Any]) -> None:
        inbox.put(jobs.for_shortcut(body))
        ack()

    for callback_id in SHORTCUTS:
        app.shortcut(callback_id)(check_message)
