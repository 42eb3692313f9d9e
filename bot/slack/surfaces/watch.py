"""Watching channels: an article pasted, shared as a file or linked is checked unasked; an edit
re-checks it and updates the reply in place; a deletion takes the reply with it."""

from __future__ import annotations

import contextlib
from collections.abc import Mapping
from typing import Any

from slack_bolt import App, BoltContext

from bot.intake.messages import source_of
from bot.slack.answering import check_and_reply, in_thread, silently
from bot.slack.desk import Desk
from bot.slack.inbox import Inbox
from bot.slack.jobs import NewJob, event_key, is_from_bot, is_top_level, mentions, slim_message
from bot.slack.replies import ReplyBusyError
from bot.slack.surface import JobKind, Surface
from bot.slack.threads import Target
from bot.store import Job, Store

MESSAGE = "message"  # a message posted in a watched channel that looks like an article
EDIT = "edit"  # that message was edited: re-check, update the reply in place
DELETE = "delete"  # that message was deleted: remove the reply


def listen(app: App, inbox: Inbox, store: Store) -> None:
    def message(body: dict[str, Any], context: BoltContext) -> None:
        """A message, an edit or a deletion in a channel the bot is in."""
        job = job_for(body, context.bot_user_id)
        if job is not None:
            inbox.put(job)

    def file_shared(body: dict[str, Any]) -> None:
        """Nothing to do: the `message` event of subtype file_share that comes with it carries
        the file and its channel context. Acknowledged so Slack does not retry it."""
        del body

    app.event("message")(message)
    app.event("file_shared")(file_shared)


def job_for(body: Mapping[str, Any], bot_user_id: str | None) -> NewJob | None:
    """The job for a `message` event, or None for chatter, bots, threads and short messages."""
    event: Mapping[str, Any] = body["event"]
    channel = str(event.get("channel", ""))
    key = event_key(body, f"message:{channel}:{event.get('ts')}")
    subtype = event.get("subtype")
    if subtype == "message_changed":
        return _for_edit(key, channel, event, bot_user_id)
    if subtype == "message_deleted":
        previous = event.get("previous_message") or {}
        if not is_top_level(previous) or is_from_bot(previous):
            return None
        return NewJob(key, DELETE, channel, str(event.get("deleted_ts", "")))
    if subtype not in (None, "file_share"):
        return None  # joins, topic changes, bot messages, thread broadcasts...
    if is_from_bot(event) or not is_top_level(event):
        return None
    if mentions(str(event.get("text", "")), bot_user_id):
        return None  # the app_mention event for the same message asks explicitly
    if source_of(event) is None:
        return None
    return NewJob(key, MESSAGE, channel, str(event["ts"]), {"message": slim_message(event)})


def _for_edit(
    key: str, channel: str, event: Mapping[str, Any], bot_user_id: str | None
) -> NewJob | None:
    message: Mapping[str, Any] = event.get("message") or {}
    previous: Mapping[str, Any] = event.get("previous_message") or {}
    if is_from_bot(message) or not is_top_level(message) or not message.get("ts"):
        return None
    ts = str(message["ts"])
    if message.get("subtype") == "tombstone":
        # A deleted message that has replies stays as a tombstone: treat it as deleted.
        return NewJob(key, DELETE, channel, ts)
    same_text = message.get("text") == previous.get("text")
    same_files = [f.get("id") for f in message.get("files") or []] == [
        f.get("id") for f in previous.get("files") or []
    ]
    if same_text and same_files:
        return None  # an unfurl, a new thread reply or a reaction count: nothing was edited
    if mentions(str(message.get("text", "")), bot_user_id):
        return None
    return NewJob(key, EDIT, channel, ts, {"message": slim_message(message)})


def answer_message(desk: Desk, job: Job) -> None:
    """A message in a watched channel: checked once, only in `auto` channels."""
    if desk.store.channel_mode(job.channel) != "auto":
        return
    if desk.replies.existing(job.channel, job.message_ts) is not None:
        return  # already answered (another event or a shortcut for the same message)
    with contextlib.suppress(ReplyBusyError):  # another job is answering it right now
        check_and_reply(desk, job, _target(job), explicit=False)


def answer_edit(desk: Desk, job: Job) -> None:
    """An edited message: re-check it and update the reply in place."""
    message = job.payload["message"]
    answered = desk.replies.existing(job.channel, job.message_ts) is not None
    if not answered and (
        desk.store.channel_mode(job.channel) != "auto" or source_of(message) is None
    ):
        return
    note = "Re-checked after the edit." if answered else None
    check_and_reply(desk, job, _target(job), explicit=answered, note=note, again=True)


def answer_delete(desk: Desk, job: Job) -> None:
    """A deleted message takes the bot's reply with it."""
    desk.replies.remove(job.channel, job.message_ts)


def _target(job: Job) -> Target:
    return Target(job.channel, job.message_ts, job.message_ts, job.payload.get("message") or {})


SURFACE = Surface(
    name="watch",
    listen=listen,
    events=("message.channels", "message.groups", "file_shared"),
    scopes={
        "channels:history": "receive message.channels: pasted articles in public channels",
        "groups:history": "receive message.groups: pasted articles in private channels",
        "files:read": "file_shared, files.info and the file download",
        "chat:write": "post, update and delete the threaded report",
        "reactions:write": "the in-progress and all-clear reactions",
        "files:write": "attach a long report's full text to its thread, replacing the last one",
    },
    jobs={
        MESSAGE: JobKind(answer_message, in_thread(_target)),
        EDIT: JobKind(answer_edit, in_thread(_target)),
        DELETE: JobKind(answer_delete, silently),
    },
)
