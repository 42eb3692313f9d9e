"""`copydesk start`: the one command a newcomer runs (README).

With Slack tokens in the environment it starts the bot; without them it checks the bundled sample
article in the terminal and says how to connect Slack, so a fresh machine shows what Copydesk does
in seconds.
"""

from __future__ import annotations

import argparse
import os
from typing import Any

CONNECT_SLACK = """\
To run Copydesk in Slack:
  1. Create the app from deploy/slack/manifest.socket.yaml (deploy/README.md, step by step).
  2. export SLACK_BOT_TOKEN=xoxb-...   (OAuth & Permissions, after installing to the workspace)
     export SLACK_APP_TOKEN=xapp-...   (Basic Information > App-Level Tokens,
                                        scope connections:write)
  3. Run this command again: it starts the bot in Socket Mode (no public URL needed).
"""


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "start", help="start the bot if Slack is configured, else check the sample article"
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if os.environ.get("SLACK_BOT_TOKEN") and os.environ.get("SLACK_APP_TOKEN"):
        from bot.commands import main

        return main(["serve"])
    from importlib import resources  # ~10 ms: only this command needs it

    sample = resources.files("bot.samples").joinpath("sample-article.txt")
    print("No Slack tokens set: checking the bundled sample article instead.\n")
    with resources.as_file(sample) as path:
        from bot.commands import main

        status = main(["check", str(path)])
    print()
    print(CONNECT_SLACK)
    return 0 if status in (0, 1) else status
