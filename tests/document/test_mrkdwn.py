"""Slack mrkdwn: the words a reader sees, each mapping back into the message as sent."""

from __future__ import annotations

import re
from datetime import date

import pytest

from bot.document import MRKDWN, Document, load_document
from bot.errors import InputError

TODAY = date(2025, 7, 29)


def _load(source: str) -> Document:
    return load_document(source, name="message", media_type=MRKDWN, today=TODAY)


@pytest.mark.parametrize(
    ("source", "text"),
    [
        ("See <https://example.com/story|the story> now", "See the story now"),
        ("See <https://example.com/story>", "See https://example.com/story"),
        ("Ping <@U123ABC> please", "Ping @U123ABC please"),
        ("Ping <@U123ABC|jane> please", "Ping @jane please"),
        ("Posted in <#C123|general>", "Posted in #general"),
        ("Posted in <#C123>", "Posted in #C123"),
        ("<!channel> and <!here> and <!everyone>", "@channel and @here and @everyone"),
        ("Hi <!subteam^S01|@copy-editors>", "Hi @copy-editors"),
        ("Smith &amp; Wesson &lt;b&gt;", "Smith & Wesson <b>"),
        ("*Bold* and _italic_ and ~struck~ words", "Bold and italic and struck words"),
        ("*_both at once_*", "both at once"),
        ("snake_case_name and 2*3*4 stay", "snake_case_name and 2*3*4 stay"),
        ("Run `make check` first", "Run make check first"),
        ("```\nblock *not bold*\n```", "\nblock *not bold*\n"),
        ("&gt; Quoted line\nReply", "Quoted line\nReply"),
        ("<https://example.com/?a=1&amp;b=2|Q&amp;A>", "Q&A"),
    ],
)
def test_markup_is_what_slack_shows(source: str, text: str) -> None:
    assert _load(source).text == text


ARTICLE = (
    "*DRAFT — for the Metro desk* <@U024BE7LH>\n"
    "WASHINGTON, March 3, 2023 — _Sen. Ada Lind_ said on Friday that the transit bill "
    "would pass &amp; that talks with <https://example.com/gov|Gov. Tom Hale’s office> "
    "were ~stalled~ moving again.\n"
    "&gt; “We have the votes,” Lind said in <#C0123|metro>.\n"
    "Details: `HB 2210` passed committee 9-4. <!here>"
)


def test_offsets_map_back_into_the_message() -> None:
    doc = _load(ARTICLE)
    assert doc.text.splitlines()[1].startswith("WASHINGTON, March 3, 2023 — Sen. Ada Lind said")
    for match in re.finditer(r"\S+", doc.text):
        start, end = doc.to_source(*match.span())
        piece = doc.source[start:end]
        assert match.group().strip("*_~`") in _shown(piece), (match.group(), piece)


def _shown(raw: str) -> str:
    """A piece of mrkdwn as shown: link labels and mentions kept, escapes and markers gone."""
    raw = re.sub(r"<([#@]?)[^|>]*\|([#@]?)([^>]*)>", lambda m: (m[1] or m[2]) + m[3], raw)
    raw = re.sub(r"<!([^>]*)>", r"@\1", raw)
    raw = re.sub(r"<([^>]*)>", r"\1", raw)
    # a link or mention cut by the span: its label shows, its brackets do not
    raw = re.sub(r"<[^<>|]*\|(?=[^>]*$)", "", raw).replace("<", "").replace(">", "")
    return raw.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")


def test_verbatim_and_transformed_runs() -> None:
    doc = _load(ARTICLE)

    def source_of(phrase: str) -> str:
        start = doc.text.index(phrase)
        return doc.source[slice(*doc.to_source(start, start + len(phrase)))]

    assert source_of("Sen. Ada Lind") == "Sen. Ada Lind"  # inside _..._: markers left out
    assert source_of("Gov. Tom Hale") == "Gov. Tom Hale"  # inside a link label
    assert source_of("&") == "&amp;"
    assert source_of("#metro") == "<#C0123|metro>"
    assert source_of("@here") == "<!here>"
    assert source_of("HB 2210") == "HB 2210"


def test_story_date_from_a_dateline_in_the_message() -> None:
    assert _load(ARTICLE).story_date == date(2023, 3, 3)


@pytest.mark.parametrize("source", ["```\n```", "&gt; ", "   \n"])
def test_message_of_markup_only_is_empty(source: str) -> None:
    with pytest.raises(InputError, match="the article is empty"):
        _load(source)


def test_any_span_inside_a_line_maps_to_the_same_characters() -> None:
    import random

    doc = _load(ARTICLE)
    rng = random.Random(11)
    for _ in range(500):
        start, end = rng.choice(doc.paragraphs)
        s = rng.randrange(start, end)
        e = rng.randrange(s, end) + 1
        ts, te = doc.to_source(s, e)
        shown = _shown(doc.source[ts:te])
        wanted = doc.text[s:e]
        # markers inside the source span are the only extra characters
        assert wanted.strip("*_~`") in shown or _without_markers(wanted) in _without_markers(shown)


def _without_markers(text: str) -> str:
    return re.sub(r"[*_~`\s]", "", text)
