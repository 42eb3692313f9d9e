"""Events API, interactivity and slash commands over HTTP, with health and metrics endpoints.

One Starlette app served by uvicorn: `/slack/events` hands the request to Bolt (through Bolt's
Starlette adapter, in a thread so a slow database never blocks the event loop), `/healthz` is
liveness, `/readyz` readiness (503 while draining or when the database is down, so a load
balancer stops sending events), `/metrics` Prometheus. On SIGTERM (`bot.ops.server`) uvicorn
stops accepting connections and finishes the requests in flight, the lifespan's shutdown drains
the worker (checks in flight finish), and the process exits 0 (a rollout loses no check).
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator

from slack_bolt.adapter.starlette.handler import to_bolt_request, to_starlette_response
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from bot.ops.endpoints import EVENTS_PATH, HEALTH_PATH, METRICS_PATH, READY_PATH
from bot.slack.runtime import Bot

# Slack's requests are small (a message is at most 40,000 characters); the body must be read
# whole before Bolt can verify its signature, so an unsigned flood is cut off here.
MAX_REQUEST_BYTES = 16_000_000


def create_asgi_app(bot: Bot, *, manage_lifecycle: bool = True) -> Starlette:
    """The ASGI app for `bot`; with `manage_lifecycle` it starts and drains the bot's worker."""

    async def events(request: Request) -> Response:
        body = bytearray()
        async for chunk in request.stream():
            body += chunk
            if len(body) > MAX_REQUEST_BYTES:  # read before the signature can be checked
                return JSONResponse({"error": "request too large"}, status_code=413)
        bolt_request = to_bolt_request(request, bytes(body))
        response = await run_in_threadpool(bot.app.dispatch, bolt_request)
        return to_starlette_response(response)

    async def healthz(request: Request) -> Response:
        alive = bot.alive()
        return JSONResponse({"alive": alive}, status_code=200 if alive else 503)

    async def readyz(request: Request) -> Response:
        ready = await run_in_threadpool(bot.ready)
        return JSONResponse({"ready": ready}, status_code=200 if ready else 503)

    async def metrics(request: Request) -> Response:
        body, content_type = await run_in_threadpool(bot.metrics.render)
        return Response(body, media_type=content_type)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        if manage_lifecycle:
            bot.start()
        try:
            yield
        finally:
            if manage_lifecycle:
                await run_in_threadpool(bot.stop)

    return Starlette(
        routes=[
            Route(EVENTS_PATH, events, methods=["POST"]),
            Route(HEALTH_PATH, healthz, methods=["GET"]),
            Route(READY_PATH, readyz, methods=["GET"]),
            Route(METRICS_PATH, metrics, methods=["GET"]),
        ],
        lifespan=lifespan,
    )


def serve(bot: Bot, *, host: str, port: int) -> None:
    """Run the HTTP server until SIGTERM/SIGINT, then drain and return (exit status 0)."""
    from bot.ops import server

    server.serve(create_asgi_app(bot), host=host, port=port)
