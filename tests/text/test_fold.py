"""One fold for names: case and Latin accents away, other scripts untouched."""

from __future__ import annotations

import pytest

from bot.text.fold import fold, strip_accents


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Luján", "LUJAN"),
        ("Jonas Gahr Støre", "jonas gahr store"),
        ("Recep Tayyip Erdoğan", "recep tayyip erdogan"),
        ("Łukasz", "lukasz"),
        ("Straße", "STRASSE"),
    ],
)
def test_spellings_that_differ_in_case_or_accents_fold_alike(a: str, b: str) -> None:
    assert fold(a) == fold(b)


def test_different_names_stay_different() -> None:
    assert fold("Lee Jae-myung") != fold("Lee Jae-yong")


def test_strip_accents_keeps_case_and_other_scripts() -> None:
    assert strip_accents("Lê Minh Hưng") == "Le Minh Hung"
    assert strip_accents("नरेन्द्र मोदी") == "नरेन्द्र मोदी"
    assert strip_accents("이재명") == "이재명"
    assert fold("이재명") == "이재명"
