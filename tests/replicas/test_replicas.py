"""Two real bot processes on one PostgreSQL: one thread reply per message, whoever
Slack delivers the event to, whichever replica dies, and a bounded, visible failure.

A check is caught mid-way through a link to a page that answers only when the test says so
(`GatedPage`): meanwhile the replica's inbox row is `running` under its lease and the in-progress
reaction is on the message, so a test can act "mid-check".
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import text

from bot.slack import texts
from tests.replicas.conftest import (
    CHANNEL,
    GatedPage,
    Replica,
    Replicas,
    assert_flags_the_errors,
    checking,
    post_article,
    post_link,
    the_one_reply,
    thread_posts,
)

# Replica processes on a shared PostgreSQL: seconds per test.
pytestmark = [pytest.mark.slow, pytest.mark.postgres]

ACCEPTED = 'copydesk_events_total{kind="message",outcome="accepted"}'
DUPLICATE = 'copydesk_events_total{kind="message",outcome="duplicate"}'
FLAGGED = 'copydesk_checks_total{outcome="flagged"}'


def checks_recorded(replicas: Replicas) -> int:
    with replicas.engine.connect() as connection:
        return int(connection.execute(text("SELECT count(*) FROM checks")).scalar_one())


def test_the_same_event_sent_to_two_replicas_at_once_gets_one_reply(replicas: Replicas) -> None:
    first, second = replicas.start("a", "b")
    message, body = post_article(replicas, "Ev0BOTH")
    barrier = threading.Barrier(2)

    def deliver(replica: Replica, retry: int | None) -> int:
        barrier.wait()
        return replica.deliver(body, retry=retry).status_code

    with ThreadPoolExecutor(2) as pool:
        statuses = list(pool.map(deliver, (first, second), (None, 1)))
    assert statuses == [200, 200]  # both acknowledge: Slack must not retry either

    assert_flags_the_errors(the_one_reply(replicas, message))
    rows = replicas.wait_settled()
    assert [(r["event_key"], r["status"], r["attempts"]) for r in rows] == [("Ev0BOTH", "done", 1)]
    assert checks_recorded(replicas) == 1
    # The database, not either process, decided: one accepted the event, the other saw a duplicate.
    assert sum(r.metric(ACCEPTED) for r in (first, second)) == 1
    assert sum(r.metric(DUPLICATE) for r in (first, second)) == 1


def test_a_re_delivery_to_the_other_replica_while_the_first_is_checking_gets_no_second_reply(
    replicas: Replicas, gated_page: GatedPage
) -> None:
    pair = replicas.start("a", "b")
    message, body = post_link(replicas, "Ev0SLOWACK", gated_page)
    assert pair[0].deliver(body).status_code == 200
    first = checking(replicas, "Ev0SLOWACK", message, pair)
    other = next(r for r in pair if r is not first)

    # Slack did not see the acknowledgement in time and retries, this time to the other replica.
    assert other.deliver(body, retry=1).status_code == 200
    assert replicas.holder("Ev0SLOWACK", pair) is first, "the check ended before the re-delivery"
    assert other.metric(DUPLICATE) == 1
    gated_page.open()

    assert_flags_the_errors(the_one_reply(replicas, message))
    (row,) = replicas.wait_settled()
    assert (row["status"], row["attempts"]) == ("done", 1)
    assert checks_recorded(replicas) == 1
    assert (first.metric(FLAGGED), other.metric(FLAGGED)) == (1, 0)


def test_a_replica_killed_mid_check_has_its_event_answered_once_by_the_other(
    replicas: Replicas, gated_page: GatedPage
) -> None:
    pair = replicas.start("a", "b")
    message, body = post_link(replicas, "Ev0KILLED", gated_page)
    assert pair[0].deliver(body).status_code == 200  # acknowledged: Slack will not send it again
    victim = checking(replicas, "Ev0KILLED", message, pair)
    survivor = next(r for r in pair if r is not victim)
    victim.kill()
    assert thread_posts(replicas, message) == [], "the victim replied before it was killed"
    gated_page.open()

    # The victim's lease runs out (COPYDESK_LEASE_SECONDS=3) and the survivor takes the job.
    assert_flags_the_errors(the_one_reply(replicas, message))
    (row,) = replicas.wait_settled()
    assert (row["status"], row["attempts"]) == ("done", 2)
    assert survivor.metric(FLAGGED) == 1
    assert checks_recorded(replicas) == 1  # the victim died before recording anything


def test_a_replica_killed_mid_check_answers_once_after_it_restarts(
    replicas: Replicas, gated_page: GatedPage
) -> None:
    (victim,) = replicas.start("a")
    message, body = post_link(replicas, "Ev0RESTART", gated_page)
    assert victim.deliver(body).status_code == 200
    assert checking(replicas, "Ev0RESTART", message, [victim]) is victim
    victim.kill()
    assert thread_posts(replicas, message) == []
    gated_page.open()

    (restarted,) = replicas.start("a-restarted")
    assert_flags_the_errors(the_one_reply(replicas, message))
    (row,) = replicas.wait_settled()
    assert (row["status"], row["attempts"]) == ("done", 2)
    assert restarted.metric(FLAGGED) == 1


def test_a_check_that_keeps_failing_is_retried_a_bounded_number_of_times_then_reported(
    replicas: Replicas,
) -> None:
    """The database refuses to record the check (a trigger stands in for a broken disk or a
    bad migration): each attempt fails, the job is retried across both replicas, and after the
    third attempt it is marked failed with one short notice in the thread."""
    pair = replicas.start("a", "b", COPYDESK_RETRY_BACKOFF_SECONDS="0.2")
    with replicas.engine.begin() as connection:
        connection.execute(
            text(
                "CREATE FUNCTION refuse_checks() RETURNS trigger LANGUAGE plpgsql AS "
                "$$ BEGIN RAISE EXCEPTION 'disk full (test)'; END $$"
            )
        )
        connection.execute(
            text(
                "CREATE TRIGGER refuse_checks BEFORE INSERT ON checks "
                "FOR EACH ROW EXECUTE FUNCTION refuse_checks()"
            )
        )
    message, body = post_article(replicas, "Ev0POISON")
    assert pair[1].deliver(body).status_code == 200

    reply = the_one_reply(replicas, message)
    assert reply["text"] == texts.GAVE_UP
    assert "re-post" in reply["text"]
    (row,) = replicas.wait_settled()
    assert (row["status"], row["attempts"]) == ("failed", 3)
    with replicas.engine.connect() as connection:
        error = connection.execute(text("SELECT last_error FROM inbox_jobs")).scalar_one()
    assert "disk full (test)" in error
    assert checks_recorded(replicas) == 0
    assert replicas.fake.reactions_on(CHANNEL, message["ts"]) == set()  # no hourglass left
    assert sum(r.metric(FLAGGED) for r in pair) == 0  # a check counts once it is recorded
