"""Interactivity: "Not an error" buttons, the re-check date picker, the settings modal."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App

from bot.report.slack import DISMISS_ACTION, RECHECK_ACTION
from bot.slack import jobs
from bot.slack.inbox import Inbox
from bot.slack.listeners.views import SETTINGS_CALLBACK, submitted_mode
from bot.store import Store


def register(app: App, inbox: Inbox, store: Store) -> None:
    def dismiss(ack: Ack, body: dict[str, Any], action: dict[str, Any]) -> None:
        """Record the dismissal and update the report (in the worker)."""
        inbox.put(jobs.for_action(body, action, jobs.Kind.DISMISS))
        ack()

    def recheck(ack: Ack, body: dict[str, Any], action: dict[str, Any]) -> None:
        """Check the same message again at the picked story date (in the worker)."""
        inbox.put(jobs.for_action(body, action, jobs.Kind.RECHECK))
        ack()

    def save_settings(ack: Ack, view: dict[str, Any]) -> None:
        mode = submitted_mode(view)
        channel = str(view.get("private_metadata") or "")
        if mode is None or not channel:
            ack(response_action="errors", errors={"mode": "Choose one of the two options."})
            return
        store.set_channel_mode(channel, mode)
        ack()

    app.action(DISMISS_ACTION)(dismiss)
    app.action(RECHECK_ACTION)(recheck)
    app.view(SETTINGS_CALLBACK)(save_settings)
