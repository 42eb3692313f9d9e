"""The shared word lists and the date grammar every date reader uses."""

from __future__ import annotations

from datetime import date

import pytest

from bot.text.dates import DATE_PATTERN, YEAR_PATTERN, long_date, month_day
from bot.text.words import month_number, weekday_number


@pytest.mark.parametrize(
    ("word", "number"),
    [("January", 1), ("jan.", 1), ("SEPT.", 9), ("Sep", 9), ("may", 5), ("Dec", 12)],
)
def test_month_names_and_abbreviations(word: str, number: int) -> None:
    assert month_number(word) == number


def test_words_that_are_not_months() -> None:
    assert month_number("Mayor") is None
    assert month_number("") is None


@pytest.mark.parametrize(
    ("word", "number"), [("Monday", 0), ("Tues.", 1), ("thurs", 3), ("Sun.", 6)]
)
def test_weekday_names_and_abbreviations(word: str, number: int) -> None:
    assert weekday_number(word) == number


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Ministers met on Wednesday, Jan. 15 in Rome.", "Wednesday, Jan. 15"),
        ("The vote was held on 4 May 2025 after a long campaign.", "4 May 2025"),
        ("It opened on Thursday, March 7, 2025, in Brussels.", "Thursday, March 7, 2025"),
        ("A review is due on Sept. 30 at the latest.", "Sept. 30"),
        ("The fair ran on Tues. 3 June last year.", "Tues. 3 June"),
    ],
)
def test_the_date_grammar_finds_dates_as_printed(text: str, found: str) -> None:
    match = DATE_PATTERN.search(text)
    assert match is not None
    assert match.group(0) == found


@pytest.mark.parametrize(
    "text",
    [
        "They may 15 times have tried.",  # lowercase "may" is a verb
        "The Mayor 12 said nothing.",
        "The 2025-26 season opened.",
    ],
)
def test_the_date_grammar_leaves_non_dates_alone(text: str) -> None:
    assert DATE_PATTERN.search(text) is None


def test_years_stand_alone_not_inside_numbers_or_amounts() -> None:
    found = [m.group(1) for m in YEAR_PATTERN.finditer("In 2019, $2020 and 2021% and the 1990s.")]
    assert found == ["2019", "1990"]


def test_dates_are_written_back_in_ap_style() -> None:
    assert long_date(date(2025, 7, 29)) == "July 29, 2025"
    assert month_day(date(2025, 12, 1)) == "December 1"
