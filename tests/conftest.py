"""Top-level fixtures: a fresh database on SQLite and on a real PostgreSQL, and a Store on it.

`database_url` is parametrized over both backends, so one test body covers both. PostgreSQL comes
from COPYDESK_TEST_POSTGRES_URL (set by scripts/test.sh) or, failing that, from
scripts/ensure-postgres.sh, run once per session. Each test gets its own database on that server.
If PostgreSQL truly cannot start, its tests are skipped with the reason, repeated at the end of
the run; COPYDESK_REQUIRE_POSTGRES=1 turns that skip into a failure (for CI). A server this
session started is stopped when the session ends (tests stop what they start).
"""

from __future__ import annotations

import os
import subprocess
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from bot.store import Store

ROOT = Path(__file__).resolve().parent.parent
ENSURE_POSTGRES = ROOT / "scripts" / "ensure-postgres.sh"
POSTGRES_ENV = "COPYDESK_TEST_POSTGRES_URL"
REQUIRE_ENV = "COPYDESK_REQUIRE_POSTGRES"


@dataclass
class _Postgres:
    url: str | None = None
    reason: str = ""
    probed: bool = False
    started: bool = False  # this session started the server, so it stops it


_POSTGRES = _Postgres()


def _libpq(url: str) -> str:
    """The libpq form of a SQLAlchemy URL (psycopg.connect takes it)."""
    from sqlalchemy.engine import make_url

    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def _probe_postgres() -> _Postgres:
    if _POSTGRES.probed:
        return _POSTGRES
    _POSTGRES.probed = True
    url = os.environ.get(POSTGRES_ENV)
    if not url:
        try:
            running = subprocess.run(
                [str(ENSURE_POSTGRES), "--status"],
                capture_output=True,
                timeout=60,
                check=False,
                stdin=subprocess.DEVNULL,
            )
            done = subprocess.run(
                [str(ENSURE_POSTGRES)],
                capture_output=True,
                text=True,
                timeout=600,
                check=False,
                stdin=subprocess.DEVNULL,
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            _POSTGRES.reason = f"{ENSURE_POSTGRES.name} could not run: {exc}"
            return _POSTGRES
        _POSTGRES.started = running.returncode != 0 and done.returncode == 0
        lines = done.stdout.strip().splitlines()
        if done.returncode != 0 or not lines:
            tail = " | ".join(done.stderr.strip().splitlines()[-3:])
            _POSTGRES.reason = f"{ENSURE_POSTGRES.name} exited {done.returncode}: {tail}"
            return _POSTGRES
        url = lines[-1]
    import psycopg

    try:
        with psycopg.connect(_libpq(url), connect_timeout=10) as conn:
            conn.execute("SELECT 1")
    except psycopg.Error as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        _POSTGRES.reason = f"cannot connect to the PostgreSQL test server: {first}"
        return _POSTGRES
    _POSTGRES.url = url
    return _POSTGRES


def _require_postgres() -> str:
    server = _probe_postgres()
    if server.url is None:
        message = f"PostgreSQL unavailable: {server.reason}"
        if os.environ.get(REQUIRE_ENV) == "1":
            pytest.fail(f"{message} ({REQUIRE_ENV}=1)")
        pytest.skip(message)
    return server.url


@pytest.fixture(scope="session")
def postgres_server_url() -> str:
    """URL of the session's PostgreSQL server (its default database); skips if there is none."""
    return _require_postgres()


class _PostgresDatabases:
    """Databases for one test session: fresh empty ones, and one shared migrated database.

    An empty database is cloned from a session template (about 0.4 s). Most tests only need a
    migrated, empty schema: they share one database, emptied with TRUNCATE before each test
    (a few milliseconds), which keeps the store tests on both backends fast.
    """

    def __init__(self, server_url: str) -> None:
        from sqlalchemy.engine import make_url

        self._server = make_url(server_url)
        self._admin = _libpq(server_url)
        session = uuid.uuid4().hex[:8]
        self._templates = {"empty": f"tmpl_{session}_empty"}
        self._execute(f'CREATE DATABASE "{self._templates["empty"]}"')
        self.shared = f"shared_{session}_head"
        self._execute(f'CREATE DATABASE "{self.shared}"')
        from bot.store import Store
        from bot.store.models import Base

        with Store(self.url_of(self.shared)) as migrated:
            migrated.upgrade()
        tables = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)
        self._truncate = f"TRUNCATE {tables} RESTART IDENTITY CASCADE"

    def emptied_shared(self) -> str:
        """The shared migrated database, emptied of the previous test's rows."""
        import psycopg

        url = self.url_of(self.shared)
        with psycopg.connect(_libpq(url), autocommit=True) as conn:
            conn.execute(self._truncate)  # type: ignore[arg-type]
        return url

    def url_of(self, name: str) -> str:
        return self._server.set(database=name).render_as_string(hide_password=False)

    def _execute(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(self._admin, autocommit=True) as conn:
            conn.execute(sql)

    def create(self, template: str) -> str:
        name = f"t_{uuid.uuid4().hex[:16]}"
        self._execute(f'CREATE DATABASE "{name}" TEMPLATE "{self._templates[template]}"')
        return name

    def drop(self, name: str) -> None:
        self._execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def close(self) -> None:
        for name in [*self._templates.values(), self.shared]:
            self.drop(name)


@pytest.fixture(scope="session")
def _postgres_databases(postgres_server_url: str) -> Iterator[_PostgresDatabases]:
    databases = _PostgresDatabases(postgres_server_url)
    yield databases
    databases.close()


def _postgres_database(databases: _PostgresDatabases, template: str) -> Iterator[str]:
    name = databases.create(template)
    try:
        yield databases.url_of(name)
    finally:
        databases.drop(name)


@pytest.fixture
def postgres_url(_postgres_databases: _PostgresDatabases) -> Iterator[str]:
    """A fresh, empty PostgreSQL database for one test, dropped afterwards."""
    yield from _postgres_database(_postgres_databases, "empty")


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """A fresh SQLite database file for one test."""
    return f"sqlite:///{tmp_path / 'copydesk.db'}"


BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


@pytest.fixture(params=BACKENDS)
def database_url(request: pytest.FixtureRequest) -> str:
    """A fresh, empty database, once on SQLite and once on PostgreSQL."""
    if request.param == "sqlite":
        return str(request.getfixturevalue("sqlite_url"))
    return str(request.getfixturevalue("postgres_url"))


@pytest.fixture(params=BACKENDS)
def migrated_database_url(request: pytest.FixtureRequest) -> Iterator[str]:
    """An empty database migrated to head, once on SQLite and once on PostgreSQL.

    On PostgreSQL it is one database shared by the session and emptied before each test: use
    `database_url` where a test needs a database of its own (migrations, two processes).
    """
    if request.param == "sqlite":
        from bot.store import Store as _Store

        url = str(request.getfixturevalue("sqlite_url"))
        with _Store(url) as fresh:
            fresh.upgrade()
        yield url
        return
    databases: _PostgresDatabases = request.getfixturevalue("_postgres_databases")
    yield databases.emptied_shared()


@pytest.fixture
def store(migrated_database_url: str) -> Iterator[Store]:
    """A Store on a fresh database migrated to head (both backends), closed afterwards."""
    from bot.store import Store as _Store

    with _Store(migrated_database_url) as opened:
        yield opened


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Say at the end of the run, not only in -rs output, why PostgreSQL tests were skipped."""
    if _POSTGRES.probed and _POSTGRES.url is None:
        terminalreporter.write_line(
            f"PostgreSQL tests SKIPPED: {_POSTGRES.reason}", yellow=True, bold=True
        )


def pytest_sessionfinish(session: pytest.Session) -> None:
    """Stop the PostgreSQL server this session started (not one the caller or another session
    runs)."""
    del session
    if _POSTGRES.started:
        subprocess.run(
            [str(ENSURE_POSTGRES), "--stop"],
            capture_output=True,
            timeout=120,
            check=False,
            stdin=subprocess.DEVNULL,
        )
        _POSTGRES.started = False
