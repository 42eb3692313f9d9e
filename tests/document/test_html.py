"""HTML pages: the article text only, with every span mapping back into the page."""

from __future__ import annotations

import html
import re
from datetime import date

import pytest

from bot.document import HTML, DateSource, Document, load_document
from bot.errors import InputError

TODAY = date(2025, 8, 1)

PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Harbor council approves ferry plan | The Gazette</title>
<script>var tracking = "<p>Subscribe now</p>"; window.ads = [];</script>
<style>p { color: #333; }</style>
</head>
<body>
<header><a href="/">The Gazette</a>
<nav><ul><li><a href="/news">News</a></li><li><a href="/sports">Sports</a></li>
<li><a href="/opinion">Opinion</a></li></ul></nav></header>
<main><article>
<h1>Harbor council approves ferry plan</h1>
<p>PORTSMOUTH, N.H., July 29, 2025 &#8212; The harbor council voted 5&ndash;2 on Tuesday to
approve a ferry route between the city&#8217;s north pier and Peirce Island, ending a debate
that ran for more than a year.</p>
<p>Council chair Maria Lopez said the route would &ldquo;take cars off the bridge&rdquo; and
cut commute times for residents of the <em>South End</em> &amp; the islands. The first boats
are expected to run in <strong>May 2026</strong>.</p>
<p>Opponents, including the Harbor Fishermen&#8217;s Association, argued that the&nbsp;ferry
would crowd the working waterfront. &quot;We were not consulted,&quot; said Tom Reilly.<br>
The council said it would hold two more public hearings.</p>
<ul><li>Cost: $4.2 million</li><li>Boats: two, each carrying 60 passengers</li></ul>
<p>The state will pay 80% of the cost, according to Gov. Kelly Ayotte&#8217;s office.</p>
</article></main>
<aside><h3>Most read</h3><ol><li><a href="/a">Storm knocks out power</a></li></ol></aside>
<footer><p>&copy; 2025 The Gazette. All rights reserved.</p>
<p><a href="/privacy">Privacy policy</a> | <a href="/terms">Terms of use</a></p></footer>
<script>console.log("Subscribe now")</script>
</body>
</html>
"""


def _letters(text: str) -> str:
    return "".join(text.split())


def _visible(source_span: str) -> str:
    """The characters a reader sees of a piece of HTML, without spacing (which tags decide)."""
    return _letters(html.unescape(re.sub(r"<[^>]*>", "", source_span)))


def assert_offsets_hold(doc: Document) -> None:
    """Every word and every paragraph of the text maps to source holding the same words."""
    spans = [m.span() for m in re.finditer(r"\S+", doc.text)] + doc.paragraphs
    assert spans
    for start, end in spans:
        s, e = doc.to_source(start, end)
        assert 0 <= s <= e <= len(doc.source)
        wanted = _letters(doc.text[start:end])
        assert wanted in _visible(doc.source[s:e]), (wanted, doc.source[s:e])


@pytest.fixture(scope="module")
def page() -> Document:
    return load_document(PAGE.encode(), name="ferry.html", today=TODAY)


def test_article_text_without_scripts_navigation_or_footer(page: Document) -> None:
    assert page.media_type == HTML
    assert "The harbor council voted 5–2 on Tuesday" in page.text
    assert "the city’s north pier" in page.text
    assert "“take cars off the bridge”" in page.text
    assert "residents of the South End & the islands." in page.text
    assert "Gov. Kelly Ayotte’s office." in page.text
    for boilerplate in (
        "Subscribe now",
        "tracking",
        "color:",
        "Sports",
        "Privacy policy",
        "All rights reserved",
        "Storm knocks out power",
        "The Gazette",
    ):
        assert boilerplate not in page.text


def test_paragraphs_are_lines_and_spaces_are_collapsed(page: Document) -> None:
    lines = page.text.split("\n")
    assert lines[0] == "Harbor council approves ferry plan"
    assert "the ferry would crowd" in page.text  # &nbsp; and the source's line breaks: spaces
    assert "said Tom Reilly.\nThe council said" in page.text  # <br> ends a paragraph
    assert "Cost: $4.2 million" in lines
    assert all(line == line.strip() and "  " not in line for line in lines)


def test_offsets_map_back_into_the_html(page: Document) -> None:
    assert_offsets_hold(page)


def test_verbatim_runs_map_exactly_and_entities_as_a_whole(page: Document) -> None:
    def source_of(phrase: str) -> str:
        start = page.text.index(phrase)
        return page.source[slice(*page.to_source(start, start + len(phrase)))]

    assert source_of("Peirce Island") == "Peirce Island"
    assert source_of("city’s") == "city&#8217;s"
    assert source_of("5–2") == "5&ndash;2"
    assert source_of("South End & the") == "South End</em> &amp; the"
    assert source_of("debate that") == "debate\nthat"  # a source newline reads as a space


def test_story_date_from_the_dateline_in_the_article(page: Document) -> None:
    assert page.story_date == date(2025, 7, 29)
    assert page.date_source == DateSource.DATELINE


def test_story_date_from_page_metadata_when_the_text_has_none() -> None:
    source = PAGE.replace("PORTSMOUTH, N.H., July 29, 2025", "PORTSMOUTH, N.H.").replace(
        "<head>", '<head><meta property="article:published_time" content="2025-07-28T09:00:00Z">'
    )
    doc = load_document(source, name="ferry.html", today=TODAY, message_date=TODAY)
    assert (doc.story_date, doc.date_source) == (date(2025, 7, 28), DateSource.DATELINE)


def test_fragment_of_paragraphs_is_sniffed_as_html() -> None:
    source = (
        "<p>The mayor said on Monday that the Elm Street bridge would reopen in June.</p>"
        "<p>Parking &amp; traffic rules change next week, the city said.</p>"
    )
    doc = load_document(source, name="pasted", today=TODAY)
    assert doc.media_type == HTML
    assert doc.text == (
        "The mayor said on Monday that the Elm Street bridge would reopen in June.\n"
        "Parking & traffic rules change next week, the city said."
    )
    assert_offsets_hold(doc)


def test_table_cells_are_kept_as_lines() -> None:
    source = (
        "<html><body><article><h2>Results</h2><table><tr><th>Candidate</th><th>Votes</th></tr>"
        "<tr><td>Maria Lopez</td><td>5,210</td></tr><tr><td>Tom Reilly</td><td>4,870</td></tr>"
        "</table><p>Lopez won the seat with 51.7% of the vote, the county clerk&#x2019;s office "
        "said on Friday after a recount that took most of the week.</p></article></body></html>"
    )
    doc = load_document(source, name="results.html", today=TODAY)
    assert "Maria Lopez\n5,210\nTom Reilly\n4,870" in doc.text
    assert "the county clerk’s office said on Friday" in doc.text
    assert_offsets_hold(doc)


def test_page_without_an_article_falls_back_to_visible_text() -> None:
    source = "<html><body><div>Polls close at 8 p.m.</div><script>x()</script></body></html>"
    doc = load_document(source, name="short.html", today=TODAY)
    assert doc.text == "Polls close at 8 p.m."
    assert_offsets_hold(doc)


@pytest.mark.parametrize(
    "source",
    [
        "<html><head><title>Nothing</title></head><body>  </body></html>",
        "<html><body><script>var a = 1;</script><style>p{}</style></body></html>",
    ],
)
def test_page_without_visible_text_is_refused(source: str) -> None:
    with pytest.raises(InputError, match="the article is empty"):
        load_document(source, name="blank.html", today=TODAY)


def test_explicit_media_type_wins_over_sniffing() -> None:
    source = "<p>Tags shown as text</p><p>in a plain-text article.</p>"
    doc = load_document(source, name="t", media_type="text/plain", today=TODAY)
    assert doc.text == source


def test_unknown_media_type_is_refused() -> None:
    with pytest.raises(InputError, match="application/rtf"):
        load_document("x", name="t", media_type="application/rtf", today=TODAY)


def test_plain_text_with_an_angle_bracket_stays_plain() -> None:
    doc = load_document("Turnout was <50% in the district.", name="t", today=TODAY)
    assert doc.media_type == "text/plain"


LIST_AND_TABLE = (
    "<html><body><article><h2>Results</h2><table><tr><th>Candidate</th><th>Votes</th></tr>"
    "<tr><td>Maria Lopez</td><td>5,210</td></tr><tr><td>Tom Reilly</td><td>4,870</td></tr>"
    "</table><p>Lopez won the seat with 51.7% of the vote, the county clerk&#x2019;s office said "
    "on Friday after a recount that took most of the week.</p><ol><li>Turnout rose to 41%.</li>"
    "<li>Two precincts | reported late.</li></ol></article></body></html>"
)


@pytest.mark.parametrize("source", [PAGE, LIST_AND_TABLE])
def test_no_word_trafilatura_keeps_is_lost(source: str) -> None:
    import trafilatura

    doc = load_document(source, name="page.html", today=TODAY)
    extracted = trafilatura.extract(source) or ""
    words = [w for w in re.findall(r"[\w’'.,%$–-]+", extracted) if any(c.isalnum() for c in w)]
    assert words
    missing = [w for w in words if w not in doc.text]
    assert missing == []


@pytest.mark.parametrize("source", [PAGE, LIST_AND_TABLE])
def test_any_span_inside_a_paragraph_maps_to_the_same_characters(source: str) -> None:
    import random

    doc = load_document(source, name="page.html", today=TODAY)
    rng = random.Random(7)
    for _ in range(500):
        start, end = rng.choice(doc.paragraphs)
        s = rng.randrange(start, end)
        e = rng.randrange(s, end) + 1
        ts, te = doc.to_source(s, e)
        assert _letters(doc.text[s:e]) in _visible(doc.source[ts:te]), (doc.text[s:e], ts, te)
