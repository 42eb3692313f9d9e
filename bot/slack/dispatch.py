"""Answering inbox jobs: each kind goes to the surface that made it, from one table.

`answer` raises for failures worth another attempt (the worker retries) and returns after
logging the reason when no attempt can succeed (Slack refused for good: not in the channel, a
message that is gone). `give_up` tells the editor when a job failed for good.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping

from slack_sdk.errors import SlackApiError

from bot.report.slack import render_notice
from bot.slack import texts
from bot.slack.client import api_method, error_code, is_lasting
from bot.slack.desk import Desk
from bot.slack.replies import ReplyBusyError
from bot.slack.surface import JobKind
from bot.store import Job

log = logging.getLogger(__name__)


class Dispatcher:
    """The worker's `answer` and `give_up`, for every job kind the surfaces declare."""

    def __init__(self, desk: Desk, kinds: Mapping[str, JobKind]) -> None:
        self.desk = desk
        self.kinds = dict(kinds)

    def answer(self, job: Job) -> None:
        kind = self.kinds.get(job.kind)
        if kind is None:  # written by a newer version: another replica will answer it
            raise LookupError(f"no surface answers jobs of kind {job.kind!r}")
        try:
            kind.answer(self.desk, job)
        except SlackApiError as exc:
            code = error_code(exc)
            self.desk.metrics.slack_api_errors.labels(api_method(exc), code).inc()
            url = str(job.payload.get("response_url") or "")
            if code in ("not_in_channel", "channel_not_found") and url:
                self.desk.responder.send(url, [render_notice(texts.NOT_IN_CHANNEL)])
            if not is_lasting(exc):
                raise
            log.warning(
                "Slack refused a call; not retrying",
                extra={"reason": code, "kind": job.kind, "channel": job.channel},
            )

    def give_up(self, job: Job) -> None:
        """The job failed for good: say so where the editor will see it, never silently."""
        log.error("giving up on a job", extra={"kind": job.kind, "event_key": job.event_key})
        kind = self.kinds.get(job.kind)
        if kind is None:
            return
        try:
            kind.gave_up(self.desk, job)
        except (SlackApiError, ReplyBusyError) as exc:
            log.warning("could not post the failure notice", extra={"error": str(exc)})
