"""Socket Mode against the fake Slack's WebSocket: events arrive and are acknowledged over the
socket, the health endpoint tells whether the connection is alive, and a connection whose pings
go unanswered is replaced."""

from __future__ import annotations

import time
from collections.abc import Iterator

import httpx
import pytest

from bot.engine import Ruleset
from bot.slack.runtime import Bot
from bot.slack.socket import create_health_app
from bot.store import Store
from tests.slack.articles import LIBRARY_BUDGET
from tests.slack.conftest import CHANNEL, ServerThread, event_body, settings_for
from tests.slack.fake_slack import APP_TOKEN, FakeSlack

# Each test waits out Socket Mode ping and reconnect timeouts.
pytestmark = pytest.mark.slow


class SocketBot:
    def __init__(self, fake: FakeSlack, url: str) -> None:
        self.fake = fake
        self.url = url
        self.http = httpx.Client(timeout=10)

    def health(self) -> httpx.Response:
        return self.http.get(self.url + "healthz")


@pytest.fixture
def socket_bot(fake_slack: FakeSlack, sqlite_url: str, ruleset: Ruleset) -> Iterator[SocketBot]:
    store = Store(sqlite_url)
    store.upgrade()
    settings = settings_for(fake_slack, app_token=APP_TOKEN, signing_secret=None)
    bot = Bot(settings, mode="socket", store=store, ruleset=ruleset)
    app, _ = create_health_app(bot, ping_interval=0.3, check_every=0.2, grace_seconds=1.0)
    with ServerThread(app) as server:
        fake_slack.wait_for(fake_slack.connected, message="the Socket Mode connection")
        yield SocketBot(fake_slack, server.url)
    store.close()


def test_events_arrive_over_the_socket_and_are_answered(socket_bot: SocketBot) -> None:
    fake = socket_bot.fake
    health = socket_bot.health()
    assert health.status_code == 200
    assert health.json()["connected"] is True
    message = fake.add_message(CHANNEL, LIBRARY_BUDGET)
    envelope = {
        "envelope_id": "env-1",
        "type": "events_api",
        "accepts_response_payload": False,
        "retry_attempt": 0,
        "retry_reason": "",
        "payload": event_body(message),
    }
    fake.push(envelope)
    fake.wait_for(lambda: fake.bot_messages(CHANNEL, message["ts"]), message="the reply")
    assert [a["envelope_id"] for a in fake.socket_acks] == ["env-1"]
    (reply,) = fake.bot_messages(CHANNEL, message["ts"])
    assert "*April 31*" in str(reply["blocks"])


def test_a_connection_whose_pings_go_unanswered_is_replaced(socket_bot: SocketBot) -> None:
    fake = socket_bot.fake
    opened = len(fake.calls_to("apps.connections.open"))
    fake.answer_pings = False
    fake.wait_for(
        lambda: len(fake.calls_to("apps.connections.open")) > opened,
        timeout=15,
        message="a new connection",
    )
    fake.wait_for(lambda: socket_bot.health().status_code == 503, message="unhealthy")
    fake.answer_pings = True
    deadline = time.monotonic() + 15
    while True:
        response = socket_bot.health()
        status = response.json()
        if response.status_code == 200 and status["seconds_since_pong"] is not None:
            break
        assert time.monotonic() < deadline, status
        time.sleep(0.1)
    assert status["connected"] is True and status["restarts"] >= 1


def test_health_says_when_the_connection_is_gone(socket_bot: SocketBot) -> None:
    fake = socket_bot.fake
    fake.answer_pings = False  # keep it down: every new connection goes stale too
    for session in fake.sockets:
        session.close()
    fake.wait_for(lambda: socket_bot.health().status_code == 503, timeout=15, message="503")
    assert socket_bot.health().json()["healthy"] is False
