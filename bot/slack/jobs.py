"""What the listeners put in the store's inbox: one job per Slack request worth answering.

Listeners only decide *whether* a request is work and write it down (issue 5: the inbox row exists
before Slack gets its 200); the worker (`bot.slack.answer`) does the work. Every job has an
`event_key` that is the same when Slack delivers the same request again: the Events API's
`event_id`, else the interaction's `trigger_id`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from bot.intake import MAX_PASTE_BYTES
from bot.intake.messages import source_of


class Kind(StrEnum):
    """What a job asks the worker to do."""

    MESSAGE = "message"  # a message posted in a watched channel that looks like an article
    EDIT = "edit"  # that message was edited: re-check, update the reply in place
    DELETE = "delete"  # that message was deleted: remove the reply
    MENTION = "mention"  # "@Copydesk check [date YYYY-MM-DD]"
    SHORTCUT = "shortcut"  # "Check with Copydesk" on a message
    COMMAND = "command"  # "/copydesk <text or link>": an ephemeral report
    RECHECK = "recheck"  # a date picked in a report: check again at that date
    DISMISS = "dismiss"  # "Not an error" on a finding


@dataclass(frozen=True)
class NewJob:
    """A job about to be accepted into the inbox."""

    event_key: str
    kind: Kind
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


def for_message_event(body: Mapping[str, Any], bot_user_id: str | None) -> NewJob | None:
    """The job for a `message` event, or None for chatter, bots, threads and short messages."""
    event: Mapping[str, Any] = body["event"]
    channel = str(event.get("channel", ""))
    event_key = str(body.get("event_id") or f"message:{channel}:{event.get('ts')}")
    subtype = event.get("subtype")
    if subtype == "message_changed":
        return _for_edit(event_key, channel, event, bot_user_id)
    if subtype == "message_deleted":
        previous = event.get("previous_message") or {}
        if not is_top_level(previous) or is_from_bot(previous):
            return None
        return NewJob(event_key, Kind.DELETE, channel, str(event.get("deleted_ts", "")))
    if subtype not in (None, "file_share"):
        return None  # joins, topic changes, bot messages, thread broadcasts...
    if is_from_bot(event) or not is_top_level(event):
        return None
    if mentions(str(event.get("text", "")), bot_user_id):
        return None  # the app_mention event for the same message asks explicitly
    if source_of(event) is None:
        return None
    payload = {"message": slim_message(event)}
    return NewJob(event_key, Kind.MESSAGE, channel, str(event["ts"]), payload)


def _for_edit(
    event_key: str, channel: str, event: Mapping[str, Any], bot_user_id: str | None
) -> NewJob | None:
    message: Mapping[str, Any] = event.get("message") or {}
    previous: Mapping[str, Any] = event.get("previous_message") or {}
    if is_from_bot(message) or not is_top_level(message) or not message.get("ts"):
        return None
    ts = str(message["ts"])
    if message.get("subtype") == "tombstone":
        # A deleted message that has replies stays as a tombstone: treat it as deleted.
        return NewJob(event_key, Kind.DELETE, channel, ts)
    same_text = message.get("text") == previous.get("text")
    same_files = [f.get("id") for f in message.get("files") or []] == [
        f.get("id") for f in previous.get("files") or []
    ]
    if same_text and same_files:
        return None  # an unfurl, a new thread reply or a reaction count: nothing was edited
    if mentions(str(message.get("text", "")), bot_user_id):
        return None
    return NewJob(event_key, Kind.EDIT, channel, ts, {"message": slim_message(message)})


def for_mention(body: Mapping[str, Any]) -> NewJob:
    """The job for an `app_mention`: the mention message itself, the worker reads the thread."""
    event: Mapping[str, Any] = body["event"]
    channel = str(event.get("channel", ""))
    event_key = str(body.get("event_id") or f"mention:{channel}:{event.get('ts')}")
    return NewJob(
        event_key, Kind.MENTION, channel, str(event.get("ts", "")), {"message": slim_message(event)}
    )


def for_shortcut(body: Mapping[str, Any]) -> NewJob:
    """The job for the "Check with Copydesk" message shortcut."""
    message: Mapping[str, Any] = body.get("message") or {}
    channel = str((body.get("channel") or {}).get("id", ""))
    return NewJob(
        f"shortcut:{body.get('trigger_id') or body.get('action_ts')}",
        Kind.SHORTCUT,
        channel,
        str(message.get("ts", "")),
        {
            "message": slim_message(message),
            "user": str((body.get("user") or {}).get("id", "")),
            "response_url": body.get("response_url"),
        },
    )


def for_command(body: Mapping[str, Any], text: str, story_date: date | None) -> NewJob:
    """The job for `/copydesk <text or link>`: answered privately through `response_url`."""
    channel = str(body.get("channel_id", ""))
    return NewJob(
        f"command:{body.get('trigger_id')}",
        Kind.COMMAND,
        channel,
        "",
        {
            "text": text,
            "user": str(body.get("user_id", "")),
            "response_url": body.get("response_url"),
            "date": story_date.isoformat() if story_date else None,
        },
    )


def for_action(body: Mapping[str, Any], action: Mapping[str, Any], kind: Kind) -> NewJob:
    """The job for a button or date picker in a report."""
    container: Mapping[str, Any] = body.get("container") or {}
    message: Mapping[str, Any] = body.get("message") or {}
    channel = str(container.get("channel_id") or (body.get("channel") or {}).get("id", ""))
    report_ts = str(container.get("message_ts") or message.get("ts") or "")
    key = body.get("trigger_id") or action.get("action_ts")
    return NewJob(
        f"{kind.value}:{key}",
        kind,
        channel,
        report_ts,
        {
            "user": str((body.get("user") or {}).get("id", "")),
            "thread_ts": message.get("thread_ts"),
            "ephemeral": bool(container.get("is_ephemeral")),
            "response_url": body.get("response_url"),
            "block_id": action.get("block_id"),
            "value": action.get("value"),
            "date": action.get("selected_date"),
        },
    )


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
