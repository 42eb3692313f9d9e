"""The Slack app manifests in deploy/slack, generated from the surfaces (`bot.slack.surfaces`).

    python -m bot.slack.manifest            # (make manifests) write deploy/slack/manifest.*.yaml
    python -m bot.slack.manifest --check    # exit 1 if the checked-in manifests are stale

Every event the app subscribes to, its slash commands, shortcuts and scopes come from the surfaces
that handle them, so the manifest never lists something the app does not answer (Slack would get
a 404 and, in time, disable the app's events) and never misses something it does.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any, Literal

import yaml

from bot.ops.endpoints import EVENTS_PATH
from bot.slack.surface import Surface

Mode = Literal["socket", "http"]
MODES: tuple[Mode, ...] = ("socket", "http")
PUBLIC_URL = "https://copydesk.example.com"  # replaced by the operator's host (deploy/README.md)
DEFAULT_DIR = Path("deploy/slack")

_HEADERS: dict[Mode, str] = {
    "socket": (
        "# Slack app manifest: Socket Mode (no public URL; needs SLACK_BOT_TOKEN and an\n"
        "# app-level token, SLACK_APP_TOKEN, with the connections:write scope). Create the app\n"
        "# from it at https://api.slack.com/apps -> Create New App -> From an app manifest\n"
        "# (deploy/README.md).\n"
    ),
    "http": (
        "# Slack app manifest: HTTP (Events API) for production behind a load balancer; needs\n"
        "# SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET. Replace copydesk.example.com with your\n"
        "# public host before creating the app. Slack verifies the URL once the bot runs\n"
        "# (deploy/README.md: create, install, start, then verify).\n"
    ),
}
_GENERATED = (
    "# Generated from bot/slack/surfaces by `make manifests` (python -m bot.slack.manifest):\n"
    "# edit the surfaces, not this file; tests/slack/test_manifest.py fails when it is stale.\n"
)
_DESCRIPTION = "Catches factual and copy errors in news copy before it is published."
_LONG_DESCRIPTION = (
    "Copydesk reads articles pasted, linked or shared as files in the channels it is invited to, "
    "and replies in the message's thread with the sentences it flags: anachronistic or wrong "
    "titles, misspelled names of public figures, misattribution, impossible dates, internal "
    "contradictions, scraper residue and cross-source disagreement. Ask for a check with "
    '@Copydesk check, /copydesk or the "Check with Copydesk" message shortcut; mark a false '
    'flag with "Not an error" and it will not be raised again in that channel.'
)


def manifest(surfaces: tuple[Surface, ...], mode: Mode) -> dict[str, Any]:
    """The manifest for `mode` as a mapping (the YAML's structure)."""
    url = PUBLIC_URL + EVENTS_PATH if mode == "http" else None
    features: dict[str, Any] = {
        "bot_user": {"display_name": "Copydesk", "always_online": True},
    }
    if any(s.home_tab for s in surfaces):
        features["app_home"] = {
            "home_tab_enabled": True,
            "messages_tab_enabled": False,
            "messages_tab_read_only_enabled": True,
        }
    commands = [c for s in surfaces for c in s.commands]
    if commands:
        features["slash_commands"] = [
            {
                "command": c.command,
                **({"url": url} if url else {}),
                "description": c.description,
                "usage_hint": c.usage_hint,
                "should_escape": False,
            }
            for c in commands
        ]
    shortcuts = [c for s in surfaces for c in s.shortcuts]
    if shortcuts:
        features["shortcuts"] = [
            {
                "name": c.name,
                "type": "message",
                "callback_id": c.callback_id,
                "description": c.description,
            }
            for c in shortcuts
        ]
    events = list(dict.fromkeys(e for s in surfaces for e in s.events))
    settings: dict[str, Any] = {
        "event_subscriptions": {**({"request_url": url} if url else {}), "bot_events": events},
        "interactivity": {
            "is_enabled": any(s.interactive for s in surfaces),
            **({"request_url": url} if url else {}),
        },
        "org_deploy_enabled": False,
        "socket_mode_enabled": mode == "socket",
        "token_rotation_enabled": False,
    }
    return {
        "display_information": {
            "name": "Copydesk",
            "description": _DESCRIPTION,
            "long_description": _LONG_DESCRIPTION,
            "background_color": "#1d3557",
        },
        "features": features,
        "oauth_config": {"scopes": {"bot": scopes(surfaces)}},
        "settings": settings,
    }


def scopes(surfaces: tuple[Surface, ...]) -> list[str]:
    """Every bot scope a surface needs, once, in the order the surfaces first ask for it."""
    return list(dict.fromkeys(scope for s in surfaces for scope in s.scopes))


def render(surfaces: tuple[Surface, ...], mode: Mode) -> str:
    """The manifest file's text."""
    body = yaml.safe_dump(manifest(surfaces, mode), sort_keys=False, allow_unicode=True, width=96)
    return _HEADERS[mode] + _GENERATED + body


def path_for(directory: Path, mode: Mode) -> Path:
    return directory / f"manifest.{mode}.yaml"


def main(argv: list[str] | None = None) -> int:
    from bot.slack.surfaces import SURFACES

    parser = argparse.ArgumentParser(
        prog="python -m bot.slack.manifest",
        description="Write the Slack app manifests generated from the surfaces.",
    )
    parser.add_argument(
        "directory", nargs="?", type=Path, default=DEFAULT_DIR, help="default: deploy/slack"
    )
    parser.add_argument(
        "--check", action="store_true", help="write nothing; exit 1 if a manifest is stale"
    )
    args = parser.parse_args(argv)
    stale = []
    for mode in MODES:
        path = path_for(args.directory, mode)
        text = render(SURFACES, mode)
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current == text:
            continue
        stale.append(str(path))
        if not args.check:
            path.write_text(text, encoding="utf-8")
    if args.check and stale:
        print(f"stale: {', '.join(stale)}; run `make manifests`", file=sys.stderr)
        return 1
    for written in stale:
        print(f"wrote {written}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
