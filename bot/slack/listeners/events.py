"""Events API listeners: messages in watched channels, @mentions, shared files."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from slack_bolt import App, BoltContext

from bot.ops.slack_surface import LISTENER_EVENT_TYPES
from bot.slack import jobs
from bot.slack.inbox import Inbox


def register(app: App, inbox: Inbox) -> None:
    """One listener per event type the manifest subscribes to; a missing one fails at start."""

    def message(body: dict[str, Any], context: BoltContext) -> None:
        """A message, an edit or a deletion in a channel the bot is in."""
        job = jobs.for_message_event(body, context.bot_user_id)
        if job is not None:
            inbox.put(job)

    def app_mention(body: dict[str, Any]) -> None:
        """`@Copydesk check [date YYYY-MM-DD]`."""
        if not jobs.is_from_bot(body.get("event") or {}):
            inbox.put(jobs.for_mention(body))

    def file_shared(body: dict[str, Any]) -> None:
        """Nothing to do: the `message` event of subtype file_share that comes with it carries
        the file and its channel context. Acknowledged so Slack does not retry it."""
        del body

    handlers: dict[str, Callable[..., None]] = {
        "message": message,
        "app_mention": app_mention,
        "file_shared": file_shared,
    }
    for event_type in sorted(set(LISTENER_EVENT_TYPES.values())):
        if event_type not in handlers:
            raise RuntimeError(f"no listener for the subscribed event {event_type!r}")
        app.event(event_type)(handlers[event_type])
