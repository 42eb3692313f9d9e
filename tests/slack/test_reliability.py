"""What an on-call engineer relies on: signatures, 404-free events, rate limits, Slack errors,
retries, and exactly one reply through duplicates, races, crashes and restarts."""

from __future__ import annotations

import json
import threading
import time

import pytest
from sqlalchemy import text

from bot.engine import Ruleset
from bot.slack import texts
from bot.slack.replies import METADATA_TYPE
from bot.slack.surface import event_type
from bot.slack.surfaces import SURFACES, watch
from bot.store import Store
from tests.slack.articles import LIBRARY_BUDGET
from tests.slack.conftest import CHANNEL, Harness, event_body, running_bot, sign
from tests.slack.fake_slack import BOT_ID, BOT_USER, FakeSlack
from tests.slack.helpers import one_reply, section_text


def test_requests_without_a_valid_recent_signature_get_401(harness: Harness) -> None:
    message = harness.fake.add_message(CHANNEL, LIBRARY_BUDGET)
    body = json.dumps(event_body(message)).encode()
    assert harness.post(body, "application/json", secret="not-the-secret").status_code == 401
    stale = int(time.time()) - 10 * 60
    assert harness.post(body, "application/json", timestamp=stale).status_code == 401
    unsigned = harness.http.post(
        harness.url + "slack/events", content=body, headers={"Content-Type": "application/json"}
    )
    assert unsigned.status_code == 401
    tampered = harness.http.post(
        harness.url + "slack/events",
        content=body.replace(b"SPRINGFIELD", b"SHELBYVILLE"),
        headers={"Content-Type": "application/json", **sign(body)},
    )
    assert tampered.status_code == 401
    time.sleep(0.2)
    assert harness.bot.store.inbox_counts() == {"pending": 0, "running": 0, "done": 0, "failed": 0}
    assert harness.fake.calls_to("chat.postMessage") == []


def test_every_subscribed_event_type_is_handled(harness: Harness) -> None:
    """Slack retries a 404 and counts it toward disabling the app's events: every type the
    manifest subscribes to gets a 200, even with the fewest fields Slack sends."""
    subscribed = {event_type(e) for surface in SURFACES for e in surface.events}
    assert {"message", "app_mention", "file_shared", "app_home_opened"} <= subscribed
    for n, kind in enumerate(sorted(subscribed)):
        event = {
            "type": kind,
            "channel": CHANNEL,
            "user": "U1",
            "text": f"<@{BOT_USER}> help",
            "ts": f"1.{n}",
            "event_ts": f"1.{n}",
        }
        response = harness.event(event)
        assert response.status_code == 200, (kind, response.text)
    harness.wait_idle()
    assert harness.bot.store.inbox_counts()["failed"] == 0
    challenge = harness.post(
        b'{"type": "url_verification", "challenge": "abc123", "token": "t"}', "application/json"
    )
    assert challenge.json() == {"challenge": "abc123"}


def test_health_readiness_and_metrics_endpoints(harness: Harness) -> None:
    assert harness.http.get(harness.url + "healthz").json() == {"alive": True}
    assert harness.http.get(harness.url + "readyz").json() == {"ready": True}
    one_reply(harness, harness.paste(LIBRARY_BUDGET))
    response = harness.http.get(harness.url + "metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    metrics = response.text
    assert 'copydesk_checks_total{outcome="flagged"} 1.0' in metrics
    assert 'copydesk_findings_total{category="date",rule="dates.impossible-date"} 1.0' in metrics
    assert 'copydesk_events_total{kind="message",outcome="accepted"} 1.0' in metrics
    assert "copydesk_event_to_reply_seconds_count 1.0" in metrics
    assert "copydesk_store_up 1.0" in metrics
    harness.bot.worker.stop()
    assert harness.http.get(harness.url + "readyz").status_code == 503
    assert harness.http.get(harness.url + "healthz").status_code == 503


@pytest.mark.slow  # waits out Retry-After
def test_a_rate_limited_post_is_retried_after_retry_after(harness: Harness) -> None:
    harness.fake.fail("chat.postMessage", status=429, retry_after=1)
    message = harness.paste(LIBRARY_BUDGET)
    one_reply(harness, message)
    first, second = harness.fake.calls_to("chat.postMessage")
    assert second.at - first.at >= 1.0
    assert harness.bot.store.inbox_counts()["done"] == 1
    metrics = harness.http.get(harness.url + "metrics").text
    assert 'copydesk_slack_api_retries_total{reason="ratelimited"} 1.0' in metrics


def test_not_in_channel_is_logged_and_nothing_breaks(
    harness: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    harness.fake.not_in.add("CGONE")
    harness.paste(LIBRARY_BUDGET, channel="CGONE")
    harness.wait_idle()
    assert any(getattr(r, "reason", None) == "not_in_channel" for r in caplog.records)
    metrics = harness.http.get(harness.url + "metrics").text
    assert (
        'copydesk_slack_api_errors_total{error="not_in_channel",method="reactions.add"}' in metrics
    )
    assert harness.bot.store.inbox_counts()["failed"] == 0
    message = harness.paste(LIBRARY_BUDGET)  # the bot still answers elsewhere
    one_reply(harness, message)


def test_a_failing_job_is_retried_then_answered_with_a_notice(harness: Harness) -> None:
    harness.fake.fail("chat.postMessage", error="fatal_error", times=3)
    message = harness.paste(LIBRARY_BUDGET)
    reply = harness.fake.wait_for(lambda: harness.replies(message), message="the notice")[0]
    harness.wait_idle()
    assert reply["text"] == texts.GAVE_UP
    assert len(harness.fake.calls_to("chat.postMessage")) == 4
    assert harness.bot.store.inbox_counts()["failed"] == 1


def test_the_same_event_three_times_at_once_gets_one_reply_on_any_database(
    harness_any_db: Harness,
) -> None:
    harness = harness_any_db
    message = harness.fake.add_message(CHANNEL, LIBRARY_BUDGET)
    barrier = threading.Barrier(3)

    def deliver(retry: int | None) -> None:
        barrier.wait()
        assert harness.event(message, event_id="Ev0RETRIED", retry=retry).status_code == 200

    threads = [threading.Thread(target=deliver, args=(r,)) for r in (None, 1, 2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    one_reply(harness, message)
    assert len(harness.fake.calls_to("chat.postMessage")) == 1
    assert harness.bot.store.inbox_counts()["done"] == 1


def test_an_acknowledged_event_survives_the_process_and_is_answered_once(
    fake_slack: FakeSlack, database_url: str, ruleset: Ruleset
) -> None:
    """The event is written before the 200; a process that dies after acknowledging loses
    nothing: the next process on the same database answers it, exactly once."""
    with running_bot(fake_slack, database_url, ruleset) as first:
        first.bot.worker.stop()  # the worker "dies"; the HTTP side still acknowledges
        message = first.paste(LIBRARY_BUDGET)
        assert first.bot.store.inbox_counts()["pending"] == 1
        assert fake_slack.calls_to("chat.postMessage") == []
    with running_bot(fake_slack, database_url, ruleset) as second:
        one_reply(second, message)
    assert len(fake_slack.calls_to("chat.postMessage")) == 1


def test_a_job_retried_after_a_crash_finds_the_reply_it_already_posted(
    fake_slack: FakeSlack, database_url: str, ruleset: Ruleset
) -> None:
    """A worker posted the reply and died before saving its ts: the retry finds the reply in
    the thread by its metadata and updates it instead of posting a second one."""
    message = fake_slack.add_message(CHANNEL, LIBRARY_BUDGET)
    body = event_body(message, event_id="Ev0CRASHED")
    job = watch.job_for(body, BOT_USER)
    assert job is not None
    store = Store(database_url)
    store.upgrade()
    store.accept(job.event_key, job.kind, job.channel, job.message_ts, job.payload)
    claimed = store.claim("dead-worker", lease_seconds=0.5)
    assert claimed is not None and claimed.attempts == 1
    assert store.reserve_reply(CHANNEL, message["ts"], job.event_key)
    orphan = fake_slack.add_message(
        CHANNEL, "Copydesk flagged 3 possible errors", thread_ts=message["ts"]
    )
    orphan.update(
        bot_id=BOT_ID,
        user=BOT_USER,
        metadata={
            "event_type": METADATA_TYPE,
            "event_payload": {"message_ts": message["ts"], "event_key": job.event_key, "part": 0},
        },
    )
    store.close()
    time.sleep(0.6)  # the dead worker's lease runs out
    with running_bot(fake_slack, database_url, ruleset) as harness:
        harness.fake.wait_for(lambda: harness.fake.calls_to("chat.update"), message="an update")
        harness.wait_idle()
        (reply,) = harness.replies(message)
        assert reply["ts"] == orphan["ts"]
        assert "*April 31*" in section_text(reply)
        assert harness.fake.calls_to("chat.postMessage") == []
        assert harness.bot.store.reply_for(CHANNEL, message["ts"]) == orphan["ts"]


def test_a_database_failure_is_not_acknowledged(harness: Harness) -> None:
    """If the event cannot be written down, Slack gets a 500 and delivers it again later."""
    with harness.bot.store.engine.begin() as connection:
        connection.execute(text("DROP TABLE inbox_jobs"))
    message = harness.fake.add_message(CHANNEL, LIBRARY_BUDGET)
    assert harness.event(message).status_code == 500


def test_an_oversized_request_is_cut_off_before_it_is_read_whole(harness: Harness) -> None:
    body = b'{"type": "event_callback", "pad": "' + b"x" * 17_000_000 + b'"}'
    response = harness.post(body, "application/json", secret="unknown")
    assert response.status_code == 413


def test_a_reply_that_slack_refused_does_not_block_the_next_request(harness: Harness) -> None:
    """Posting failed for good (the bot had been removed from the channel): once it is back,
    asking again in the thread gets the reply."""
    harness.fake.fail("chat.postMessage", error="not_in_channel")
    message = harness.paste(LIBRARY_BUDGET)
    harness.wait_idle()
    assert harness.replies(message) == []
    asked = harness.fake.add_message(CHANNEL, f"<@{BOT_USER}> check", thread_ts=message["ts"])
    harness.event({**asked, "type": "app_mention"})
    one_reply(harness, message)
