"""`copydesk serve` as a process: configuration errors, HTTP mode end to end, SIGTERM."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from tests.slack.articles import LIBRARY_BUDGET
from tests.slack.conftest import CHANNEL, SIGNING_SECRET, event_body, sign
from tests.slack.fake_slack import BOT_TOKEN, FakeSlack

COPYDESK = [sys.executable, "-m", "bot"]


def environment(**values: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "COPYDESK_"))}
    env.update(values)
    return env


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.mark.parametrize(
    ("args", "env", "message"),
    [
        (["serve", "--http"], {}, "SLACK_BOT_TOKEN is not set"),
        (["serve", "--http"], {"SLACK_BOT_TOKEN": "xoxb-1"}, "SLACK_SIGNING_SECRET is not set"),
        (["serve"], {"SLACK_BOT_TOKEN": "xoxb-1"}, "SLACK_APP_TOKEN is not set"),
    ],
)
def test_missing_configuration_fails_at_start_naming_the_variable(
    args: list[str], env: dict[str, str], message: str
) -> None:
    done = subprocess.run(
        COPYDESK + args, env=environment(**env), capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 2
    assert done.stderr.startswith(f"copydesk: {message}: set it to ")
    assert "Traceback" not in done.stderr


@pytest.mark.slow  # a `copydesk serve` process
def test_a_refused_token_fails_at_start(fake_slack: FakeSlack, tmp_path: Path) -> None:
    env = environment(
        SLACK_BOT_TOKEN="xoxb-revoked",
        SLACK_SIGNING_SECRET=SIGNING_SECRET,
        SLACK_API_URL=fake_slack.api_url,
        COPYDESK_DATABASE_URL=f"sqlite:///{tmp_path / 'c.db'}",
    )
    done = subprocess.run(
        [*COPYDESK, "serve", "--http", "--port", str(free_port())],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert "copydesk: Slack refused SLACK_BOT_TOKEN (invalid_auth)" in done.stderr


@pytest.mark.slow  # a `copydesk serve` process
def test_serve_http_answers_signed_events_and_stops_on_sigterm(
    fake_slack: FakeSlack, tmp_path: Path, test_rules_dir: Path
) -> None:
    port = free_port()
    env = environment(
        SLACK_BOT_TOKEN=BOT_TOKEN,
        SLACK_SIGNING_SECRET=SIGNING_SECRET,
        SLACK_API_URL=fake_slack.api_url,
        COPYDESK_DATABASE_URL=f"sqlite:///{tmp_path / 'copydesk.db'}",
        COPYDESK_RULES_DIR=str(test_rules_dir),
        COPYDESK_CACHE_DIR=str(tmp_path / "cache"),
    )
    process = subprocess.Popen(
        [
            *COPYDESK,
            "serve",
            "--http",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--workers",
            "2",
        ],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            assert process.poll() is None, process.stdout.read() if process.stdout else ""
            try:
                if httpx.get(base + "/readyz").status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, "the server did not become ready"
            time.sleep(0.1)
        assert httpx.get(base + "/healthz").json() == {"alive": True}
        message = fake_slack.add_message(CHANNEL, LIBRARY_BUDGET)
        body = json.dumps(event_body(message)).encode()
        headers = {"Content-Type": "application/json", **sign(body)}
        assert httpx.post(base + "/slack/events", content=body, headers=headers).status_code == 200
        fake_slack.wait_for(
            lambda: fake_slack.bot_messages(CHANNEL, message["ts"]), message="the reply"
        )
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=30) == 0  # drained and exited cleanly (bot/ops/server.py)
        output = process.stdout.read() if process.stdout else ""
        assert "Copydesk stopped" in output
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert len(fake_slack.bot_messages(CHANNEL, message["ts"])) == 1
