"""The reply as an editor sees it, posted through the fake Slack Web API (which refuses what Slack
refuses): short for a few findings, a summary and a file for many, details one click away, and no
rule id in anything an editor is shown."""

from __future__ import annotations

import calendar
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from bot.engine import Ruleset
from bot.slack.replies import report_filename
from tests.slack.conftest import CHANNEL, Harness
from tests.slack.fake_slack import EDITOR
from tests.slack.helpers import (
    details_button,
    dismiss_button,
    one_reply,
    press,
    section_text,
    visible_text,
)

SEEDS = Path("/work/shared/seeds")


def seed(prefix: str) -> str:
    """A seed article, read where it lives (it is not copied into the project)."""
    found = sorted(SEEDS.glob(f"{prefix}_*.txt"))
    if not found:
        pytest.skip(f"seed article {prefix} is not on this machine ({SEEDS})")
    return found[0].read_text(encoding="utf-8")


def thirty_wrong_weekdays() -> str:
    """An article of our own with a wrong weekday in each of 30 paragraphs (June 2025)."""
    lines = ["RIVERTON — The county published its road works diary for June on Friday."]
    for day in range(1, 31):
        wrong = calendar.day_name[(date(2025, 6, day).weekday() + 1) % 7]
        lines.append(
            f"Crews said the depot on Mill Road reopened on {wrong}, June {day}, 2025, after "
            f"repairs number {day} were finished."
        )
    return "\n\n".join(lines)


def thread(harness: Harness, message: dict[str, Any]) -> list[dict[str, Any]]:
    return harness.fake.bot_messages(CHANNEL, message["ts"])


def rule_ids(ruleset: Ruleset) -> list[str]:
    """Every rule id, qualified ("dates.impossible-date") and bare ("impossible-date")."""
    ids = []
    for rule in ruleset.rules:
        ids += [f"{rule.pack}.{rule.spec.id}", rule.spec.id]
    return ids


def everything_shown(harness: Harness) -> str:
    """Every text the bot sent an editor: messages, modals, uploaded files, private answers."""
    calls = [c.args for c in harness.fake.calls if c.method in ("chat.postMessage", "chat.update")]
    views = [c.args for c in harness.fake.calls if c.method.startswith("views.")]
    files = [(u["content"] or b"").decode() for u in harness.fake.uploads.values()]
    shown = json.dumps(calls + views + harness.fake.responses, ensure_ascii=False)
    return shown + "\n".join(files)


def test_seed_004_reads_at_a_glance(harness: Harness, ruleset: Ruleset) -> None:
    message = harness.paste(seed("004"))
    reply = one_reply(harness, message)
    shown = visible_text(reply["blocks"])
    assert len(shown) <= 900, shown
    assert reply["blocks"][0]["text"]["text"].startswith("*Copydesk: 4 possible errors*")
    entries = [b for b in reply["blocks"] if b.get("block_id", "").startswith("finding:")]
    assert len(entries) == 4
    body = section_text(reply)
    for flagged in ("Biden administration", "President Joe Biden", "posted on Truth Social"):
        assert f"*{flagged}*" in body
    assert "→ *Trump administration*" in body
    assert "(held from" not in body  # the detail is one click away, not in the reply
    assert [c.method for c in harness.fake.calls].count("files.getUploadURLExternal") == 0
    for rule in rule_ids(ruleset):
        assert rule not in everything_shown(harness)


def test_thirty_findings_fit_one_message_and_a_file(harness: Harness, ruleset: Ruleset) -> None:
    message = harness.paste(thirty_wrong_weekdays())
    harness.fake.wait_for(lambda: len(thread(harness, message)) == 2, message="reply and file")
    harness.wait_idle()
    reply, attached = thread(harness, message)
    assert reply["blocks"][0]["text"]["text"].startswith("*Copydesk: 30 possible errors*")
    assert len(visible_text(reply["blocks"])) < 2000
    assert "24 more entries in the full report, attached below" in visible_text(reply["blocks"])
    (file,) = attached["files"]
    assert file["name"] == report_filename(message["ts"])
    content = (harness.fake.uploaded(file["id"]) or b"").decode()
    for day in range(1, 31):
        assert f", June {day}, 2025”" in content
    assert content.count("What is wrong:") == 30
    for rule in rule_ids(ruleset):
        assert rule not in everything_shown(harness)


def test_an_edit_that_shrinks_a_long_report_takes_its_file_away(harness: Harness) -> None:
    long = thirty_wrong_weekdays()
    message = harness.paste(long)
    harness.fake.wait_for(lambda: len(thread(harness, message)) == 2, message="reply and file")
    harness.wait_idle()
    short = "\n\n".join(long.split("\n\n")[:4])  # three wrong weekdays left
    edited = {**message, "text": short + "\n\nThe county said more works would follow in July."}
    change = {
        "type": "message",
        "subtype": "message_changed",
        "channel": CHANNEL,
        "ts": harness.fake.next_ts(),
        "message": edited,
        "previous_message": message,
    }
    assert harness.event(change).status_code == 200
    harness.fake.wait_for(lambda: len(thread(harness, message)) == 1, message="the file gone")
    harness.wait_idle()
    (reply,) = thread(harness, message)
    assert reply["blocks"][0]["text"]["text"].startswith("*Copydesk: 3 possible errors*")
    assert harness.fake.calls_to("files.delete")


def test_details_open_the_evidence_with_short_source_links(harness: Harness) -> None:
    message = harness.paste(seed("004"))
    reply = one_reply(harness, message)
    press(harness, reply, details_button(reply))
    (opened,) = harness.fake.calls_to("views.open")
    view = opened.args["view"]
    assert view["type"] == "modal"
    text = json.dumps(view["blocks"], ensure_ascii=False)
    assert "held from January 20, 2021 to January 20, 2025" in text  # the whole message
    assert "<https://example.org/test-facts|Copydesk test facts>" in text


def test_not_an_error_on_a_group_dismisses_every_line_in_it(harness: Harness) -> None:
    article = (
        "HARBORVIEW — The ferry board approved a new timetable for the winter on Tuesday, "
        "adding two crossings on weekday mornings.\n\nAdvertisement\n\nThe board said the "
        "change would cost little because the boats already sit idle at the pier.\n\n"
        "Advertisement\n\nRiders had asked for the earlier crossings for years, a member said, "
        "and the harbor master agreed to the plan after a long meeting.\n\nAdvertisement\n"
    )
    message = harness.paste(article)
    reply = one_reply(harness, message)
    body = section_text(reply)
    assert "*1. 3 lines of web-page residue:* “Advertisement”" in body
    press(harness, reply, dismiss_button(reply, "1. 3 lines of web-page residue:"), user=EDITOR)
    harness.fake.wait_for(lambda: harness.fake.calls_to("chat.update"), message="an update")
    harness.wait_idle()
    check_id = harness.bot.store.recent_checks(1)[0].id
    assert len(harness.bot.store.dismissals(check_id)) == 3
    (updated,) = harness.replies(message)
    assert "every finding was marked not an error" in updated["blocks"][0]["text"]["text"]


def test_the_story_date_label_comes_from_the_document_and_survives_a_re_render(
    harness: Harness,
) -> None:
    article = (
        "LONDON, April 4 (Wire) - The city's ferry operator said on Friday it would add two "
        "crossings on weekday mornings from next month, after riders asked for earlier boats.\n\n"
        "Share this article\n\nThe operator said the change would cost little because its "
        "boats already sit idle at the pier before seven, a spokesperson said on the quay. "
        "Riders welcomed the plan at a meeting in the harbor hall on Thursday evening."
    )
    message = harness.paste(article)
    reply = one_reply(harness, message)
    label = (
        "story date *April 4, 2025* (from a dateline without a year (the year from the message))"
    )
    assert label in reply["blocks"][0]["text"]["text"]
    assert reply["blocks"][0]["accessory"]["type"] == "datepicker"
    press(harness, reply, dismiss_button(reply, "Share this article"))
    harness.fake.wait_for(lambda: harness.fake.calls_to("chat.update"), message="an update")
    harness.wait_idle()
    (updated,) = harness.replies(message)
    assert label in updated["blocks"][0]["text"]["text"]  # read back from the store
