"""Private answers through a `response_url`: only the editor who asked sees them."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from slack_sdk.webhook import WebhookClient

from bot.ops.metrics import Metrics
from bot.ops.slack_retries import counted_retry_handlers
from bot.report.slack import SlackMessage

log = logging.getLogger(__name__)

MAX_PARTS = 5  # a response_url takes five messages


class Responder:
    """Posts ephemeral messages to response URLs, retrying like the Web API client does."""

    def __init__(self, metrics: Metrics) -> None:
        self._metrics = metrics

    def send(
        self, url: str, messages: Sequence[SlackMessage], *, replace_original: bool = False
    ) -> None:
        if not url:
            log.warning("no response_url to answer a request")
            return
        webhook = WebhookClient(
            url, timeout=15, retry_handlers=counted_retry_handlers(self._metrics)
        )
        for message in messages[:MAX_PARTS]:
            response = webhook.send(
                text=message.text,
                blocks=message.blocks,
                response_type="ephemeral",
                replace_original=replace_original,
            )
            if response.status_code != 200:
                log.warning("response_url refused a reply", extra={"status": response.status_code})
