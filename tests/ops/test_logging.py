"""Logs are JSON, carry no secret at any level, and no article text above DEBUG."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator

import pytest

from bot.errors import ConfigError
from bot.ops.logging import REDACTED, Redactor, configure_logging

# Shaped like real credentials, made up for the test.
BOT_TOKEN = "xoxb-1111111111-2222222222-AbCdEfGhIjKlMnOpQrStUvWx"
APP_TOKEN = "xapp-1-A0123456789-1234567890123-0123456789abcdef0123456789abcdef"
USER_TOKEN = "xoxp-3333333333-4444444444-5555555555-abcdef0123456789"
SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5"
DB_PASSWORD = "pg-pass-Zq81"
ENV = {
    "SLACK_BOT_TOKEN": BOT_TOKEN,
    "SLACK_APP_TOKEN": APP_TOKEN,
    "SLACK_SIGNING_SECRET": SIGNING_SECRET,
    "COPYDESK_DATABASE_URL": f"postgresql+psycopg://copydesk:{DB_PASSWORD}@db:5432/copydesk",
}
ARTICLE = (
    "WASHINGTON (Copydesk Test Wire) — The unpublished lede of a story that must never reach "
    "a log aggregator, because it is an editor's draft and not yet news. " * 4
)
SECRETS = (BOT_TOKEN, APP_TOKEN, USER_TOKEN, SIGNING_SECRET, DB_PASSWORD)


@pytest.fixture
def captured() -> Iterator[tuple[io.StringIO, logging.Logger]]:
    stream = io.StringIO()
    root = logging.getLogger()
    saved_level = root.level
    handler = configure_logging(level="INFO", fmt="json", stream=stream, environ=ENV)
    yield stream, logging.getLogger("bot.slack.test")
    root.removeHandler(handler)
    root.setLevel(saved_level)


def _lines(stream: io.StringIO) -> list[dict[str, object]]:
    return [json.loads(line) for line in stream.getvalue().splitlines()]


def test_records_are_json_with_level_logger_time_and_extras(
    captured: tuple[io.StringIO, logging.Logger],
) -> None:
    stream, log = captured
    log.info("checked %s in %d ms", "C123/1753800000.0001", 42, extra={"findings": 3})
    (line,) = _lines(stream)
    assert line["level"] == "INFO" and line["logger"] == "bot.slack.test"
    assert line["message"] == "checked C123/1753800000.0001 in 42 ms"
    assert line["findings"] == 3
    assert str(line["time"]).startswith("20")


def test_no_secret_in_messages_args_extras_or_tracebacks(
    captured: tuple[io.StringIO, logging.Logger],
) -> None:
    stream, log = captured
    log.warning("Slack answered 401 for token %s", BOT_TOKEN)
    log.error(
        "socket mode with %s failed",
        APP_TOKEN,
        extra={"headers": {"Authorization": f"Bearer {USER_TOKEN}"}},
    )
    log.info("connecting to %s", ENV["COPYDESK_DATABASE_URL"])
    log.info("config: signing_secret=%s", SIGNING_SECRET)
    try:
        raise RuntimeError(f"bad auth: {BOT_TOKEN}")
    except RuntimeError:
        log.exception("call failed")
    output = stream.getvalue()
    for secret in SECRETS:
        assert secret not in output
    lines = _lines(stream)
    assert len(lines) == 5 and all(REDACTED in json.dumps(line) for line in lines)
    assert "postgresql+psycopg://copydesk:[REDACTED]@db:5432/copydesk" in output
    assert "RuntimeError" in output  # the traceback stays useful


def test_no_secret_even_at_debug(captured: tuple[io.StringIO, logging.Logger]) -> None:
    stream, log = captured
    logging.getLogger().setLevel(logging.DEBUG)
    log.debug("request headers %s", {"Authorization": f"Bearer {BOT_TOKEN}"})
    assert BOT_TOKEN not in stream.getvalue() and REDACTED in stream.getvalue()


def test_article_text_only_at_debug(captured: tuple[io.StringIO, logging.Logger]) -> None:
    stream, log = captured
    logging.getLogger().setLevel(logging.DEBUG)
    log.info("received a paste", extra={"text": ARTICLE, "channel": "C1"})
    log.warning("could not check %s", ARTICLE)
    log.debug("article body", extra={"text": ARTICLE})
    info, warning, debug = _lines(stream)
    assert info["text"] == f"[{len(ARTICLE)} chars omitted above DEBUG]" and info["channel"] == "C1"
    assert ARTICLE not in str(warning["message"]) and "more chars cut" in str(warning["message"])
    assert debug["text"] == ARTICLE


def test_text_format_is_scrubbed_too() -> None:
    stream = io.StringIO()
    handler = configure_logging(level="INFO", fmt="text", stream=stream, environ=ENV)
    try:
        logging.getLogger("bot.test").info("token %s", BOT_TOKEN)
    finally:
        logging.getLogger().removeHandler(handler)
    assert BOT_TOKEN not in stream.getvalue() and f"token {REDACTED}" in stream.getvalue()


def test_configure_is_idempotent() -> None:
    root = logging.getLogger()
    first = configure_logging(fmt="json", stream=io.StringIO(), environ={})
    second = configure_logging(fmt="json", stream=io.StringIO(), environ={})
    try:
        assert first not in root.handlers and second in root.handlers
    finally:
        root.removeHandler(second)


def test_bad_settings_name_the_variable() -> None:
    before = list(logging.getLogger().handlers)
    with pytest.raises(ConfigError, match="COPYDESK_LOG_FORMAT='xml'"):
        configure_logging(environ={"COPYDESK_LOG_FORMAT": "xml"})
    with pytest.raises(ConfigError, match="COPYDESK_LOG_LEVEL='loud'"):
        configure_logging(stream=io.StringIO(), environ={"COPYDESK_LOG_LEVEL": "loud"})
    assert logging.getLogger().handlers == before  # nothing installed
    logging.getLogger().handlers = [
        h for h in logging.getLogger().handlers if h.get_name() != "copydesk"
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f"token={BOT_TOKEN}", f"token={REDACTED}"),
        ('{"password": "hunter2hunter2"}', f'{{"password": "{REDACTED}"}}'),
        ("https://user:pw123456@example.org/x", f"https://user:{REDACTED}@example.org/x"),
        ("xoxe.xoxp-1-abcdefgh", f"xoxe.{REDACTED}"),
        ("checked 3 articles, 2 flags", "checked 3 articles, 2 flags"),  # nothing to hide
        ("President Joe Biden", "President Joe Biden"),
    ],
)
def test_redactor(text: str, expected: str) -> None:
    assert Redactor()(text) == expected
