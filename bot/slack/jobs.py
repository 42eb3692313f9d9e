"""What the listeners put in the store's inbox: one job per Slack request worth answering.

Listeners only decide *whether* a request is work and write it down (the inbox row exists before
Slack gets its 200); the worker answers it (`bot.slack.dispatch`). Every job has an `event_key`
that is the same when Slack delivers the same request again: the Events API's `event_id`, else
the interaction's `trigger_id`. Each surface (`bot.slack.surfaces`) makes its own jobs with the
helpers here.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from bot.intake import MAX_PASTE_BYTES


@dataclass(frozen=True)
class NewJob:
    """A job about to be accepted into the inbox."""

    event_key: str
    kind: str  # a job kind one of the surfaces answers (bot.slack.surfaces)
    channel: str
    message_ts: str
    payload: dict[str, Any] = field(default_factory=dict)


_MESSAGE_FIELDS = ("ts", "thread_ts", "text", "user", "bot_id", "subtype")
_FILE_FIELDS = ("id", "name", "title", "mimetype", "filetype", "size")
_LEADING_DATE = re.compile(r"^\s*(?:(?:date|at|on|for)\s+)?(\d{4}-\d{2}-\d{2})\b\s*", re.I)


def slim_message(message: Mapping[str, Any]) -> dict[str, Any]:
    """The parts of a Slack message the worker needs (the inbox keeps no more than that)."""
    slim = {k: message[k] for k in _MESSAGE_FIELDS if message.get(k) is not None}
    text = str(slim.get("text", ""))
    if len(text) > MAX_PASTE_BYTES // 4:
        size = len(text.encode("utf-8", "surrogatepass"))
        if size > MAX_PASTE_BYTES:
            slim["text"] = text[: MAX_PASTE_BYTES // 4]
            slim["text_size"] = size
    files = [
        {k: f[k] for k in _FILE_FIELDS if f.get(k) is not None}
        for f in message.get("files") or []
        if isinstance(f, Mapping) and f.get("id")
    ]
    if files:
        slim["files"] = files
    return slim


def is_top_level(message: Mapping[str, Any]) -> bool:
    thread_ts = message.get("thread_ts")
    return not thread_ts or thread_ts == message.get("ts")


def is_from_bot(message: Mapping[str, Any]) -> bool:
    return bool(message.get("bot_id")) or message.get("subtype") == "bot_message"


def mentions(text: str, user_id: str | None) -> bool:
    return bool(user_id) and f"<@{user_id}" in text


def event_key(body: Mapping[str, Any], fallback: str) -> str:
    """The Events API's `event_id`, the same on every delivery of one event."""
    return str(body.get("event_id") or fallback)


def interaction_key(kind: str, body: Mapping[str, Any], action: Mapping[str, Any]) -> str:
    """A key for a shortcut, command or button: its `trigger_id`, the same on a re-delivery."""
    return f"{kind}:{body.get('trigger_id') or action.get('action_ts')}"


def parse_date(text: str) -> tuple[date | None, str]:
    """A story date at the start of a request ("date 2025-07-29 ...", "2025-07-29 ..."), and
    the rest of the text. A date inside the article is not a request and is left alone.

    Raises ValueError with a message for a date that does not exist (2025-02-30)."""
    match = _LEADING_DATE.match(text)
    if match is None:
        return None, text
    try:
        day = date.fromisoformat(match.group(1))
    except ValueError:
        raise ValueError(
            f"{match.group(1)} is not a date: give the story date as YYYY-MM-DD"
        ) from None
    return day, text[match.end() :]
