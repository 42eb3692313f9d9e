"""Slack fixtures: the fake Slack Web API, a real bot served over HTTP on 127.0.0.1, and signed
requests to it (Events API, slash commands, interactivity) exactly as Slack sends them."""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import html
import ipaddress
import itertools
import json
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlencode

import httpx
import pytest
import uvicorn

from bot.engine import Ruleset
from bot.slack.http import create_asgi_app
from bot.slack.runtime import Bot
from bot.slack.settings import Settings
from bot.store import Store
from tests.engine.conftest import test_rules_dir, test_ruleset
from tests.slack.fake_slack import BOT_TOKEN, BOT_USER, EDITOR, TEAM, FakeSlack

__all__ = ["test_rules_dir", "test_ruleset"]

SIGNING_SECRET = "test-signing-secret-not-a-real-one"
CHANNEL = "CNEWSDESK"

_ids = itertools.count(1)


def sign(body: bytes, secret: str = SIGNING_SECRET, timestamp: int | None = None) -> dict[str, str]:
    """Slack's v0 request signature headers for `body`."""
    stamp = str(int(time.time()) if timestamp is None else timestamp)
    base = b"v0:" + stamp.encode() + b":" + body
    digest = hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()
    return {"X-Slack-Request-Timestamp": stamp, "X-Slack-Signature": f"v0={digest}"}


def event_body(event: dict[str, Any], event_id: str | None = None) -> dict[str, Any]:
    return {
        "token": "legacy-verification-token",
        "team_id": TEAM,
        "api_app_id": "A0COPYDESK",
        "type": "event_callback",
        "event_id": event_id or f"Ev{next(_ids):08d}",
        "event_time": int(time.time()),
        "event": {"event_ts": event.get("ts", "1.0"), **event},
        "authorizations": [{"team_id": TEAM, "user_id": BOT_USER, "is_bot": True}],
    }


@dataclass
class Harness:
    """The bot under test, its HTTP address and the fake Slack it talks to."""

    fake: FakeSlack
    bot: Bot
    url: str
    http: httpx.Client = field(default_factory=lambda: httpx.Client(timeout=30))

    def post(
        self,
        body: bytes,
        content_type: str,
        *,
        secret: str = SIGNING_SECRET,
        timestamp: int | None = None,
        headers: dict[str, str] | None = None,
    ) -> httpx.Response:
        sent = {"Content-Type": content_type, **sign(body, secret, timestamp), **(headers or {})}
        return self.http.post(self.url + "slack/events", content=body, headers=sent)

    def event(
        self, event: dict[str, Any], *, event_id: str | None = None, retry: int | None = None
    ) -> httpx.Response:
        body = json.dumps(event_body(event, event_id)).encode()
        headers = {"X-Slack-Retry-Num": str(retry), "X-Slack-Retry-Reason": "http_timeout"}
        return self.post(body, "application/json", headers=headers if retry else None)

    def paste(self, text: str, *, channel: str = CHANNEL, **kwargs: Any) -> dict[str, Any]:
        """An editor posts `text` and Slack sends the message event; returns the message."""
        message = self.fake.add_message(channel, text, **kwargs)
        response = self.event(message)
        assert response.status_code == 200, response.text
        return message

    def command(self, text: str, *, channel: str = CHANNEL, user: str = EDITOR) -> httpx.Response:
        form = {
            "token": "legacy-verification-token",
            "team_id": TEAM,
            "channel_id": channel,
            "user_id": user,
            "command": "/copydesk",
            "text": text,
            "response_url": self.fake.response_url(f"command-{next(_ids)}"),
            "trigger_id": f"trigger.{next(_ids)}",
        }
        return self.post(urlencode(form).encode(), "application/x-www-form-urlencoded")

    def interaction(self, payload: dict[str, Any]) -> httpx.Response:
        payload = {"team": {"id": TEAM}, "trigger_id": f"trigger.{next(_ids)}", **payload}
        body = urlencode({"payload": json.dumps(payload)}).encode()
        return self.post(body, "application/x-www-form-urlencoded")

    def replies(self, message: dict[str, Any]) -> list[dict[str, Any]]:
        return self.fake.bot_messages(message["channel"], message["ts"])

    def wait_idle(self, timeout: float = 15.0) -> None:
        """Wait until the inbox has nothing pending or running."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            counts = self.bot.store.inbox_counts()
            if counts["pending"] == 0 and counts["running"] == 0:
                return
            time.sleep(0.02)
        raise AssertionError(f"the inbox did not drain: {self.bot.store.inbox_counts()}")


def settings_for(fake: FakeSlack, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "bot_token": BOT_TOKEN,
        "api_url": fake.api_url,
        "signing_secret": SIGNING_SECRET,
        "fetch_allow": (ipaddress.ip_network("127.0.0.1/32"),),
        "workers": 3,
        **overrides,
    }
    return Settings(**values)


class ServerThread:
    """uvicorn serving an ASGI app on 127.0.0.1 in a thread (lifespan included)."""

    def __init__(self, app: Any) -> None:
        self.socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.socket.bind(("127.0.0.1", 0))
        config = uvicorn.Config(app, log_config=None, access_log=False, lifespan="on")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(
            target=self.server.run, kwargs={"sockets": [self.socket]}, daemon=True
        )

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.socket.getsockname()[1]}/"

    def __enter__(self) -> ServerThread:
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the test server did not start")
            time.sleep(0.01)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(15)


@pytest.fixture(scope="session")
def ruleset(test_ruleset: Ruleset) -> Ruleset:
    """The bundled rule packs with the engine tests' small, stable knowledge base."""
    return test_ruleset


@pytest.fixture
def fake_slack() -> Iterator[FakeSlack]:
    with FakeSlack() as fake:
        yield fake


@contextlib.contextmanager
def running_bot(fake: FakeSlack, url: str, ruleset: Ruleset, **overrides: Any) -> Iterator[Harness]:
    """A bot in HTTP mode on the database at `url`, served on 127.0.0.1, talking to `fake`."""
    store = Store(url)
    store.upgrade()
    bot = Bot(settings_for(fake, **overrides), mode="http", store=store, ruleset=ruleset)
    bot.worker.poll_seconds = 0.2
    bot.worker.backoff_seconds = 0.1
    try:
        with ServerThread(create_asgi_app(bot)) as server:
            harness = Harness(fake, bot, server.url)
            yield harness
            harness.http.close()
    finally:
        store.close()


@pytest.fixture
def harness(fake_slack: FakeSlack, sqlite_url: str, ruleset: Ruleset) -> Iterator[Harness]:
    """A bot on a fresh SQLite store, talking to a fresh fake Slack."""
    with running_bot(fake_slack, sqlite_url, ruleset) as harness:
        yield harness


@pytest.fixture
def harness_any_db(fake_slack: FakeSlack, database_url: str, ruleset: Ruleset) -> Iterator[Harness]:
    """The same, once on SQLite and once on PostgreSQL (for the reliability guarantees)."""
    with running_bot(fake_slack, database_url, ruleset) as harness:
        yield harness


class ArticleServer:
    """A local web server with article pages and misbehaving ones; records every request."""

    def __init__(self, pages: dict[str, tuple[int, str, bytes, dict[str, str]]]) -> None:
        self.pages = pages
        self.hits: list[str] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                server.hits.append(self.path)
                status, content_type, body, headers = server.pages.get(
                    self.path, (404, "text/plain", b"no such page", {})
                )
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                for name, value in headers.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(body)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        ).start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}{path}"

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def article_html(title: str, text: str) -> bytes:
    paragraphs = "".join(f"<p>{html.escape(p)}</p>\n" for p in text.split("\n\n"))
    return (
        f"<!doctype html><html><head><title>{html.escape(title)}</title></head><body>"
        f"<nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
        f"<article><h1>{html.escape(title)}</h1>\n{paragraphs}</article>"
        f"<footer>© Springfield Gazette</footer></body></html>"
    ).encode()


@pytest.fixture
def article_server() -> Iterator[ArticleServer]:
    from tests.slack.articles import LIBRARY_BUDGET

    page = article_html("Council approves library budget", LIBRARY_BUDGET)
    server = ArticleServer(
        {
            "/news/library-budget": (200, "text/html; charset=utf-8", page, {}),
            "/old-link": (301, "text/html", b"", {"Location": "/news/library-budget"}),
            "/to-metadata": (
                302,
                "text/html",
                b"",
                {"Location": "http://169.254.169.254/latest/meta-data/"},
            ),
            "/brochure.pdf": (200, "application/pdf", b"%PDF-1.4 not really", {}),
            "/paywalled": (403, "text/html", b"<p>subscribe</p>", {}),
        }
    )
    yield server
    server.close()
