"""What Copydesk checked and what editors dismissed, plus the inbox that makes replies reliable.

SQLAlchemy 2 models with Alembic migrations, the same on SQLite (default) and PostgreSQL
(production, several replicas). Every guarantee (one accept per event, one claim per job, one reply
per message) comes from the database, never from process memory.
"""

from bot.store.errors import SchemaError, StoreError
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
from bot.store.store import DEFAULT_DATABASE_URL, Store

__all__ = [
    "CHANNEL_MODES",
    "DEFAULT_DATABASE_URL",
    "ChannelMode",
    "ChannelSettings",
    "CheckRecord",
    "CheckSummary",
    "Job",
    "JobStatus",
    "RuleStats",
    "SchemaError",
    "Store",
    "StoreError",
]
