"""Plain values the store hands out and takes in, so callers never touch ORM rows or sessions."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Literal

from bot.engine.finding import Finding

ChannelMode = Literal["auto", "on-request"]
CHANNEL_MODES: tuple[ChannelMode, ...] = ("auto", "on-request")
JobStatus = Literal["pending", "running", "done", "failed"]


@dataclass(frozen=True, slots=True)
class Job:
    """An accepted Slack event leased to one worker (nothing acknowledged is lost).

    `attempts` counts the claims so far, this one included. `exhausted` is True when the job's
    lease expired `max_attempts` times (its workers died, e.g. killed mid-check): do not check it
    again; reply "could not check this" and call `Store.retry_or_fail`, which then marks it failed.
    """

    id: int
    event_key: str
    kind: str
    channel: str
    message_ts: str
    payload: dict[str, Any]
    attempts: int
    exhausted: bool = False


@dataclass(frozen=True, slots=True)
class CheckRecord:
    """One finished check, as the worker records it.

    Each finding is stored with its key (`bot.report.model.finding_key`), which the dismissal
    button refers to; two findings of one check must not share one.
    """

    channel: str
    message_ts: str
    story_date: date | None
    date_source: str
    findings: Sequence[Finding]
    rules_version: str
    kb_version: str
    duration_ms: float
    created_at: datetime | None = None  # None: now (UTC)
    date_label: str | None = None  # where the story date came from, as the report words it
    date_weak: bool | None = None  # the story date was a guess


@dataclass(frozen=True, slots=True)
class CheckSummary:
    """A stored check as `copydesk history` and the Slack report read it back."""

    id: int
    channel: str
    message_ts: str
    story_date: date | None
    date_source: str
    finding_count: int
    rules_version: str
    kb_version: str
    duration_ms: float
    created_at: datetime
    findings: list[Finding] = field(default_factory=list)
    date_label: str | None = None
    date_weak: bool | None = None


@dataclass(frozen=True, slots=True)
class RuleStats:
    """Editors' feedback on one rule: how often it flagged and how often that was dismissed."""

    rule: str
    flags: int
    dismissals: int
    dismissal_rate: float


@dataclass(frozen=True, slots=True)
class ChannelSettings:
    """One channel's mode, and who set it (None for settings made before that was kept)."""

    channel: str
    mode: ChannelMode
    updated_by: str | None
    updated_at: datetime
