"""The answers several surfaces share: check a message and reply in its thread, post a short
notice, say that a job failed for good.

Errors an editor can act on (an empty paste, a refused link, an unreadable file) become a clear
reply in the thread; a clean check gets a reaction instead of a message.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date

from slack_sdk.errors import SlackApiError

from bot.errors import FetchError, InputError
from bot.intake.messages import source_of
from bot.report.escape import escape
from bot.report.slack import SlackReport, render_notice, render_reply
from bot.slack import texts
from bot.slack.checking import Outcome
from bot.slack.client import error_code
from bot.slack.desk import Desk
from bot.slack.replies import CLEAN, IN_PROGRESS
from bot.slack.threads import Target
from bot.store import Job

log = logging.getLogger(__name__)


def check_and_reply(
    desk: Desk,
    job: Job,
    target: Target,
    *,
    explicit: bool,
    story_date: date | None = None,
    note: str | None = None,
    again: bool = False,
) -> None:
    """Check `target.message` and publish the reply; a clean check gets a reaction instead (or
    updates an earlier reply). `again`: the message may have been checked before."""
    source = source_of(target.message, explicit=explicit)
    if source is None:
        if explicit:
            notice(desk, job, target, texts.NOTHING_TO_CHECK)
        return
    react(desk, target, IN_PROGRESS, on=True)
    try:
        try:
            outcome = desk.checker.check(
                source, channel=target.channel, subject=target.subject, story_date=story_date
            )
        except (InputError, FetchError) as exc:
            notice(desk, job, target, texts.could_not_check(escape(str(exc))))
            replied(desk, job)
            return
        findings = outcome.report.findings
        if findings or (again and desk.replies.existing(target.channel, target.subject)):
            reply = render_reply(slack_report(outcome, subject=target.subject, note=note))
            desk.replies.publish(
                channel=target.channel,
                thread_ts=target.thread_ts,
                subject=target.subject,
                messages=reply.messages,
                owner=job.event_key,
                attempts=job.attempts,
            )
            if reply.file is not None or again or job.attempts > 1:
                desk.replies.sync_file(target.channel, target.thread_ts, target.subject, reply.file)
        if not findings or again:
            react(desk, target, CLEAN, on=not findings)
        replied(desk, job)
    finally:
        try:
            react(desk, target, IN_PROGRESS, on=False)
        except SlackApiError as exc:
            log.warning("could not remove a reaction", extra={"reason": error_code(exc)})


def slack_report(outcome: Outcome, *, subject: str | None, note: str | None = None) -> SlackReport:
    """What the reply to a recorded check shows (a private one gets no file)."""
    document = outcome.report.document
    return SlackReport(
        check_id=outcome.check_id,
        findings=outcome.report.findings,
        story_date=document.story_date,
        date_source=document.date_source.value,
        date_label=document.date_label,
        date_weak=document.date_is_weak,
        subject=subject,
        note=note,
        attach=subject is not None,
    )


def notice(desk: Desk, job: Job, target: Target, text: str) -> None:
    """A short reply in the thread (one per message, like a report); `text` is mrkdwn."""
    desk.replies.publish(
        channel=target.channel,
        thread_ts=target.thread_ts,
        subject=target.subject,
        messages=[render_notice(text)],
        owner=job.event_key,
        attempts=job.attempts,
    )


def react(desk: Desk, target: Target, name: str, *, on: bool) -> None:
    if target.subject:
        desk.replies.react(target.channel, target.subject, name, on=on)


def replied(desk: Desk, job: Job) -> None:
    """Event-to-reply latency, from when the request reached the bot."""
    received = job.payload.get("received_at")
    if isinstance(received, int | float):
        desk.metrics.observe_reply(float(received))


def in_thread(target_of: Callable[[Job], Target]) -> Callable[[Desk, Job], None]:
    """A failed job's notice, in the thread its reply would have gone to (replacing nothing)."""

    def gave_up(desk: Desk, job: Job) -> None:
        target = target_of(job)
        react(desk, target, IN_PROGRESS, on=False)
        notice(desk, job, target, texts.GAVE_UP)

    return gave_up


def privately(text: str) -> Callable[[Desk, Job], None]:
    """A failed job's notice, only to whoever asked: a failed re-check or dismissal must not
    replace a report that is still right."""

    def gave_up(desk: Desk, job: Job) -> None:
        if job.payload.get("response_url"):
            desk.responder.send(str(job.payload["response_url"]), [render_notice(text)])

    return gave_up


def silently(desk: Desk, job: Job) -> None:
    """A job whose failure has nobody to tell (its message is gone)."""
    del desk, job
