"""The inbox: accepted events are answered once, by one worker, even across processes."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest

from bot.store import Store, StoreError

THREADS = 8


def _accept(store: Store, key: str, channel: str = "C1", ts: str = "1700000000.000100") -> bool:
    return store.accept(key, "message", channel, ts, {"event": {"text": "hello", "ts": ts}})


def _run_together(n: int, fn: object) -> list[object]:
    """Run `fn(i)` in n threads released at the same instant."""
    barrier = threading.Barrier(n)

    def go(i: int) -> object:
        barrier.wait()
        return fn(i)  # type: ignore[operator]

    with ThreadPoolExecutor(n) as pool:
        return list(pool.map(go, range(n)))


def test_accept_once_per_event_key(store: Store) -> None:
    assert _accept(store, "Ev1") is True
    assert _accept(store, "Ev1") is False  # Slack re-delivery (X-Slack-Retry-Num)
    assert _accept(store, "Ev2") is True
    assert store.inbox_counts() == {"pending": 2, "running": 0, "done": 0, "failed": 0}


def test_job_carries_what_was_accepted(store: Store) -> None:
    payload = {"event": {"text": "Zürich — «quotes»", "ts": "1.5"}, "retry": None, "n": [1, 2]}
    store.accept("Ev1", "app_mention", "C9", "1.5", payload)
    job = store.claim("w1")
    assert job is not None
    assert (job.event_key, job.kind, job.channel, job.message_ts) == (
        "Ev1",
        "app_mention",
        "C9",
        "1.5",
    )
    assert job.payload == payload
    assert job.attempts == 1 and not job.exhausted


def test_concurrent_accept_of_one_event_has_one_winner(store: Store) -> None:
    for round_ in range(5):
        results = _run_together(THREADS, lambda i, r=round_: _accept(store, f"Ev-race-{r}"))
        assert results.count(True) == 1, results
    assert store.inbox_counts()["pending"] == 5


def test_claim_takes_oldest_first_and_only_once(store: Store) -> None:
    for i in range(3):
        _accept(store, f"Ev{i}")
    first, second, third = (store.claim(f"w{i}") for i in range(3))
    assert [j.event_key for j in (first, second, third) if j] == ["Ev0", "Ev1", "Ev2"]
    assert store.claim("w4") is None


def test_concurrent_workers_claim_each_job_once(store: Store) -> None:
    jobs = 60
    for i in range(jobs):
        _accept(store, f"Ev{i:03d}")

    def work(i: int) -> list[str]:
        taken = []
        while (job := store.claim(f"worker-{i}", lease_seconds=60)) is not None:
            taken.append(job.event_key)
            store.finish(job.id)
        return taken

    claimed = [key for keys in _run_together(THREADS, work) for key in keys]  # type: ignore[union-attr]
    assert sorted(claimed) == [f"Ev{i:03d}" for i in range(jobs)]
    assert Counter(claimed).most_common(1)[0][1] == 1
    assert store.inbox_counts() == {"pending": 0, "running": 0, "done": jobs, "failed": 0}


def test_expired_lease_is_claimed_again(store: Store) -> None:
    _accept(store, "Ev1")
    first = store.claim("dead-worker", lease_seconds=0.2)
    assert first is not None
    assert store.claim("w2", lease_seconds=60) is None  # still leased
    time.sleep(0.3)
    again = store.claim("w2", lease_seconds=60)
    assert again is not None and again.id == first.id
    assert again.attempts == 2
    assert store.renew(first.id, "dead-worker") is False  # it lost the lease
    assert store.renew(again.id, "w2", lease_seconds=60) is True


def test_retry_or_fail_bounds_attempts(store: Store) -> None:
    _accept(store, "Ev1")
    outcomes = []
    for _ in range(3):
        job = store.claim("w1")
        assert job is not None
        outcomes.append(store.retry_or_fail(job.id, "Slack said ratelimited", max_attempts=3))
    assert outcomes == [True, True, False]
    assert store.job_status(job.id) == "failed"
    assert store.claim("w1") is None


def test_retry_waits_for_backoff(store: Store) -> None:
    _accept(store, "Ev1")
    job = store.claim("w1")
    assert job is not None
    assert store.retry_or_fail(job.id, "timeout", backoff_seconds=0.3) is True
    assert store.claim("w1") is None
    time.sleep(0.4)
    assert store.claim("w1") is not None


def test_job_whose_workers_keep_dying_comes_back_exhausted(store: Store) -> None:
    _accept(store, "Ev-poison")
    for attempt in (1, 2, 3):
        job = store.claim(f"w{attempt}", lease_seconds=0.05, max_attempts=3)
        assert job is not None and job.attempts == attempt and not job.exhausted
        time.sleep(0.1)  # the worker dies: no finish, no retry
    last = store.claim("w4", lease_seconds=60, max_attempts=3)
    assert last is not None and last.exhausted and last.attempts == 3
    assert store.retry_or_fail(last.id, "abandoned", max_attempts=3) is False
    assert store.job_status(last.id) == "failed"


def test_finished_job_is_never_claimed_again(store: Store) -> None:
    _accept(store, "Ev1")
    job = store.claim("w1", lease_seconds=0.05)
    assert job is not None
    store.finish(job.id)
    time.sleep(0.1)
    assert store.claim("w2") is None
    assert store.job_status(job.id) == "done"


def test_unknown_job_is_a_clear_error(store: Store) -> None:
    with pytest.raises(StoreError, match="no inbox job with id 999"):
        store.finish(999)
    with pytest.raises(StoreError, match="no inbox job with id 999"):
        store.retry_or_fail(999, "x")
    assert store.job_status(999) is None


def test_mark_processed_once(store: Store) -> None:
    results = _run_together(THREADS, lambda i: store.mark_processed("action-1", "block_action"))
    assert results.count(True) == 1
    assert store.mark_processed("action-2", "block_action") is True


def test_prune_keeps_pending_and_recent(store: Store) -> None:
    _accept(store, "Ev-done")
    _accept(store, "Ev-pending")
    job = store.claim("w1")
    assert job is not None and job.event_key == "Ev-done"
    store.finish(job.id)
    store.mark_processed("act", "block_action")
    assert store.prune(timedelta(days=1)) == 0
    assert store.prune(timedelta(seconds=-1)) == 2  # the done job and the processed key
    assert _accept(store, "Ev-pending") is False  # pending rows stay, so do their keys
    assert store.inbox_counts()["pending"] == 1


# -- across processes (PostgreSQL: what two replicas of the bot share) ------------------------

_RACER = """
import json, sys, time
from bot.store import Store
url, mode = sys.argv[1], sys.argv[2]
store = Store(url)
store.ping()  # connect before the start signal
print("ready", flush=True)
sys.stdin.readline()  # both processes are released by one write to their stdin
won = []
if mode == "accept":
    for i in range(40):
        if store.accept(f"Ev{i}", "message", "C1", f"{i}.0", {"i": i}):
            won.append(f"Ev{i}")
else:
    while (job := store.claim(sys.argv[3])) is not None:
        won.append(job.event_key)
        store.finish(job.id)
print(json.dumps(won))
"""


def _race(url: str, mode: str) -> list[list[str]]:
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", _RACER, url, mode, f"proc-{i}"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        for i in range(2)
    ]
    for proc in procs:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
    for proc in procs:
        assert proc.stdin is not None
        proc.stdin.write("go\n")
        proc.stdin.flush()
    outputs = [p.communicate(timeout=60)[0] for p in procs]
    assert [p.returncode for p in procs] == [0, 0]
    return [json.loads(out) for out in outputs]


@pytest.mark.postgres
def test_two_processes_accept_each_event_once(postgres_url: str) -> None:
    with Store(postgres_url) as store:
        store.upgrade()
    a, b = _race(postgres_url, "accept")
    assert sorted(a + b) == sorted(f"Ev{i}" for i in range(40))
    assert not set(a) & set(b)


@pytest.mark.postgres
def test_two_processes_claim_each_job_once(postgres_url: str) -> None:
    with Store(postgres_url) as store:
        store.upgrade()
        for i in range(60):
            store.accept(f"Ev{i}", "message", "C1", f"{i}.0", {})
    a, b = _race(postgres_url, "claim")
    assert sorted(a + b) == sorted(f"Ev{i}" for i in range(60))
    assert not set(a) & set(b)
