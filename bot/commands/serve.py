"""`copydesk serve`: run the Slack bot, in Socket Mode (default) or over HTTP (`--http`).

Socket Mode needs SLACK_BOT_TOKEN and SLACK_APP_TOKEN and no public URL; HTTP mode needs
SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET and serves /slack/events, /healthz, /readyz and /metrics
for production behind a load balancer. Heavy imports happen inside the handler so that the rest
of the CLI starts fast.
"""

from __future__ import annotations

import argparse
from typing import Any


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "serve",
        help="run the Slack bot (Socket Mode, or --http for the Events API)",
        description=(
            "Run the Slack bot. Socket Mode (default) needs SLACK_BOT_TOKEN and SLACK_APP_TOKEN; "
            "--http needs SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET. The store is "
            "COPYDESK_DATABASE_URL (default: copydesk.db in the working directory)."
        ),
    )
    parser.add_argument(
        "--http",
        action="store_true",
        help="serve the Events API, interactivity and slash commands at /slack/events",
    )
    parser.add_argument("--host", default="0.0.0.0", help="address to listen on (default: all)")  # noqa: S104 - a server
    parser.add_argument(
        "--port",
        type=int,
        default=None,
        help="HTTP port (default 3000 with --http; in Socket Mode the health endpoint's port, "
        "default COPYDESK_HEALTH_PORT or 8080)",
    )
    parser.add_argument(
        "--workers", type=int, default=None, help="checking threads (default COPYDESK_WORKERS or 4)"
    )
    parser.add_argument(
        "--no-migrate",
        action="store_true",
        help="do not apply database migrations at start; refuse to start on an old schema",
    )
    parser.set_defaults(func=_serve)


def _serve(args: argparse.Namespace) -> int:
    from dataclasses import replace

    from bot.slack.settings import from_env

    settings = from_env(mode="http" if args.http else "socket")
    if args.workers is not None:
        settings = replace(settings, workers=max(1, args.workers))
    from bot.ops.logging import configure_logging

    configure_logging()

    from bot.engine import load_ruleset
    from bot.ops.metrics import default_metrics
    from bot.slack.runtime import Bot
    from bot.store import DEFAULT_DATABASE_URL, Store

    # no rules or no knowledge base: refuse to start (exit 2, naming the folder) before the
    # bot would tell every editor "nothing to flag"
    ruleset = load_ruleset()
    store = Store(settings.database_url or DEFAULT_DATABASE_URL)
    if args.no_migrate:
        store.check_schema()
    else:
        store.upgrade()
    bot = Bot(
        settings,
        mode="http" if args.http else "socket",
        store=store,
        ruleset=ruleset,
        metrics=default_metrics(),
    )
    if args.http:
        from bot.slack import http

        http.serve(bot, host=args.host, port=args.port or 3000)
    else:
        from bot.slack import socket

        socket.serve(bot, host=args.host, port=args.port or settings.health_port)
    return 0
