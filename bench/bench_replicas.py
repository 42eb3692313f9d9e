"""Two replicas on one PostgreSQL under load (issue 5): figures, not a pass/fail test.

Run: `.venv/bin/python bench/bench_replicas.py [--events 1000] [--channels 50] [--seconds 20]`.

Starts the fake Slack Web API (tests/slack/fake_slack.py) in this process and two real bot
processes (`copydesk serve --http`) on one fresh PostgreSQL database, then sends signed Events
API requests exactly as Slack would: `--events` new articles from `--channels` channels, spread
evenly over `--seconds`, alternately to each replica, plus `--duplicates` of them delivered to
both replicas at the same moment (Slack's retry after a slow acknowledgement, landing on the
other replica behind the load balancer). It then waits for the replies the fake receives and
reports:

1. every message answered exactly once? (lost, answered twice or more);
2. event to thread reply latency, p50 and p99, from the first delivery to the reply reaching
   the fake Slack;
3. each replica's peak resident memory (VmHWM in /proc/<pid>/status), its checks and the
   events it accepted or found to be duplicates.

PostgreSQL: the server of COPYDESK_TEST_POSTGRES_URL, else the one scripts/ensure-postgres.sh
starts on 127.0.0.1; the benchmark creates its own database there and drops it afterwards.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import psycopg
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.bench_slack import article  # noqa: E402 - the same 4 KB article as bench_slack
from tests.slack.conftest import SIGNING_SECRET, event_body, sign  # noqa: E402
from tests.slack.fake_slack import BOT_TOKEN, FakeSlack  # noqa: E402

COMMAND = [sys.executable, "-m", "bot", "serve", "--http", "--host", "127.0.0.1"]
CHECKS = 'copydesk_checks_total{outcome="flagged"}'
ACCEPTED = 'copydesk_events_total{kind="message",outcome="accepted"}'
DUPLICATES = 'copydesk_events_total{kind="message",outcome="duplicate"}'


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def postgres_server_url() -> str:
    url = os.environ.get("COPYDESK_TEST_POSTGRES_URL")
    if url:
        return url
    done = subprocess.run(
        [str(ROOT / "scripts" / "ensure-postgres.sh")],
        capture_output=True,
        text=True,
        check=False,
        stdin=subprocess.DEVNULL,
    )
    if done.returncode != 0 or not done.stdout.strip():
        raise SystemExit(f"PostgreSQL could not be started:\n{done.stderr}")
    return done.stdout.strip().splitlines()[-1]


class Database:
    """A fresh database on the PostgreSQL server, dropped on close."""

    def __init__(self, server_url: str) -> None:
        server = make_url(server_url)
        self._admin = server.set(drivername="postgresql").render_as_string(hide_password=False)
        self.name = f"bench_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(self._admin, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{self.name}"')  # type: ignore[arg-type]
        self.url = server.set(database=self.name).render_as_string(hide_password=False)

    def inbox(self) -> dict[str, int]:
        engine = create_engine(self.url)
        try:
            with engine.connect() as connection:
                rows = connection.execute(
                    text("SELECT status, count(*) FROM inbox_jobs GROUP BY status")
                )
                return {str(status): int(n) for status, n in rows}
        finally:
            engine.dispose()

    def close(self) -> None:
        with psycopg.connect(self._admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')  # type: ignore[arg-type]


class Replica:
    """One `copydesk serve --http` process, and an HTTP client for it."""

    def __init__(self, name: str, env: dict[str, str], logs: Path) -> None:
        self.name = name
        self.port = _free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.http = httpx.Client(timeout=30, limits=httpx.Limits(max_connections=32))
        self._log = (logs / f"{name}.log").open("w", encoding="utf-8")
        self.log_path = logs / f"{name}.log"
        self.process = subprocess.Popen(
            [*COMMAND, "--port", str(self.port)],
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            text=True,
        )

    def wait_ready(self, timeout: float = 180) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(
                    f"replica {self.name} did not start:\n{self.log_path.read_text()[-3000:]}"
                )
            try:
                if self.http.get(self.base + "/readyz").status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.1)
        raise SystemExit(f"replica {self.name} did not become ready in {timeout:.0f} s")

    def deliver(self, body: bytes, retry: int | None = None) -> int:
        headers = {"Content-Type": "application/json", **sign(body)}
        if retry:
            headers |= {"X-Slack-Retry-Num": str(retry), "X-Slack-Retry-Reason": "http_timeout"}
        return self.http.post(
            self.base + "/slack/events", content=body, headers=headers
        ).status_code

    def peak_rss_mb(self) -> float:
        status = Path(f"/proc/{self.process.pid}/status").read_text()
        line = next(x for x in status.splitlines() if x.startswith("VmHWM:"))
        return int(line.split()[1]) / 1024

    def metric(self, prefix: str) -> float:
        for line in self.http.get(self.base + "/metrics").text.splitlines():
            if line.startswith(prefix + " "):
                return float(line.rsplit(" ", 1)[1])
        return 0.0

    def stop(self) -> int | None:
        """SIGTERM, and the exit status once drained (None if it had to be killed)."""
        self.http.close()
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        try:
            status = self.process.wait(60)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            status = None
        self._log.close()
        return status


class Load:
    """Schedules deliveries and records when each message's first delivery was sent."""

    def __init__(self, fake: FakeSlack, replicas: list[Replica]) -> None:
        self.fake = fake
        self.replicas = replicas
        self.sent: dict[str, float] = {}  # "channel/ts" -> monotonic time of the first delivery
        self.refused: list[str] = []
        self._lock = threading.Lock()

    def event(self, n: int, channel: str) -> tuple[str, bytes]:
        message = self.fake.add_message(channel, article(n))
        body = json.dumps(event_body(message, f"EvLoad{n:07d}")).encode()
        return f"{channel}/{message['ts']}", body

    def deliver(
        self, key: str, body: bytes, replica: Replica, due: float, retry: int | None
    ) -> None:
        delay = due - time.monotonic()
        if delay > 0:
            time.sleep(delay)
        with self._lock:
            self.sent.setdefault(key, time.monotonic())
        status = replica.deliver(body, retry)
        if status != 200:
            with self._lock:
                self.refused.append(f"{key} -> {replica.name}: HTTP {status}")

    def replies(self) -> dict[str, list[float]]:
        out: dict[str, list[float]] = {}
        for call in self.fake.calls_to("chat.postMessage"):
            key = f"{call.args.get('channel')}/{call.args.get('thread_ts')}"
            out.setdefault(key, []).append(call.at)
        return out


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--events", type=int, default=1000)
    parser.add_argument("--channels", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument(
        "--duplicates", type=int, default=100, help="events also delivered to the other replica"
    )
    parser.add_argument("--workers", type=int, default=4, help="checking threads per replica")
    parser.add_argument("--rules-dir", type=Path, default=None, help="default: bundled rules")
    args = parser.parse_args()

    print(
        f"2 replicas x {args.workers} workers on PostgreSQL; {args.events} events from "
        f"{args.channels} channels over {args.seconds:.0f} s, {args.duplicates} of them delivered "
        f"to both replicas; article {len(article(1).encode()):,} bytes; {os.cpu_count()} CPUs",
        flush=True,
    )
    fake = FakeSlack().start()
    database = Database(postgres_server_url())
    tmp = tempfile.TemporaryDirectory(prefix="copydesk-bench-replicas-")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "COPYDESK_"))}
    env.update(
        SLACK_BOT_TOKEN=BOT_TOKEN,
        SLACK_SIGNING_SECRET=SIGNING_SECRET,
        SLACK_API_URL=fake.api_url,
        COPYDESK_DATABASE_URL=database.url,
        COPYDESK_WORKERS=str(args.workers),
        COPYDESK_LOG_LEVEL="WARNING",
    )
    if args.rules_dir is not None:
        env["COPYDESK_RULES_DIR"] = str(args.rules_dir)
    replicas = [Replica(name, env, Path(tmp.name)) for name in ("replica-1", "replica-2")]
    try:
        for replica in replicas:
            replica.wait_ready()
        load = Load(fake, replicas)
        every = args.seconds / args.events
        duplicated = set(range(0, args.events, max(1, args.events // max(1, args.duplicates))))
        duplicated = set(sorted(duplicated)[: args.duplicates])
        start = time.monotonic() + 0.5
        with ThreadPoolExecutor(max_workers=48) as pool:
            futures = []
            for n in range(args.events):
                key, body = load.event(n, f"CLOAD{n % args.channels:03d}")
                due = start + n * every
                first, other = replicas[n % 2], replicas[(n + 1) % 2]
                futures.append(pool.submit(load.deliver, key, body, first, due, None))
                if n in duplicated:
                    futures.append(pool.submit(load.deliver, key, body, other, due, 1))
            for future in futures:
                future.result()
        sent_in = time.monotonic() - start
        keys = list(load.sent)
        deadline = time.monotonic() + 600
        while time.monotonic() < deadline:
            replies = load.replies()
            if all(k in replies for k in keys):
                inbox = database.inbox()
                if not inbox.get("pending") and not inbox.get("running"):
                    break
            time.sleep(0.2)
        time.sleep(2.0)  # let a late second reply, if there were one, arrive before counting
        replies = load.replies()
        counts = Counter(len(replies.get(k, [])) for k in keys)
        strays = [k for k in replies if k not in load.sent]
        latency = [(replies[k][0] - load.sent[k]) * 1000 for k in keys if k in replies]
        drained = max(replies[k][0] for k in keys if k in replies) - start
        print(
            f"1. {len(keys)} messages, deliveries sent in {sent_in:.1f} s "
            f"({len(load.refused)} refused): answered once {counts.get(1, 0)}, lost "
            f"{counts.get(0, 0)}, answered twice or more "
            f"{sum(v for c, v in counts.items() if c > 1)}, replies to unknown threads "
            f"{len(strays)}; all answered {drained:.1f} s after the first event"
        )
        print(
            f"2. event -> thread reply: p50 {statistics.median(latency):.0f} ms, "
            f"p99 {_percentile(latency, 0.99):.0f} ms, max {max(latency):.0f} ms"
        )
        for replica in replicas:
            print(
                f"3. {replica.name}: peak RSS (VmHWM) {replica.peak_rss_mb():.1f} MB; checks "
                f"{replica.metric(CHECKS):.0f}; events accepted {replica.metric(ACCEPTED):.0f}, "
                f"duplicates {replica.metric(DUPLICATES):.0f}"
            )
        print(f"   inbox: {database.inbox()}")
        for problem in load.refused[:5]:
            print(f"   refused: {problem}")
    finally:
        statuses = [replica.stop() for replica in replicas]
        print(f"   exit status after SIGTERM: {statuses}")
        fake.stop()
        database.close()
        tmp.cleanup()


if __name__ == "__main__":
    main()
