"""What the worker's job handlers share: the store, the Web API, the checker and the replies."""

from __future__ import annotations

from dataclasses import dataclass

from slack_sdk import WebClient

from bot.engine import Ruleset
from bot.ops.metrics import Metrics
from bot.slack.checking import Checker
from bot.slack.replies import Replies
from bot.slack.respond import Responder
from bot.store import Store


@dataclass(frozen=True, slots=True)
class Desk:
    """One per process, shared by the worker's threads (each part is thread-safe)."""

    store: Store
    client: WebClient
    checker: Checker
    replies: Replies
    responder: Responder
    metrics: Metrics
    ruleset: Ruleset
    bot_user_id: str | None
