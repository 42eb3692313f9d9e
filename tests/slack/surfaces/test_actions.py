"""Buttons in a report: "Not an error" (recorded, named, not flagged again) and the date picker."""

from __future__ import annotations

import json

from bot.report.slack import RECHECK_ACTION
from bot.slack import texts
from tests.slack.articles import BRIDGE_VISIT, LIBRARY_BUDGET
from tests.slack.conftest import CHANNEL, Harness
from tests.slack.fake_slack import EDITOR
from tests.slack.helpers import (
    dismiss_button,
    one_reply,
    press,
    section_text,
)

OTHER_CHANNEL = "COPINION"


def test_not_an_error_is_recorded_updates_the_report_and_is_not_flagged_again(
    harness: Harness,
) -> None:
    message = harness.paste(LIBRARY_BUDGET)
    reply = one_reply(harness, message)
    press(harness, reply, dismiss_button(reply, "April 31"))
    harness.fake.wait_for(lambda: harness.fake.calls_to("chat.update"), message="an update")
    harness.wait_idle()

    assert harness.bot.store.dismissed(CHANNEL) == {("dates.impossible-date", "April 31")}
    (updated,) = harness.replies(message)
    assert updated["ts"] == reply["ts"]
    assert "Copydesk: 2 possible errors" in updated["blocks"][0]["text"]["text"]
    assert "marked not an error by <@UEDITOR1>" in json.dumps(updated["blocks"])
    assert "*April 31*" not in section_text(updated)
    stats = {s.rule: s for s in harness.bot.store.rule_stats()}
    assert stats["dates.impossible-date"].dismissals == 1
    metrics = harness.http.get(harness.url + "metrics").text
    assert 'copydesk_dismissals_total{rule="dates.impossible-date"} 1.0' in metrics

    # the same article again in this channel: not flagged; in another channel: flagged
    again = harness.paste(LIBRARY_BUDGET)
    text = section_text(one_reply(harness, again))
    assert "*April 31*" not in text and "*Monday, July 29, 2025*" in text
    elsewhere = harness.paste(LIBRARY_BUDGET, channel=OTHER_CHANNEL)
    assert "*April 31*" in section_text(one_reply(harness, elsewhere))


def test_dismissing_in_a_private_report_replaces_it(harness: Harness) -> None:
    harness.command(LIBRARY_BUDGET)
    harness.fake.wait_for(lambda: harness.fake.responses, message="the report")
    report = harness.fake.responses[0]
    button = dismiss_button(report, "Share this article")
    payload = {
        "type": "block_actions",
        "user": {"id": EDITOR},
        "channel": {"id": CHANNEL},
        "container": {
            "type": "message",
            "message_ts": "1.2",
            "channel_id": CHANNEL,
            "is_ephemeral": True,
        },
        "response_url": harness.fake.response_url("ephemeral"),
        "actions": [{"action_ts": "1.3", **button}],
    }
    assert harness.interaction(payload).status_code == 200
    harness.fake.wait_for(lambda: len(harness.fake.responses) == 2, message="the replacement")
    replaced = harness.fake.responses[1]
    assert replaced["replace_original"] is True
    assert "Copydesk: 2 possible errors" in replaced["blocks"][0]["text"]["text"]
    assert ("boilerplate.scraper-residue", "Share this article") in harness.bot.store.dismissed(
        CHANNEL
    )


def test_picking_another_date_rechecks_the_same_message(harness: Harness) -> None:
    message = harness.paste(BRIDGE_VISIT)
    reply = one_reply(harness, message)
    picker = reply["blocks"][0]["accessory"]
    assert picker["action_id"] == RECHECK_ACTION
    press(
        harness,
        reply,
        {
            "type": "datepicker",
            "action_id": RECHECK_ACTION,
            "block_id": reply["blocks"][0]["block_id"],
            "selected_date": "2023-05-04",
        },
    )
    harness.fake.wait_for(lambda: harness.fake.calls_to("chat.update"), message="an update")
    harness.wait_idle()
    (updated,) = harness.replies(message)
    assert "story date *May 4, 2023* (given by the editor)" in updated["blocks"][0]["text"]["text"]
    assert "found nothing to flag" in updated["blocks"][0]["text"]["text"]


def test_a_recheck_that_keeps_failing_tells_the_editor_and_keeps_the_report(
    harness: Harness,
) -> None:
    message = harness.paste(BRIDGE_VISIT)
    reply = one_reply(harness, message)
    harness.fake.fail("chat.update", error="fatal_error", times=3)
    press(
        harness,
        reply,
        {
            "type": "datepicker",
            "action_id": RECHECK_ACTION,
            "block_id": reply["blocks"][0]["block_id"],
            "selected_date": "2023-05-04",
        },
    )
    harness.fake.wait_for(lambda: harness.fake.responses, message="the private notice")
    harness.wait_idle()
    assert harness.fake.responses[0]["text"] == texts.GAVE_UP_PRIVATELY
    assert harness.fake.responses[0]["response_type"] == "ephemeral"
    assert harness.replies(message) == [reply]  # the report still stands
    assert harness.bot.store.inbox_counts()["failed"] == 1


def test_the_report_names_every_editor_who_dismissed_a_finding(harness: Harness) -> None:
    message = harness.paste(LIBRARY_BUDGET)
    reply = one_reply(harness, message)
    press(harness, reply, dismiss_button(reply, "April 31"), user="UALICE01")
    harness.fake.wait_for(lambda: len(harness.fake.calls_to("chat.update")) == 1, message="update")
    harness.wait_idle()
    (updated,) = harness.replies(message)
    press(harness, updated, dismiss_button(updated, "Share this article"), user="UBOB0002")
    harness.fake.wait_for(lambda: len(harness.fake.calls_to("chat.update")) == 2, message="update")
    harness.wait_idle()

    (final,) = harness.replies(message)
    blocks = json.dumps(final["blocks"])
    assert "marked not an error by <@UALICE01>" in blocks  # still named after Bob's click
    assert "marked not an error by <@UBOB0002>" in blocks
    assert "an editor" not in blocks
    assert "Copydesk: 1 possible error" in final["blocks"][0]["text"]["text"]
