"""A typing slip, as the name check tells it from another real name one letter away."""

from __future__ import annotations

import pytest

from bot.engine.checks.names import typing_slip


@pytest.mark.parametrize(
    ("written", "right"),
    [
        ("sanedrs", "sanders"),  # two neighbours swapped
        ("warrren", "warren"),  # a letter doubled
        ("kellly", "kelly"),
        ("alexaner", "alexander"),  # a letter dropped from a name of four letters or more
        ("ruio", "rubio"),
        ("crz", "cruz"),
        ("brt", "brat"),
        ("sinders", "sanders"),  # one vowel for another in a name of four letters or more
        ("rubia", "rubio"),
        ("omor", "omar"),
        ("pail", "paul"),
        ("sompson", "simpson"),  # a vowel before a "-son" ending
        ("ellason", "ellison"),
    ],
)
def test_slips(written: str, right: str) -> None:
    assert typing_slip(written, right)


@pytest.mark.parametrize(
    ("written", "right"),
    [
        ("comey", "comer"),  # a letter replaced: another real name
        ("cruz", "crux"),
        ("le", "lee"),  # a letter dropped from a name of three letters
        ("ki", "kim"),
        ("sanders", "sanders"),  # no slip at all
        ("snaders", "sanders-x"),
        ("warnre", "warren"),  # letters moved further apart
        ("larson", "larsen"),  # two real spellings of one ending
        ("paulson", "paulsen"),
        ("hanssen", "hansson"),
        ("kom", "kim"),  # a vowel in a name of three letters
        ("lea", "lee"),
    ],
)
def test_not_slips(written: str, right: str) -> None:
    assert not typing_slip(written, right)
