"""Buttons and pickers in a report: "Not an error" on an entry, a story date picked to re-check
the article at, and "Details" (a modal with the evidence and sources, opened at once: a
trigger_id is good for three seconds)."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.report.entries import entry_of
from bot.report.slack import (
    DETAILS_ACTION,
    DISMISS_ACTION,
    FINDING_BLOCK_PREFIX,
    RECHECK_ACTION,
    RECHECK_BLOCK_PREFIX,
    SlackMessage,
    SlackReport,
    parse_details_value,
    parse_dismiss_value,
    render_report,
)
from bot.report.slack_details import details_view
from bot.slack import texts
from bot.slack.answering import check_and_reply, notice, privately
from bot.slack.desk import Desk
from bot.slack.inbox import Inbox
from bot.slack.jobs import NewJob, interaction_key
from bot.slack.surface import JobKind, Surface
from bot.slack.threads import Target, read_message
from bot.store import Job, Store

log = logging.getLogger(__name__)

DISMISS = "dismiss"  # "Not an error" on a finding
RECHECK = "recheck"  # a date picked in a report: check again at that date


def listen(app: App, inbox: Inbox, store: Store) -> None:
    def dismiss(ack: Ack, body: dict[str, Any], action: dict[str, Any]) -> None:
        """Record the dismissal and update the report (in the worker)."""
        inbox.put(job_for(body, action, DISMISS))
        ack()

    def recheck(ack: Ack, body: dict[str, Any], action: dict[str, Any]) -> None:
        """Check the same message again at the picked story date (in the worker)."""
        inbox.put(job_for(body, action, RECHECK))
        ack()

    def details(ack: Ack, body: dict[str, Any], action: dict[str, Any], client: WebClient) -> None:
        """Open the report's details; a report that is gone opens nothing."""
        report = stored_report(store, parse_details_value(str(action.get("value") or "")))
        if report is not None:
            try:
                client.views_open(trigger_id=body["trigger_id"], view=details_view(report))
            except SlackApiError as exc:
                log.warning(
                    "could not open the details", extra={"reason": exc.response.get("error")}
                )
        ack()

    app.action(DISMISS_ACTION)(dismiss)
    app.action(RECHECK_ACTION)(recheck)
    app.action(DETAILS_ACTION)(details)


def stored_report(store: Store, check_id: int | None) -> SlackReport | None:
    """The report of a stored check as it stands now (dismissals included)."""
    stored = store.get_check(check_id) if check_id is not None else None
    if stored is None:
        return None
    return SlackReport(
        check_id=stored.id,
        findings=stored.findings,
        story_date=stored.story_date,
        date_source=stored.date_source,
        date_label=stored.date_label,
        date_weak=stored.date_weak,
        subject=stored.message_ts or None,
        dismissed=store.dismissals(stored.id),
    )


def job_for(body: Mapping[str, Any], action: Mapping[str, Any], kind: str) -> NewJob:
    """The job for a button or date picker in a report."""
    container: Mapping[str, Any] = body.get("container") or {}
    message: Mapping[str, Any] = body.get("message") or {}
    channel = str(container.get("channel_id") or (body.get("channel") or {}).get("id", ""))
    report_ts = str(container.get("message_ts") or message.get("ts") or "")
    return NewJob(
        interaction_key(kind, body, action),
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


def answer_recheck(desk: Desk, job: Job) -> None:
    """Check the same message again at the story date an editor picked."""
    block_id = str(job.payload.get("block_id") or "")
    raw_date = job.payload.get("date")
    if not block_id.startswith(RECHECK_BLOCK_PREFIX) or not raw_date:
        return
    subject = block_id[len(RECHECK_BLOCK_PREFIX) :]
    thread_ts = str(job.payload.get("thread_ts") or subject)
    message = read_message(desk.client, job.channel, subject, thread_ts)
    target = Target(job.channel, subject, thread_ts, message or {"ts": subject})
    if message is None:
        notice(desk, job, target, texts.MESSAGE_GONE)
        return
    check_and_reply(
        desk,
        job,
        target,
        explicit=True,
        story_date=date.fromisoformat(str(raw_date)),
        note="Re-checked at the story date an editor picked.",
        again=True,
    )


def answer_dismiss(desk: Desk, job: Job) -> None:
    """Record who dismissed which entry (every finding in it), then update the report."""
    parsed = parse_dismiss_value(str(job.payload.get("value") or ""))
    if parsed is None:
        return
    check_id, key = parsed
    stored = desk.store.get_check(check_id)
    entry = entry_of(stored.findings, key) if stored else None
    if stored is None or entry is None:
        log.warning("dismissal of an unknown finding", extra={"check_id": check_id})
        return
    user = str(job.payload.get("user") or "")
    for finding, finding_key in zip(entry.findings, entry.keys, strict=True):
        desk.store.record_dismissal(
            check_id, finding_key, finding.rule, finding.quote, job.channel, user
        )
        desk.metrics.dismissals.labels(finding.rule).inc()
    report = stored_report(desk.store, check_id)
    assert report is not None
    messages = render_report(report)
    if job.payload.get("ephemeral") or not stored.message_ts:
        url = str(job.payload.get("response_url") or "")
        part = _part_with(messages, FINDING_BLOCK_PREFIX + entry.key)
        desk.responder.send(url, [part], replace_original=True)
        return
    desk.replies.publish(
        channel=job.channel,
        thread_ts=str(job.payload.get("thread_ts") or stored.message_ts),
        subject=stored.message_ts,
        messages=messages,
        owner=job.event_key,
        attempts=job.attempts,
    )


def _part_with(messages: Sequence[SlackMessage], block_id: str) -> SlackMessage:
    for message in messages:
        if any(b.get("block_id") == block_id for b in message.blocks):
            return message
    return messages[0]


SURFACE = Surface(
    name="actions",
    listen=listen,
    scopes={
        "chat:write": "post, update and delete the threaded report",
        "files:write": "attach a long report's full text to its thread, replacing the last one",
    },
    interactive=True,
    jobs={
        RECHECK: JobKind(answer_recheck, privately(texts.GAVE_UP_PRIVATELY)),
        DISMISS: JobKind(answer_dismiss, privately(texts.GAVE_UP_PRIVATELY)),
    },
)
