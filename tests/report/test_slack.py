"""Block Kit rendering: Slack's limits are respected by folding, never by failing, and every
article string is escaped."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest

from bot.engine.finding import Finding
from bot.report.model import finding_key
from bot.report.slack import (
    DISMISS_ACTION,
    MAX_BLOCKS,
    MAX_TEXT,
    MESSAGE_BUDGET,
    RECHECK_ACTION,
    SlackMessage,
    SlackReport,
    dismiss_value,
    parse_dismiss_value,
    render_notice,
    render_report,
    render_text_fallback,
)
from tests.findings import make_finding


def finding(n: int = 1, **overrides: Any) -> Finding:
    values: dict[str, Any] = {
        "category": "date",
        "sentence": f"The council met on Monday, July 29, 2025, for the {n}th time.",
        "message": "July 29, 2025 is a Tuesday, not a Monday.",
        "suggestion": "Tuesday, July 29, 2025",
        "evidence": [("2025-07-29 is a Tuesday", "Python's calendar module")],
    }
    values.update(overrides)
    quote = values.pop("quote", "Monday, July 29, 2025")
    category = values.pop("category")
    return make_finding("dates.weekday-does-not-match-date", quote, n, category, **values)


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


def buttons(messages: list[SlackMessage]) -> list[str]:
    return [
        b["accessory"]["value"]
        for m in messages
        for b in m.blocks
        if b.get("accessory", {}).get("action_id") == DISMISS_ACTION
    ]


def test_one_finding_reads_like_a_copy_editor_note() -> None:
    (message,) = render_report(report([finding()]))
    summary, hint, block = message.blocks
    assert summary["text"]["text"] == (
        "*Copydesk flagged 1 possible error* · story date *July 29, 2025* (from the dateline)"
    )
    assert summary["accessory"]["action_id"] == RECHECK_ACTION
    assert summary["accessory"]["initial_date"] == "2025-07-29"
    assert summary["block_id"] == "recheck:1753790401.000001"
    assert "another story date" in hint["elements"][0]["text"]
    assert block["text"]["text"] == (
        "*1. Date · error · dates.weekday-does-not-match-date*\n"
        "> The council met on *Monday, July 29, 2025*, for the 1th time.\n"
        "July 29, 2025 is a Tuesday, not a Monday.\n"
        "*Suggestion:* Tuesday, July 29, 2025\n"
        "_Source: 2025-07-29 is a Tuesday (source: Python's calendar module)_"
    )
    assert block["accessory"]["text"]["text"] == "Not an error"
    assert parse_dismiss_value(block["accessory"]["value"]) == (7, finding_key(finding()))
    assert message.text.startswith("Copydesk flagged 1 possible error")


@pytest.mark.parametrize("count", [47, 48, 51, 120, 500])
def test_many_findings_fold_into_follow_ups_within_the_block_limit(count: int) -> None:
    messages = render_report(report([finding(n) for n in range(1, count + 1)]))
    assert_within_limits(messages)
    assert len(messages) > (count - 1) // 48
    assert sorted(parse_dismiss_value(v)[1] for v in buttons(messages)) == sorted(  # type: ignore[index]
        finding_key(finding(n)) for n in range(1, count + 1)
    )
    if len(messages) > 1:
        assert "Continued in the next message (2 of" in json.dumps(messages[0].blocks[-1])
        assert "continued (2 of" in json.dumps(messages[1].blocks[0])
        assert messages[1].text.startswith("Copydesk report, continued (2 of")


def test_sentences_over_3000_characters_are_cut_around_the_span() -> None:
    words = "The committee discussed the budget line by line again and again, " * 80
    long = finding(sentence=words + "then met on Monday, July 29, 2025, to vote. " + words)
    assert len(long.sentence) > 10_000
    messages = render_report(report([long, finding(2, quote="x" * 5000, sentence="x" * 5000)]))
    assert_within_limits(messages)
    first = messages[0].blocks[2]["text"]["text"]
    assert "…" in first and "*Monday, July 29, 2025*" in first


def test_long_findings_fold_by_size_as_well_as_by_count() -> None:
    huge = [
        finding(n, sentence="word " * 1000 + "Monday, July 29, 2025", message="m" * 2000)
        for n in range(30)
    ]
    messages = render_report(report(huge))
    assert len(messages) > 1
    assert_within_limits(messages)
    assert len(buttons(messages)) == 30


def test_article_text_is_escaped_everywhere() -> None:
    bait = finding(
        quote="<!channel>",
        sentence="Read this <!channel> & <@U0BOSS1> now \u202eevil\u202c.",
        message="Odd markup <!here> in the copy.",
        suggestion="<@U0BOSS1>",
    )
    messages = render_report(report([bait]))
    dumped = json.dumps([m.blocks for m in messages]) + "".join(m.text for m in messages)
    for raw in ("<!channel>", "<@U0BOSS1>", "<!here>", "\u202e", "\\u202e"):
        assert raw not in dumped
    block_text = messages[0].blocks[2]["text"]["text"]
    assert "*&lt;!channel&gt;*" in block_text
    assert "&amp; &lt;@U0BOSS1&gt;" in block_text
    assert "[U+202E]evil[U+202C]" in block_text


def test_evidence_sources_become_links_and_nothing_else_does() -> None:
    cited = finding(
        evidence=[
            (
                "Joe Biden: President until January 20, 2025",
                "Copydesk facts",
                "https://example.org/f",
            ),
            ("see <javascript:alert(1)>", "a source", "javascript:alert(1)"),
        ]
    )
    block_text = render_report(report([cited]))[0].blocks[2]["text"]["text"]
    assert "(source: <https://example.org/f|Copydesk facts>)" in block_text
    assert "see &lt;javascript:alert(1)&gt; (source: a source)" in block_text
    assert "<javascript" not in block_text


def test_dismissed_findings_show_who_and_leave_the_count() -> None:
    findings = [finding(1), finding(2, quote="April 31", sentence="It starts on April 31.")]
    first, second = (finding_key(f) for f in findings)
    rendered = render_report(report(findings, dismissed={second: "UEDITOR1", first: ""}))
    blocks = rendered[0].blocks
    assert blocks[0]["text"]["text"].startswith("*Copydesk: every finding was marked not an error*")
    assert "2 marked not an error" in blocks[0]["text"]["text"]
    notes = [
        b["elements"][0]["text"] for b in blocks if b.get("block_id", "").startswith("finding:")
    ]
    assert notes[0].endswith("marked not an error by an editor")
    assert notes[1].endswith("marked not an error by <@UEDITOR1>")
    assert buttons(rendered) == []
    # a user id that is not one is never turned into a mention
    odd = render_report(report(findings[:1], dismissed={first: "!channel"}))
    assert "<!channel>" not in json.dumps(odd[0].blocks)


def test_a_clean_report_and_a_private_one() -> None:
    (message,) = render_report(report([], subject=None, date_source="today"))
    assert message.blocks == [
        {
            "type": "section",
            "text": {
                "type": "mrkdwn",
                "text": "*Copydesk found nothing to flag* · story date *July 29, 2025* "
                "(today's date: no date found in the text)",
                "verbatim": True,
            },
        }
    ]


def test_text_fallback_lists_every_open_finding() -> None:
    findings = [finding(1), finding(2, category="boilerplate", quote="Share this article")]
    text = render_text_fallback(report(findings, dismissed={finding_key(findings[0]): "U1"}))
    assert text.splitlines() == [
        "Copydesk flagged 1 possible error · story date July 29, 2025 (from the dateline)"
        " · 1 marked not an error",
        "1. Boilerplate: “Share this article”: July 29, 2025 is a Tuesday, not a Monday. "
        "Suggestion: Tuesday, July 29, 2025.",
    ]


def test_notices_and_button_values() -> None:
    notice = render_notice("x" * 5000, context="why")
    assert len(notice.text) <= MAX_TEXT and len(notice.blocks) == 2
    assert parse_dismiss_value(dismiss_value(12, "abc")) == (12, "abc")
    assert parse_dismiss_value("not json") is None
    assert parse_dismiss_value('{"check": "x"}') is None
    assert len(dismiss_value(10**12, "f" * 16)) < 2000  # Slack's button value limit
