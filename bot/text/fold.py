"""Folding names for comparison: one case- and accent-insensitive key, and the accent-free
spelling it is built on.

"Luján", "LUJAN" and "lujan" must meet when a name is looked up or compared for a near miss;
"Støre" must meet "Store" although NFKD does not decompose "ø". Only Latin letters lose their
accents: the vowel signs of other scripts are combining marks too (Devanagari, Thai) and Hangul
syllables decompose, so stripping them would turn a correct spelling into a misspelling.
"""

from __future__ import annotations

import unicodedata

# Letters NFKD does not decompose into a base letter plus accents.
_EXTRA_FOLDS = str.maketrans(
    {
        "ø": "o",
        "Ø": "O",
        "đ": "d",
        "Đ": "D",
        "ł": "l",
        "Ł": "L",
        "ı": "i",
        "ß": "ss",
        "æ": "ae",
        "Æ": "Ae",
        "œ": "oe",
        "Œ": "Oe",
        "ð": "d",
        "þ": "th",
        "ʻ": "'",
        "ʼ": "'",
        "’": "'",
    }
)


def strip_accents(text: str) -> str:
    """The accent-free spelling of Latin letters, case kept ("Luján" -> "Lujan", "Støre" ->
    "Store"); other scripts are left alone."""
    if text.isascii():
        return text
    out: list[str] = []
    for char in unicodedata.normalize("NFC", text.translate(_EXTRA_FOLDS)):
        if char.isascii() or not unicodedata.name(char, "").startswith("LATIN"):
            out.append(char)
        else:
            out.extend(
                c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c)
            )
    return "".join(out)


def fold(text: str) -> str:
    """The key two spellings share when they differ only in case or accents."""
    if text.isascii():
        return text.lower()  # most names: no Unicode work needed
    return strip_accents(text).casefold()
