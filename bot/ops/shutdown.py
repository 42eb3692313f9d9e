"""Graceful shutdown, so a rollout loses no check: SIGTERM stops intake, in-flight checks
finish, then exit.

One `Shutdown` per process: `install()` makes SIGTERM and SIGINT set it; servers stop accepting
events when it is set; workers poll `requested` before taking a job, wrap each job in `track()`,
and sleep with `wait()` so that they wake at once. The main thread then calls `drain()` to wait
for in-flight work. A second signal while draining exits at once (an impatient operator, or
Kubernetes after terminationGracePeriodSeconds sends SIGKILL anyway).
"""

from __future__ import annotations

import logging
import os
import signal
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from types import FrameType

log = logging.getLogger(__name__)


class Shutdown:
    """A flag that SIGTERM sets, plus a count of work in flight to drain."""

    def __init__(self) -> None:
        self._stop = threading.Event()
        self._idle = threading.Condition()
        self._in_flight = 0
        self.reason: str | None = None

    def install(
        self, signals: Sequence[signal.Signals] = (signal.SIGTERM, signal.SIGINT)
    ) -> Shutdown:
        """Route `signals` to `request` (call from the main thread, as Python requires)."""
        for sig in signals:
            signal.signal(sig, self._on_signal)
        return self

    def _on_signal(self, signum: int, _frame: FrameType | None) -> None:
        name = signal.Signals(signum).name
        if self._stop.is_set():
            # Second signal: stop waiting for in-flight work and die as the signal intends.
            signal.signal(signum, signal.SIG_DFL)
            os.kill(os.getpid(), signum)
            return
        self.request(name)

    def request(self, reason: str = "requested") -> None:
        """Ask everything to stop taking new work (idempotent; first reason wins)."""
        if not self._stop.is_set():
            self.reason = reason
            log.info("shutdown requested (%s): finishing in-flight work", reason)
        self._stop.set()

    @property
    def requested(self) -> bool:
        return self._stop.is_set()

    def wait(self, timeout: float | None = None) -> bool:
        """Sleep up to `timeout` (None: until shutdown), waking at once on shutdown; True if set."""
        if timeout is not None:
            return self._stop.wait(timeout)
        while not self._stop.wait(1.0):  # short waits keep the main thread responsive to signals
            pass
        return True

    @contextmanager
    def track(self) -> Iterator[None]:
        """Mark a unit of work (one check, one request) as in flight until the block ends."""
        with self._idle:
            self._in_flight += 1
        try:
            yield
        finally:
            with self._idle:
                self._in_flight -= 1
                self._idle.notify_all()

    @property
    def in_flight(self) -> int:
        with self._idle:
            return self._in_flight

    def drain(self, timeout: float) -> bool:
        """Wait until no work is in flight; False if some was still running after `timeout`."""
        deadline = time.monotonic() + timeout
        with self._idle:
            while self._in_flight:
                left = deadline - time.monotonic()
                if left <= 0:
                    log.warning("shutdown: %d unit(s) of work still in flight", self._in_flight)
                    return False
                self._idle.wait(left)
        return True
