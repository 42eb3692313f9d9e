"""Checking what a Slack surface asked about: the pipeline, then the record and the metrics.

Every surface that checks (a watched message, a mention, the shortcut, /copydesk, a re-check)
goes through `Checker.check`, so they all leave out what editors dismissed in the channel, record
the check the same way, and are counted once.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime

from bot import pipeline
from bot.engine import Ruleset
from bot.errors import FetchError, InputError
from bot.intake import Reader, Source
from bot.ops.metrics import Metrics
from bot.report.model import Report
from bot.store import CheckRecord, Store

log = logging.getLogger(__name__)


def utc_today() -> date:
    return datetime.now(UTC).date()


@dataclass(frozen=True, slots=True)
class Outcome:
    """A recorded check: its id in the store (the report's buttons name it) and its report."""

    check_id: int
    report: Report


class Checker:
    """Reads, checks and records; shared by the worker's threads."""

    def __init__(
        self,
        store: Store,
        ruleset: Ruleset,
        reader: Reader,
        metrics: Metrics,
        *,
        today: Callable[[], date] = utc_today,
    ) -> None:
        self.store = store
        self.ruleset = ruleset
        self.reader = reader
        self.metrics = metrics
        self.today = today

    def check(
        self, source: Source, *, channel: str, subject: str, story_date: date | None = None
    ) -> Outcome:
        """Check `source` for `channel` (`subject`: the checked message's ts, "" for none).
        InputError and FetchError reach the caller, counted as a failed check."""
        dismissed = self.store.dismissed(channel) if channel else set()
        try:
            (report,) = pipeline.run(
                [source],
                self.ruleset,
                reader=self.reader,
                story_date=story_date,
                today=self.today(),
                drop=lambda f: (f.rule, f.quote) in dismissed,
            )
        except (InputError, FetchError):
            self.metrics.observe_check([], 0.0, failed=True)
            raise
        document = report.document
        check_id = self.store.record_check(
            CheckRecord(
                channel=channel,
                message_ts=subject,
                story_date=document.story_date,
                date_source=document.date_source.value,
                date_label=document.date_label,
                date_weak=document.date_is_weak,
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
        return Outcome(check_id, report)
