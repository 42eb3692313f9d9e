"""Checks on request: @mentions, /copydesk, the message shortcut, and editors' feedback
("Not an error", re-check at another date)."""

from __future__ import annotations

import json
from typing import Any

from bot.report.slack import DISMISS_ACTION, RECHECK_ACTION
from bot.slack import texts
from tests.slack.articles import BRIDGE_VISIT, LIBRARY_BUDGET, LIBRARY_BUDGET_FLAGS
from tests.slack.conftest import CHANNEL, ArticleServer, Harness
from tests.slack.fake_slack import BOT_USER, EDITOR
from tests.slack.test_watch import one_reply, section_text

OTHER_CHANNEL = "COPINION"


def mention(harness: Harness, text: str, *, thread_ts: str | None = None) -> dict[str, Any]:
    message = harness.fake.add_message(CHANNEL, f"<@{BOT_USER}> {text}", thread_ts=thread_ts)
    assert harness.event({**message, "type": "app_mention"}).status_code == 200
    return message


def quiet_parent(harness: Harness, text: str, channel: str = CHANNEL) -> dict[str, Any]:
    """An article already in the channel that the bot did not check on its own."""
    return harness.fake.add_message(channel, text)


def press(harness: Harness, reply: dict[str, Any], action: dict[str, Any]) -> None:
    payload = {
        "type": "block_actions",
        "user": {"id": EDITOR, "username": "editor"},
        "channel": {"id": reply["channel"]},
        "container": {
            "type": "message",
            "message_ts": reply["ts"],
            "channel_id": reply["channel"],
            "is_ephemeral": False,
        },
        "message": reply,
        "response_url": harness.fake.response_url("action"),
        "actions": [{"action_ts": harness.fake.next_ts(), **action}],
    }
    assert harness.interaction(payload).status_code == 200


def dismiss_button(reply: dict[str, Any], quote: str) -> dict[str, Any]:
    for block in reply["blocks"]:
        accessory = block.get("accessory", {})
        if accessory.get("action_id") == DISMISS_ACTION and f"*{quote}*" in block["text"]["text"]:
            return {**accessory, "block_id": block["block_id"]}
    raise AssertionError(f"no button for {quote!r}")


def test_a_mention_in_a_thread_checks_the_parent(harness: Harness) -> None:
    parent = quiet_parent(harness, LIBRARY_BUDGET)
    mention(harness, "check", thread_ts=parent["ts"])
    reply = one_reply(harness, parent)
    for quote in LIBRARY_BUDGET_FLAGS:
        assert f"*{quote}*" in section_text(reply)
    assert reply["thread_ts"] == parent["ts"]


def test_a_mention_with_a_date_checks_as_of_that_date(harness: Harness) -> None:
    parent = quiet_parent(harness, BRIDGE_VISIT)
    mention(harness, "check", thread_ts=parent["ts"])
    reply = one_reply(harness, parent)
    assert "*President Joe Biden*" in section_text(reply)

    mention(harness, "check date 2023-05-04", thread_ts=parent["ts"])
    harness.fake.wait_for(lambda: harness.fake.calls_to("chat.update"), message="an update")
    harness.wait_idle()
    (updated,) = harness.replies(parent)
    summary = updated["blocks"][0]["text"]["text"]
    assert "found nothing to flag" in summary
    assert "story date *May 4, 2023* (the date you gave)" in summary


def test_a_mention_with_an_impossible_date_says_so(harness: Harness) -> None:
    parent = quiet_parent(harness, BRIDGE_VISIT)
    asked = mention(harness, "check date 2025-02-30", thread_ts=parent["ts"])
    harness.fake.wait_for(lambda: harness.replies(asked) or harness.replies(parent))
    harness.wait_idle()
    (reply,) = harness.fake.bot_messages(CHANNEL)
    assert "2025-02-30 is not a date" in reply["text"]


def test_a_mention_asking_for_help_gets_help(harness: Harness) -> None:
    asked = mention(harness, "help")
    reply = one_reply(harness, asked)
    assert "Copydesk checks news copy" in reply["text"]


def test_slash_command_checks_text_privately(harness: Harness) -> None:
    response = harness.command(LIBRARY_BUDGET)
    assert response.status_code == 200
    assert response.json() == {"response_type": "ephemeral", "text": "Checking…"}
    harness.fake.wait_for(lambda: harness.fake.responses, message="the response_url post")
    harness.wait_idle()
    (answer,) = harness.fake.responses
    assert answer["response_type"] == "ephemeral"
    text = section_text(answer)
    for quote in LIBRARY_BUDGET_FLAGS:
        assert f"*{quote}*" in text
    assert harness.fake.calls_to("chat.postMessage") == []  # nothing public


def test_slash_command_fetches_a_link(harness: Harness, article_server: ArticleServer) -> None:
    harness.command(f"<{article_server.url('/news/library-budget')}>")
    harness.fake.wait_for(lambda: harness.fake.responses, message="the response_url post")
    assert "*April 31*" in section_text(harness.fake.responses[0])


def test_slash_command_help_and_unknown_settings(harness: Harness) -> None:
    for text in ("", "help"):
        assert "Copydesk checks news copy" in harness.command(text).json()["text"]
    answer = harness.command("settings sometimes").json()["text"]
    assert "Unknown mode `sometimes`" in answer
    assert harness.fake.responses == []


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


def test_the_message_shortcut_checks_any_message(harness: Harness) -> None:
    parent = quiet_parent(harness, "Draft below, please look")
    draft = harness.fake.add_message(CHANNEL, LIBRARY_BUDGET, thread_ts=parent["ts"])
    shortcut = {
        "type": "message_action",
        "callback_id": "check_with_copydesk",
        "channel": {"id": CHANNEL},
        "user": {"id": EDITOR},
        "message": draft,
        "response_url": harness.fake.response_url("shortcut"),
    }
    assert harness.interaction(shortcut).status_code == 200
    harness.fake.wait_for(lambda: harness.fake.bot_messages(CHANNEL), message="a reply")
    harness.wait_idle()
    (reply,) = harness.fake.bot_messages(CHANNEL)
    assert reply["thread_ts"] == parent["ts"]  # in the thread the draft is in
    assert reply["metadata"]["event_payload"]["message_ts"] == draft["ts"]
    assert "*April 31*" in section_text(reply)


def test_the_shortcut_where_the_bot_is_not_a_member_says_how_to_invite_it(
    harness: Harness,
) -> None:
    harness.fake.not_in.add(OTHER_CHANNEL)
    draft = quiet_parent(harness, LIBRARY_BUDGET, channel=OTHER_CHANNEL)
    shortcut = {
        "type": "message_action",
        "callback_id": "check_with_copydesk",
        "channel": {"id": OTHER_CHANNEL},
        "user": {"id": EDITOR},
        "message": draft,
        "response_url": harness.fake.response_url("shortcut"),
    }
    assert harness.interaction(shortcut).status_code == 200
    harness.fake.wait_for(lambda: harness.fake.responses, message="the notice")
    harness.wait_idle()
    assert "not a member of this channel" in harness.fake.responses[0]["text"]
    assert harness.bot.store.inbox_counts()["failed"] == 0


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
    assert "flagged 2 possible errors" in updated["blocks"][0]["text"]["text"]
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
    assert "flagged 2 possible errors" in replaced["blocks"][0]["text"]["text"]
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
    assert "story date *May 4, 2023* (the date you gave)" in updated["blocks"][0]["text"]["text"]
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
