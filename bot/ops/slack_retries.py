"""slack-sdk's own retry handlers, counted: `copydesk_slack_api_retries{reason}`,
so that on-call sees Slack throttling before editors do.

The handlers decide and wait (Retry-After on 429, backoff on connection and 5xx errors); the
wrapper only counts each retry it lets happen, so the metric and the behaviour cannot drift apart.
"""

from __future__ import annotations

from typing import Any

from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
    ServerErrorRetryHandler,
)
from slack_sdk.http_retry.handler import RetryHandler

from bot.ops.metrics import Metrics


class CountingRetryHandler(RetryHandler):
    """Delegates to `inner` and counts each retry under `reason`."""

    def __init__(self, inner: RetryHandler, reason: str, metrics: Metrics) -> None:
        super().__init__(
            max_retry_count=inner.max_retry_count,
            interval_calculator=inner.interval_calculator,
        )
        self.inner = inner
        self.reason = reason
        self.metrics = metrics

    def can_retry(self, **kwargs: Any) -> bool:
        return bool(self.inner.can_retry(**kwargs))

    def _can_retry(self, **kwargs: Any) -> bool:
        return bool(self.inner._can_retry(**kwargs))

    def prepare_for_next_attempt(self, **kwargs: Any) -> None:
        self.metrics.slack_api_retries.labels(self.reason).inc()
        self.inner.prepare_for_next_attempt(**kwargs)


def counted_retry_handlers(
    metrics: Metrics,
    *,
    connection_retries: int = 2,
    ratelimit_retries: int = 5,
    server_error_retries: int = 2,
) -> list[RetryHandler]:
    """The three built-in handlers (connection errors, 429 Retry-After, 5xx), counted."""
    return [
        CountingRetryHandler(
            ConnectionErrorRetryHandler(max_retry_count=connection_retries), "connection", metrics
        ),
        CountingRetryHandler(
            RateLimitErrorRetryHandler(max_retry_count=ratelimit_retries), "ratelimited", metrics
        ),
        CountingRetryHandler(
            ServerErrorRetryHandler(max_retry_count=server_error_retries), "server_error", metrics
        ),
    ]
