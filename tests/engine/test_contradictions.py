"""Contradictions as writers write them: every wording of a duration and a deadline, within one
article and across articles on the same story."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from bot.document import Document
from bot.engine import Ruleset, check, check_batch

DURATION = "consistency.duration-changes-within-article"
DEADLINE = "consistency.deadline-changes-within-article"
CROSS = "cross-source.disagrees-with-other-sources"


def _flags(ruleset: Ruleset, doc: Callable[..., Document], text: str) -> list[tuple[str, str]]:
    return [(f.rule, f.quote) for f in check(doc(text), ruleset)]


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        # "N-day X" then "the N-day X"
        ("Rebels accepted a 30-day truce. Aid moved in. The 45-day truce may not hold.", "45-day"),
        # "X lasting N days"
        (
            "They agreed to a truce lasting 90 days. Aid moved in. The 120-day truce holds.",
            "120-day",
        ),
        # "X of N days"
        (
            "Officials announced a pause of 90 days. Stocks rose. The 120-day pause ends soon.",
            "120-day",
        ),
        # "lasts N days" after "the X"
        (
            "Both sides signed a 60-day truce. "
            "Aid moved in. Mediators said the truce lasts 42 days.",
            "42 days",
        ),
        # "lasts N days", then "the N-day first phase"
        (
            "The first phase lasts 42 days, envoys said. "
            "Aid moved in. In the 60-day first phase, prisoners go free.",
            "60-day",
        ),
        # "X, which will last N days"
        (
            "A 90-day moratorium began on Monday. "
            "Banks objected. The moratorium, which will last 60 days, ends in May.",
            "60 days",
        ),
        # "called it an N-day X": a reference back, though written with "an"
        (
            "The two sides agreed a 90-day extension. "
            "Stocks rose. The minister called it an 80-day extension.",
            "80-day",
        ),
        # spelled-out numbers
        (
            "Ministers backed a forty-two-day freeze. "
            "Farmers protested. The sixty-day freeze starts now.",
            "sixty-day",
        ),
    ],
)
def test_a_duration_stated_twice_differently_is_caught(
    test_ruleset: Ruleset, doc: Callable[..., Document], text: str, flagged: str
) -> None:
    assert _flags(test_ruleset, doc, text) == [(DURATION, flagged)]


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("The waiver expires on March 3. Lawmakers met. The waiver expires on March 5.", "March 5"),
        (
            "The pause ends on June 9. Stocks rose. Officials said the pause ends on June 19.",
            "June 19",
        ),
        (
            "The ceasefire runs until November 10. Aid moved in. The truce expires on November 12.",
            "November 12",
        ),
        (
            "The waiver is valid through March 3. Lawmakers met. The waiver expires on March 5.",
            "March 5",
        ),
        (
            "The truce holds until Nov. "
            "10, envoys said. Aid moved in. Both sides must act before the deadline of Nov. 12.",
            "Nov. 12",
        ),
        ("The pause lasts until June 9. Stocks rose. The pause runs through June 11.", "June 11"),
        (
            "The truce expires on August 12. "
            "Aid moved in. Envoys are racing the August 14 deadline.",
            "August 14",
        ),
    ],
)
def test_a_deadline_stated_twice_differently_is_caught(
    test_ruleset: Ruleset, doc: Callable[..., Document], text: str, flagged: str
) -> None:
    assert _flags(test_ruleset, doc, text) == [(DEADLINE, flagged)]


@pytest.mark.parametrize(
    "text",
    [
        "A 60-day truce with one neighbour ended. A 90-day truce with another began.",
        "The truce lasts 90 days. Officials also weighed a three-month extension.",
        "The waiver runs until March 3. Lawmakers stay in session until March 5.",
        "The deal for Japan runs until August 1, while the truce with China expires on August 12.",
        "The pause ends on June 9, officials said; it ends on June 9 at midnight.",
    ],
)
def test_different_things_and_equal_values_stay_silent(
    test_ruleset: Ruleset, doc: Callable[..., Document], text: str
) -> None:
    assert _flags(test_ruleset, doc, text) == []


def test_across_articles_runs_until_against_expires_on(
    test_ruleset: Ruleset, doc: Callable[..., Document]
) -> None:
    story = (
        "Envoys in Doha say the Gaza ceasefire between Israel and Hamas {}. Aid convoys crossed."
    )
    docs = [
        doc(story.format("runs until November 10"), name="a.txt"),
        doc(story.format("expires on November 12"), name="b.txt"),
        doc(story.format("expires on November 12, mediators confirmed"), name="c.txt"),
    ]
    found = [[(f.rule, f.quote) for f in found] for found in check_batch(docs, test_ruleset)]
    assert found == [[(CROSS, "November 10")], [], []]


def test_across_articles_a_duration_in_another_wording(
    test_ruleset: Ruleset, doc: Callable[..., Document]
) -> None:
    story = "The Gaza truce {}, envoys for Israel and Hamas said in Doha. Aid convoys crossed."
    docs = [
        doc(story.format("lasts 42 days"), name="a.txt", story_date=date(2025, 1, 20)),
        doc(story.format("is a 60-day truce"), name="b.txt", story_date=date(2025, 1, 20)),
        doc(story.format("will last 60 days"), name="c.txt", story_date=date(2025, 1, 20)),
    ]
    found = [[(f.rule, f.quote) for f in found] for found in check_batch(docs, test_ruleset)]
    assert found == [[(CROSS, "42 days")], [], []]


LENGTH = "consistency.length-of-a-thing-changes-within-article"


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        (
            "A two-year inquiry by the council found waste. "
            "Auditors from three towns joined the 12-year inquiry.",
            "12-year",
        ),
        (
            "Officials blamed an 18-day delay on the ministry. They defended the 19-day delay.",
            "19-day",
        ),
        (
            "The mayor announced a six-month review. Aides said the nine-month review starts now.",
            "nine-month",
        ),
    ],
)
def test_any_thing_introduced_once_keeps_its_length(
    test_ruleset: Ruleset, doc: Callable[..., Document], text: str, flagged: str
) -> None:
    assert _flags(test_ruleset, doc, text) == [(LENGTH, flagged)]


@pytest.mark.parametrize(
    "text",
    [
        # known to the reader, with siblings: "the 10-year" and "the 30-year" bond
        "The 10-year bond yield rose. A 30-year bond sale drew bids. The 30-year bond fell.",
        # two introduced: the later mention may mean either
        "A two-year study and a five-year study appeared. The five-year study was larger.",
        # same length in another unit: "three-month" is "90-day" within the tolerance
        "The city began a three-month review. The 90-day review ends in June.",
        # a 30-year-old is an age, not a thing that lasts
        "A 30-year-old man was arrested. The 45-year-old woman was released.",
    ],
)
def test_things_with_siblings_or_equal_lengths_stay_silent(
    test_ruleset: Ruleset, doc: Callable[..., Document], text: str
) -> None:
    assert _flags(test_ruleset, doc, text) == []
