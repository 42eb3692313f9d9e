"""Prometheus metrics: read back through the text exposition format, as Prometheus would."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from prometheus_client import CollectorRegistry
from prometheus_client.parser import text_string_to_metric_families
from slack_sdk import WebClient

from bot.ops.metrics import Metrics
from bot.ops.slack_retries import counted_retry_handlers
from bot.report.model import finding_key
from bot.store import CheckRecord, Store
from tests.findings import make_finding


def _samples(metrics: Metrics) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    body, content_type = metrics.render()
    assert content_type.startswith("text/plain")
    return {
        (s.name, tuple(sorted(s.labels.items()))): s.value
        for family in text_string_to_metric_families(body.decode())
        for s in family.samples
    }


def test_checks_findings_and_latencies() -> None:
    metrics = Metrics(CollectorRegistry())
    title = make_finding("titles.anachronism", "President Biden", category="anachronism")
    metrics.observe_check([title, title], seconds=0.04)
    metrics.observe_check([], seconds=0.02)
    metrics.observe_check([], seconds=9.0, failed=True)
    metrics.observe_reply(event_time=1000.0, now=1000.3)
    metrics.dismissals.labels("titles.anachronism").inc()
    metrics.slack_api_errors.labels("chat.postMessage", "not_in_channel").inc()
    metrics.events.labels("message", "duplicate").inc()
    samples = _samples(metrics)
    assert samples[("copydesk_checks_total", (("outcome", "flagged"),))] == 1
    assert samples[("copydesk_checks_total", (("outcome", "clean"),))] == 1
    assert samples[("copydesk_checks_total", (("outcome", "failed"),))] == 1
    key = ("copydesk_findings_total", (("category", "anachronism"), ("rule", "titles.anachronism")))
    assert samples[key] == 2
    assert samples[("copydesk_check_duration_seconds_count", ())] == 2  # failed checks not timed
    assert samples[("copydesk_check_duration_seconds_bucket", (("le", "0.025"),))] == 1
    assert samples[("copydesk_event_to_reply_seconds_bucket", (("le", "0.25"),))] == 0
    assert samples[("copydesk_event_to_reply_seconds_bucket", (("le", "0.5"),))] == 1
    assert samples[("copydesk_dismissals_total", (("rule", "titles.anachronism"),))] == 1
    assert (
        samples[
            (
                "copydesk_slack_api_errors_total",
                (("error", "not_in_channel"), ("method", "chat.postMessage")),
            )
        ]
        == 1
    )
    assert samples[("copydesk_events_total", (("kind", "message"), ("outcome", "duplicate")))] == 1


def test_per_rule_feedback_and_inbox_depth_come_from_the_store(store: Store) -> None:
    flag = make_finding("names.spelling", "Scott Bessant", category="name")
    for ts in ("1.0", "2.0"):
        check_id = store.record_check(
            CheckRecord("C1", ts, date(2025, 7, 29), "dateline", [flag], "r", "k", 5.0)
        )
    store.record_dismissal(
        check_id, finding_key(flag), "names.spelling", "Scott Bessant", "C1", "U1"
    )
    store.accept("Ev1", "message", "C1", "3.0", {})
    metrics = Metrics(CollectorRegistry())
    collector = metrics.watch_store(store, min_interval=0)
    samples = _samples(metrics)
    assert samples[("copydesk_store_up", ())] == 1
    assert samples[("copydesk_rule_flags", (("rule", "names.spelling"),))] == 2
    assert samples[("copydesk_rule_dismissals", (("rule", "names.spelling"),))] == 1
    assert samples[("copydesk_rule_dismissal_ratio", (("rule", "names.spelling"),))] == 0.5
    assert samples[("copydesk_inbox_jobs", (("status", "pending"),))] == 1
    collector.min_interval = 3600  # cached: a new job is not seen until the cache expires
    _samples(metrics)
    store.accept("Ev2", "message", "C1", "4.0", {})
    assert _samples(metrics)[("copydesk_inbox_jobs", (("status", "pending"),))] == 1


def test_store_down_is_a_metric_not_a_failed_scrape(tmp_path: Path) -> None:
    with Store(f"sqlite:///{tmp_path / 'never-migrated.db'}") as store:
        metrics = Metrics(CollectorRegistry())
        metrics.watch_store(store, min_interval=0)
        samples = _samples(metrics)
    assert samples[("copydesk_store_up", ())] == 0
    assert not any(name == "copydesk_rule_flags" for name, _ in samples)


class _RateLimitedSlack(BaseHTTPRequestHandler):
    """chat.postMessage answers 429 (Retry-After: 0) once, then ok."""

    calls = 0

    def do_POST(self) -> None:
        type(self).calls += 1
        if type(self).calls == 1:
            self.send_response(429)
            self.send_header("Retry-After", "0")
            body = b'{"ok": false, "error": "ratelimited"}'
        else:
            self.send_response(200)
            body = json.dumps({"ok": True, "channel": "C1", "ts": "2.0"}).encode()
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def slack_api() -> Iterator[str]:
    _RateLimitedSlack.calls = 0
    server = ThreadingHTTPServer(("127.0.0.1", 0), _RateLimitedSlack)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/api/"
    server.shutdown()
    server.server_close()


def test_slack_retries_are_counted(slack_api: str) -> None:
    metrics = Metrics(CollectorRegistry())
    client = WebClient(
        token="xoxb-test", base_url=slack_api, retry_handlers=counted_retry_handlers(metrics)
    )
    response = client.chat_postMessage(channel="C1", text="hello")
    assert response["ok"] is True and _RateLimitedSlack.calls == 2
    assert (
        _samples(metrics)[("copydesk_slack_api_retries_total", (("reason", "ratelimited"),))] == 1
    )
