"""Structured JSON logs that never carry a secret, nor article text above DEBUG
(unpublished copy is confidential).

One filter on the root handler scrubs every record that reaches it, whatever logger emitted it:
Slack tokens (xoxb-, xoxp-, xapp-, ...), the configured secrets themselves (bot and app tokens,
signing secret, the database password), credentials in URLs and `password=`-style pairs. Above
DEBUG, fields that hold article text (`text`, `article`, `body`, ...) are replaced by their length
and long string arguments are cut, so an editor's unpublished copy stays out of log storage. The
JSON formatter (python-json-logger) scrubs its final line again, tracebacks included.
"""

from __future__ import annotations

import logging
import os
import re
import sys
from collections.abc import Iterable, Mapping
from typing import Any, TextIO

from pythonjsonlogger.json import JsonFormatter

REDACTED = "[REDACTED]"
LEVEL_ENV = "COPYDESK_LOG_LEVEL"
FORMAT_ENV = "COPYDESK_LOG_FORMAT"
# Environment variables whose values are secrets wherever they appear.
SECRET_ENV_VARS = (
    "SLACK_BOT_TOKEN",
    "SLACK_APP_TOKEN",
    "SLACK_SIGNING_SECRET",
    "SLACK_CLIENT_SECRET",
    "SLACK_USER_TOKEN",
)
DATABASE_ENV = "COPYDESK_DATABASE_URL"
# Record attributes that carry article text or Slack payloads (which contain it).
CONTENT_FIELDS = frozenset(
    {
        "text",
        "article",
        "body",
        "content",
        "document",
        "html",
        "quote",
        "sentence",
        "blocks",
        "payload",
        "event",
        "message_text",
        "source",
    }
)
MAX_ARG_CHARS = 200  # above DEBUG, a longer string argument is probably copy: cut it

_SLACK_TOKEN = re.compile(r"\b(?:xox[abeoprs]|xapp)-[A-Za-z0-9-]{4,}")
_URL_CREDENTIALS = re.compile(
    r"(?P<scheme>[a-z][a-z0-9+.-]*://)(?P<user>[^:/@\s]+):[^@/\s]+@", re.I
)
_SECRET_PAIR = re.compile(
    r"(?P<key>\b[\w-]*(?:secret|password|passwd|token|authorization|api[_-]?key)[\w-]*"
    r"[\"']?\s*[:=]\s*[\"']?(?:Bearer\s+)?)(?P<value>[^\s\"',;&}]+)",
    re.I,
)
_STANDARD_ATTRS = frozenset(
    logging.LogRecord("", 0, "", 0, "", None, None).__dict__.keys() | {"message", "asctime"}
)


def _env_secrets(environ: Mapping[str, str]) -> list[str]:
    secrets = [environ[name] for name in SECRET_ENV_VARS if environ.get(name)]
    url = environ.get(DATABASE_ENV, "")
    match = re.match(r"[^:]+://[^:/@]+:(?P<password>[^@/]+)@", url)
    if match:
        secrets.append(match["password"])
    # Longest first, so that a secret containing another is removed whole.
    return sorted({s for s in secrets if len(s) >= 6}, key=len, reverse=True)


class Redactor:
    """Removes secrets from text: known values, Slack token shapes, URL and key=value secrets."""

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        self.secrets = sorted({s for s in secrets if s}, key=len, reverse=True)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Redactor:
        return cls(_env_secrets(os.environ if environ is None else environ))

    def __call__(self, text: str) -> str:
        for secret in self.secrets:
            if secret in text:
                text = text.replace(secret, REDACTED)
        text = _SLACK_TOKEN.sub(REDACTED, text)
        text = _URL_CREDENTIALS.sub(rf"\g<scheme>\g<user>:{REDACTED}@", text)
        return _SECRET_PAIR.sub(lambda m: m["key"] + REDACTED, text)

    def value(self, value: Any) -> Any:
        """Redact inside strings, lists and dicts (the extra fields of a record)."""
        if isinstance(value, str):
            return self(value)
        if isinstance(value, Mapping):
            return {k: self.value(v) for k, v in value.items()}
        if isinstance(value, list | tuple):
            return [self.value(v) for v in value]
        return value


class SafeLogFilter(logging.Filter):
    """Scrubs each record before any handler formats it; attach it to handlers, not loggers."""

    def __init__(self, redactor: Redactor | None = None) -> None:
        super().__init__()
        self.redact = redactor or Redactor.from_env()

    def filter(self, record: logging.LogRecord) -> bool:
        verbose = record.levelno <= logging.DEBUG
        for name in list(record.__dict__):
            if name in _STANDARD_ATTRS:
                continue
            value = record.__dict__[name]
            if not verbose and name in CONTENT_FIELDS and value is not None:
                record.__dict__[name] = f"[{_size(value)} omitted above DEBUG]"
            else:
                record.__dict__[name] = self.redact.value(value)
        if record.args and not verbose:
            record.args = _shorten_args(record.args)
        try:
            message = record.getMessage()
        except (TypeError, ValueError):  # a bad format string: keep what we can, scrubbed
            message = f"{record.msg!s} {record.args!r}"
        record.msg, record.args = self.redact(message), None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self.redact(record.exc_text)
        if record.stack_info:
            record.stack_info = self.redact(record.stack_info)
        return True


def _size(value: Any) -> str:
    return f"{len(value)} chars" if isinstance(value, str) else type(value).__name__


def _shorten(value: Any) -> Any:
    if isinstance(value, str) and len(value) > MAX_ARG_CHARS:
        return f"{value[:MAX_ARG_CHARS]}…[{len(value) - MAX_ARG_CHARS} more chars cut]"
    return value


def _shorten_args(args: tuple[Any, ...] | Mapping[str, Any]) -> tuple[Any, ...] | dict[str, Any]:
    if isinstance(args, Mapping):
        return {k: _shorten(v) for k, v in args.items()}
    return tuple(_shorten(a) for a in args)


class SafeJsonFormatter(JsonFormatter):
    """One JSON object per line: time, level, logger, message and the record's extra fields."""

    def __init__(self, redactor: Redactor | None = None) -> None:
        super().__init__(
            "%(asctime)s %(levelname)s %(name)s %(message)s",
            rename_fields={"asctime": "time", "levelname": "level", "name": "logger"},
            datefmt="%Y-%m-%dT%H:%M:%S%z",
            json_ensure_ascii=False,
        )
        self.redact = redactor or Redactor.from_env()

    def format(self, record: logging.LogRecord) -> str:
        return self.redact(super().format(record))


class SafeTextFormatter(logging.Formatter):
    """Plain lines for a developer's terminal, scrubbed the same way."""

    def __init__(self, redactor: Redactor | None = None) -> None:
        super().__init__("%(asctime)s %(levelname)-7s %(name)s: %(message)s")
        self.redact = redactor or Redactor.from_env()

    def format(self, record: logging.LogRecord) -> str:
        return self.redact(super().format(record))


_HANDLER_NAME = "copydesk"


def configure_logging(
    level: str | int | None = None,
    fmt: str | None = None,
    stream: TextIO | None = None,
    environ: Mapping[str, str] | None = None,
) -> logging.Handler:
    """Install Copydesk's one root handler (idempotent) and return it.

    `level` defaults to COPYDESK_LOG_LEVEL (INFO), `fmt` to COPYDESK_LOG_FORMAT: "json" (default,
    for production) or "text".
    """
    from bot.errors import ConfigError

    env = os.environ if environ is None else environ
    if level is None:
        level = env.get(LEVEL_ENV, "INFO")
    if isinstance(level, str):
        named = logging.getLevelNamesMapping().get(level.upper())
        if named is None:
            raise ConfigError(f"{LEVEL_ENV}={level!r}: expected DEBUG, INFO, WARNING or ERROR")
        level = named
    chosen_fmt = (fmt or env.get(FORMAT_ENV) or "json").lower()
    if chosen_fmt not in ("json", "text"):
        raise ConfigError(f"{FORMAT_ENV}={chosen_fmt!r}: expected 'json' or 'text'")
    redactor = Redactor(_env_secrets(env))
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.set_name(_HANDLER_NAME)
    handler.addFilter(SafeLogFilter(redactor))
    formatter: logging.Formatter = (
        SafeJsonFormatter(redactor) if chosen_fmt == "json" else SafeTextFormatter(redactor)
    )
    handler.setFormatter(formatter)
    root = logging.getLogger()
    for old in [h for h in root.handlers if h.get_name() == _HANDLER_NAME]:
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level)
    return handler
