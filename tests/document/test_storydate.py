"""Story dates come from datelines and date lines at the top, never from the body."""

from __future__ import annotations

from datetime import date

import pytest

from bot.document import DateSource, find_story_date, load_document, resolve_weekday

TODAY = date(2025, 8, 1)
BODY = (
    "The harbor council voted on Tuesday to approve a ferry route to Peirce Island.\n"
    "Council chair Maria Lopez said the first boats would run next spring.\n"
)


@pytest.mark.parametrize(
    ("head", "day", "evidence"),
    [
        ("WASHINGTON, March 3, 2023 — ", date(2023, 3, 3), "WASHINGTON, March 3, 2023"),
        (
            "LONDON (Reuters) - July 29, 2025 - ",
            date(2025, 7, 29),
            "LONDON (Reuters) - July 29, 2025",
        ),
        ("PORTSMOUTH, N.H., Sept. 4, 2024 — ", date(2024, 9, 4), "PORTSMOUTH, N.H., Sept. 4, 2024"),
        (
            "CARBIS BAY, England, June 12, 2021 — ",
            date(2021, 6, 12),
            "CARBIS BAY, England, June 12, 2021",
        ),
        ("Ferry plan approved\n\nJuly 29, 2025\n\n", date(2025, 7, 29), "July 29, 2025"),
        ("Ferry plan approved\n29 July 2025\n", date(2025, 7, 29), "29 July 2025"),
        ("Ferry plan approved\n2025-07-29\n", date(2025, 7, 29), "2025-07-29"),
        (
            "Ferry plan approved\nTuesday, July 29, 2025\n",
            date(2025, 7, 29),
            "Tuesday, July 29, 2025",
        ),
        ("## Ferry plan approved\n\n*July 29, 2025*\n\n", date(2025, 7, 29), "July 29, 2025"),
        (
            "Ferry plan approved\nPublished: July 29, 2025\n",
            date(2025, 7, 29),
            "Published: July 29, 2025",
        ),
        (
            "Ferry plan approved\nUpdated Jul. 29, 2025 3:04 p.m. ET\n",
            date(2025, 7, 29),
            "Updated Jul. 29, 2025",
        ),
        (
            "Ferry plan approved\nUpdated 3:15 p.m. ET, Tue July 29, 2025\n",
            date(2025, 7, 29),
            "Updated 3:15 p.m. ET, Tue July 29, 2025",
        ),
        ("By Jane Doe | July 29, 2025\n", date(2025, 7, 29), "By Jane Doe | July 29, 2025"),
        (
            "By Jane Doe, The Gazette | July 29, 2025 at 6:00 a.m.\n",
            date(2025, 7, 29),
            "By Jane Doe, The Gazette | July 29, 2025",
        ),
    ],
)
def test_dateline_forms(head: str, day: date, evidence: str) -> None:
    assert find_story_date(head + BODY) == (day, evidence)


def test_wire_dateline_without_a_year_takes_the_nearest_year() -> None:
    text = "LONDON, Dec 30 (Reuters) - " + BODY
    assert find_story_date(text, reference=date(2026, 1, 2)) == (
        date(2025, 12, 30),
        "LONDON, Dec 30",
    )
    assert find_story_date(text) is None  # no reference, no guess


def test_wire_dateline_without_a_year_is_never_in_the_future() -> None:
    text = "BEIJING, Jan. 18 (Xinhua) -- " + BODY
    # read in November, "Jan. 18" is last January, not two months ahead
    assert find_story_date(text, reference=date(2026, 11, 23)) == (
        date(2026, 1, 18),
        "BEIJING, Jan. 18",
    )


def test_a_dateline_beats_an_updated_line() -> None:
    text = "Updated July 30, 2025 9:12 a.m.\nLISBON, July 28, 2025 — " + BODY
    assert find_story_date(text) == (date(2025, 7, 28), "LISBON, July 28, 2025")
    text = "Updated July 30, 2025\nPublished July 29, 2025\n" + BODY
    assert find_story_date(text) == (date(2025, 7, 29), "Published July 29, 2025")


@pytest.mark.parametrize(
    "text",
    [
        "Negotiators said the truce expires on August 12, 2025, unless both sides agree.\n" + BODY,
        "By Tuesday, July 29, 2025, the council must decide on the ferry.\n" + BODY,
        "WASHINGTON — The Senate voted on March 3, 2023, to approve the bill.\n" + BODY,
        "The report, dated July 29, 2025, was released on Friday.\n" + BODY,
        "Ferry plan approved\nApril 31, 2025\n" + BODY,  # not a date
        BODY,
    ],
)
def test_no_story_date_from_a_sentence(text: str) -> None:
    assert find_story_date(text) is None


def test_a_date_line_far_down_the_article_is_not_the_story_date() -> None:
    text = BODY * 20 + "\nJuly 29, 2025\n"
    assert find_story_date(text) is None


def _load(text: str, **dates: date | None) -> tuple[date, DateSource]:
    doc = load_document(text, name="story.txt", today=TODAY, **dates)
    return doc.story_date, doc.date_source


def test_precedence_option_then_dateline_then_message_then_today() -> None:
    dated = "WASHINGTON, March 3, 2023 — " + BODY
    option, message = date(2024, 1, 5), date(2024, 2, 6)
    assert _load(dated, story_date=option, message_date=message) == (option, DateSource.OPTION)
    assert _load(dated, message_date=message) == (date(2023, 3, 3), DateSource.DATELINE)
    assert _load(BODY, message_date=message) == (message, DateSource.MESSAGE)
    assert _load(BODY) == (TODAY, DateSource.TODAY)


def test_document_keeps_the_dateline_it_read() -> None:
    doc = load_document("LONDON (Reuters) - July 29, 2025 - " + BODY, name="t", today=TODAY)
    assert doc.date_text == "LONDON (Reuters) - July 29, 2025"


@pytest.mark.parametrize(
    ("weekday", "past", "expected"),
    [
        (1, True, date(2025, 7, 29)),  # story on Tuesday July 29: "on Tuesday" is that day
        (1, False, date(2025, 7, 29)),
        (0, True, date(2025, 7, 28)),  # "met on Monday": the day before
        (0, False, date(2025, 8, 4)),  # "will meet on Monday": next week
        (4, True, date(2025, 7, 25)),  # "said on Friday": last Friday
        (4, False, date(2025, 8, 1)),
        (6, True, date(2025, 7, 27)),
    ],
)
def test_resolve_weekday(weekday: int, past: bool, expected: date) -> None:
    assert resolve_weekday(weekday, date(2025, 7, 29), past=past) == expected
    assert resolve_weekday(weekday, date(2025, 7, 29), past=past).weekday() == weekday


def test_resolve_weekday_refuses_a_day_that_is_not_one() -> None:
    with pytest.raises(ValueError, match="weekday"):
        resolve_weekday(7, date(2025, 7, 29), past=True)
