"""The message shortcut "Check with Copydesk": check any message, reply in its thread."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from slack_bolt import Ack, App

from bot.slack.answering import check_and_reply, in_thread
from bot.slack.desk import Desk
from bot.slack.inbox import Inbox
from bot.slack.jobs import NewJob, interaction_key, slim_message
from bot.slack.surface import JobKind, Shortcut, Surface
from bot.slack.threads import Target
from bot.store import Job, Store

SHORTCUT = "shortcut"
CHECK_MESSAGE = Shortcut(
    callback_id="check_with_copydesk",
    name="Check with Copydesk",
    description="Check this message's article for factual and copy errors",
)


def listen(app: App, inbox: Inbox, store: Store) -> None:
    def check_message(ack: Ack, body: dict[str, Any]) -> None:
        inbox.put(job_for(body))
        ack()

    app.shortcut(CHECK_MESSAGE.callback_id)(check_message)


def job_for(body: Mapping[str, Any]) -> NewJob:
    message: Mapping[str, Any] = body.get("message") or {}
    return NewJob(
        interaction_key(SHORTCUT, body, {}),
        SHORTCUT,
        str((body.get("channel") or {}).get("id", "")),
        str(message.get("ts", "")),
        {
            "message": slim_message(message),
            "user": str((body.get("user") or {}).get("id", "")),
            "response_url": body.get("response_url"),
        },
    )


def answer(desk: Desk, job: Job) -> None:
    check_and_reply(desk, job, _target(job), explicit=True, again=True)


def _target(job: Job) -> Target:
    """The reply goes in the thread of the message the shortcut was used on."""
    message: Mapping[str, Any] = job.payload.get("message") or {}
    ts = str(message.get("ts") or job.message_ts)
    return Target(job.channel, ts, str(message.get("thread_ts") or ts), message)


SURFACE = Surface(
    name="shortcut",
    listen=listen,
    shortcuts=(CHECK_MESSAGE,),
    scopes={
        "commands": "the /copydesk slash command and the message shortcut",
        "chat:write": "post, update and delete the threaded report",
        "reactions:write": "the in-progress and all-clear reactions",
        "files:write": "attach a long report's full text to its thread, replacing the last one",
    },
    interactive=True,
    jobs={SHORTCUT: JobKind(answer, in_thread(_target))},
)
