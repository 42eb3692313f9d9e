"""Serving an ASGI app with uvicorn until SIGTERM, then draining and exiting 0
(an orchestrator reads any other status as a crash).

uvicorn handles SIGTERM itself: it stops accepting connections, finishes the requests in flight,
runs the lifespan's shutdown (where the bot drains its worker), and then re-raises the signal, so
the process dies of it (status -15, or 143 from a shell). An orchestrator reads that as a crash of
a process that in fact stopped cleanly. Here the signals go to `bot.ops.shutdown.Shutdown`
instead, which asks uvicorn to stop in the same graceful order; the process then returns normally
and exits 0. A second signal while draining still ends the process at once.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

import uvicorn

from bot.ops.shutdown import Shutdown

GRACEFUL_SECONDS = 30  # for HTTP requests in flight; the worker's drain has its own timeout


class _Server(uvicorn.Server):
    """uvicorn's server, told to stop by `Shutdown` rather than by its own signal handlers."""

    def __init__(self, config: uvicorn.Config, shutdown: Shutdown) -> None:
        super().__init__(config)
        self._shutdown = shutdown

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        yield  # the signals belong to `Shutdown`, installed by `serve`; nothing to re-raise

    async def on_tick(self, counter: int) -> bool:
        # Called every 0.1 s by uvicorn's main loop: the place where it looks at should_exit.
        if self._shutdown.requested:
            self.should_exit = True
        return await super().on_tick(counter)


def serve(
    app: Any,
    *,
    host: str,
    port: int,
    shutdown: Shutdown | None = None,
    graceful_seconds: float = GRACEFUL_SECONDS,
) -> Shutdown:
    """Serve `app` on host:port until SIGTERM/SIGINT (call from the main thread); returns the
    `Shutdown`, which says why it stopped."""
    shutdown = (shutdown or Shutdown()).install()
    config = uvicorn.Config(
        app,
        host=host,
        port=port,
        log_config=None,  # keep the process's logging (JSON) configuration
        access_log=False,
        timeout_graceful_shutdown=int(graceful_seconds),
    )
    _Server(config, shutdown).run()
    return shutdown
