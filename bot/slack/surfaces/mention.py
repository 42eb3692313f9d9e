"""`@Copydesk check [date YYYY-MM-DD]`: in a thread, checks the thread's first message; in a
top-level message, checks the rest of that message (its text, file or link)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from slack_bolt import App

from bot.report.escape import escape
from bot.slack import texts
from bot.slack.answering import check_and_reply, in_thread, notice
from bot.slack.desk import Desk
from bot.slack.inbox import Inbox
from bot.slack.jobs import NewJob, event_key, is_from_bot, parse_date, slim_message
from bot.slack.surface import JobKind, Surface
from bot.slack.threads import Target, read_message, without_mention
from bot.store import Job, Store

MENTION = "mention"
_COMMAND_WORD = re.compile(r"^\s*(?:please\s+)?(?:check|recheck|re-check)\b[\s:,]*", re.I)


def listen(app: App, inbox: Inbox, store: Store) -> None:
    def app_mention(body: dict[str, Any]) -> None:
        if not is_from_bot(body.get("event") or {}):
            inbox.put(job_for(body))

    app.event("app_mention")(app_mention)


def job_for(body: Mapping[str, Any]) -> NewJob:
    """The mention message itself: the worker reads the thread."""
    event: Mapping[str, Any] = body["event"]
    channel = str(event.get("channel", ""))
    key = event_key(body, f"mention:{channel}:{event.get('ts')}")
    message = slim_message(event)
    return NewJob(key, MENTION, channel, str(event.get("ts", "")), {"message": message})


def answer(desk: Desk, job: Job) -> None:
    mention: Mapping[str, Any] = job.payload["message"]
    ts = str(mention.get("ts", job.message_ts))
    thread_ts = str(mention.get("thread_ts") or ts)
    here = Target(job.channel, ts, thread_ts, mention)
    text = without_mention(str(mention.get("text", "")), desk.bot_user_id)
    if text.strip().lower() in ("help", "?"):
        notice(desk, job, here, texts.HELP)
        return
    try:
        story_date, rest = parse_date(_COMMAND_WORD.sub("", text, count=1))
    except ValueError as exc:
        notice(desk, job, here, escape(str(exc)))
        return
    if thread_ts != ts:
        parent = read_message(desk.client, job.channel, thread_ts)
        if parent is None:
            notice(desk, job, here, texts.MESSAGE_GONE)
            return
        target = Target(job.channel, thread_ts, thread_ts, parent)
    elif rest.strip() or mention.get("files"):
        target = Target(job.channel, ts, ts, {**mention, "text": rest})
    else:
        notice(desk, job, here, texts.HELP)
        return
    check_and_reply(desk, job, target, explicit=True, story_date=story_date, again=True)


def _thread(job: Job) -> Target:
    """Where a failure notice goes: the thread the editor asked in."""
    message: Mapping[str, Any] = job.payload.get("message") or {}
    ts = str(message.get("ts") or job.message_ts)
    thread_ts = str(message.get("thread_ts") or ts)
    return Target(job.channel, thread_ts, thread_ts, message)


SURFACE = Surface(
    name="mention",
    listen=listen,
    events=("app_mention",),
    scopes={
        "app_mentions:read": "receive app_mention (@Copydesk check)",
        "chat:write": "post, update and delete the threaded report",
        "reactions:write": "the in-progress and all-clear reactions",
        "files:write": "attach a long report's full text to its thread, replacing the last one",
    },
    jobs={MENTION: JobKind(answer, in_thread(_thread))},
)
