"""The running bot: settings, store, Web API client, engine, worker and Bolt app wired together.

`copydesk serve` builds one `Bot`, tests build theirs against the fake Slack server; both then run
it with `bot.slack.http` (Events API over HTTP) or `bot.slack.socket` (Socket Mode).
"""

from __future__ import annotations

import logging
from typing import Literal

from bot.engine import Ruleset, load_ruleset
from bot.intake import Reader
from bot.intake.fetch import Fetcher
from bot.intake.slack_files import FileDownloader
from bot.ops.metrics import Metrics
from bot.slack import surfaces
from bot.slack.app import Identity, create_app, identify
from bot.slack.checking import Checker
from bot.slack.client import web_client
from bot.slack.desk import Desk
from bot.slack.dispatch import Dispatcher
from bot.slack.inbox import Inbox
from bot.slack.replies import Replies
from bot.slack.respond import Responder
from bot.slack.settings import Settings
from bot.slack.worker import Worker
from bot.store import DEFAULT_DATABASE_URL, Store

log = logging.getLogger(__name__)


class Bot:
    """Everything one bot process runs. `start()` starts the worker, `stop()` drains it."""

    def __init__(
        self,
        settings: Settings,
        *,
        mode: Literal["socket", "http"],
        store: Store | None = None,
        ruleset: Ruleset | None = None,
        metrics: Metrics | None = None,
    ) -> None:
        self.settings = settings
        self.mode = mode
        self.store = store or Store(settings.database_url or DEFAULT_DATABASE_URL)
        # A process serves one bot on the global registry (`copydesk serve`); tests get their own.
        self.metrics = metrics or Metrics()
        self.metrics.watch_store(self.store)
        self.client = web_client(settings, self.metrics)
        self.identity: Identity = identify(self.client, settings.api_url)
        self.ruleset = ruleset or load_ruleset()
        self.fetcher = Fetcher(
            allow=settings.fetch_allow,
            max_bytes=settings.max_fetch_bytes,
            connect_timeout=settings.connect_timeout,
            read_timeout=settings.read_timeout,
        )
        self.files = FileDownloader(
            self.client,
            token=settings.bot_token,
            api_host=settings.api_host,
            max_bytes=settings.max_file_bytes,
        )
        self.desk = Desk(
            store=self.store,
            client=self.client,
            checker=Checker(
                self.store,
                self.ruleset,
                Reader(pages=self.fetcher, files=self.files),
                self.metrics,
            ),
            replies=Replies(self.store, self.client),
            responder=Responder(self.metrics),
            metrics=self.metrics,
            ruleset=self.ruleset,
            bot_user_id=self.identity.user_id,
        )
        self.dispatcher = Dispatcher(self.desk, surfaces.job_kinds())
        self.worker = Worker(
            self.store,
            self.dispatcher.answer,
            self.dispatcher.give_up,
            threads=settings.workers,
            lease_seconds=settings.lease_seconds,
            backoff_seconds=settings.retry_backoff_seconds,
        )
        self.inbox = Inbox(self.store, self.worker.wake, self.metrics)
        signing_secret = settings.signing_secret if mode == "http" else None
        self.app = create_app(self.client, self.inbox, self.store, signing_secret=signing_secret)

    def start(self) -> None:
        self.worker.start()
        log.info(
            "Copydesk is running",
            extra={"mode": self.mode, "workers": self.settings.workers, "store": self.store.url},
        )

    def stop(self, timeout: float = 30.0) -> None:
        """Stop taking jobs, let running ones finish, release connections (SIGTERM)."""
        drained = self.worker.stop(timeout)
        if not drained:
            log.warning("stopped with jobs still running; their leases will expire")
        self.fetcher.close()
        self.files.close()
        log.info("Copydesk stopped", extra={"drained": drained})

    def alive(self) -> bool:
        """Liveness: the worker threads run (a database outage is readiness, not liveness)."""
        return self.worker.alive

    def ready(self) -> bool:
        """Readiness: rules and knowledge loaded, taking events, and the database answers."""
        return self.ruleset_loaded and self.worker.alive and self.store.ping()

    @property
    def ruleset_loaded(self) -> bool:
        """Without rules or knowledge the bot would answer "nothing to flag" to everything."""
        return bool(self.ruleset.rules) and len(self.ruleset.knowledge.kb.people) > 0
