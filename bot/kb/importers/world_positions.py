"""Which KB office a Wikidata position is, and the titles that stand before a holder's name.

The snapshots list positions Wikidata marks as head of state (P1906) or of government (P1313)
without saying which; the label decides. Generic items ("emir", "prime minister", "President of
the Republic") and bodies that are not one office (Swiss Federal Council, Myanmar's State
Administration Council) are skipped.
"""

from __future__ import annotations

import re

HEAD_OF_STATE = "head-of-state"
HEAD_OF_GOVERNMENT = "head-of-government"
GOVERNOR_GENERAL = "governor-general"

# Items that are classes of position, not the office of one country (their rows are noise:
# medieval emirs under Afghanistan, Mali's Bah Ndaw under Guinea) or not one person's office.
SKIPPED_LABELS = frozenset(
    {
        "emir",
        "prime minister",
        "president of the republic",
        "military leader",
        "state administration council",
        "member of the swiss federal council",
        "state counsellor of myanmar",
        "chief executive officer of afghanistan",
    }
)
# Labels vandalised in the snapshots: never used as an office name.
BAD_POSITION_LABELS = frozenset({"President  they facto of Bolivia"})

_GOVERNMENT = re.compile(
    r"prime minister|premier|chancellor|taoiseach|council of ministers|executive yuan"
    r"|minister of state|president of the government|pontifical commission|chief minister",
    re.IGNORECASE,
)
_STATE = re.compile(
    r"president|king|queen|monarch|emperor|emir|amir|sultan|pope|captain regent|co-prince"
    r"|prince|grand duke|supreme leader|yang di-pertuan agong|druk gyalpo|o le ao o le malo"
    r"|head of state|presidential council|ngwenyama",
    re.IGNORECASE,
)
# Where the president heads the government under a supreme leader (Wikidata: Iran's P1313).
_COUNTRY_OVERRIDES: dict[tuple[str, str], str] = {
    ("IR", "president of iran"): HEAD_OF_GOVERNMENT,
}

# Titles whose words contain " of " themselves: kept whole.
_MULTIWORD_TITLES = (
    "Chairman of the Council of Ministers",
    "President of the Council of Ministers",
    "Chairman of the Presidential Council",
    "Minister of State",
)
# Title as written before a name, for titles the label does not give in that form.
_TITLE_FORMS: dict[str, tuple[str, ...]] = {
    "Monarch": ("King", "Queen"),
    "Druk Gyalpo": ("King", "Druk Gyalpo"),
    "Ngwenyama": ("King", "Ngwenyama"),
    "Sultan and Prime Minister": ("Prime Minister",),
    "Yang di-Pertuan Agong": ("King", "Yang di-Pertuan Agong"),
    "O le Ao o le Malo": ("Head of State", "O le Ao o le Malo"),
    "Episcopal Co-Prince": ("Co-Prince",),
    "French Co-Prince": ("Co-Prince",),
    "French co-prince": ("Co-Prince",),
    "Amir al-Mu'minin": ("Supreme Leader", "Amir al-Mu'minin"),
    "Governor-General": ("Governor-General", "Governor General"),
    "Chairman of the Presidential Council": ("Presidential Council Chairman", "Chairman"),
}


def classify(label: str, iso: str) -> str | None:
    """The office kind of a position label, or None when it is not a single national office."""
    key = label.strip().lower()
    if key in SKIPPED_LABELS or key.startswith("list of"):
        return None
    if (iso, key) in _COUNTRY_OVERRIDES:
        return _COUNTRY_OVERRIDES[(iso, key)]
    if "governor-general" in key or "governor general" in key:
        return GOVERNOR_GENERAL
    if _GOVERNMENT.search(key):
        return HEAD_OF_GOVERNMENT
    if _STATE.search(key):
        return HEAD_OF_STATE
    return None


def clean_label(label: str) -> str:
    """'president of Bolivia' -> 'President of Bolivia'; whitespace runs collapsed."""
    text = " ".join(label.split())
    return text[:1].upper() + text[1:]


def titles(label: str) -> tuple[str, ...]:
    """'President of the Republic of Benin' -> ('President',); 'monarch of X' -> ('King',
    'Queen')."""
    text = clean_label(label)
    for multiword in _MULTIWORD_TITLES:
        if text.startswith(multiword):
            text = multiword
            break
    else:
        text = text.split(" of ", 1)[0] if text not in _TITLE_FORMS else text
    return _TITLE_FORMS.get(text, (text,))
