"""Quoting article text back to Slack never pings anyone and never hides a character."""

from __future__ import annotations

import json

from tests.slack.articles import BROADCAST_BAIT
from tests.slack.conftest import Harness
from tests.slack.helpers import details_button, one_reply, press


def test_an_article_full_of_markup_is_quoted_without_pinging_anyone(harness: Harness) -> None:
    file = harness.fake.add_file("flyer.txt", BROADCAST_BAIT.encode(), "text/plain", "text")
    message = harness.paste("Festival copy", files=[file])
    reply = one_reply(harness, message)
    sent = json.dumps(
        [c.args for c in harness.fake.calls_to("chat.postMessage")], ensure_ascii=False
    )
    assert "*Monday, July 29, 2025*, read &lt;!channel&gt; and…" in sent
    press(harness, reply, details_button(reply))  # the whole sentence is in the details
    (opened,) = harness.fake.calls_to("views.open")
    modal = json.dumps(opened.args["view"], ensure_ascii=False)
    assert "[U+202E]and tickets online[U+202C]" in modal  # the sentence was quoted...
    for raw in ("<!channel>", "<@U0BOSS1>", "\u202e"):
        assert raw not in sent and raw not in modal  # ...but nothing in it can ping or reorder
    (call,) = harness.fake.calls_to("chat.postMessage")
    assert call.args["link_names"] is False and call.args["parse"] == "none"
    assert all(
        t.get("verbatim") is True
        for block in reply["blocks"]
        for t in [block.get("text", {}), *block.get("elements", [])]
        if t.get("type") == "mrkdwn"
    )
