"""Modals: the channel settings modal (`/copydesk settings`) and what its submission saves."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App

from bot.slack.inbox import Inbox
from bot.slack.surface import Surface
from bot.store import ChannelMode, Store

SETTINGS_CALLBACK = "copydesk_settings"
MODE_BLOCK = "mode"
MODE_ACTION = "mode"
_LABELS: dict[ChannelMode, str] = {
    "auto": "Check pasted articles automatically",
    "on-request": "Only when someone asks (@Copydesk check, the shortcut, /copydesk)",
}


def listen(app: App, inbox: Inbox, store: Store) -> None:
    def save_settings(ack: Ack, body: dict[str, Any], view: dict[str, Any]) -> None:
        mode = submitted_mode(view)
        channel = str(view.get("private_metadata") or "")
        if mode is None or not channel:
            ack(response_action="errors", errors={MODE_BLOCK: "Choose one of the two options."})
            return
        user = str((body.get("user") or {}).get("id") or "") or None
        store.set_channel_mode(channel, mode, user=user)
        ack()

    app.view(SETTINGS_CALLBACK)(save_settings)


def settings_view(channel: str, mode: ChannelMode) -> dict[str, Any]:
    """A modal with the channel's mode; the channel rides along in `private_metadata`."""
    options = [
        {"text": {"type": "plain_text", "text": label}, "value": value}
        for value, label in _LABELS.items()
    ]
    return {
        "type": "modal",
        "callback_id": SETTINGS_CALLBACK,
        "private_metadata": channel,
        "title": {"type": "plain_text", "text": "Copydesk settings"},
        "submit": {"type": "plain_text", "text": "Save"},
        "close": {"type": "plain_text", "text": "Cancel"},
        "blocks": [
            {
                "type": "input",
                "block_id": MODE_BLOCK,
                "label": {"type": "plain_text", "text": "In this channel"},
                "element": {
                    "type": "radio_buttons",
                    "action_id": MODE_ACTION,
                    "options": options,
                    "initial_option": next(o for o in options if o["value"] == mode),
                },
            }
        ],
    }


def submitted_mode(view: dict[str, Any]) -> ChannelMode | None:
    """The mode chosen in a submitted settings modal."""
    state = view.get("state", {}).get("values", {}).get(MODE_BLOCK, {}).get(MODE_ACTION, {})
    value = (state.get("selected_option") or {}).get("value")
    if value == "auto":
        return "auto"
    if value == "on-request":
        return "on-request"
    return None


SURFACE = Surface(name="views", listen=listen, interactive=True)
