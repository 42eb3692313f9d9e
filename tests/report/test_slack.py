"""The Slack reply: a headline and one compact entry per finding, errors first, repeats grouped,
details one click away, a file for long reports; Slack's limits kept, article text escaped, and
no rule id anywhere an editor looks."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest

from bot.engine.finding import Finding
from bot.report.model import finding_key
from bot.report.plain import render_plain
from bot.report.slack import (
    DETAILS_ACTION,
    DISMISS_ACTION,
    MAX_BLOCKS,
    MAX_ENTRIES,
    MAX_TEXT,
    MESSAGE_BUDGET,
    RECHECK_ACTION,
    SlackMessage,
    SlackReport,
    dismiss_value,
    parse_details_value,
    parse_dismiss_value,
    render_notice,
    render_reply,
    render_report,
)
from bot.report.slack_details import details_view
from tests.findings import make_finding
from tests.slack.helpers import visible_text

WEEKDAY_RULE = "dates.weekday-does-not-match-date"
RESIDUE_RULE = "boilerplate.scraper-residue"


def weekday(n: int = 1, **overrides: Any) -> Finding:
    """A wrong weekday on day `n` of July 2025 (each message differs, so none are grouped)."""
    values: dict[str, Any] = {
        "sentence": f"The council met on Monday, July {n}, 2025, to vote on the library budget.",
        "message": f"July {n}, 2025 is not a Monday.",
        "suggestion": f"the right weekday for July {n}",
        "evidence": [(f"2025-07-{n:02d} is not a Monday", "Python's calendar module")],
    }
    values.update(overrides)
    quote = values.pop("quote", f"Monday, July {n}, 2025")
    sentence = values.pop("sentence")
    start = sentence.find(quote) + 1000 * n
    return make_finding(WEEKDAY_RULE, quote, start, "date", sentence=sentence, **values)


def residue(line: str, start: int) -> Finding:
    return make_finding(
        RESIDUE_RULE,
        line,
        start,
        "boilerplate",
        sentence=line,
        message=f"“{line}” looks like web-page residue pasted with the article, not part of it.",
        suggestion="Delete this line",
    )


def report(findings: list[Finding], **overrides: Any) -> SlackReport:
    values: dict[str, Any] = {
        "check_id": 7,
        "findings": findings,
        "story_date": date(2025, 7, 29),
        "date_source": "dateline",
        "subject": "1753790401.000001",
    }
    values.update(overrides)
    return SlackReport(**values)


def texts(node: Any) -> list[dict[str, Any]]:
    """Every text object in a block tree."""
    found = []
    if isinstance(node, dict):
        if node.get("type") in ("mrkdwn", "plain_text") and "text" in node:
            found.append(node)
        for value in node.values():
            found.extend(texts(value))
    elif isinstance(node, list):
        for value in node:
            found.extend(texts(value))
    return found


def assert_within_limits(messages: list[SlackMessage]) -> None:
    for message in messages:
        assert len(message.blocks) <= MAX_BLOCKS
        assert len(message.text) <= MAX_TEXT
        assert sum(len(t["text"]) for t in texts(message.blocks)) <= MESSAGE_BUDGET
        for text in texts(message.blocks):
            assert len(text["text"]) <= MAX_TEXT
            if text["type"] == "mrkdwn":
                assert text["verbatim"] is True


def entry_blocks(message: SlackMessage) -> list[dict[str, Any]]:
    return [b for b in message.blocks if b.get("block_id", "").startswith("finding:")]


def test_one_finding_reads_like_a_copy_editor_note() -> None:
    (message,) = render_report(report([weekday(29)]))
    headline, entry, details = message.blocks
    assert headline["text"]["text"] == (
        "*Copydesk: 1 possible error* · story date *July 29, 2025* (from the dateline)"
    )
    assert headline["accessory"]["action_id"] == RECHECK_ACTION
    assert headline["accessory"]["initial_date"] == "2025-07-29"
    assert entry["text"]["text"] == (
        "*1.* “The council met on *Monday, July 29, 2025*, to vote on the library budget.”\n"
        "July 29, 2025 is not a Monday. → *the right weekday for July 29*"
    )
    assert entry["accessory"]["text"]["text"] == "Not an error"
    assert parse_dismiss_value(entry["accessory"]["value"]) == (7, finding_key(weekday(29)))
    (button,) = details["elements"]
    assert button["action_id"] == DETAILS_ACTION and parse_details_value(button["value"]) == 7
    assert (
        message.text == "Copydesk: 1 possible error · story date July 29, 2025 (from the dateline)"
    )


def test_the_flagged_words_are_not_repeated_and_detail_waits_for_the_details() -> None:
    biden = make_finding(
        "people.administration-out-of-term",
        "Biden administration",
        category="anachronism",
        sentence="The talks come as the Biden administration considers a trade realignment.",
        message="“Biden administration”: Joe Biden was not in office on July 29, 2025 (held from "
        "January 20, 2021 to January 20, 2025); Donald Trump was.",
        suggestion="Trump administration",
    )
    (entry,) = entry_blocks(render_report(report([biden]))[0])
    assert entry["text"]["text"].splitlines()[1] == (
        "Joe Biden was not in office on July 29, 2025; Donald Trump was. → *Trump administration*"
    )


def test_repeats_are_one_entry_and_errors_come_first() -> None:
    warning = weekday(3, severity="warning")
    lines = [residue("Share this article", 10), residue("Advertisement", 40)]
    lines.append(residue("Subscribe to our newsletter", 70))
    (message,) = render_report(report([warning, *lines, weekday(29)]))
    first, second, third = (b["text"]["text"] for b in entry_blocks(message))
    assert first.startswith(
        "*1. 3 lines of web-page residue:* “Share this article”, “Advertisement”"
    )
    assert first.endswith("→ *Delete this line*")
    assert second.startswith("*2.* “The council met on *Monday, July 29, 2025*")
    assert third.startswith("*3.* “The council met on *Monday, July 3, 2025*")  # the warning
    assert message.blocks[0]["text"]["text"].startswith("*Copydesk: 5 possible errors*")


def test_thirty_findings_are_a_summary_and_a_file_never_a_wall() -> None:
    findings = [weekday(n) for n in range(1, 31)]
    reply = render_reply(report(findings))
    (message,) = reply.messages
    assert_within_limits(reply.messages)
    assert len(entry_blocks(message)) == MAX_ENTRIES
    assert "Date: 30" in visible_text(message.blocks)
    assert f"{30 - MAX_ENTRIES} more entries in the full report, attached below" in visible_text(
        message.blocks
    )
    assert len(visible_text(message.blocks)) < 2000
    assert reply.file is not None
    assert reply.file.filename == "copydesk-report-1753790401.000001.txt"
    for n in range(1, 31):
        assert f"“Monday, July {n}, 2025”" in reply.file.content
        assert f"2025-07-{n:02d} is not a Monday (source: Python's calendar module)" in (
            reply.file.content
        )


def test_a_private_report_of_many_findings_points_at_the_details_not_a_file() -> None:
    reply = render_reply(report([weekday(n) for n in range(1, 31)], subject=None, attach=False))
    assert reply.file is None
    text = visible_text(reply.messages[0].blocks)
    assert "24 more entries Details shows them all" in text
    assert "attached" not in text


@pytest.mark.parametrize("count", [7, 50, 500])
def test_any_number_of_findings_fits_one_message(count: int) -> None:
    findings = [weekday(n % 28 + 1, message=f"Wrong weekday number {n}.") for n in range(count)]
    reply = render_reply(report(findings))
    assert len(reply.messages) == 1
    assert_within_limits(reply.messages)


def test_long_sentences_are_cut_at_word_boundaries_around_the_span() -> None:
    words = "The committee discussed the budget line by line again and again, " * 80
    long = weekday(29, sentence=words + "then met on Monday, July 29, 2025, to vote. " + words)
    (entry,) = entry_blocks(render_report(report([long]))[0])
    where = entry["text"]["text"].splitlines()[0]
    assert where == (
        "*1.* “…again and again, then met on *Monday, July 29, 2025*, to vote. The committee…”"
    )


def test_article_text_is_escaped_everywhere() -> None:
    bait = weekday(
        29,
        quote="<!channel>",
        sentence="Read this <!channel> & <@U0BOSS1> now \u202eevil\u202c.",
        message="Odd markup <!here> in the copy.",
        suggestion="<@U0BOSS1>",
    )
    reply = render_reply(report([bait]))
    modal = details_view(report([bait]))
    dumped = json.dumps([m.blocks for m in reply.messages]) + json.dumps(modal)
    dumped += "".join(m.text for m in reply.messages)
    for raw in ("<!channel>", "<@U0BOSS1>", "<!here>", "\u202e", "\\u202e"):
        assert raw not in dumped
    (entry,) = entry_blocks(reply.messages[0])
    assert "*&lt;!channel&gt;*" in entry["text"]["text"]
    assert "&amp; &lt;@U0BOSS1&gt;" in entry["text"]["text"]


def test_no_rule_id_anywhere_an_editor_looks() -> None:
    findings = [weekday(n) for n in range(1, 31)] + [residue("Advertisement", 5)]
    reply = render_reply(report(findings, dismissed={finding_key(findings[0]): "UEDITOR1"}))
    assert reply.file is not None
    everything = json.dumps([m.blocks for m in reply.messages]) + reply.messages[0].text
    everything += reply.file.content + json.dumps(details_view(report(findings)))
    for rule in (WEEKDAY_RULE, RESIDUE_RULE):
        assert rule not in everything
        assert rule.split(".", 1)[1] not in everything


def test_the_details_give_each_fact_with_its_source_as_a_short_link() -> None:
    cited = weekday(
        29,
        evidence=[
            (
                "Joe Biden: President until January 20, 2025",
                "unitedstates/congress-legislators: executive.yaml and the members it dropped",
                "https://example.org/congress-legislators",
            ),
            ("see <javascript:alert(1)>", "a source", "javascript:alert(1)"),
        ],
    )
    modal = details_view(report([cited]))
    assert modal["type"] == "modal" and len(modal["title"]["text"]) <= 24
    sources = modal["blocks"][2]["elements"][0]["text"]
    assert sources.splitlines() == [
        "Joe Biden: President until January 20, 2025 — "
        "<https://example.org/congress-legislators|unitedstates/congress-legislators>",
        "see &lt;javascript:alert(1)&gt; — a source",
    ]
    body = modal["blocks"][1]["text"]["text"]
    assert "> The council met on *Monday, July 29, 2025*, to vote on the library budget." in body
    assert "*Fix:* the right weekday for July 29" in body


def test_the_details_of_a_huge_report_stay_within_a_modal() -> None:
    many = [weekday(n % 28 + 1, message=f"Wrong weekday number {n}.") for n in range(300)]
    modal = details_view(report(many))
    assert len(modal["blocks"]) <= 100
    assert modal["blocks"][-1]["elements"][0]["text"].endswith("more in the full report file.")


def test_a_weak_story_date_is_said_first_with_the_picker_at_hand() -> None:
    (message,) = render_report(report([weekday(29)], date_source="today"))
    headline = message.blocks[0]
    assert headline["text"]["text"] == (
        "*Copydesk: 1 possible error*\n:warning: Unsure story date: *July 29, 2025* is today's "
        "date (a guess: no date found). Pick the real date to re-check"
    )
    assert headline["accessory"]["type"] == "datepicker"
    labelled = report(
        [weekday(29)], date_source="file", date_label="the file's date", date_weak=True
    )
    text = render_report(labelled)[0].blocks[0]["text"]["text"]
    assert "Unsure story date: *July 29, 2025* is the file's date." in text
    known = render_report(report([weekday(29)], date_source="today", date_weak=False))[0]
    assert "Unsure" not in known.blocks[0]["text"]["text"]


def test_dismissed_entries_show_who_and_leave_the_count() -> None:
    findings = [weekday(1), residue("Share this article", 10), residue("Advertisement", 40)]
    keys = [finding_key(f) for f in findings]
    rendered = render_report(
        report(findings, dismissed={keys[1]: "UEDITOR1", keys[2]: "UEDITOR2", keys[0]: ""})
    )
    blocks = rendered[0].blocks
    assert blocks[0]["text"]["text"].startswith("*Copydesk: every finding was marked not an error*")
    assert "2 marked not an error" in blocks[0]["text"]["text"]
    notes = [b["elements"][0]["text"] for b in entry_blocks(rendered[0])]
    assert notes == [
        "~1. “Share this article”~ marked not an error by <@UEDITOR1>",  # both lines, one entry
        "~2. “Monday, July 1, 2025”~ marked not an error by an editor",
    ]
    assert not any(b.get("accessory", {}).get("action_id") == DISMISS_ACTION for b in blocks)
    odd = render_report(report(findings[:1], dismissed={keys[0]: "!channel"}))
    assert "<!channel>" not in json.dumps(odd[0].blocks)


def test_a_clean_report_and_a_private_one() -> None:
    (message,) = render_report(report([], subject=None, date_source="message"))
    assert message.blocks == [
        {
            "type": "section",
            "text": {
                "type": "mrkdwn",
                "text": "*Copydesk found nothing to flag* · story date *July 29, 2025* "
                "(the message's date)",
                "verbatim": True,
            },
        }
    ]


def test_the_full_report_file_has_every_sentence_message_fix_and_source() -> None:
    biden = make_finding(
        "people.title-out-of-term",
        "President Joe Biden",
        category="anachronism",
        sentence="A meeting between President Joe Biden and Xi Jinping.",
        message="Joe Biden did not hold the office (held from 2021 to 2025).",
        suggestion="President Donald Trump",
        evidence=[("Joe Biden: President 2021-2025", "Test facts", "https://example.org/f")],
    )
    text = render_plain(report([biden, residue("Advertisement", 90)]))
    assert text.splitlines()[:3] == [
        "Copydesk: 2 possible errors · story date July 29, 2025 (from the dateline)",
        "",
        "Story date: 2025-07-29 (from the dateline)",
    ]
    assert "1. Anachronism, error: “President Joe Biden”" in text
    assert "   In: A meeting between President Joe Biden and Xi Jinping." in text
    assert "   What is wrong: Joe Biden did not hold the office (held from 2021 to 2025)." in text
    assert "   Fix: President Donald Trump" in text
    assert (
        "   Evidence: Joe Biden: President 2021-2025 (source: Test facts <https://example.org/f>)"
        in text
    )
    assert "2. Web-page residue, error: “Advertisement”" in text


def test_notices_and_button_values() -> None:
    notice = render_notice("x" * 5000, context="why")
    assert len(notice.text) <= MAX_TEXT and len(notice.blocks) == 2
    assert parse_dismiss_value(dismiss_value(12, "abc")) == (12, "abc")
    assert parse_dismiss_value("not json") is None
    assert parse_dismiss_value('{"check": "x"}') is None
    assert parse_details_value("[]") is None
    assert len(dismiss_value(10**12, "f" * 16)) < 2000  # Slack's button value limit
