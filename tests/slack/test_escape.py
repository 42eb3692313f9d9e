"""Quoting article text back to Slack never pings anyone and never hides a character."""

from __future__ import annotations

import json

import pytest

from bot.slack.escape import clip, clip_escaped, escape, neutralise
from tests.slack.articles import BROADCAST_BAIT
from tests.slack.conftest import Harness
from tests.slack.test_watch import one_reply


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("<!channel> meeting", "&lt;!channel&gt; meeting"),
        ("<@U123|boss> said", "&lt;@U123|boss&gt; said"),
        ("<!subteam^S123>", "&lt;!subteam^S123&gt;"),
        ("<https://evil.example|Click>", "&lt;https://evil.example|Click&gt;"),
        ("AT&T &amp; Co", "AT&amp;T &amp;amp; Co"),
        ("plain @here text", "plain @here text"),  # harmless: sent with verbatim=true
    ],
)
def test_slack_markup_in_an_article_is_escaped(raw: str, shown: str) -> None:
    assert escape(raw) == shown


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("abc\u202edef\u202c", "abc[U+202E]def[U+202C]"),  # right-to-left override
        ("x\u2066y\u2069", "x[U+2066]y[U+2069]"),  # isolates
        ("Bes\u200bsent", "Bes[U+200B]sent"),  # zero-width space hides a typo fix
        ("\ufeffStart", "[U+FEFF]Start"),
        ("a\u200e\u200fb", "a[U+200E][U+200F]b"),
        ("bell\x07 and nul\x00", "bell\ufffd and nul\ufffd"),
        ("tabs\tand\nnewlines", "tabs\tand\nnewlines"),
        ("Zoë Lund, São Paulo, Ελλάδα", "Zoë Lund, São Paulo, Ελλάδα"),
    ],
)
def test_invisible_and_direction_characters_are_made_visible(raw: str, shown: str) -> None:
    assert neutralise(raw) == shown


def test_clipping_never_cuts_an_entity_or_a_code_in_half() -> None:
    assert clip("abcdef", 4) == "abc…"
    assert clip("abc", 4) == "abc"
    assert clip_escaped("aaaa<b", 8) == "aaaa…"  # "aaaa&lt;b" cut at "&l" drops the entity
    assert clip_escaped("aaaa\u200bb", 8) == "aaaa…"
    assert clip_escaped("a & b", 20) == "a &amp; b"


def test_an_article_full_of_markup_is_quoted_without_pinging_anyone(harness: Harness) -> None:
    file = harness.fake.add_file("flyer.txt", BROADCAST_BAIT.encode(), "text/plain", "text")
    message = harness.paste("Festival copy", files=[file])
    reply = one_reply(harness, message)
    sent = json.dumps([c.args for c in harness.fake.calls_to("chat.postMessage")])
    assert "*Monday, July 29, 2025*, read &lt;!channel&gt; and &lt;@U0BOSS1&gt;" in sent
    assert "[U+202E]and tickets online[U+202C]" in sent  # the sentence was quoted...
    for raw in ("<!channel>", "<@U0BOSS1>", "\\u202e"):
        assert raw not in sent  # ...but nothing in it can ping or reorder
    (call,) = harness.fake.calls_to("chat.postMessage")
    assert call.args["link_names"] is False and call.args["parse"] == "none"
    assert all(
        t.get("verbatim") is True
        for block in reply["blocks"]
        for t in [block.get("text", {}), *block.get("elements", [])]
        if t.get("type") == "mrkdwn"
    )
