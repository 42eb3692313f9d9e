"""What a Slack surface declares: one module per way Slack reaches Copydesk.

A surface says what the app manifest must subscribe to for it (events, a slash command, a
shortcut, the scopes it needs), registers the Bolt listeners that accept its requests, and names
the inbox jobs it makes together with how the worker answers each one. `bot.slack.surfaces`
lists them; the app, the worker and the manifests in deploy/slack are all built from that list.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from slack_bolt import App

    from bot.slack.desk import Desk
    from bot.slack.inbox import Inbox
    from bot.store import Job, Store


@dataclass(frozen=True, slots=True)
class SlashCommand:
    """A slash command as the manifest declares it."""

    command: str
    description: str
    usage_hint: str = ""


@dataclass(frozen=True, slots=True)
class Shortcut:
    """A message shortcut (the ⋮ menu on a message) as the manifest declares it."""

    callback_id: str
    name: str
    description: str


@dataclass(frozen=True, slots=True)
class JobKind:
    """How the worker answers one kind of inbox job, and what it tells the editor when the job
    fails for good (it is never dropped silently)."""

    answer: Callable[[Desk, Job], None]
    gave_up: Callable[[Desk, Job], None]


@dataclass(frozen=True, slots=True)
class Surface:
    """One way Slack reaches Copydesk."""

    name: str
    listen: Callable[[App, Inbox, Store], None]  # registers this surface's Bolt listeners
    events: tuple[str, ...] = ()  # Events API subscriptions, as the manifest names them
    commands: tuple[SlashCommand, ...] = ()
    shortcuts: tuple[Shortcut, ...] = ()
    scopes: Mapping[str, str] = field(default_factory=dict)  # bot scope -> why it is needed
    interactive: bool = False  # buttons, modals or shortcuts: Slack must send interactions
    home_tab: bool = False
    jobs: Mapping[str, JobKind] = field(default_factory=dict)  # inbox job kind -> its answer


def event_type(subscription: str) -> str:
    """The `type` of the events a subscription delivers: message.channels sends "message"."""
    return subscription.split(".", 1)[0]
