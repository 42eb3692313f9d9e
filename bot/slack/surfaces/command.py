"""`/copydesk`: check text or a link privately, show help, change the channel's mode."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import date
from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.errors import FetchError, InputError
from bot.intake.messages import source_of
from bot.report.escape import escape
from bot.report.slack import render_notice, render_report
from bot.slack import texts
from bot.slack.answering import privately, replied, slack_report
from bot.slack.desk import Desk
from bot.slack.inbox import Inbox
from bot.slack.jobs import NewJob, interaction_key, parse_date
from bot.slack.surface import JobKind, SlashCommand, Surface
from bot.slack.surfaces.views import settings_view
from bot.store import CHANNEL_MODES, Job, Store

log = logging.getLogger(__name__)

COMMAND = "command"
COPYDESK = SlashCommand(
    command="/copydesk",
    description="Check an article (text or link), or `help` / `settings`",
    usage_hint="[text or link | help | settings]",
)


def listen(app: App, inbox: Inbox, store: Store) -> None:
    def copydesk(ack: Ack, body: dict[str, Any], client: WebClient) -> None:
        text = str(body.get("text") or "").strip()
        word, _, rest = text.partition(" ")
        word = word.lower()
        if not text or word in ("help", "?"):
            ack(response_type="ephemeral", text=texts.HELP)
        elif word == "settings":
            _settings(ack, body, client, store, rest.strip().lower())
        else:
            try:
                story_date, article = parse_date(text)
            except ValueError as exc:
                ack(response_type="ephemeral", text=escape(str(exc)))
                return
            inbox.put(job_for(body, article, story_date))
            ack(response_type="ephemeral", text="Checking…")

    app.command(COPYDESK.command)(copydesk)


def job_for(body: Mapping[str, Any], text: str, story_date: date | None) -> NewJob:
    """The text or link to check, answered privately through `response_url`."""
    return NewJob(
        interaction_key(COMMAND, body, {}),
        COMMAND,
        str(body.get("channel_id", "")),
        "",
        {
            "text": text,
            "user": str(body.get("user_id", "")),
            "response_url": body.get("response_url"),
            "date": story_date.isoformat() if story_date else None,
        },
    )


def answer(desk: Desk, job: Job) -> None:
    url = str(job.payload.get("response_url") or "")
    raw_date = job.payload.get("date")
    story_date = date.fromisoformat(raw_date) if raw_date else None
    # The request is the message: it was sent when the editor ran the command.
    sent = {"text": str(job.payload.get("text", "")), "ts": str(job.payload.get("received_at", ""))}
    source = source_of(sent, explicit=True)
    if source is None:
        desk.responder.send(url, [render_notice(texts.NOTHING_TO_CHECK)])
        return
    try:
        outcome = desk.checker.check(source, channel=job.channel, subject="", story_date=story_date)
    except (InputError, FetchError) as exc:
        desk.responder.send(url, [render_notice(texts.could_not_check(escape(str(exc))))])
        return
    desk.responder.send(url, render_report(slack_report(outcome, subject=None)))
    replied(desk, job)


def _settings(ack: Ack, body: dict[str, Any], client: WebClient, store: Store, arg: str) -> None:
    """`/copydesk settings [auto|on-request]`: set it now, or open the settings modal."""
    channel = str(body.get("channel_id") or "")
    if arg in CHANNEL_MODES:
        user = str(body.get("user_id") or "") or None
        store.set_channel_mode(channel, "auto" if arg == "auto" else "on-request", user=user)
        ack(response_type="ephemeral", text=texts.mode_set(arg))
        return
    if arg:
        ack(
            response_type="ephemeral",
            text=f"Unknown mode `{escape(arg)}`: use `/copydesk settings auto` or "
            "`/copydesk settings on-request`.",
        )
        return
    try:
        client.views_open(
            trigger_id=body["trigger_id"], view=settings_view(channel, store.channel_mode(channel))
        )
    except SlackApiError as exc:
        log.warning(
            "could not open the settings modal", extra={"reason": exc.response.get("error")}
        )
        ack(
            response_type="ephemeral",
            text="Use `/copydesk settings auto` or `/copydesk settings on-request`.",
        )
        return
    ack()


SURFACE = Surface(
    name="command",
    listen=listen,
    commands=(COPYDESK,),
    scopes={"commands": "the /copydesk slash command and the message shortcut"},
    jobs={COMMAND: JobKind(answer, privately(texts.GAVE_UP))},
)
