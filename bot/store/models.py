"""The tables, as typed SQLAlchemy 2 models; migrations/versions/ must create exactly these.

A test compares this metadata with the migrated schema on SQLite and PostgreSQL (alembic's
compare_metadata), so a model change without a migration fails the suite.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Dialect,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# Stable constraint names, so that migrations can refer to them on every database.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[datetime]):
    """Timestamps stored in UTC and read back timezone-aware (SQLite would drop the zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r}: pass a timezone-aware (UTC) datetime")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class InboxJob(Base):
    """An accepted event waiting for, or leased to, a worker (nothing acked is lost)."""

    __tablename__ = "inbox_jobs"
    __table_args__ = (
        Index("ix_inbox_jobs_status_available", "status", "available_at"),
        CheckConstraint("status IN ('pending', 'running', 'done', 'failed')", name="status"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_key: Mapped[str] = mapped_column(String(255), unique=True)
    kind: Mapped[str] = mapped_column(String(64))
    channel: Mapped[str] = mapped_column(String(64))
    message_ts: Mapped[str] = mapped_column(String(64))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(16), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    lease_owner: Mapped[str | None] = mapped_column(String(255))
    lease_expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    available_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)


class ProcessedEvent(Base):
    """Keys of events handled inline (button clicks, commands): a re-delivery is a no-op."""

    __tablename__ = "processed_events"

    event_key: Mapped[str] = mapped_column(String(255), primary_key=True)
    kind: Mapped[str] = mapped_column(String(64))
    processed_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class Reply(Base):
    """The bot's one reply to a checked message; reserved before posting, so never two."""

    __tablename__ = "replies"
    __table_args__ = (UniqueConstraint("channel", "message_ts"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    channel: Mapped[str] = mapped_column(String(64))
    message_ts: Mapped[str] = mapped_column(String(64))
    reply_ts: Mapped[str | None] = mapped_column(String(64))
    owner: Mapped[str | None] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)


class Check(Base):
    """One check of one message: what was found, against which rules and knowledge base."""

    __tablename__ = "checks"
    __table_args__ = (
        Index("ix_checks_channel_message", "channel", "message_ts"),
        Index("ix_checks_created_at", "created_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    channel: Mapped[str] = mapped_column(String(64))
    message_ts: Mapped[str] = mapped_column(String(64))
    story_date: Mapped[date | None] = mapped_column(Date)
    date_source: Mapped[str] = mapped_column(String(64))
    date_label: Mapped[str | None] = mapped_column(String(255))  # as the report words it
    date_weak: Mapped[bool | None] = mapped_column(Boolean)  # a guess: said first in the reply
    findings: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    finding_count: Mapped[int] = mapped_column(Integer)
    rules_version: Mapped[str] = mapped_column(String(128))
    kb_version: Mapped[str] = mapped_column(String(128))
    duration_ms: Mapped[float] = mapped_column(Float)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class Flag(Base):
    """One finding of a check, one row each, so per-rule statistics are a GROUP BY."""

    __tablename__ = "flags"
    __table_args__ = (
        UniqueConstraint("check_id", "finding_key"),
        Index("ix_flags_rule", "rule"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    check_id: Mapped[int] = mapped_column(ForeignKey("checks.id", ondelete="CASCADE"))
    finding_key: Mapped[str] = mapped_column(String(128))
    rule: Mapped[str] = mapped_column(String(255))
    category: Mapped[str] = mapped_column(String(64))
    quote: Mapped[str] = mapped_column(Text)


class Dismissal(Base):
    """An editor's "Not an error" on a finding: who, when, and what (rule and quote)."""

    __tablename__ = "dismissals"
    __table_args__ = (
        UniqueConstraint("check_id", "finding_key", "user"),
        Index("ix_dismissals_channel", "channel"),
        Index("ix_dismissals_rule", "rule"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    check_id: Mapped[int] = mapped_column(ForeignKey("checks.id", ondelete="CASCADE"))
    finding_key: Mapped[str] = mapped_column(String(128))
    rule: Mapped[str] = mapped_column(String(255))
    quote: Mapped[str] = mapped_column(Text)
    channel: Mapped[str] = mapped_column(String(64))
    user: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class ChannelSetting(Base):
    """Per-channel behaviour: check pasted articles automatically or only on request."""

    __tablename__ = "channel_settings"
    __table_args__ = (CheckConstraint("mode IN ('auto', 'on-request')", name="mode"),)

    channel: Mapped[str] = mapped_column(String(64), primary_key=True)
    mode: Mapped[str] = mapped_column(String(16))
    updated_by: Mapped[str | None] = mapped_column(String(64))  # the editor who set it
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)
