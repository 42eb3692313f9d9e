"""Several real `copydesk serve --http` processes on one database, talking to one fake Slack.

Each replica is a subprocess on its own port on 127.0.0.1, with its output in a file (a pipe
nobody reads would fill up and block it). Tests send them signed Events API requests exactly
as Slack does (tests/slack/conftest.py's `sign` and `event_body`) and read the replies the fake
Slack server (tests/slack/fake_slack.py) recorded. Nothing here waits a fixed time: every wait
polls a condition against a generous deadline, so a loaded two-core machine only makes it slower.

A check is caught "in progress" the way it happens in production: the editor posts a link, and
the page's server (`GatedPage`, on 127.0.0.1) holds its answer until the test opens the gate, so a
replica sits mid-check, its lease held and the in-progress reaction on the message, for as long as
the test needs. The bot has no switch for tests.
"""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import IO, Any, TypeVar

import httpx
import pytest
from sqlalchemy import create_engine, text

from bot.slack.replies import IN_PROGRESS
from tests.engine.conftest import test_rules_dir
from tests.slack.articles import LIBRARY_BUDGET
from tests.slack.conftest import CHANNEL, SIGNING_SECRET, event_body, sign
from tests.slack.fake_slack import BOT_TOKEN, FakeSlack
from tests.slack.helpers import section_text

__all__ = ["CHANNEL", "test_rules_dir"]

COPYDESK = [sys.executable, "-m", "bot"]
START_TIMEOUT = 90.0  # a cold start on a busy machine imports and loads the rules
WAIT_TIMEOUT = 60.0
LEASE_SECONDS = 3  # the smallest COPYDESK_LEASE_SECONDS allows: a dead replica's job returns fast

T = TypeVar("T")


def wait_until(
    predicate: Callable[[], T | None], what: str, timeout: float = WAIT_TIMEOUT, every: float = 0.05
) -> T:
    """Poll `predicate` until it returns something truthy; fail naming `what` after `timeout`."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(every)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def signed_event(message: dict[str, Any], event_id: str) -> bytes:
    """The Events API body Slack sends for `message` (sign it just before sending)."""
    return json.dumps(event_body(message, event_id)).encode()


class Replica:
    """One `copydesk serve --http` process."""

    def __init__(self, name: str, env: dict[str, str], log_path: Path) -> None:
        self.name = name
        self.env = env
        self.log_path = log_path
        self.port = free_port()
        self.http = httpx.Client(timeout=30)
        self._log: IO[str] | None = None
        self.process: subprocess.Popen[str] | None = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def pid(self) -> int:
        assert self.process is not None
        return self.process.pid

    def start(self) -> Replica:
        if self._log is not None:  # a restart on another port
            self._log.close()
        self._log = self.log_path.open("a", encoding="utf-8")
        self.process = subprocess.Popen(
            [*COPYDESK, "serve", "--http", "--host", "127.0.0.1", "--port", str(self.port)],
            env=self.env,
            stdin=subprocess.DEVNULL,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            text=True,
        )
        return self

    def wait_ready(self, timeout: float = START_TIMEOUT) -> None:
        def ready() -> bool:
            assert self.process is not None
            if self.process.poll() is not None:
                raise AssertionError(
                    f"replica {self.name} exited with {self.process.returncode}:\n{self.output()}"
                )
            try:
                return self.http.get(self.base + "/readyz", timeout=5).status_code == 200
            except httpx.TransportError:
                return False

        wait_until(ready, f"replica {self.name} to be ready", timeout, every=0.1)

    def deliver(self, body: bytes, *, retry: int | None = None) -> httpx.Response:
        """POST a signed Events API request, as Slack does (a retry carries X-Slack-Retry-Num)."""
        headers = {"Content-Type": "application/json", **sign(body)}
        if retry:
            headers |= {"X-Slack-Retry-Num": str(retry), "X-Slack-Retry-Reason": "http_timeout"}
        return self.http.post(self.base + "/slack/events", content=body, headers=headers)

    def metric(self, line_prefix: str) -> float:
        """A sample of this replica's /metrics, 0 if absent (e.g. a counter never incremented)."""
        body = self.http.get(self.base + "/metrics").text
        for line in body.splitlines():
            if line.startswith(line_prefix + " "):
                return float(line.rsplit(" ", 1)[1])
        return 0.0

    def kill(self) -> None:
        """SIGKILL: no drain, no cleanup, exactly like an OOM kill or a lost node."""
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(30)

    def output(self) -> str:
        if self._log is not None:
            self._log.flush()
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def close(self) -> None:
        self.http.close()
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(30)
        if self._log is not None:
            self._log.close()


class Replicas:
    """Starts replicas of one deployment: same database, same fake Slack, same secrets."""

    def __init__(
        self, fake: FakeSlack, database_url: str, rules_dir: Path, cache_dir: Path, logs: Path
    ) -> None:
        self.fake = fake
        self.database_url = database_url
        self._logs = logs
        self._started: list[Replica] = []
        inherited = {
            k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "COPYDESK_"))
        }
        self.env = {
            **inherited,
            "SLACK_BOT_TOKEN": BOT_TOKEN,
            "SLACK_SIGNING_SECRET": SIGNING_SECRET,
            "SLACK_API_URL": fake.api_url,
            "COPYDESK_DATABASE_URL": database_url,
            "COPYDESK_RULES_DIR": str(rules_dir),
            "COPYDESK_CACHE_DIR": str(cache_dir),
            "COPYDESK_LEASE_SECONDS": str(LEASE_SECONDS),
            "COPYDESK_WORKERS": "2",
            "COPYDESK_FETCH_ALLOW": "127.0.0.1",  # the gated article page
        }
        self.engine = create_engine(database_url)

    def start(self, *names: str, **env: str) -> list[Replica]:
        """Start replicas in parallel and wait until every one is ready."""
        replicas = [
            Replica(name, {**self.env, **env}, self._logs / f"{name}.log").start() for name in names
        ]
        self._started.extend(replicas)
        for replica in replicas:
            try:
                replica.wait_ready()
            except AssertionError:
                # free_port() only probes: another process may have bound the port meanwhile.
                if "address already in use" not in replica.output():
                    raise
                replica.port = free_port()
                replica.start().wait_ready()
        return replicas

    def inbox(self) -> list[dict[str, Any]]:
        """The inbox rows, read straight from the database every replica shares."""
        with self.engine.connect() as connection:
            rows = connection.execute(
                text("SELECT event_key, status, attempts, lease_owner FROM inbox_jobs ORDER BY id")
            )
            return [dict(row._mapping) for row in rows]

    def holder(self, event_key: str, replicas: list[Replica]) -> Replica | None:
        """The replica whose worker holds `event_key`'s lease right now (checking it)."""
        for row in self.inbox():
            if row["event_key"] == event_key and row["status"] == "running":
                pid = _lease_pid(str(row["lease_owner"] or ""))
                return next((r for r in replicas if r.pid == pid), None)
        return None

    def wait_settled(self, timeout: float = WAIT_TIMEOUT) -> list[dict[str, Any]]:
        """Wait until no inbox job is pending or running; returns the rows."""

        def settled() -> list[dict[str, Any]] | None:
            rows = self.inbox()
            return rows if rows and all(r["status"] in ("done", "failed") for r in rows) else None

        return wait_until(settled, "the inbox to settle", timeout)

    def close(self) -> None:
        for replica in self._started:
            replica.close()
        self.engine.dispose()


def _lease_pid(owner: str) -> int | None:
    """The pid in a worker name ("host:pid/thread", see bot.slack.worker)."""
    match = re.search(r":(\d+)/\d+$", owner)
    return int(match.group(1)) if match else None


def thread_posts(replicas: Replicas, message: dict[str, Any]) -> list[dict[str, Any]]:
    """Every chat.postMessage into `message`'s thread, whoever sent it."""
    return [
        call.args
        for call in replicas.fake.calls_to("chat.postMessage")
        if call.args.get("channel") == message["channel"]
        and call.args.get("thread_ts") == message["ts"]
    ]


def the_one_reply(replicas: Replicas, message: dict[str, Any]) -> dict[str, Any]:
    """Wait for a reply and for the inbox to settle; then there must be exactly one."""
    fake = replicas.fake
    fake.wait_for(lambda: thread_posts(replicas, message), timeout=60, message="a thread reply")
    replicas.wait_settled()
    assert len(thread_posts(replicas, message)) == 1, thread_posts(replicas, message)
    (reply,) = fake.bot_messages(message["channel"], message["ts"])
    return reply


def assert_flags_the_errors(reply: dict[str, Any]) -> None:
    body = section_text(reply)
    assert "*April 31*" in body  # a date that does not exist
    assert "*Share this article*" in body  # page furniture pasted with the copy
    assert reply["blocks"][0]["text"]["text"].startswith("*Copydesk: 3 possible errors*")


def checking(
    replicas: Replicas, event_key: str, message: dict[str, Any], candidates: list[Replica]
) -> Replica:
    """Wait until one of `candidates` is in the middle of checking `event_key`; return it."""
    holder = wait_until(
        lambda: replicas.holder(event_key, candidates), f"a replica to start checking {event_key}"
    )
    wait_until(
        lambda: IN_PROGRESS in replicas.fake.reactions_on(CHANNEL, message["ts"]),
        "the in-progress reaction",
    )
    return holder


def post_article(replicas: Replicas, event_key: str) -> tuple[dict[str, Any], bytes]:
    """An editor pastes the article; returns the message and the event Slack would send."""
    message = replicas.fake.add_message(CHANNEL, LIBRARY_BUDGET)
    return message, signed_event(message, event_key)


def post_link(replicas: Replicas, event_key: str, page: GatedPage) -> tuple[dict[str, Any], bytes]:
    """An editor posts a link to the article; its check waits at the page until it opens."""
    message = replicas.fake.add_message(CHANNEL, f"For a second read: <{page.url}>")
    return message, signed_event(message, event_key)


class GatedPage:
    """The test article as a web page whose server answers only once `open()` is called."""

    def __init__(self) -> None:
        self.gate = threading.Event()
        self.requests = 0
        page = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                page.requests += 1
                page.gate.wait(WAIT_TIMEOUT)
                body = LIBRARY_BUDGET.encode()
                self.send_response(200)
                self.send_header("Content-Type", "text/plain; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        ).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}/news/library-budget"

    def open(self) -> None:
        """Let every request waiting at the page, and every later one, through."""
        self.gate.set()

    def close(self) -> None:
        self.gate.set()
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def gated_page() -> Iterator[GatedPage]:
    page = GatedPage()
    yield page
    page.close()


@pytest.fixture(scope="session")
def replica_cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One prebuilt-index cache for every replica of the session: later starts skip the build."""
    return tmp_path_factory.mktemp("replica-cache")


@pytest.fixture
def fake_slack() -> Iterator[FakeSlack]:
    with FakeSlack() as fake:
        yield fake


@pytest.fixture
def replicas(
    fake_slack: FakeSlack,
    postgres_url: str,
    test_rules_dir: Path,
    replica_cache_dir: Path,
    tmp_path: Path,
) -> Iterator[Replicas]:
    """Replicas on a fresh PostgreSQL database (each `copydesk serve` migrates it at start)."""
    deployment = Replicas(fake_slack, postgres_url, test_rules_dir, replica_cache_dir, tmp_path)
    try:
        yield deployment
    finally:
        deployment.close()


def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> None:
    """On failure, show each replica's log: a subprocess's traceback is otherwise lost."""
    if call.when != "call" or call.excinfo is None:
        return
    deployment = getattr(item, "funcargs", {}).get("replicas")
    if isinstance(deployment, Replicas):
        for replica in deployment._started:
            tail = "\n".join(replica.output().splitlines()[-40:])
            item.add_report_section("call", f"replica {replica.name}", tail)
