"""Where direct quotations stand in a paragraph: the reader tells the paper's words from a
speaker's by them."""

from __future__ import annotations

from bot.engine.reading.scope import quote_around, unquoted


def test_unquoted_blanks_every_quotation_and_keeps_offsets() -> None:
    paragraph = '“It was once great,” she said. He called it ‘a relic’ and "done'
    blanked = unquoted(paragraph)
    assert len(blanked) == len(paragraph)
    assert "once" not in blanked and "relic" not in blanked and "done" not in blanked
    assert blanked.index("she said") == paragraph.index("she said")
    assert blanked.index("He called it") == paragraph.index("He called it")


def test_quote_around_finds_the_quotation_that_holds_an_offset() -> None:
    paragraph = "“It was once great,” she said, “and it will be again."
    assert quote_around(paragraph, paragraph.index("once")) == (0, paragraph.index(" she"))
    assert quote_around(paragraph, paragraph.index("she")) is None
    # a quotation still open at the paragraph's end runs to that end
    assert quote_around(paragraph, paragraph.index("again")) == (
        paragraph.index("“and"),
        len(paragraph),
    )
