"""Socket Mode: the bot connects out to Slack over a WebSocket (no public URL needed).

slack-sdk's client pings Slack and drops a connection whose pongs stop; `ConnectionWatch` checks
that from outside as well (Bolt's Socket Mode health-check example): a connection that has been
down or silent for too long is replaced, and the small health endpoint reports it, so an
orchestrator can restart a process that cannot get back to Slack.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections.abc import AsyncIterator
from typing import Any

from slack_sdk.errors import SlackApiError
from slack_sdk.socket_mode.builtin import SocketModeClient
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from bot.errors import ConfigError
from bot.ops.endpoints import HEALTH_PATH, METRICS_PATH, READY_PATH
from bot.slack.client import error_code
from bot.slack.runtime import Bot

log = logging.getLogger(__name__)


class ConnectionWatch:
    """Watches a Socket Mode client; replaces a connection that is down or stopped ponging."""

    def __init__(
        self,
        client: SocketModeClient,
        *,
        ping_interval: float,
        grace_seconds: float = 60.0,
        check_every: float = 5.0,
    ) -> None:
        self.client = client
        self.stale_after = ping_interval * 4  # slack-sdk's own staleness threshold
        self.grace_seconds = grace_seconds
        self.check_every = check_every
        self.restarts = 0
        self._bad_since: float | None = None
        self._session: tuple[str | None, float] = (None, time.monotonic())
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="copydesk-socket-watch", daemon=True)

    def pong_age(self) -> float | None:
        """Seconds since the last ping Slack answered, None before the first answer."""
        session = self.client.current_session
        last = getattr(session, "last_ping_pong_time", None) if session is not None else None
        return None if last is None else max(time.time() - float(last), 0.0)

    def connection_ok(self) -> bool:
        """Connected, and Slack answered a ping recently. A session that never got a pong is
        stale too once it is older than the threshold (slack-sdk only checks after a pong)."""
        if not self.client.is_connected():
            return False
        age = self.pong_age()
        if age is None:
            session_id = self.client.session_id()
            if self._session[0] != session_id:
                self._session = (session_id, time.monotonic())
            age = time.monotonic() - self._session[1]
        return age <= self.stale_after

    def healthy(self) -> bool:
        """False once the connection has been down or silent for longer than the grace period."""
        return self._bad_since is None or time.monotonic() - self._bad_since <= self.grace_seconds

    def status(self) -> dict[str, Any]:
        age = self.pong_age()
        return {
            "connected": self.client.is_connected(),
            "seconds_since_pong": None if age is None else round(age, 1),
            "restarts": self.restarts,
            "healthy": self.healthy(),
        }

    def check(self) -> None:
        """One round: note a bad connection and replace it."""
        if self.connection_ok():
            self._bad_since = None
            return
        if self._bad_since is None:
            self._bad_since = time.monotonic()
        log.warning("Socket Mode connection is down or silent; reconnecting", extra=self.status())
        try:
            self.client.connect_to_new_endpoint(force=True)
            self.restarts += 1
        except Exception as exc:  # noqa: BLE001 - keep watching; the next round tries again
            log.warning("could not reconnect to Slack", extra={"error": str(exc)})

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()

    def _run(self) -> None:
        while not self._stop.wait(self.check_every):
            self.check()


def create_health_app(
    bot: Bot, *, ping_interval: float = 10.0, check_every: float = 5.0, grace_seconds: float = 60.0
) -> tuple[Starlette, Any]:
    """The health/metrics app whose lifespan runs the bot in Socket Mode; returns the app and
    the Bolt Socket Mode handler."""
    from slack_bolt.adapter.socket_mode import SocketModeHandler

    handler = SocketModeHandler(
        bot.app, app_token=bot.settings.app_token, ping_interval=ping_interval
    )
    watch = ConnectionWatch(
        handler.client,
        ping_interval=ping_interval,
        check_every=check_every,
        grace_seconds=grace_seconds,
    )

    async def healthz(request: Request) -> Response:
        status = {"alive": bot.alive(), **watch.status()}
        ok = bot.alive() and watch.healthy()
        return JSONResponse(status, status_code=200 if ok else 503)

    async def readyz(request: Request) -> Response:
        ready = watch.connection_ok() and await run_in_threadpool(bot.ready)
        return JSONResponse({"ready": ready}, status_code=200 if ready else 503)

    async def metrics(request: Request) -> Response:
        body, content_type = await run_in_threadpool(bot.metrics.render)
        return Response(body, media_type=content_type)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        bot.start()
        if not handler.client.is_connected():
            await run_in_threadpool(handler.connect)
        watch.start()
        try:
            yield
        finally:
            watch.stop()
            await run_in_threadpool(handler.close)
            await run_in_threadpool(bot.stop)

    app = Starlette(
        routes=[
            Route(HEALTH_PATH, healthz, methods=["GET"]),
            Route(READY_PATH, readyz, methods=["GET"]),
            Route(METRICS_PATH, metrics, methods=["GET"]),
        ],
        lifespan=lifespan,
    )
    app.state.watch = watch
    return app, handler


def connect(handler: Any) -> None:
    """Open the Socket Mode connection, failing with the variable to fix when Slack refuses."""
    try:
        handler.connect()
    except SlackApiError as exc:
        raise ConfigError(
            f"Slack refused SLACK_APP_TOKEN ({error_code(exc)}): create an app-level token with "
            "the connections:write scope on your app's 'Basic Information' page, and turn on "
            "Socket Mode"
        ) from exc


def serve(bot: Bot, *, host: str, port: int) -> None:
    """Connect to Slack and serve the health endpoint until SIGTERM/SIGINT, then drain."""
    from bot.ops import server

    app, handler = create_health_app(bot)
    connect(handler)
    server.serve(app, host=host, port=port)
