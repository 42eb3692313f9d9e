"""SegmentMap lookups and lazy sentence splitting on Document."""

from __future__ import annotations

from datetime import date

from bot.document import DateSource, Document, Segment, SegmentMap


def _doc(text: str) -> Document:
    return Document(name="t", text=text, story_date=date(2025, 7, 29), date_source=DateSource.TODAY)


# source "Tom &amp; Ann<br>met." -> text "Tom & Ann\nmet."
SOURCE = "Tom &amp; Ann<br>met."
SEGMENTS = SegmentMap(
    [
        Segment(0, 4, 0, 4),  # "Tom " verbatim
        Segment(4, 1, 4, 9),  # "&" from "&amp;"
        Segment(5, 4, 9, 13),  # " Ann" verbatim
        # text 9 is "\n", a gap: the break has no source of its own
        Segment(10, 4, 17, 21),  # "met." verbatim
    ]
)


def test_verbatim_span_maps_character_by_character() -> None:
    assert SEGMENTS.to_source(0, 3) == (0, 3)
    assert SOURCE[slice(*SEGMENTS.to_source(10, 13))] == "met"
    assert SOURCE[slice(*SEGMENTS.to_source(6, 9))] == "Ann"


def test_transformed_run_maps_as_a_whole() -> None:
    assert SOURCE[slice(*SEGMENTS.to_source(4, 5))] == "&amp;"
    assert SOURCE[slice(*SEGMENTS.to_source(0, 9))] == "Tom &amp; Ann"


def test_span_across_a_gap_covers_the_markup_between() -> None:
    assert SOURCE[slice(*SEGMENTS.to_source(6, 13))] == "Ann<br>met"


def test_span_starting_or_ending_in_a_gap_snaps_to_the_text() -> None:
    assert SOURCE[slice(*SEGMENTS.to_source(9, 13))] == "met"
    assert SOURCE[slice(*SEGMENTS.to_source(5, 10))] == " Ann"


def test_empty_span_is_empty() -> None:
    start, end = SEGMENTS.to_source(2, 2)
    assert start == end == 2


def test_sentences_keep_title_abbreviations_with_the_name() -> None:
    text = (
        "Sen. Mitt Romney said on Tuesday that the bill would pass. Gov. Gavin Newsom disagreed.\n"
        "\n"
        "The U.S. Senate adjourned at 3 p.m. on Friday. Dr. Ada Lind spoke after the vote."
    )
    doc = _doc(text)
    sentences = [s.text for s in doc.sentences]
    assert sentences == [
        "Sen. Mitt Romney said on Tuesday that the bill would pass.",
        "Gov. Gavin Newsom disagreed.",
        "The U.S. Senate adjourned at 3 p.m. on Friday.",
        "Dr. Ada Lind spoke after the vote.",
    ]
    for s in doc.sentences:
        assert doc.text[s.start : s.end] == s.text


def test_sentences_are_split_lazily_per_paragraph() -> None:
    doc = _doc("First paragraph. It has two sentences.\nSecond one. Also two.\nThird.")
    sentence = doc.sentence_at(doc.text.index("Also"))
    assert sentence.text == "Also two."
    assert set(doc._sentences) == {1}  # only the paragraph that was asked about
    before = doc.sentence_before(doc.sentence_at(doc.text.index("Second")))
    assert before is not None and before.text == "It has two sentences."
    assert set(doc._sentences) == {0, 1}


def test_paragraphs_trim_blank_space_and_carriage_returns() -> None:
    doc = _doc("  One.\r\n\r\nTwo.\r\n")
    assert [doc.text[s:e] for s, e in doc.paragraphs] == ["One.", "Two."]
