"""How sure the story date is, by where it came from: every label, the yearless wire dateline,
and no year ever taken from the wall clock."""

from __future__ import annotations

from datetime import date

import pytest

from bot.document import DateConfidence, DateSource, load_document

BODY = "The harbor council voted to approve a ferry route to Peirce Island.\n"
WALL_CLOCK = date(2026, 4, 10)  # `today`: must never decide a dateline's year


def _doc(text: str, **dates: date | None):  # type: ignore[no-untyped-def]
    return load_document(text, name="story.txt", today=WALL_CLOCK, **dates)


@pytest.mark.parametrize(
    ("text", "dates", "day", "source", "confidence", "label"),
    [
        (
            "WASHINGTON, March 3, 2023 — " + BODY,
            {"story_date": date(2024, 1, 5), "message_date": date(2024, 2, 6)},
            date(2024, 1, 5),
            DateSource.OPTION,
            DateConfidence.SURE,
            "given by the editor",
        ),
        (
            "WASHINGTON, March 3, 2023 — " + BODY,
            {"message_date": date(2024, 2, 6)},
            date(2023, 3, 3),
            DateSource.DATELINE,
            DateConfidence.SURE,
            "from the dateline",
        ),
        (
            "WASHINGTON, April 4 — " + BODY,
            {"message_date": date(2025, 4, 7)},
            date(2025, 4, 4),
            DateSource.DATELINE_NO_YEAR,
            DateConfidence.LIKELY,
            "from a dateline without a year (the year from the message)",
        ),
        (
            BODY,
            {"message_date": date(2025, 4, 7), "file_date": date(2025, 3, 1)},
            date(2025, 4, 7),
            DateSource.MESSAGE,
            DateConfidence.LIKELY,
            "the message's date",
        ),
        (
            BODY,
            {"file_date": date(2025, 3, 1)},
            date(2025, 3, 1),
            DateSource.FILE,
            DateConfidence.WEAK,
            "the file's date (weak: when it was last saved)",
        ),
        (
            BODY,
            {},
            WALL_CLOCK,
            DateSource.TODAY,
            DateConfidence.WEAK,
            "today's date (a guess: no date found)",
        ),
    ],
)
def test_each_source_is_labelled_with_how_sure_it_is(
    text: str,
    dates: dict[str, date],
    day: date,
    source: DateSource,
    confidence: DateConfidence,
    label: str,
) -> None:
    doc = _doc(text, **dates)
    assert (doc.story_date, doc.date_source, doc.date_confidence) == (day, source, confidence)
    assert doc.date_label == label
    assert doc.date_is_weak is (confidence is DateConfidence.WEAK)


def test_a_yearless_wire_dateline_takes_the_year_of_the_message_not_of_the_wall_clock() -> None:
    doc = _doc("WASHINGTON, April 4 — " + BODY, message_date=date(2025, 4, 7))
    assert doc.story_date == date(2025, 4, 4)  # the wall clock says 2026
    assert doc.date_text == "WASHINGTON, April 4"


def test_a_january_message_about_december_30_is_last_year() -> None:
    doc = _doc("BRUSSELS, Dec. 30 (Reuters) - " + BODY, message_date=date(2026, 1, 2))
    assert (doc.story_date, doc.date_source) == (date(2025, 12, 30), DateSource.DATELINE_NO_YEAR)


def test_without_a_message_date_a_yearless_dateline_is_not_given_todays_year() -> None:
    doc = _doc("WASHINGTON, April 4 — " + BODY)
    assert (doc.story_date, doc.date_source) == (WALL_CLOCK, DateSource.TODAY)
    assert doc.date_is_weak


def test_a_yearless_dateline_in_a_file_is_only_as_sure_as_the_files_date() -> None:
    doc = _doc("WASHINGTON, April 4 — " + BODY, file_date=date(2025, 4, 9))
    assert (doc.story_date, doc.date_source) == (date(2025, 4, 4), DateSource.DATELINE_NO_YEAR)
    assert doc.date_confidence is DateConfidence.WEAK
    assert doc.date_label == (
        "from a dateline without a year (the year from the file's date, weak)"
    )
