"""Every Slack listener, registered in one place (the Bolt starter's `listeners/__init__.py`).

The surface comes from `bot.ops.slack_surface`, the same lists the app manifests are built from,
so every subscribed event, command and shortcut has a handler and Slack never gets a 404.
Handlers are thin: they turn a request into an inbox job (or answer help and settings at once)
and return; the worker does the checking.
"""

from __future__ import annotations

from slack_bolt import App

from bot.slack.inbox import Inbox
from bot.slack.listeners import actions, commands, events, shortcuts
from bot.store import Store


def register(app: App, inbox: Inbox, store: Store) -> None:
    """Register the listeners for everything the app subscribes to."""
    events.register(app, inbox)
    commands.register(app, inbox, store)
    shortcuts.register(app, inbox)
    actions.register(app, inbox, store)
