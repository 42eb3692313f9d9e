"""What the Slack tests share: reading replies, and acting in Slack as an editor would."""

from __future__ import annotations

import html
import re
from typing import Any

from bot.report.slack import DETAILS_ACTION, DISMISS_ACTION
from tests.slack.conftest import CHANNEL, Harness
from tests.slack.fake_slack import BOT_USER, EDITOR


def section_text(message: dict[str, Any]) -> str:
    return "\n".join(
        b["text"]["text"] for b in message.get("blocks", []) if b.get("type") == "section"
    )


def one_reply(harness: Harness, message: dict[str, Any]) -> dict[str, Any]:
    """Wait for the bot's reply in `message`'s thread, let the inbox drain, check it is alone."""
    harness.fake.wait_for(lambda: harness.replies(message), message="a thread reply")
    harness.wait_idle()
    replies = harness.replies(message)
    assert len(replies) == 1, [r["text"] for r in replies]
    return replies[0]


def web_calls(harness: Harness) -> list[str]:
    return [c.method for c in harness.fake.calls if c.method != "auth.test"]


def mention(harness: Harness, text: str, *, thread_ts: str | None = None) -> dict[str, Any]:
    message = harness.fake.add_message(CHANNEL, f"<@{BOT_USER}> {text}", thread_ts=thread_ts)
    assert harness.event({**message, "type": "app_mention"}).status_code == 200
    return message


def quiet_parent(harness: Harness, text: str, channel: str = CHANNEL) -> dict[str, Any]:
    """An article already in the channel that the bot did not check on its own."""
    return harness.fake.add_message(channel, text)


def press(
    harness: Harness, reply: dict[str, Any], action: dict[str, Any], *, user: str = EDITOR
) -> None:
    """An editor presses a button (or picks a date) in a report in a channel."""
    payload = {
        "type": "block_actions",
        "user": {"id": user},
        "channel": {"id": reply["channel"]},
        "container": {
            "type": "message",
            "message_ts": reply["ts"],
            "channel_id": reply["channel"],
            "is_ephemeral": False,
        },
        "message": reply,
        "response_url": harness.fake.response_url("action"),
        "actions": [{"action_ts": harness.fake.next_ts(), **action}],
    }
    assert harness.interaction(payload).status_code == 200


def dismiss_button(reply: dict[str, Any], quote: str) -> dict[str, Any]:
    for block in reply["blocks"]:
        accessory = block.get("accessory", {})
        if accessory.get("action_id") == DISMISS_ACTION and f"*{quote}*" in block["text"]["text"]:
            return {**accessory, "block_id": block["block_id"]}
    raise AssertionError(f"no button for {quote!r}")


def visible_text(blocks: list[dict[str, Any]]) -> str:
    """What an editor sees of a message's blocks: every text object (button labels and the
    date picker's placeholder included) with Slack's markup resolved: a link shows its label,
    `*bold*` its words, an entity its character, an emoji code one character."""
    shown = []
    for node in _text_objects(blocks):
        text = node["text"]
        if node.get("type") == "mrkdwn":
            text = re.sub(r"<[^<>|]+\|([^<>]+)>", r"\1", text)  # <url|label>
            text = re.sub(r"<([^<>]+)>", r"\1", text)
            text = re.sub(r"(?<![\w])[*_~]|[*_~](?![\w])", "", text)
            text = re.sub(r":[a-z0-9_+-]+:", "•", text)
            text = html.unescape(text)
        shown.append(text)
    return "\n".join(shown)


def _text_objects(node: Any) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    if isinstance(node, dict):
        if node.get("type") in ("mrkdwn", "plain_text") and isinstance(node.get("text"), str):
            found.append(node)
        for value in node.values():
            found += _text_objects(value)
    elif isinstance(node, list):
        for value in node:
            found += _text_objects(value)
    return found


def details_button(reply: dict[str, Any]) -> dict[str, Any]:
    for block in reply["blocks"]:
        for element in block.get("elements", []):
            if element.get("action_id") == DETAILS_ACTION:
                return {**element, "block_id": block["block_id"]}
    raise AssertionError("no Details button")
