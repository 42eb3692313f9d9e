"""One reply per checked message: reserved in the database before it is posted."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

from bot.store import Store


def test_reply_is_remembered_updated_and_forgotten(store: Store) -> None:
    assert store.reply_for("C1", "1.1") is None
    store.save_reply("C1", "1.1", "1.2")
    assert store.reply_for("C1", "1.1") == "1.2"
    store.save_reply("C1", "1.1", "1.3")  # re-posted after an edit
    assert store.reply_for("C1", "1.1") == "1.3"
    assert store.reply_for("C2", "1.1") is None  # same ts, another channel
    store.forget_reply("C1", "1.1")
    assert store.reply_for("C1", "1.1") is None


def test_reservation_belongs_to_one_job_until_it_replies(store: Store) -> None:
    assert store.reserve_reply("C1", "1.1", "Ev-a") is True
    assert store.reserve_reply("C1", "1.1", "Ev-b") is False  # another event for that message
    assert store.reserve_reply("C1", "1.1", "Ev-a") is True  # Ev-a retried before posting
    store.save_reply("C1", "1.1", "1.9")
    assert store.reserve_reply("C1", "1.1", "Ev-a") is False  # posted: update, don't post
    assert store.reply_for("C1", "1.1") == "1.9"


def test_concurrent_reservations_have_one_winner(store: Store) -> None:
    n = 8
    barrier = threading.Barrier(n)

    def reserve(i: int) -> bool:
        barrier.wait()
        return store.reserve_reply("C1", "2.2", f"Ev-{i}")

    with ThreadPoolExecutor(n) as pool:
        results = list(pool.map(reserve, range(n)))
    assert results.count(True) == 1
