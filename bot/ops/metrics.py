"""Prometheus metrics for /metrics: what an on-call engineer and a desk editor watch.

`Metrics` owns every metric on one registry: the process-wide default (`default_metrics()`, on
prometheus-client's global REGISTRY, next to its process_* collectors) or a fresh one per test.
Per-rule flags and dismissals, and the inbox depth, come from the store at scrape time
(`StoreCollector`), so every replica reports the same shared numbers: aggregate them with max(),
not sum().
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Literal

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
)
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector

if TYPE_CHECKING:
    from prometheus_client.metrics_core import Metric

    from bot.engine.finding import Finding
    from bot.store import Store

CheckOutcome = Literal["clean", "flagged", "failed"]

# A check is tens of milliseconds; a 10 MB paste or a slow link can take seconds.
CHECK_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)
# The reply budget: p50 <= 250 ms, p99 <= 1 s from event to thread reply.
REPLY_BUCKETS = (0.05, 0.1, 0.25, 0.5, 1.0, 2.0, 5.0, 10.0, 30.0, 60.0, 300.0)


class Metrics:
    """Every metric Copydesk exports, registered on `registry`."""

    def __init__(self, registry: CollectorRegistry | None = None) -> None:
        self.registry = registry if registry is not None else CollectorRegistry()
        r = self.registry
        self.checks = Counter(
            "copydesk_checks",
            "Checks run, by outcome (clean, flagged, failed).",
            ["outcome"],
            registry=r,
        )
        self.findings = Counter(
            "copydesk_findings", "Findings reported to editors.", ["category", "rule"], registry=r
        )
        self.check_seconds = Histogram(
            "copydesk_check_duration_seconds",
            "Time to check one article (engine only).",
            buckets=CHECK_BUCKETS,
            registry=r,
        )
        self.event_to_reply_seconds = Histogram(
            "copydesk_event_to_reply_seconds",
            "From when Slack's request reached the bot to the bot's thread reply (or reaction).",
            buckets=REPLY_BUCKETS,
            registry=r,
        )
        self.events = Counter(
            "copydesk_events",
            "Slack requests received, by kind and outcome (accepted, duplicate).",
            ["kind", "outcome"],
            registry=r,
        )
        self.slack_api_errors = Counter(
            "copydesk_slack_api_errors",
            "Slack Web API calls that failed, by method and error.",
            ["method", "error"],
            registry=r,
        )
        self.slack_api_retries = Counter(
            "copydesk_slack_api_retries",
            "Slack Web API calls retried, by reason (ratelimited, connection, server_error).",
            ["reason"],
            registry=r,
        )
        self.dismissals = Counter(
            "copydesk_dismissals",
            "Findings editors marked 'Not an error', by rule.",
            ["rule"],
            registry=r,
        )
        for outcome in ("clean", "flagged", "failed"):
            self.checks.labels(outcome)  # export zeros, so rate() works from the first scrape

    def observe_check(
        self, findings: Iterable[Finding], seconds: float, *, failed: bool = False
    ) -> None:
        """Count one check: its outcome, duration and each finding."""
        count = 0
        for finding in findings:
            self.findings.labels(finding.category.value, finding.rule).inc()
            count += 1
        outcome: CheckOutcome = "failed" if failed else ("flagged" if count else "clean")
        self.checks.labels(outcome).inc()
        if not failed:
            self.check_seconds.observe(seconds)

    def observe_reply(self, event_time: float, now: float | None = None) -> None:
        """Event-to-reply latency; `event_time` is when the request reached the bot (Unix
        seconds, the inbox's `received_at`): Slack's own event_time has one-second resolution
        and includes Slack's delay, which the bot cannot act on."""
        self.event_to_reply_seconds.observe(max(0.0, (now or time.time()) - event_time))

    def watch_store(self, store: Store, min_interval: float = 15.0) -> StoreCollector:
        """Export the store's per-rule feedback and inbox depth on this registry."""
        collector = StoreCollector(store, min_interval=min_interval)
        self.registry.register(collector)
        return collector

    def render(self) -> tuple[bytes, str]:
        """The exposition body and its content type, for a /metrics handler."""
        return generate_latest(self.registry), CONTENT_TYPE_LATEST


class StoreCollector(Collector):
    """Reads per-rule flags/dismissals and inbox depth from the store when Prometheus scrapes.

    Results are cached for `min_interval` seconds so that frequent scrapes of several replicas
    do not turn into a GROUP BY each. If the database is down, `copydesk_store_up` says so.
    """

    def __init__(self, store: Store, min_interval: float = 15.0) -> None:
        self.store = store
        self.min_interval = min_interval
        self._lock = threading.Lock()
        self._cached: list[Metric] | None = None
        self._cached_at = 0.0

    def collect(self) -> Iterator[Metric]:
        with self._lock:
            if self._cached is None or time.monotonic() - self._cached_at >= self.min_interval:
                self._cached = self._read()
                self._cached_at = time.monotonic()
            yield from self._cached

    def describe(self) -> Iterator[Metric]:
        return iter(())  # read lazily: describing must not query the database at registration

    def _read(self) -> list[Metric]:
        from bot.errors import CopydeskError

        up = GaugeMetricFamily("copydesk_store_up", "1 if the store answered the last scrape.")
        try:
            counts = self.store.inbox_counts()
            stats = self.store.rule_stats()
        except CopydeskError:
            up.add_metric([], 0.0)
            return [up]
        up.add_metric([], 1.0)
        inbox = GaugeMetricFamily(
            "copydesk_inbox_jobs",
            "Inbox jobs by status (pending+running = depth).",
            labels=["status"],
        )
        for status, n in counts.items():
            inbox.add_metric([status], float(n))
        flags = GaugeMetricFamily(
            "copydesk_rule_flags",
            "Findings flagged per rule (all time, from the store).",
            labels=["rule"],
        )
        dismissed = GaugeMetricFamily(
            "copydesk_rule_dismissals",
            "Flags editors dismissed per rule (all time, from the store).",
            labels=["rule"],
        )
        rate = GaugeMetricFamily(
            "copydesk_rule_dismissal_ratio", "Dismissed flags / flags per rule.", labels=["rule"]
        )
        for s in stats:
            flags.add_metric([s.rule], float(s.flags))
            dismissed.add_metric([s.rule], float(s.dismissals))
            rate.add_metric([s.rule], s.dismissal_rate)
        return [up, inbox, flags, dismissed, rate]


_default: Metrics | None = None
_default_lock = threading.Lock()


def default_metrics() -> Metrics:
    """The process's metrics, on prometheus-client's global REGISTRY (served by /metrics)."""
    global _default
    with _default_lock:
        if _default is None:
            _default = Metrics(REGISTRY)
        return _default
