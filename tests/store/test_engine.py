"""Database URLs: clear errors for bad ones, passwords never shown, failures reported not raised."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from bot.errors import ConfigError
from bot.store import DEFAULT_DATABASE_URL, Store, StoreError


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_unsupported_database_names_the_variable() -> None:
    with pytest.raises(ConfigError, match="COPYDESK_DATABASE_URL: unsupported database 'mysql'"):
        Store("mysql://u:p@localhost/db")


def test_unparseable_url_names_the_variable() -> None:
    with pytest.raises(ConfigError, match="COPYDESK_DATABASE_URL: cannot parse"):
        Store("not a url")


def test_plain_postgresql_url_uses_psycopg_and_hides_the_password() -> None:
    store = Store(f"postgresql://copydesk:s3cret-pw@127.0.0.1:{_closed_port()}/copydesk")
    assert store.engine.dialect.driver == "psycopg"
    assert "s3cret-pw" not in store.url and "s3cret-pw" not in repr(store)
    store.close()


def test_unreachable_database_pings_false_and_errors_clearly() -> None:
    port = _closed_port()
    with Store(f"postgresql+psycopg://copydesk:s3cret-pw@127.0.0.1:{port}/copydesk") as store:
        assert store.ping() is False
        with pytest.raises(StoreError, match=f"127.0.0.1:{port}") as caught:
            store.accept("Ev1", "message", "C1", "1.0", {})
        assert "s3cret-pw" not in str(caught.value)


def test_from_env_reads_the_variable(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'desk.db'}"
    with Store.from_env({"COPYDESK_DATABASE_URL": url}) as store:
        store.upgrade()
        assert (tmp_path / "desk.db").exists()
    with Store.from_env({}) as default:
        assert default.url == DEFAULT_DATABASE_URL
