"""The settings modal: opened by `/copydesk settings`, its submission sets the channel's mode."""

from __future__ import annotations

from tests.slack.conftest import CHANNEL, Harness
from tests.slack.fake_slack import EDITOR


def test_slash_command_settings_opens_a_modal_that_sets_the_mode(harness: Harness) -> None:
    assert harness.command("settings").status_code == 200
    (call,) = harness.fake.calls_to("views.open")
    view = call.args["view"]
    assert view["private_metadata"] == CHANNEL
    assert view["blocks"][0]["element"]["initial_option"]["value"] == "auto"
    submission = {
        "type": "view_submission",
        "user": {"id": EDITOR},
        "view": {
            **view,
            "id": "V0001",
            "state": {
                "values": {
                    "mode": {
                        "mode": {
                            "type": "radio_buttons",
                            "selected_option": {"value": "on-request"},
                        }
                    }
                }
            },
        },
    }
    assert harness.interaction(submission).status_code == 200
    assert harness.bot.store.channel_mode(CHANNEL) == "on-request"
