"""The worker pool: jobs are answered once, failures retried then reported, and a stop lets
running jobs finish (SIGTERM)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest

from bot.slack.worker import Worker
from bot.store import Job, Store


@pytest.fixture
def store(sqlite_url: str) -> Iterator[Store]:
    with Store(sqlite_url) as opened:
        opened.upgrade()
        yield opened


class Recorder:
    """Answers jobs the way a test says and remembers what happened."""

    def __init__(self, seconds: float = 0.0, failures: int = 0) -> None:
        self.seconds = seconds
        self.failures = failures
        self.answered: list[str] = []
        self.given_up: list[str] = []
        self.started = threading.Event()

    def answer(self, job: Job) -> None:
        self.started.set()
        time.sleep(self.seconds)
        if self.failures:
            self.failures -= 1
            raise RuntimeError("Slack is down")
        self.answered.append(job.event_key)

    def give_up(self, job: Job) -> None:
        self.given_up.append(job.event_key)


def wait(predicate: object, timeout: float = 10) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():  # type: ignore[operator]
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.01)


def test_jobs_are_answered_once_each(store: Store) -> None:
    recorder = Recorder()
    worker = Worker(store, recorder.answer, recorder.give_up, threads=4, poll_seconds=0.05)
    worker.start()
    for n in range(40):
        store.accept(f"Ev{n}", "message", "C1", f"{n}.0", {})
        worker.wake()
    wait(lambda: len(recorder.answered) == 40)
    assert worker.stop(5)
    assert sorted(recorder.answered) == sorted(f"Ev{n}" for n in range(40))
    assert store.inbox_counts() == {"pending": 0, "running": 0, "done": 40, "failed": 0}


def test_stop_lets_a_running_job_finish(store: Store) -> None:
    recorder = Recorder(seconds=0.5)
    worker = Worker(store, recorder.answer, recorder.give_up, threads=1, poll_seconds=0.05)
    worker.start()
    store.accept("EvSlow", "message", "C1", "1.0", {})
    worker.wake()
    assert recorder.started.wait(5)
    assert worker.stop(5)
    assert recorder.answered == ["EvSlow"]
    assert store.inbox_counts()["done"] == 1
    assert not worker.alive


def test_a_failing_job_is_retried_then_given_up_once(store: Store) -> None:
    recorder = Recorder(failures=10)
    worker = Worker(
        store, recorder.answer, recorder.give_up, threads=2, poll_seconds=0.02, backoff_seconds=0.01
    )
    worker.start()
    store.accept("EvBad", "message", "C1", "1.0", {})
    worker.wake()
    wait(lambda: recorder.given_up)
    worker.stop(5)
    assert recorder.given_up == ["EvBad"] and recorder.answered == []
    assert store.inbox_counts()["failed"] == 1


def test_a_job_whose_workers_keep_dying_is_reported(store: Store) -> None:
    store.accept("EvCursed", "message", "C1", "1.0", {})
    for attempt in range(3):
        job = store.claim(f"dead-{attempt}", lease_seconds=0.01)
        assert job is not None and not job.exhausted
        time.sleep(0.02)
    recorder = Recorder()
    worker = Worker(store, recorder.answer, recorder.give_up, threads=1, poll_seconds=0.02)
    worker.start()
    wait(lambda: recorder.given_up)
    worker.stop(5)
    assert recorder.given_up == ["EvCursed"] and recorder.answered == []
    assert store.inbox_counts()["failed"] == 1


def test_a_long_job_keeps_its_lease(store: Store) -> None:
    recorder = Recorder(seconds=0.8)
    worker = Worker(
        store, recorder.answer, recorder.give_up, threads=1, poll_seconds=0.02, lease_seconds=0.3
    )
    worker.start()
    store.accept("EvLong", "message", "C1", "1.0", {})
    worker.wake()
    assert recorder.started.wait(5)
    time.sleep(0.5)  # past the first lease: it was renewed, so nobody else may take the job
    assert store.claim("intruder", lease_seconds=1) is None
    wait(lambda: recorder.answered)
    worker.stop(5)
