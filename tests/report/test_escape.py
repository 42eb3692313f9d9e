"""Article text made safe for Slack: nothing pings anyone or hides a character, and clipping
never cuts an entity in half."""

from __future__ import annotations

import pytest

from bot.report.escape import clip, clip_escaped, escape, neutralise


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
