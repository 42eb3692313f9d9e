"""The Slack app manifests in deploy/slack are generated from the surfaces and never stale."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.ops.endpoints import EVENTS_PATH
from bot.slack import manifest
from bot.slack.surfaces import SURFACES

DEPLOY_SLACK = Path(__file__).resolve().parents[2] / "deploy" / "slack"


def _load(mode: manifest.Mode) -> dict[str, Any]:
    loaded = yaml.safe_load(manifest.path_for(DEPLOY_SLACK, mode).read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


@pytest.mark.parametrize("mode", manifest.MODES)
def test_the_checked_in_manifest_is_the_generated_one(mode: manifest.Mode) -> None:
    checked_in = manifest.path_for(DEPLOY_SLACK, mode).read_text(encoding="utf-8")
    assert checked_in == manifest.render(SURFACES, mode), "stale: run `make manifests`"
    assert manifest.main([str(DEPLOY_SLACK), "--check"]) == 0


def test_check_mode_finds_a_stale_manifest_and_writing_fixes_it(tmp_path: Path) -> None:
    assert manifest.main([str(tmp_path), "--check"]) == 1  # missing counts as stale
    assert manifest.main([str(tmp_path)]) == 0
    assert manifest.main([str(tmp_path), "--check"]) == 0
    assert manifest.path_for(tmp_path, "http").read_text() == manifest.render(SURFACES, "http")


@pytest.mark.parametrize("mode", manifest.MODES)
def test_the_manifest_lists_what_the_surfaces_handle(mode: manifest.Mode) -> None:
    loaded = _load(mode)
    settings, features = loaded["settings"], loaded["features"]
    events = [e for s in SURFACES for e in s.events]
    assert settings["event_subscriptions"]["bot_events"] == events
    assert [c["command"] for c in features["slash_commands"]] == [
        c.command for s in SURFACES for c in s.commands
    ]
    assert [c["callback_id"] for c in features["shortcuts"]] == [
        c.callback_id for s in SURFACES for c in s.shortcuts
    ]
    assert all(c["type"] == "message" for c in features["shortcuts"])
    assert settings["interactivity"]["is_enabled"] is True
    bot_scopes = loaded["oauth_config"]["scopes"]["bot"]
    assert sorted(bot_scopes) == sorted({scope for s in SURFACES for scope in s.scopes})
    assert "user" not in loaded["oauth_config"]["scopes"]  # the bot acts as itself only


def test_every_scope_says_why_it_is_needed() -> None:
    for surface in SURFACES:
        for scope, why in surface.scopes.items():
            assert len(why) > 10, (surface.name, scope)


def test_socket_manifest_needs_no_public_url() -> None:
    loaded = _load("socket")
    assert loaded["settings"]["socket_mode_enabled"] is True
    assert "request_url" not in json.dumps(loaded) and '"url"' not in json.dumps(loaded)


def test_http_manifest_points_every_request_at_the_events_path() -> None:
    loaded = _load("http")
    settings = loaded["settings"]
    assert settings["socket_mode_enabled"] is False
    urls = [
        settings["event_subscriptions"]["request_url"],
        settings["interactivity"]["request_url"],
        *(c["url"] for c in loaded["features"]["slash_commands"]),
    ]
    assert all(u.startswith("https://") and u.endswith(EVENTS_PATH) for u in urls), urls


def test_no_two_surfaces_answer_one_job_kind() -> None:
    from bot.slack.surfaces import job_kinds

    kinds = job_kinds()
    assert len(kinds) == sum(len(s.jobs) for s in SURFACES)
