"""The worker's side of a job: turn the Slack message into a document, check it, reply.

This module adapts Slack to the engine and nothing more: `bot.document` reads the text, file or
page, `bot.engine.check` finds the errors, `bot.report.slack` renders them, `Replies` posts them.
Errors an editor can act on (an empty paste, a refused link, an unreadable file) become a clear
reply in the thread; Slack errors that no retry can fix are logged with their reason.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.webhook import WebhookClient

from bot import pipeline
from bot.document import Document
from bot.engine import Ruleset
from bot.engine.finding import Finding
from bot.errors import FetchError, InputError
from bot.intake import Reader, Source
from bot.intake.messages import source_of
from bot.ops.metrics import Metrics
from bot.ops.slack_retries import counted_retry_handlers
from bot.report.escape import escape
from bot.report.model import finding_key
from bot.report.slack import (
    FINDING_BLOCK_PREFIX,
    RECHECK_BLOCK_PREFIX,
    SlackMessage,
    SlackReport,
    parse_dismiss_value,
    render_notice,
    render_report,
)
from bot.slack import texts
from bot.slack.client import api_method, error_code, is_lasting
from bot.slack.jobs import Kind, parse_date
from bot.slack.replies import CLEAN, IN_PROGRESS, Replies, ReplyBusyError
from bot.store import CheckRecord, Job, Store

log = logging.getLogger(__name__)

_COMMAND_WORD = re.compile(r"^\s*(?:please\s+)?(?:check|recheck|re-check)\b[\s:,]*", re.I)
_MAX_EPHEMERAL_PARTS = 5  # a response_url takes five messages


@dataclass(frozen=True, slots=True)
class Target:
    """The message to check and where its reply goes."""

    channel: str
    subject: str  # ts of the checked message: the key of its one reply
    thread_ts: str  # the thread the reply goes in
    message: Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class Outcome:
    """A recorded check."""

    check_id: int
    document: Document
    findings: list[Finding]


def utc_today() -> date:
    return datetime.now(UTC).date()


class Answerer:
    """Answers the jobs the listeners accepted (one instance shared by the worker's threads)."""

    def __init__(
        self,
        *,
        store: Store,
        client: WebClient,
        ruleset: Ruleset,
        reader: Reader,
        bot_user_id: str | None,
        metrics: Metrics,
        today: Callable[[], date] = utc_today,
        test_check_delay: float = 0.0,
    ) -> None:
        self.store = store
        self.client = client
        self.replies = Replies(store, client)
        self.ruleset = ruleset
        self.reader = reader
        self.bot_user_id = bot_user_id
        self.metrics = metrics
        self.today = today
        self.test_check_delay = test_check_delay  # test only: Settings.test_check_delay
        self._handlers: dict[Kind, Callable[[Job], None]] = {
            Kind.MESSAGE: self._message,
            Kind.EDIT: self._edit,
            Kind.DELETE: self._delete,
            Kind.MENTION: self._mention,
            Kind.SHORTCUT: self._shortcut,
            Kind.COMMAND: self._command,
            Kind.RECHECK: self._recheck,
            Kind.DISMISS: self._dismiss,
        }

    def answer(self, job: Job) -> None:
        """Do what the job asks. Raises for failures worth another attempt (the worker retries);
        returns after logging the reason when no attempt can succeed."""
        try:
            self._handlers[Kind(job.kind)](job)
        except SlackApiError as exc:
            code = error_code(exc)
            self.metrics.slack_api_errors.labels(api_method(exc), code).inc()
            if code in ("not_in_channel", "channel_not_found") and job.payload.get("response_url"):
                self._respond(
                    str(job.payload["response_url"]), [render_notice(texts.NOT_IN_CHANNEL)]
                )
            if not is_lasting(exc):
                raise
            log.warning(
                "Slack refused a call; not retrying",
                extra={"reason": code, "kind": job.kind, "channel": job.channel},
            )

    def give_up(self, job: Job) -> None:
        """The job failed for good: say so where the editor will see it, never silently."""
        log.error("giving up on a job", extra={"kind": job.kind, "event_key": job.event_key})
        try:
            if job.kind in (Kind.COMMAND, Kind.RECHECK, Kind.DISMISS):
                # Privately to whoever asked: a failed re-check or dismissal must not replace
                # the report, which is still right.
                if job.payload.get("response_url"):
                    notice = texts.GAVE_UP if job.kind == Kind.COMMAND else texts.GAVE_UP_PRIVATELY
                    self._respond(str(job.payload["response_url"]), [render_notice(notice)])
                return
            target = self._target_of(job)
            if target is None:
                return
            self._react(target, IN_PROGRESS, on=False)
            self.replies.publish(
                channel=target.channel,
                thread_ts=target.thread_ts,
                subject=target.subject,
                messages=[render_notice(texts.GAVE_UP)],
                owner=job.event_key,
                attempts=job.attempts,
            )
        except (SlackApiError, ReplyBusyError) as exc:
            log.warning("could not post the failure notice", extra={"error": str(exc)})

    # -- job kinds -----------------------------------------------------------------------------

    def _message(self, job: Job) -> None:
        """A message in a watched channel: checked once, only in `auto` channels."""
        if self.store.channel_mode(job.channel) != "auto":
            return
        if self.replies.existing(job.channel, job.message_ts) is not None:
            return  # already answered (another event or a shortcut for the same message)
        target = Target(job.channel, job.message_ts, job.message_ts, job.payload["message"])
        try:
            self._check_and_reply(job, target, explicit=False)
        except ReplyBusyError:
            log.info("another job is answering this message", extra={"channel": job.channel})

    def _edit(self, job: Job) -> None:
        """An edited message: re-check it and update the reply in place."""
        message = job.payload["message"]
        answered = self.replies.existing(job.channel, job.message_ts) is not None
        if not answered and (
            self.store.channel_mode(job.channel) != "auto" or source_of(message) is None
        ):
            return
        target = Target(job.channel, job.message_ts, job.message_ts, message)
        note = "Re-checked after the edit." if answered else None
        self._check_and_reply(job, target, explicit=answered, note=note, again=True)

    def _delete(self, job: Job) -> None:
        """A deleted message takes the bot's reply with it."""
        self.replies.remove(job.channel, job.message_ts)

    def _mention(self, job: Job) -> None:
        """`@Copydesk check [date YYYY-MM-DD]`: in a thread, checks the thread's parent;
        in a top-level message, checks the rest of that message."""
        mention: Mapping[str, Any] = job.payload["message"]
        ts = str(mention.get("ts", job.message_ts))
        thread_ts = str(mention.get("thread_ts") or ts)
        text = self._without_mention(str(mention.get("text", "")))
        if text.strip().lower() in ("help", "?"):
            self._notice(job, Target(job.channel, ts, thread_ts, mention), texts.HELP)
            return
        try:
            story_date, rest = parse_date(_COMMAND_WORD.sub("", text, count=1))
        except ValueError as exc:
            self._notice(job, Target(job.channel, ts, thread_ts, mention), escape(str(exc)))
            return
        if thread_ts != ts:
            parent = self._read_message(job.channel, thread_ts)
            if parent is None:
                self._notice(job, Target(job.channel, ts, thread_ts, mention), texts.MESSAGE_GONE)
                return
            target = Target(job.channel, thread_ts, thread_ts, parent)
        elif rest.strip() or mention.get("files"):
            target = Target(job.channel, ts, ts, {**mention, "text": rest})
        else:
            self._notice(job, Target(job.channel, ts, thread_ts, mention), texts.HELP)
            return
        self._check_and_reply(job, target, explicit=True, story_date=story_date, again=True)

    def _shortcut(self, job: Job) -> None:
        """ "Check with Copydesk" on any message: the reply goes in that message's thread."""
        message: Mapping[str, Any] = job.payload["message"]
        ts = str(message.get("ts", job.message_ts))
        target = Target(job.channel, ts, str(message.get("thread_ts") or ts), message)
        self._check_and_reply(job, target, explicit=True, again=True)

    def _command(self, job: Job) -> None:
        """`/copydesk <text or link>`: checked privately, answered through `response_url`."""
        response_url = str(job.payload.get("response_url") or "")
        raw_date = job.payload.get("date")
        story_date = date.fromisoformat(raw_date) if raw_date else None
        source = source_of({"text": str(job.payload.get("text", ""))}, explicit=True)
        if source is None:
            self._respond(response_url, [render_notice(texts.NOTHING_TO_CHECK)])
            return
        try:
            outcome = self._run(source, story_date, job.channel, subject="")
        except (InputError, FetchError) as exc:
            self.metrics.observe_check([], 0.0, failed=True)
            self._respond(response_url, [render_notice(texts.could_not_check(escape(str(exc))))])
            return
        report = self._report(outcome, subject=None)
        self._respond(response_url, render_report(report))
        self._replied(job)

    def _recheck(self, job: Job) -> None:
        """A date picked in a report: check the same message again at that story date."""
        block_id = str(job.payload.get("block_id") or "")
        raw_date = job.payload.get("date")
        if not block_id.startswith(RECHECK_BLOCK_PREFIX) or not raw_date:
            return
        subject = block_id[len(RECHECK_BLOCK_PREFIX) :]
        thread_ts = str(job.payload.get("thread_ts") or subject)
        message = self._read_message(job.channel, subject, thread_ts)
        target = Target(job.channel, subject, thread_ts, message or {"ts": subject})
        if message is None:
            self._notice(job, target, texts.MESSAGE_GONE)
            return
        self._check_and_reply(
            job,
            target,
            explicit=True,
            story_date=date.fromisoformat(str(raw_date)),
            note="Re-checked at the story date an editor picked.",
            again=True,
        )

    def _dismiss(self, job: Job) -> None:
        """ "Not an error": record who dismissed which finding, then update the report."""
        parsed = parse_dismiss_value(str(job.payload.get("value") or ""))
        user = str(job.payload.get("user") or "")
        if parsed is None:
            return
        check_id, key = parsed
        stored = self.store.get_check(check_id)
        finding = (
            next((f for f in stored.findings if finding_key(f) == key), None) if stored else None
        )
        if stored is None or finding is None:
            log.warning("dismissal of an unknown finding", extra={"check_id": check_id})
            return
        self.store.record_dismissal(check_id, key, finding.rule, finding.quote, job.channel, user)
        self.metrics.dismissals.labels(finding.rule).inc()
        dismissed = self.store.dismissals(check_id)  # every finding's dismisser is named
        report = SlackReport(
            check_id=check_id,
            findings=stored.findings,
            story_date=stored.story_date,
            date_source=stored.date_source,
            subject=stored.message_ts or None,
            dismissed=dismissed,
        )
        messages = render_report(report)
        if job.payload.get("ephemeral") or not stored.message_ts:
            part = _part_with(messages, FINDING_BLOCK_PREFIX + key)
            url = str(job.payload.get("response_url") or "")
            self._respond(url, [part], replace_original=True)
            return
        self.replies.publish(
            channel=job.channel,
            thread_ts=str(job.payload.get("thread_ts") or stored.message_ts),
            subject=stored.message_ts,
            messages=messages,
            owner=job.event_key,
            attempts=job.attempts,
        )

    # -- the check -----------------------------------------------------------------------------

    def _check_and_reply(
        self,
        job: Job,
        target: Target,
        *,
        explicit: bool,
        story_date: date | None = None,
        note: str | None = None,
        again: bool = False,
    ) -> None:
        """Check `target.message` and publish the reply; a clean check gets a reaction instead
        (or updates an earlier reply). `again`: the message may have been checked before."""
        source = source_of(target.message, explicit=explicit)
        if source is None:
            if explicit:
                self._notice(job, target, texts.NOTHING_TO_CHECK)
            return
        self._react(target, IN_PROGRESS, on=True)
        try:
            try:
                outcome = self._run(source, story_date, target.channel, target.subject)
            except (InputError, FetchError) as exc:
                self.metrics.observe_check([], 0.0, failed=True)
                self._notice(job, target, texts.could_not_check(escape(str(exc))))
                self._replied(job)
                return
            if outcome.findings or (
                again and self.replies.existing(target.channel, target.subject)
            ):
                report = self._report(outcome, subject=target.subject, note=note)
                self.replies.publish(
                    channel=target.channel,
                    thread_ts=target.thread_ts,
                    subject=target.subject,
                    messages=render_report(report),
                    owner=job.event_key,
                    attempts=job.attempts,
                )
            if not outcome.findings or again:
                self._react(target, CLEAN, on=not outcome.findings)
            self._replied(job)
        finally:
            try:
                self._react(target, IN_PROGRESS, on=False)
            except SlackApiError as exc:
                log.warning("could not remove a reaction", extra={"reason": error_code(exc)})

    def _run(self, source: Source, story_date: date | None, channel: str, subject: str) -> Outcome:
        """Read and check the source (leaving out what editors dismissed in this channel),
        then record the check."""
        if self.test_check_delay:
            time.sleep(self.test_check_delay)  # test only: a check that is visibly in progress
        dismissed = self.store.dismissed(channel) if channel else set()
        (report,) = pipeline.run(
            [source],
            self.ruleset,
            reader=self.reader,
            story_date=story_date,
            today=self.today(),
            drop=lambda f: (f.rule, f.quote) in dismissed,
        )
        document = report.document
        check_id = self.store.record_check(
            CheckRecord(
                channel=channel,
                message_ts=subject,
                story_date=document.story_date,
                date_source=document.date_source.value,
                findings=report.findings,
                rules_version=self.ruleset.version,
                kb_version=self.ruleset.kb_version,
                duration_ms=report.seconds * 1000,
            )
        )
        # Counted once recorded: an attempt that fails to record is retried and counted then.
        self.metrics.observe_check(report.findings, report.seconds)
        log.info(
            "checked",
            extra={
                "channel": channel,
                "check_id": check_id,
                "findings": len(report.findings),
                "duration_ms": round(report.seconds * 1000, 2),
            },
        )
        return Outcome(check_id, document, list(report.findings))

    def _report(
        self, outcome: Outcome, *, subject: str | None, note: str | None = None
    ) -> SlackReport:
        return SlackReport(
            check_id=outcome.check_id,
            findings=outcome.findings,
            story_date=outcome.document.story_date,
            date_source=outcome.document.date_source.value,
            subject=subject,
            note=note,
        )

    # -- Slack plumbing ------------------------------------------------------------------------

    def _replied(self, job: Job) -> None:
        """Event-to-reply latency, from when the request reached the bot (issue 4's budget)."""
        received = job.payload.get("received_at")
        if isinstance(received, int | float):
            self.metrics.observe_reply(float(received))

    def _notice(self, job: Job, target: Target, text: str) -> None:
        """A short reply in the thread (one per message, like a report)."""
        self.replies.publish(
            channel=target.channel,
            thread_ts=target.thread_ts,
            subject=target.subject,
            messages=[render_notice(text)],
            owner=job.event_key,
            attempts=job.attempts,
        )

    def _react(self, target: Target, name: str, *, on: bool) -> None:
        if target.subject:
            self.replies.react(target.channel, target.subject, name, on=on)

    def _respond(
        self, url: str, messages: Sequence[SlackMessage], *, replace_original: bool = False
    ) -> None:
        """Answer through a response_url (ephemeral, only the requester sees it)."""
        if not url:
            log.warning("no response_url to answer a command")
            return
        webhook = WebhookClient(
            url, timeout=15, retry_handlers=counted_retry_handlers(self.metrics)
        )
        for message in messages[:_MAX_EPHEMERAL_PARTS]:
            response = webhook.send(
                text=message.text,
                blocks=message.blocks,
                response_type="ephemeral",
                replace_original=replace_original,
            )
            if response.status_code != 200:
                log.warning("response_url refused a reply", extra={"status": response.status_code})

    def _read_message(
        self, channel: str, ts: str, thread_ts: str | None = None
    ) -> Mapping[str, Any] | None:
        """A message by ts (the parent of a thread, or a reply in it), or None if gone."""
        for root in dict.fromkeys([ts, thread_ts or ts]):
            try:
                response = self.client.conversations_replies(channel=channel, ts=root, limit=200)
            except SlackApiError as exc:
                if error_code(exc) in ("thread_not_found", "message_not_found"):
                    continue
                raise
            for message in response.get("messages") or []:
                if message.get("ts") == ts:
                    return dict(message)
        return None

    def _without_mention(self, text: str) -> str:
        if self.bot_user_id:
            text = re.sub(rf"<@{re.escape(self.bot_user_id)}(?:\|[^>]*)?>", " ", text)
        return text.strip()

    def _target_of(self, job: Job) -> Target | None:
        """Where a job's reply goes, for the failure notice."""
        message: Mapping[str, Any] = job.payload.get("message") or {}
        if job.kind in (Kind.MESSAGE, Kind.EDIT):
            return Target(job.channel, job.message_ts, job.message_ts, message)
        if job.kind in (Kind.MENTION, Kind.SHORTCUT):
            ts = str(message.get("ts") or job.message_ts)
            thread_ts = str(message.get("thread_ts") or ts)
            subject = thread_ts if job.kind == Kind.MENTION else ts
            return Target(job.channel, subject, thread_ts, message)
        return None


def _part_with(messages: Sequence[SlackMessage], block_id: str) -> SlackMessage:
    for message in messages:
        if any(b.get("block_id") == block_id for b in message.blocks):
            return message
    return messages[0]
