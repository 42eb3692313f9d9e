"""A pool of threads that take jobs from the store's inbox and answer them.

Listeners only write a job and wake the pool, so Slack gets its acknowledgement in milliseconds;
a thread claims the job with a lease, answers it, and marks it done. A lease is renewed
while the job runs, so a slow fetch keeps its job, while a process that dies loses its leases and
any replica picks the job up. A job that fails is retried with backoff, then answered with a
"could not check this" notice and marked failed: nothing accepted is dropped silently.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
from collections.abc import Callable

from bot.store import Job, Store

log = logging.getLogger(__name__)


class Worker:
    """Claims and answers inbox jobs on `threads` threads until `stop()`."""

    def __init__(
        self,
        store: Store,
        answer: Callable[[Job], None],
        give_up: Callable[[Job], None],
        *,
        threads: int = 4,
        lease_seconds: float = 60.0,
        poll_seconds: float = 1.0,
        max_attempts: int = 3,
        backoff_seconds: float = 2.0,
        name: str | None = None,
    ) -> None:
        self._store = store
        self._answer = answer
        self._give_up = give_up
        self._threads_wanted = threads
        self.lease_seconds = lease_seconds
        self.poll_seconds = poll_seconds
        self.max_attempts = max_attempts
        self.backoff_seconds = backoff_seconds
        self.name = name or f"{socket.gethostname()}:{os.getpid()}"
        self._wakeup = threading.Semaphore(0)
        self._stopping = threading.Event()
        self._threads: list[threading.Thread] = []
        self._running: dict[int, str] = {}  # job id -> the thread's worker name (for renewals)
        self._lock = threading.Lock()

    # -- lifecycle -----------------------------------------------------------------------------

    def start(self) -> None:
        if self._threads:
            return
        for i in range(self._threads_wanted):
            thread = threading.Thread(
                target=self._loop, args=(f"{self.name}/{i}",), name=f"copydesk-worker-{i}"
            )
            thread.daemon = True
            thread.start()
            self._threads.append(thread)
        renewer = threading.Thread(target=self._renew_leases, name="copydesk-lease", daemon=True)
        renewer.start()
        self._threads.append(renewer)

    def wake(self) -> None:
        """A job was accepted: let one idle thread claim it now rather than at its next poll."""
        self._wakeup.release()

    def stop(self, timeout: float = 30.0) -> bool:
        """Stop claiming, let running jobs finish (SIGTERM); True if all finished."""
        self._stopping.set()
        for _ in self._threads:
            self._wakeup.release()
        deadline = time.monotonic() + timeout
        for thread in self._threads:
            thread.join(max(deadline - time.monotonic(), 0))
        return not any(t.is_alive() for t in self._threads)

    @property
    def alive(self) -> bool:
        """Every thread is running (for /healthz); False once stopping."""
        return (
            bool(self._threads)
            and not self._stopping.is_set()
            and all(t.is_alive() for t in self._threads)
        )

    @property
    def stopping(self) -> bool:
        return self._stopping.is_set()

    @property
    def busy(self) -> int:
        """Jobs being answered right now."""
        with self._lock:
            return len(self._running)

    # -- the loop ------------------------------------------------------------------------------

    def _loop(self, worker: str) -> None:
        # An empty claim still costs a transaction, so a thread claims when woken for a job
        # accepted here (one wake per job), or every `poll_seconds` for jobs other replicas
        # accepted and leases that expired; work found without a wake is drained in one go.
        while not self._stopping.is_set():
            woken = self._wakeup.acquire(timeout=self.poll_seconds)
            while not self._stopping.is_set():
                job = self._claim(worker)
                if job is None:
                    break
                self._run(job, worker)
                if not self._wakeup.acquire(blocking=False) and woken:
                    break

    def _claim(self, worker: str) -> Job | None:
        try:
            return self._store.claim(worker, self.lease_seconds, max_attempts=self.max_attempts)
        except Exception:
            log.exception("could not claim a job; retrying")
            self._stopping.wait(self.poll_seconds)
            return None

    def _run(self, job: Job, worker: str) -> None:
        with self._lock:
            self._running[job.id] = worker
        try:
            if job.exhausted:
                self._give_up(job)
                self._store.retry_or_fail(job.id, "abandoned: its workers died", self.max_attempts)
                return
            try:
                self._answer(job)
            except Exception as exc:  # noqa: BLE001 - any failure is retried, then reported
                self._failed(job, exc)
            else:
                self._store.finish(job.id)
        except Exception:
            log.exception("could not settle a job", extra={"event_key": job.event_key})
        finally:
            with self._lock:
                self._running.pop(job.id, None)

    def _failed(self, job: Job, exc: Exception) -> None:
        error = f"{type(exc).__name__}: {exc}"
        backoff = self.backoff_seconds * 2 ** (job.attempts - 1)
        retry = self._store.retry_or_fail(job.id, error, self.max_attempts, backoff_seconds=backoff)
        log.warning(
            "job failed",
            exc_info=exc,
            extra={"event_key": job.event_key, "attempt": job.attempts, "will_retry": retry},
        )
        if not retry:
            self._give_up(job)

    def _renew_leases(self) -> None:
        while not self._stopping.wait(self.lease_seconds / 3):
            with self._lock:
                running = list(self._running.items())
            for job_id, worker in running:
                try:
                    self._store.renew(job_id, worker, self.lease_seconds)
                except Exception:
                    log.exception("could not renew a lease", extra={"job_id": job_id})
