"""Engines configured so that the database, not the process, serialises concurrent writers.

SQLite: a transaction that may write starts with BEGIN IMMEDIATE (SQLAlchemy's documented pysqlite
recipe), so two threads or processes cannot both read "no such job" and then both write. One that
only reads (a connection with the READ_ONLY execution option) starts with a plain BEGIN: under WAL
it reads a snapshot without taking the write lock, so reads never queue behind writers. WAL with
synchronous=NORMAL syncs at checkpoints rather than on every commit: a power cut may lose the last
commits, never corrupt the file. PostgreSQL: psycopg 3 with pre-ping, so a replica survives a
database restart.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.pool import StaticPool
from tenacity import Retrying, retry_if_exception, stop_after_delay, wait_random_exponential

from bot.errors import ConfigError

ENV_VAR = "COPYDESK_DATABASE_URL"
SUPPORTED = "sqlite:///path/to/copydesk.db or postgresql+psycopg://user:password@host/dbname"
SQLITE_BUSY_TIMEOUT_S = 30.0
# Execution option for connections whose transactions never write (see `Store`'s read methods).
READ_ONLY = "copydesk_read_only"


def parse_url(url: str) -> URL:
    """Parse and normalise a database URL; a bad one names the variable and the accepted forms."""
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise ConfigError(
            f"{ENV_VAR}: cannot parse the database URL ({exc}); use {SUPPORTED}"
        ) from exc
    backend = parsed.get_backend_name()
    if backend in ("postgresql", "postgres"):
        # Only psycopg 3 is installed; "postgresql://" would pick psycopg2.
        return parsed.set(drivername="postgresql+psycopg")
    if backend == "sqlite":
        return parsed
    raise ConfigError(f"{ENV_VAR}: unsupported database '{backend}'; use {SUPPORTED}")


def safe_url(url: URL) -> str:
    """The URL for messages and logs: never the password."""
    return url.render_as_string(hide_password=True)


def make_engine(url: str | URL) -> Engine:
    parsed = parse_url(url) if isinstance(url, str) else url
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(parsed)
    return create_engine(
        parsed,
        pool_pre_ping=True,
        pool_size=5,
        max_overflow=10,
        connect_args={"connect_timeout": 10},
    )


def _sqlite_engine(url: URL) -> Engine:
    in_memory = url.database in (None, "", ":memory:")
    kwargs: dict[str, Any] = {
        "connect_args": {"check_same_thread": False, "timeout": SQLITE_BUSY_TIMEOUT_S},
    }
    if in_memory:
        kwargs["poolclass"] = StaticPool  # one shared connection, or each would see its own db
    engine = create_engine(url, **kwargs)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # let the "begin" hook below emit BEGIN
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={int(SQLITE_BUSY_TIMEOUT_S * 1000)}")
        if not in_memory and _use_wal(cursor) == "wal":
            cursor.execute("PRAGMA synchronous=NORMAL")  # only safe from corruption in WAL
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        read_only = connection.get_execution_options().get(READ_ONLY, False)
        connection.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")

    return engine


def _use_wal(cursor: Any) -> str:
    """Put the database in WAL mode (a setting stored in the file) and return the mode it is in.
    Switching needs the database to itself, and SQLite does not wait on its busy handler for
    it: when two replicas open a new database at once, the one that finds it busy retries until
    the other has switched it (and then only reads the mode)."""
    (mode,) = cursor.execute("PRAGMA journal_mode").fetchone()
    if str(mode).lower() == "wal":
        return "wal"
    for attempt in Retrying(
        retry=retry_if_exception(_is_locked),
        wait=wait_random_exponential(multiplier=0.01, max=0.5),
        stop=stop_after_delay(SQLITE_BUSY_TIMEOUT_S),
        reraise=True,
    ):
        with attempt:
            (mode,) = cursor.execute("PRAGMA journal_mode=WAL").fetchone()
    return str(mode).lower()


def _is_locked(exc: BaseException) -> bool:
    return isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc)
