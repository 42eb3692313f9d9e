"""Slack bot benchmark (issue 4): figures, not a pass/fail test.

Run: `.venv/bin/python bench/bench_slack.py [--events 10000] [--workers 4]`.

Starts the fake Slack Web API (tests/slack/fake_slack.py) in this process and the real bot as a
separate process (`copydesk serve --http` on a SQLite file), then sends it signed Events API
requests over HTTP, exactly as Slack would, and reads the replies the fake receives:

1. event to thread reply, p50 and p99, for a 4 KB article, one event at a time;
2. 500 events from 20 channels sent within 10 seconds: every message answered exactly once?
3. resident memory of the bot process at the 1,000th and the 10,000th event.

Issue 4's budget: p50 <= 250 ms, p99 <= 1 s; none lost, none answered twice; RSS within 10%.
"""

from __future__ import annotations

import argparse
import hashlib
import hmac
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
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.slack.fake_slack import BOT_TOKEN, TEAM, FakeSlack  # noqa: E402

SECRET = "bench-signing-secret"

# About 4 KB of copy written for this benchmark: a wrong weekday, a date that does not exist
# and a line of page furniture to flag, the rest clean.
PARAGRAPHS = [
    "SPRINGFIELD — The city council voted on Monday, July 29, 2025, to approve a new budget "
    "for the public library system after a debate that ran late into the evening.",
    "Council members said the spending plan would take effect on April 31, when the new fiscal "
    "quarter begins, and would add weekend hours at four branch libraries.",
    "The library director thanked the residents who spoke at the hearing, many of them parents "
    "who said the children's rooms were too crowded on Saturday mornings.",
    "Share this article",
    "The vote was 7 to 2. The two members who voted against the plan said it did not do enough "
    "for the branches in the east of the city, where two buildings need new roofs.",
    "Under the plan, the system will hire twelve librarians and replace the public computers at "
    "every branch. Officials said the money comes from a property tax approved by voters.",
    "A spokesperson for the mayor said the budget keeps the promise the administration made "
    "during the campaign to reopen the reading room at the main library.",
    "Residents will be able to comment on the branch renovation plans at a series of meetings "
    "this autumn. The first is scheduled for the main library's auditorium.",
    "The council also approved a smaller measure that pays for a summer reading program run "
    "with the school district, which officials said reached about 6,000 children last year.",
    "Library staff said they expect visits to rise once the weekend hours begin, as they did "
    "when two branches stayed open later on weekdays as part of a pilot program.",
    "The budget now goes to the mayor, who is expected to sign it. A spokesperson said the "
    "mayor supports the plan and thanked the council for its work on the details.",
    "Several speakers at the hearing asked the council to keep the bookmobile, which visits "
    "neighborhoods that are far from a branch. The budget funds it for another year.",
    "The library system has 23 branches and lends about four million items a year, according "
    "to its annual report. Its budget has grown slowly over the past decade.",
    "Council members said they would review the system's finances again in the spring, when "
    "the city updates its revenue forecast for the next fiscal year.",
    "The director said the new hires would start in the autumn and that the weekend hours "
    "would begin once the staff had been trained, probably before the winter holidays.",
    "Residents who want to volunteer at the branches can sign up at any circulation desk, the "
    "library said in a statement released after the vote.",
    "The east side branches have waited longest for repairs. One of them closed for three "
    "weeks last winter when its heating failed, and patrons were sent to a branch two miles away.",
    "Neighborhood groups there had asked the council to set aside money for the roofs before "
    "anything else. The council's finance committee said that work will be paid for next year.",
    "Teachers who spoke at the hearing said the library's homework help program had become "
    "essential for students whose families cannot afford private tutoring after school.",
    "The program now runs at six branches on weekday afternoons. The new budget extends it to "
    "four more, starting with the branches closest to the city's largest middle schools.",
    "A member of the library's board of trustees said the board would publish a schedule for "
    "the new hours by the end of the month, after talks with the union that represents staff.",
    "The union's local president said members welcomed the new positions but wanted to be sure "
    "weekend shifts would be shared fairly. Talks are expected to conclude within a few weeks.",
    "Elsewhere in the budget, the council set aside money to digitize the library's collection "
    "of local newspapers, some of which date to the city's founding in the nineteenth century.",
    "Historians who use the collection said many of the oldest papers are too fragile to "
    "handle. Scanning them will take about two years, according to the library's estimate.",
    "The council will hold its next regular meeting in two weeks. The agenda has not yet been "
    "published, but members said they expect to take up the transit plan again.",
]


def article(n: int) -> str:
    text = "\n\n".join(PARAGRAPHS)
    return f"{text}\n\nReporting by the city desk, story {n}."


def sign(body: bytes) -> dict[str, str]:
    stamp = str(int(time.time()))
    digest = hmac.new(SECRET.encode(), f"v0:{stamp}:".encode() + body, hashlib.sha256)
    return {"X-Slack-Request-Timestamp": stamp, "X-Slack-Signature": "v0=" + digest.hexdigest()}


class Bench:
    """The bot process, the fake Slack, and bookkeeping of what was sent and answered."""

    def __init__(self, workers: int, rules_dir: Path | None) -> None:
        self.fake = FakeSlack().start()
        self.tmp = tempfile.TemporaryDirectory(prefix="copydesk-bench-")
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}/slack/events"
        self.http = httpx.Client(timeout=30, limits=httpx.Limits(max_connections=64))
        self.sent: dict[str, float] = {}  # message key "channel/ts" -> monotonic send time
        self.count = 0
        self._lock = threading.Lock()
        env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "COPYDESK_"))}
        env.update(
            SLACK_BOT_TOKEN=BOT_TOKEN,
            SLACK_SIGNING_SECRET=SECRET,
            SLACK_API_URL=self.fake.api_url,
            COPYDESK_DATABASE_URL=f"sqlite:///{self.tmp.name}/copydesk.db",
            COPYDESK_WORKERS=str(workers),
            COPYDESK_LOG_LEVEL="WARNING",
        )
        if rules_dir is not None:
            env["COPYDESK_RULES_DIR"] = str(rules_dir)
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "bot",
                "serve",
                "--http",
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
            ],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        self._wait_ready()

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"the bot did not start:\n{self.process.stderr.read()}")  # type: ignore[union-attr]
            try:
                if self.http.get(f"http://127.0.0.1:{self.port}/readyz").status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.1)
        raise SystemExit("the bot did not become ready in 120 s")

    def close(self) -> None:
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(30)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.http.close()
        self.fake.stop()
        self.tmp.cleanup()

    def rss_mb(self) -> float:
        status = Path(f"/proc/{self.process.pid}/status").read_text()
        line = next(x for x in status.splitlines() if x.startswith("VmRSS:"))
        return int(line.split()[1]) / 1024

    def send(self, channel: str) -> str:
        """Post a new article in `channel` and deliver its message event; returns its key."""
        with self._lock:
            self.count += 1
            n = self.count
        message = self.fake.add_message(channel, article(n))
        body = json.dumps(
            {
                "token": "t",
                "team_id": TEAM,
                "api_app_id": "A0BENCH",
                "type": "event_callback",
                "event_id": f"EvBench{n:07d}",
                "event_time": int(time.time()),
                "event": {**message, "event_ts": message["ts"]},
            }
        ).encode()
        key = f"{channel}/{message['ts']}"
        self.sent[key] = time.monotonic()
        response = self.http.post(
            self.url, content=body, headers={"Content-Type": "application/json", **sign(body)}
        )
        if response.status_code != 200:
            raise SystemExit(f"event refused: {response.status_code} {response.text}")
        return key

    def replies(self) -> dict[str, list[float]]:
        """Reply times by message key (a thread reply counts; so would an all-clear)."""
        out: dict[str, list[float]] = {}
        for call in self.fake.calls_to("chat.postMessage"):
            key = f"{call.args.get('channel')}/{call.args.get('thread_ts')}"
            out.setdefault(key, []).append(call.at)
        return out

    def wait_answered(self, keys: list[str], timeout: float) -> dict[str, list[float]]:
        deadline = time.monotonic() + timeout
        while True:
            replies = self.replies()
            if all(k in replies for k in keys) or time.monotonic() > deadline:
                return replies
            time.sleep(0.05)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _latencies(bench: Bench, keys: list[str], replies: dict[str, list[float]]) -> list[float]:
    return [(replies[k][0] - bench.sent[k]) * 1000 for k in keys if k in replies]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--latency-events", type=int, default=200)
    parser.add_argument("--events", type=int, default=10_000, help="total events (memory)")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--rules-dir", type=Path, default=None, help="default: bundled rules")
    args = parser.parse_args()

    size = len(article(1).encode())
    print(f"article: {size:,} bytes; bot workers: {args.workers}; machine: {os.cpu_count()} CPUs")
    bench = Bench(args.workers, args.rules_dir)
    rss: dict[int, float] = {}
    try:
        # 1. latency, one event at a time
        keys = []
        for i in range(args.latency_events):
            key = bench.send(f"CLAT{i % 5}")
            keys.append(key)
            bench.wait_answered([key], 30)
        replies = bench.replies()
        latency = _latencies(bench, keys, replies)
        print(
            f"1. event -> thread reply, {len(latency)} sequential events: "
            f"p50 {statistics.median(latency):.0f} ms, p99 {_percentile(latency, 0.99):.0f} ms, "
            f"max {max(latency):.0f} ms"
        )

        # 2. a burst: 500 events from 20 channels within 10 seconds
        burst: list[str] = []
        start = time.monotonic()
        with ThreadPoolExecutor(max_workers=20) as pool:
            futures = []
            for i in range(500):
                due = start + i * (10 / 500)
                futures.append(pool.submit(_send_at, bench, f"CBURST{i % 20:02d}", due))
            burst = [f.result() for f in futures]
        sent_in = time.monotonic() - start
        replies = bench.wait_answered(burst, 180)
        drained = max(replies[k][0] for k in burst if k in replies) - start
        counts = Counter(len(replies.get(k, [])) for k in burst)
        latency = _latencies(bench, burst, replies)
        print(
            f"2. 500 events from 20 channels sent in {sent_in:.1f} s: answered once "
            f"{counts.get(1, 0)}, lost {counts.get(0, 0)}, answered twice or more "
            f"{sum(v for c, v in counts.items() if c > 1)}; all answered {drained:.1f} s after "
            f"the first was sent; event -> reply p50 {statistics.median(latency):.0f} ms, "
            f"p99 {_percentile(latency, 0.99):.0f} ms"
        )

        # 3. memory from the 1,000th to the 10,000th event
        pending: list[str] = []
        with ThreadPoolExecutor(max_workers=8) as pool:
            while bench.count < args.events:
                due = min(m for m in (1000, 10_000, args.events) if m > bench.count)
                size = min(200, due - bench.count)
                batch = [pool.submit(bench.send, f"CMEM{j % 20:02d}") for j in range(size)]
                pending.extend(f.result() for f in batch)
                bench.wait_answered(pending[-size:], 300)
                for mark in (1000, 10_000):
                    if mark not in rss and bench.count >= mark:
                        rss[mark] = bench.rss_mb()
                        print(f"   RSS at event {bench.count:,}: {rss[mark]:.1f} MB", flush=True)
        replies = bench.replies()
        everything = list(bench.sent)
        counts = Counter(len(replies.get(k, [])) for k in everything)
        print(
            f"3. {len(everything):,} events in all: answered once {counts.get(1, 0):,}, lost "
            f"{counts.get(0, 0)}, twice or more {sum(v for c, v in counts.items() if c > 1)}"
        )
        if 1000 in rss and 10_000 in rss:
            growth = (rss[10_000] - rss[1000]) / rss[1000] * 100
            print(
                f"   RSS {rss[1000]:.1f} MB at the 1,000th event, {rss[10_000]:.1f} MB at the "
                f"10,000th ({growth:+.1f}%)"
            )
    finally:
        bench.close()


def _send_at(bench: Bench, channel: str, due: float) -> str:
    delay = due - time.monotonic()
    if delay > 0:
        time.sleep(delay)
    return bench.send(channel)


if __name__ == "__main__":
    main()
