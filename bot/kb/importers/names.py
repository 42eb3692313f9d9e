"""Name helpers shared by the importers: slugs and accepted spelling variants.

Variants are only ever spellings the data itself supports (official names, nicknames, middle
initials, suffixes, accent-free forms): never invented misspellings, which would stop the
name check from catching real ones.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from bot.kb.importers.model import unique
from bot.text.fold import fold, strip_accents

_SUFFIXES = frozenset({"Jr.", "Jr", "Sr.", "Sr", "II", "III", "IV", "V"})
_INITIAL = re.compile(r"^[A-Z]\.$")
_INITIALS_ONLY = re.compile(r"^(?:[A-Z]\.\s?)+$")


def slug(name: str) -> str:
    """A stable id for a person without a Wikidata QID ("Janet Yellen" -> "janet-yellen")."""
    text = re.sub(r"[^a-z0-9]+", "-", fold(name))
    return text.strip("-")


def with_folded(names: list[str] | tuple[str, ...]) -> list[str]:
    """Each name followed by its accent-free spelling when that differs."""
    out: list[str] = []
    for name in names:
        out.append(name)
        out.append(strip_accents(name))
    return list(unique(out))


def initials(middle: str) -> str:
    """Middle names as initials: "Herbert Walker" -> "H. W.", "D." -> "D."."""
    parts = [p for p in middle.replace(".", ". ").split() if p]
    return " ".join(p if p.endswith(".") else f"{p[0]}." for p in parts)


def is_initial(word: str) -> bool:
    return bool(_INITIAL.match(word))


def initial_spellings(word: str) -> list[str]:
    """'J.D.' -> ['J.D.', 'J. D.', 'JD']: the spellings in use for a name made of initials."""
    if not _INITIALS_ONLY.match(word):
        return [word]
    letters = [c for c in word if c.isalpha()]
    return [word, ". ".join(letters) + ".", "".join(letters)]


def strip_suffix(name: str) -> str:
    """'Togo West Jr.' -> 'Togo West'; names without a suffix are returned unchanged."""
    words = name.replace(",", "").split()
    while len(words) > 2 and words[-1] in _SUFFIXES:
        words.pop()
    return " ".join(words)


def suffix_of(name: str) -> str | None:
    words = name.replace(",", "").split()
    return words[-1] if len(words) > 2 and words[-1] in _SUFFIXES else None


def drop_middle_initials(name: str) -> str:
    """'John H. Gibbons' -> 'John Gibbons' (first and last word always kept)."""
    words = name.split()
    if len(words) < 3:
        return name
    kept = [words[0], *(w for w in words[1:-1] if not is_initial(w)), words[-1]]
    return " ".join(kept)


_PAREN = re.compile(r"^(?P<outer>[^()]*?)\s*\((?P<inner>[^()]+)\)\s*$")


def clean_parts(parts: Mapping[str, Any]) -> dict[str, str]:
    """Undo the bracketed forms of some records: first "James (Jim)" is James called Jim,
    first "J.D. (James)" is James called J.D., middle "(David)" is David."""
    out = {k: str(v).strip() for k, v in parts.items() if isinstance(v, str | int)}
    for key in ("first", "middle"):
        match = _PAREN.match(out.get(key, ""))
        if not match:
            continue
        outer, inner = match.group("outer").strip(), match.group("inner").strip()
        if key == "middle" or not outer:
            out[key] = outer or inner
        elif _INITIALS_ONLY.match(outer):
            out["first"] = inner
            out.setdefault("nickname", outer)
        else:
            out["first"] = outer
            out.setdefault("nickname", inner)
    return out


def us_name_forms(raw: Mapping[str, Any], common: str = "") -> tuple[str, list[str]]:
    """The canonical name and accepted variants of a congress-legislators `name` block.

    Canonical: nickname (or first name) + last name, as newsrooms write it. When the first name
    is only an initial ("W. Todd Akin"), the first full middle name stands in for it. The
    suffix is part of it when the person's common name (`common`: the Wikipedia title, else the
    official name) has it: "Thomas Kean Jr." is not his father Thomas Kean.
    Variants: official_full, first + last, nickname + last, first + middle initials + last,
    each with and without the suffix ("Jr."), and the accent-free spelling of each.
    """
    parts = clean_parts(raw)
    first = parts.get("first", "").strip()
    middle = parts.get("middle", "").strip()
    last = parts.get("last", "").strip()
    nickname = parts.get("nickname", "").strip()
    suffix = parts.get("suffix", "").strip().rstrip(",")
    official = parts.get("official_full", "").strip()
    called = nickname or first
    if not nickname and is_initial(first) and middle:
        full_middles = [w for w in middle.split() if not is_initial(w)]
        if full_middles:
            called = full_middles[0]
    canonical = f"{called} {last}"
    common_name = re.sub(r"\s*\(.*\)$", "", common).replace(",", "").strip()
    if suffix and common_name.endswith(f" {suffix}"):
        canonical = f"{canonical} {suffix}"
    bases: list[str] = []
    for given in (*initial_spellings(called), *initial_spellings(first)):
        bases.append(f"{given} {last}")
    if middle:
        bases.append(f"{first} {initials(middle)} {last}")
        bases.append(f"{first} {middle} {last}")
    forms: list[str] = []
    for base in bases:
        forms.append(base)
        if suffix:
            forms.append(f"{base} {suffix}")
    if official:
        forms.append(official)
        forms.append(strip_suffix(official))
    return canonical, list(unique(with_folded(forms), exclude=canonical))


def us_short(raw: Mapping[str, Any]) -> list[str]:
    """The surname alone, as used after the first mention (and its accent-free spelling)."""
    return with_folded([clean_parts(raw).get("last", "")])
