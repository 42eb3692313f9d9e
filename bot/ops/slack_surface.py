"""Everything Slack sends Copydesk, in one place: the app manifests in deploy/slack/ and the
listeners the Slack app registers both come from these lists, and tests/deploy/ checks they agree
(issue 5: "the manifest lists every event, command and shortcut the app registers"; issue 4:
every subscribed event has a handler, so Slack never gets a 404).
"""

from __future__ import annotations

# Events API subscriptions, as the manifest names them (settings.event_subscriptions.bot_events).
EVENTS: tuple[str, ...] = ("app_mention", "message.channels", "message.groups", "file_shared")

# The `type` a Bolt listener matches for each subscription: message.* all arrive as "message"
# (edits and deletions are its message_changed / message_deleted subtypes).
LISTENER_EVENT_TYPES: dict[str, str] = {
    "app_mention": "app_mention",
    "message.channels": "message",
    "message.groups": "message",
    "file_shared": "file_shared",
}

# Slash commands (features.slash_commands[].command).
COMMANDS: tuple[str, ...] = ("/copydesk",)

# Message shortcuts, by callback_id (features.shortcuts[] with type "message").
SHORTCUTS: tuple[str, ...] = ("check_with_copydesk",)

# Least privilege: each scope is here for one reason.
BOT_SCOPES: dict[str, str] = {
    "app_mentions:read": "receive app_mention (@Copydesk check)",
    "channels:history": "receive message.channels: pasted articles in public channels",
    "groups:history": "receive message.groups: pasted articles in private channels",
    "chat:write": "post, update and delete the threaded report",
    "reactions:write": "the in-progress and all-clear reactions",
    "files:read": "file_shared, files.info and the file download",
    "commands": "the /copydesk slash command and the message shortcut",
}

# HTTP mode paths (issue 4: Events API, interactivity and slash commands share one URL).
EVENTS_PATH = "/slack/events"
HEALTH_PATH = "/healthz"
READY_PATH = "/readyz"
METRICS_PATH = "/metrics"
