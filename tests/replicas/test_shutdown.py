"""SIGTERM to `copydesk serve --http` (graceful shutdown): it stops taking events,
finishes the check in flight, then exits with status 0, as Kubernetes expects of a pod."""

from __future__ import annotations

import json
import signal
import time

import httpx
import pytest

from tests.replicas.conftest import (
    CHANNEL,
    GatedPage,
    Replicas,
    assert_flags_the_errors,
    checking,
    post_link,
    signed_event,
    the_one_reply,
    wait_until,
)
from tests.slack.conftest import sign

# Replica processes on a shared PostgreSQL: seconds per test.
pytestmark = [pytest.mark.slow, pytest.mark.postgres]


def test_sigterm_stops_intake_finishes_the_check_in_flight_and_exits_0(
    replicas: Replicas, gated_page: GatedPage
) -> None:
    (replica,) = replicas.start("a")
    message, body = post_link(replicas, "Ev0INFLIGHT", gated_page)
    assert replica.deliver(body).status_code == 200
    assert checking(replicas, "Ev0INFLIGHT", message, [replica]) is replica

    signalled = time.monotonic()
    assert replica.process is not None
    replica.process.send_signal(signal.SIGTERM)

    # Intake stops at once: a new connection is refused while the check is still running.
    def refused() -> bool:
        try:
            httpx.get(replica.base + "/healthz", timeout=5)
        except httpx.ConnectError:
            return True
        except httpx.TransportError:
            return False  # a connection being torn down: ask again
        return False

    wait_until(refused, "the replica to stop accepting connections", timeout=30)
    late = replicas.fake.add_message(CHANNEL, "A late story that nobody will check now.")
    late_body = signed_event(late, "Ev0LATE")
    headers = {"Content-Type": "application/json", **sign(late_body)}
    try:
        httpx.post(replica.base + "/slack/events", content=late_body, headers=headers, timeout=5)
    except httpx.ConnectError:
        pass  # Slack will retry it, to a replica that is running
    else:
        raise AssertionError("a stopping replica accepted a new event")
    gated_page.open()  # the page answers: the check in flight can finish

    assert replica.process.wait(60) == 0, replica.output()
    reply = the_one_reply(replicas, message)
    assert_flags_the_errors(reply)
    (posted,) = replicas.fake.calls_to("chat.postMessage")
    assert posted.at > signalled  # the check in flight finished after the signal
    rows = replicas.inbox()
    assert [(r["event_key"], r["status"]) for r in rows] == [("Ev0INFLIGHT", "done")]

    logs = [json.loads(line) for line in replica.output().splitlines() if line.startswith("{")]
    stopped = [entry for entry in logs if entry.get("message") == "Copydesk stopped"]
    assert stopped and stopped[-1].get("drained") is True
