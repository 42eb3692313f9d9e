"""The Store: one object the bot, the worker and the CLI share.

A session per call makes every method thread-safe; unique keys, INSERT ... ON CONFLICT,
SELECT ... FOR UPDATE SKIP LOCKED (PostgreSQL) and BEGIN IMMEDIATE (SQLite) make them safe across
processes and replicas. Methods that only read use `_reading()`, which on SQLite skips the write
lock (a deferred BEGIN on a WAL snapshot), so the many reads of a busy worker pool never wait for
a writer nor hold one up. Lease expiry uses the replicas' clocks (UTC, kept by NTP): a lease is a
liveness hint, while "one reply per message" rests on the replies table's unique key.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, date, datetime, time, timedelta
from types import TracebackType
from typing import Any

from sqlalchemy import Executable, and_, delete, func, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import OperationalError, ProgrammingError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from bot.store import migrate
from bot.store.engine import ENV_VAR, READ_ONLY, make_engine, parse_url, safe_url
from bot.store.errors import SchemaError, StoreError
from bot.store.findings import from_row, to_row
from bot.store.models import (
    ChannelSetting,
    Check,
    Dismissal,
    Flag,
    InboxJob,
    ProcessedEvent,
    Reply,
    utcnow,
)
from bot.store.records import (
    CHANNEL_MODES,
    ChannelMode,
    ChannelSettings,
    CheckRecord,
    CheckSummary,
    Job,
    JobStatus,
    RuleStats,
)

DEFAULT_DATABASE_URL = "sqlite:///copydesk.db"
MAX_ERROR_CHARS = 2000


class Store:
    """Checks, dismissals, the inbox of accepted events, replies and channel settings."""

    def __init__(self, url: str) -> None:
        self._url = parse_url(url)
        self.engine = make_engine(self._url)
        # Same pool; its transactions are marked read-only (see bot.store.engine).
        self._reader = self.engine.execution_options(**{READ_ONLY: True})
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._read_sessions = sessionmaker(self._reader, expire_on_commit=False)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Store:
        """The store named by COPYDESK_DATABASE_URL (default: copydesk.db in the working dir)."""
        env = os.environ if environ is None else environ
        return cls(env.get(ENV_VAR) or DEFAULT_DATABASE_URL)

    @property
    def url(self) -> str:
        """The database URL without its password, for messages and logs."""
        return safe_url(self._url)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({self.url!r})"

    # -- schema and health -------------------------------------------------------------------

    def upgrade(self, revision: str = "head") -> None:
        """Apply the Alembic migrations up to `revision` (idempotent, safe from two replicas)."""
        with self._errors():
            migrate.upgrade(self.engine, revision)

    def schema_revision(self) -> str | None:
        """The database's Alembic revision, None when it has no Copydesk tables yet."""
        with self._errors():
            return migrate.current_revision(self._reader)

    def check_schema(self) -> None:
        """Raise SchemaError unless the database is migrated to this code's head revision."""
        current, head = self.schema_revision(), migrate.head_revision()
        if current is None:
            raise SchemaError(
                f"the database {self.url} has no Copydesk tables yet: run `copydesk db upgrade`"
            )
        if current != head:
            raise SchemaError(
                f"the database {self.url} is at schema revision {current}, this Copydesk needs "
                f"{head}: run `copydesk db upgrade`"
            )

    def ping(self) -> bool:
        """True if the database answers (for /readyz); never raises."""
        try:
            with self._reader.connect() as connection:
                connection.exec_driver_sql("SELECT 1")
        except (SQLAlchemyError, OSError):
            return False
        return True

    # -- inbox ---------------------------------------------------------------------------------

    def accept(
        self, event_key: str, kind: str, channel: str, message_ts: str, payload: dict[str, Any]
    ) -> bool:
        """Queue an event for a worker; False if this `event_key` was already accepted."""
        now = utcnow()
        values = {
            "event_key": event_key,
            "kind": kind,
            "channel": channel,
            "message_ts": message_ts,
            "payload": payload,
            "status": "pending",
            "attempts": 0,
            "available_at": now,
            "created_at": now,
            "updated_at": now,
        }
        stmt = self._insert_ignore(InboxJob, values, ["event_key"], InboxJob.id)
        with self._session() as session:
            return session.execute(stmt).first() is not None

    def claim(self, worker: str, lease_seconds: float = 60, *, max_attempts: int = 3) -> Job | None:
        """Lease the oldest pending job, or one whose lease expired (its worker died), to `worker`.

        A job whose lease already expired `max_attempts` times comes back with `exhausted=True`
        and is not counted again: reply that it could not be checked, then `retry_or_fail`.
        """
        now = utcnow()
        claimable = or_(
            and_(InboxJob.status == "pending", InboxJob.available_at <= now),
            and_(InboxJob.status == "running", InboxJob.lease_expires_at < now),
        )
        query = (
            select(InboxJob)
            .where(claimable)
            .order_by(InboxJob.id)
            .limit(1)
            .with_for_update(skip_locked=True)
        )
        with self._session() as session:
            row = session.scalars(query).first()
            if row is None:
                return None
            exhausted = row.status == "running" and row.attempts >= max_attempts
            if not exhausted:
                row.attempts += 1
            row.status = "running"
            row.lease_owner = worker
            row.lease_expires_at = now + timedelta(seconds=lease_seconds)
            row.updated_at = now
            return Job(
                id=row.id,
                event_key=row.event_key,
                kind=row.kind,
                channel=row.channel,
                message_ts=row.message_ts,
                payload=dict(row.payload),
                attempts=row.attempts,
                exhausted=exhausted,
            )

    def renew(self, job_id: int, worker: str, lease_seconds: float = 60) -> bool:
        """Extend a running job's lease; False if `worker` no longer holds it."""
        now = utcnow()
        stmt = (
            update(InboxJob)
            .where(
                InboxJob.id == job_id,
                InboxJob.status == "running",
                InboxJob.lease_owner == worker,
            )
            .values(lease_expires_at=now + timedelta(seconds=lease_seconds), updated_at=now)
            .returning(InboxJob.id)
        )
        with self._session() as session:
            return session.execute(stmt).first() is not None

    def finish(self, job_id: int) -> None:
        """Mark a job done: answered, never to be claimed again."""
        self._settle(job_id, status="done")

    def retry_or_fail(
        self, job_id: int, error: str, max_attempts: int = 3, *, backoff_seconds: float = 0.0
    ) -> bool:
        """Put a failed job back (True), or mark it failed after `max_attempts` attempts (False)."""
        with self._session() as session:
            row = session.get(InboxJob, job_id, with_for_update=True)
            if row is None:
                raise StoreError(f"no inbox job with id {job_id}")
            now = utcnow()
            retry = row.attempts < max_attempts
            row.status = "pending" if retry else "failed"
            row.available_at = now + timedelta(seconds=backoff_seconds) if retry else now
            row.lease_owner = None
            row.lease_expires_at = None
            row.last_error = error[:MAX_ERROR_CHARS]
            row.updated_at = now
            return retry

    def _settle(self, job_id: int, status: JobStatus) -> None:
        now = utcnow()
        stmt = (
            update(InboxJob)
            .where(InboxJob.id == job_id)
            .values(status=status, lease_owner=None, lease_expires_at=None, updated_at=now)
            .returning(InboxJob.id)
        )
        with self._session() as session:
            if session.execute(stmt).first() is None:
                raise StoreError(f"no inbox job with id {job_id}")

    def job_status(self, job_id: int) -> JobStatus | None:
        with self._reading() as session:
            status = session.scalar(select(InboxJob.status).where(InboxJob.id == job_id))
        return _job_status(status) if status is not None else None

    def inbox_counts(self) -> dict[JobStatus, int]:
        """Jobs per status (the inbox-depth metric); every status is present."""
        counts: dict[JobStatus, int] = {"pending": 0, "running": 0, "done": 0, "failed": 0}
        query = select(InboxJob.status, func.count()).group_by(InboxJob.status)
        with self._reading() as session:
            for status, count in session.execute(query):
                counts[_job_status(status)] = int(count)
        return counts

    def mark_processed(self, event_key: str, kind: str) -> bool:
        """Record an event handled inline (not through the inbox); False if seen before."""
        values = {"event_key": event_key, "kind": kind, "processed_at": utcnow()}
        stmt = self._insert_ignore(ProcessedEvent, values, ["event_key"], ProcessedEvent.event_key)
        with self._session() as session:
            return session.execute(stmt).first() is not None

    def prune(self, older_than: timedelta) -> int:
        """Delete finished inbox jobs and processed-event keys older than `older_than`.

        Slack re-delivers within minutes, so keeping a few days keeps de-duplication intact.
        """
        cutoff = utcnow() - older_than
        with self._session() as session:
            jobs = session.execute(
                delete(InboxJob)
                .where(InboxJob.status.in_(("done", "failed")), InboxJob.updated_at < cutoff)
                .returning(InboxJob.id)
            ).all()
            events = session.execute(
                delete(ProcessedEvent)
                .where(ProcessedEvent.processed_at < cutoff)
                .returning(ProcessedEvent.event_key)
            ).all()
        return len(jobs) + len(events)

    # -- replies -------------------------------------------------------------------------------

    def reply_for(self, channel: str, message_ts: str) -> str | None:
        """The ts of the bot's reply to this message, if it posted one (for update/delete)."""
        with self._reading() as session:
            return session.scalar(
                select(Reply.reply_ts).where(
                    Reply.channel == channel, Reply.message_ts == message_ts
                )
            )

    def reserve_reply(self, channel: str, message_ts: str, owner: str) -> bool:
        """Claim the right to post the one reply to this message, before posting it.

        True if `owner` (use the job's event_key) holds the reservation, now or from an earlier
        attempt that died before posting; False if another job already reserved or replied.
        """
        now = utcnow()
        values = {
            "channel": channel,
            "message_ts": message_ts,
            "owner": owner,
            "created_at": now,
            "updated_at": now,
        }
        stmt = self._insert_ignore(Reply, values, ["channel", "message_ts"], Reply.id)
        with self._session() as session:
            if session.execute(stmt).first() is not None:
                return True
            row = session.execute(
                select(Reply.owner, Reply.reply_ts).where(
                    Reply.channel == channel, Reply.message_ts == message_ts
                )
            ).one()
            return row.owner == owner and row.reply_ts is None

    def save_reply(self, channel: str, message_ts: str, reply_ts: str) -> None:
        """Remember the bot's reply to this message (insert or update)."""
        now = utcnow()
        values = {
            "channel": channel,
            "message_ts": message_ts,
            "reply_ts": reply_ts,
            "created_at": now,
            "updated_at": now,
        }
        stmt = self._dialect_insert(Reply).values(values)
        stmt = stmt.on_conflict_do_update(
            index_elements=["channel", "message_ts"],
            set_={"reply_ts": reply_ts, "updated_at": now},
        )
        with self._session() as session:
            session.execute(stmt)

    def forget_reply(self, channel: str, message_ts: str) -> None:
        """Drop the record of a reply (the bot deleted it, e.g. its message was deleted)."""
        with self._session() as session:
            session.execute(
                delete(Reply).where(Reply.channel == channel, Reply.message_ts == message_ts)
            )

    # -- checks and feedback ----------------------------------------------------------------

    def record_check(self, record: CheckRecord) -> int:
        """Store a finished check and one flag row per finding; returns the check's id."""
        rows = [to_row(finding) for finding in record.findings]
        seen: set[str] = set()
        for row in rows:
            if row["key"] in seen:
                raise StoreError(f"two findings of one check share the key {row['key']!r}")
            seen.add(row["key"])
        created = record.created_at or utcnow()
        if created.tzinfo is None:
            raise StoreError("CheckRecord.created_at must be timezone-aware (UTC)")
        check = Check(
            channel=record.channel,
            message_ts=record.message_ts,
            story_date=record.story_date,
            date_source=record.date_source,
            date_label=record.date_label,
            date_weak=record.date_weak,
            findings=rows,
            finding_count=len(rows),
            rules_version=record.rules_version,
            kb_version=record.kb_version,
            duration_ms=float(record.duration_ms),
            created_at=created,
        )
        with self._session() as session:
            session.add(check)
            session.flush()
            session.add_all(
                Flag(
                    check_id=check.id,
                    finding_key=row["key"],
                    rule=finding.rule,
                    category=finding.category.value,
                    quote=finding.quote,
                )
                for finding, row in zip(record.findings, rows, strict=True)
            )
            return check.id

    def get_check(self, check_id: int) -> CheckSummary | None:
        with self._reading() as session:
            row = session.get(Check, check_id)
            return _summary(row) if row is not None else None

    def recent_checks(self, limit: int = 20) -> list[CheckSummary]:
        """The latest checks, newest first."""
        query = select(Check).order_by(Check.created_at.desc(), Check.id.desc()).limit(limit)
        with self._reading() as session:
            return [_summary(row) for row in session.scalars(query)]

    def record_dismissal(
        self, check_id: int, finding_key: str, rule: str, quote: str, channel: str, user: str
    ) -> None:
        """Record an editor's "Not an error" (idempotent per check, finding and user)."""
        values = {
            "check_id": check_id,
            "finding_key": finding_key,
            "rule": rule,
            "quote": quote,
            "channel": channel,
            "user": user,
            "created_at": utcnow(),
        }
        stmt = self._insert_ignore(
            Dismissal, values, ["check_id", "finding_key", "user"], Dismissal.id
        )
        with self._session() as session:
            if session.get(Check, check_id) is None:
                raise StoreError(f"cannot dismiss a finding of check {check_id}: no such check")
            session.execute(stmt)

    def dismissed(self, channel: str) -> set[tuple[str, str]]:
        """(rule, quote) pairs editors dismissed in this channel: not to be flagged again there."""
        query = select(Dismissal.rule, Dismissal.quote).where(Dismissal.channel == channel)
        with self._reading() as session:
            return {(rule, quote) for rule, quote in session.execute(query)}

    def dismissed_keys(self, check_id: int) -> set[str]:
        """Keys of this check's findings that someone dismissed (`dismissals` also says who)."""
        query = select(Dismissal.finding_key).where(Dismissal.check_id == check_id)
        with self._reading() as session:
            return set(session.scalars(query))

    def dismissals(self, check_id: int) -> dict[str, str]:
        """Finding key -> the editor who first dismissed it, for this check's findings.

        The re-rendered report names who dismissed each finding, not only the latest click.
        """
        query = (
            select(Dismissal.finding_key, Dismissal.user)
            .where(Dismissal.check_id == check_id)
            .order_by(Dismissal.created_at, Dismissal.id)
        )
        found: dict[str, str] = {}
        with self._reading() as session:
            for key, user in session.execute(query):
                found.setdefault(key, user)
        return found

    def rule_stats(self, since: date | None = None) -> list[RuleStats]:
        """Per rule: flags and dismissed flags of checks made on or after `since` (UTC).

        A flag dismissed by two editors counts once, so the rate never exceeds 1.
        """
        flag_query = select(Flag.rule, func.count()).join(Check, Check.id == Flag.check_id)
        dismissed = select(Dismissal.rule, Dismissal.check_id, Dismissal.finding_key).join(
            Check, Check.id == Dismissal.check_id
        )
        if since is not None:
            start = datetime.combine(since, time.min, tzinfo=UTC)
            flag_query = flag_query.where(Check.created_at >= start)
            dismissed = dismissed.where(Check.created_at >= start)
        distinct = dismissed.distinct().subquery()
        dismissal_query = select(distinct.c.rule, func.count()).group_by(distinct.c.rule)
        with self._reading() as session:
            flags = {rule: int(n) for rule, n in session.execute(flag_query.group_by(Flag.rule))}
            dismissals = {rule: int(n) for rule, n in session.execute(dismissal_query)}
        stats = []
        for rule in flags.keys() | dismissals.keys():
            n_flags, n_dismissed = flags.get(rule, 0), dismissals.get(rule, 0)
            rate = min(1.0, n_dismissed / n_flags) if n_flags else 0.0
            stats.append(RuleStats(rule, n_flags, n_dismissed, rate))
        return sorted(stats, key=lambda s: (-s.flags, s.rule))

    # -- channel settings ----------------------------------------------------------------------

    def channel_mode(self, channel: str) -> ChannelMode:
        """ "auto" (check pasted articles) unless the channel asked for "on-request"."""
        with self._reading() as session:
            mode = session.scalar(
                select(ChannelSetting.mode).where(ChannelSetting.channel == channel)
            )
        return "on-request" if mode == "on-request" else "auto"

    def set_channel_mode(self, channel: str, mode: ChannelMode, *, user: str | None = None) -> None:
        """Set a channel's mode; `user` is the editor who set it (App Home lists theirs)."""
        if mode not in CHANNEL_MODES:
            raise StoreError(
                f"unknown channel mode {mode!r}: expected one of {', '.join(CHANNEL_MODES)}"
            )
        now = utcnow()
        stmt = self._dialect_insert(ChannelSetting).values(
            channel=channel, mode=mode, updated_by=user, updated_at=now
        )
        stmt = stmt.on_conflict_do_update(
            index_elements=["channel"], set_={"mode": mode, "updated_by": user, "updated_at": now}
        )
        with self._session() as session:
            session.execute(stmt)

    def channel_settings(self, *, set_by: str | None = None) -> list[ChannelSettings]:
        """Channels with a mode of their own (all, or those `set_by` set), latest first."""
        query = select(ChannelSetting).order_by(
            ChannelSetting.updated_at.desc(), ChannelSetting.channel
        )
        if set_by is not None:
            query = query.where(ChannelSetting.updated_by == set_by)
        with self._reading() as session:
            return [
                ChannelSettings(
                    row.channel,
                    "on-request" if row.mode == "on-request" else "auto",
                    row.updated_by,
                    row.updated_at,
                )
                for row in session.scalars(query)
            ]

    # -- plumbing ------------------------------------------------------------------------------

    def _dialect_insert(self, model: Any) -> Any:
        """INSERT with ON CONFLICT support: both SQLite and PostgreSQL speak it."""
        if self.dialect == "postgresql":
            return postgresql.insert(model)
        return sqlite.insert(model)

    def _insert_ignore(
        self, model: Any, values: dict[str, Any], keys: list[str], returning: Any
    ) -> Executable:
        """INSERT ... ON CONFLICT DO NOTHING RETURNING: a row comes back only if inserted."""
        stmt = self._dialect_insert(model).values(values)
        return stmt.on_conflict_do_nothing(index_elements=keys).returning(returning)  # type: ignore[no-any-return]

    @contextmanager
    def _session(self) -> Iterator[Session]:
        with self._errors(), self._sessions.begin() as session:
            yield session

    @contextmanager
    def _reading(self) -> Iterator[Session]:
        """A session for methods that never write: no write lock on SQLite."""
        with self._errors(), self._read_sessions.begin() as session:
            yield session

    @contextmanager
    def _errors(self) -> Iterator[None]:
        """Turn driver errors into StoreError/SchemaError messages that say what to do."""
        try:
            yield
        except (OperationalError, ProgrammingError) as exc:
            detail = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
            undefined_table = getattr(exc.orig, "sqlstate", None) == "42P01"  # PostgreSQL
            if undefined_table or "no such table" in detail:
                raise SchemaError(
                    f"the database {self.url} has no Copydesk tables ({detail}): "
                    "run `copydesk db upgrade`"
                ) from exc
            raise StoreError(f"database {self.url}: {detail}") from exc


def _job_status(value: str) -> JobStatus:
    if value == "pending":
        return "pending"
    if value == "running":
        return "running"
    if value == "done":
        return "done"
    return "failed"


def _summary(row: Check) -> CheckSummary:
    return CheckSummary(
        id=row.id,
        channel=row.channel,
        message_ts=row.message_ts,
        story_date=row.story_date,
        date_source=row.date_source,
        finding_count=row.finding_count,
        rules_version=row.rules_version,
        kb_version=row.kb_version,
        duration_ms=row.duration_ms,
        created_at=row.created_at,
        findings=[from_row(f) for f in row.findings],
        date_label=row.date_label,
        date_weak=row.date_weak,
    )
