"""Names of world leaders from the snapshot labels: canonical name, accepted variants, short forms.

The labels are Wikidata's English labels at each snapshot, so one person can carry several
spellings, some of them vandalised. A label becomes a variant only when it is a mechanical
variant of the canonical name (accents, word order, a middle name more or less) or was reviewed
by hand (`ACCEPTED_LABELS`); any other is reported, never silently accepted.
"""

from __future__ import annotations

import re

from bot.kb.importers.model import unique
from bot.kb.importers.names import with_folded
from bot.kb.importers.world_corrections import ACCEPTED_LABELS, BAD_NAMES, NAMES
from bot.text.fold import fold

_BARE_QID = re.compile(r"^Q\d+$")
_REGNAL = re.compile(r"^(?P<name>.+?\b[IVXLC]+\b.*?) of (?P<realm>.+)$")
_OF_REALM = re.compile(r"^(?P<name>.+?) of (?P<realm>(the )?[A-Z].+)$")
_PARTICLES = frozenset(
    "bin ibn bint al al- el el- de da das do dos del della van von der den le la of".split()
)
_NUMERAL = re.compile(r"^[IVXLC]+$")

# Family name first; the family name is the short form (brief: only for heads of state and
# government, which is all this importer holds).
FAMILY_FIRST = frozenset({"CN", "TW", "KR", "KP"})
# Called by the first name after the first mention (Thai, Lao, Indonesian, Malay, Ethiopian,
# Eritrean and Icelandic usage).
GIVEN_NAME_FIRST = frozenset({"TH", "LA", "ID", "MY", "ET", "ER", "IS"})
# Called by the last word of the name, however long (Vietnamese given name).
GIVEN_NAME_LAST = frozenset({"VN"})
# No safe short form (shared family names, names without a surname, Mongolian labels that put
# the patronymic first or last).
NO_SHORT = frozenset({"KH", "MM", "BN", "MN"})
# Short forms the rules above cannot derive.
SHORT_FORMS: dict[str, tuple[str, ...]] = {
    "Q37181": ("Lula",),
    "Q318508": ("López Obrador", "AMLO"),
    "Q39259": ("Erdoğan",),
    "Q983752": ("Tharman",),
    "Q3318231": ("Widodo", "Jokowi"),
    "Q4777855": ("Dissanayake",),
    "Q124382437": ("Faye",),
    "Q6892571": ("MBS",),
    "Q78869": ("Van der Bellen",),
    "ursula-von-der-leyen": ("von der Leyen",),
}


def is_bare_qid(label: str) -> bool:
    return bool(_BARE_QID.match(label.strip()))


def usable(label: str) -> bool:
    text = label.strip()
    return bool(text) and not is_bare_qid(text) and text not in BAD_NAMES


def canonical(holder: str, labels: list[str]) -> tuple[str | None, list[str]]:
    """The name to use (corrections first, then the labels in order of preference) and other
    written forms of it found inside the label.

    A monarch keeps the realm in the canonical name ("Frederik X of Denmark", "Albert II,
    Prince of Monaco") with the bare regnal name as a variant: two monarchs can share a
    regnal name (Albert II of Belgium and of Monaco), and the loader joins people by name.
    """
    candidates = [NAMES[holder]] if holder in NAMES else [lab for lab in labels if usable(lab)]
    if not candidates:
        return None, []
    label = " ".join(candidates[0].split())
    # 'Jioji (George) Konrote', 'Philip "Brave" Davis': the bracketed or quoted word is a
    # name the person goes by, not part of the name.
    aside = re.match(
        r'^(?P<first>\S+) (?:\((?P<alt>[^)]+)\)|"(?P<nick>[^"]+)") (?P<rest>.+)$', label
    )
    if aside:
        other = aside.group("alt") or aside.group("nick")
        return f"{aside.group('first')} {aside.group('rest')}", [
            f"{other} {aside.group('rest')}",
            label,
        ]
    if ", " in label:  # "Salman bin Hamad, Crown Prince of Bahrain": a title after the comma
        head = label.split(", ", 1)[0]
        if any(_NUMERAL.match(word) for word in head.split()):
            return label, [head]
        if len(head.split()) >= 2:
            return head, []
    if match := _REGNAL.match(label):
        return label, [match.group("name")]
    return label, []


def _tokens(name: str) -> list[str]:
    return fold(name).replace("-", " ").replace(".", "").split()


def mechanical_variant(name: str, other: str) -> bool:
    """Accents, case, word order, hyphens, or middle names added or dropped."""
    a, b = _tokens(name), _tokens(other)
    if a == b or sorted(a) == sorted(b):
        return True
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    if len(short) >= 2 and short[0] == long[0] and short[-1] == long[-1]:
        it = iter(long)
        return all(token in it for token in short)
    return False


def of_realm_form(label: str) -> str | None:
    """'Willem-Alexander of the Netherlands' -> 'Willem-Alexander' (not for a lone given name)."""
    match = _OF_REALM.match(label)
    if not match:
        return None
    name = match.group("name")
    return name if len(name.split()) >= 2 or "-" in name else None


def hyphen_forms(name: str, iso: str) -> list[str]:
    """Korean and Taiwanese given names: 'Lee Jae Myung' <-> 'Lee Jae-myung'."""
    if iso not in {"KR", "KP", "TW"}:
        return []
    words = name.split()
    if len(words) == 3:
        return [f"{words[0]} {words[1]}-{words[2].lower()}"]
    if len(words) == 2 and "-" in words[1]:
        first, second = words[1].split("-", 1)
        return [f"{words[0]} {first} {second.capitalize()}", f"{words[0]} {first}{second.lower()}"]
    return []


def variants(
    name: str, labels: list[str], cut_from: list[str], local: list[str], iso: str
) -> tuple[tuple[str, ...], list[str]]:
    """Accepted variants, and the labels that were not accepted (for the run report)."""
    accepted: list[str] = [*cut_from, *hyphen_forms(name, iso)]
    refused: list[str] = []
    for label in labels:
        text = " ".join(label.split())
        if not usable(text) or text == name:
            continue
        if ", " in text and text not in ACCEPTED_LABELS:  # "Albert II, Prince of Monaco": a title
            continue
        if mechanical_variant(name, text) or text in ACCEPTED_LABELS or text in cut_from:
            accepted.append(text)
            realm_free = of_realm_form(text)
            if realm_free:
                accepted.append(realm_free)
        else:
            refused.append(text)
    accepted.extend(local)
    return unique(with_folded(accepted), exclude=name), refused


def short_forms(
    holder: str, name: str, iso: str, spellings: tuple[str, ...] = ()
) -> tuple[str, ...]:
    """The form used alone after the first mention, when a rule or the table gives a safe one;
    `spellings` (transliterations of the name) add theirs ("Lukashenka", "Lukashenko")."""
    if holder in SHORT_FORMS:
        return unique(with_folded(list(SHORT_FORMS[holder])))
    found = [s for n in (name, *spellings) for s in _rule_short(n, iso)]
    return unique(with_folded(found))


def _rule_short(name: str, iso: str) -> tuple[str, ...]:
    words = [w for w in name.split() if not re.match(r"^[A-Z]\.$", w)]
    if iso in NO_SHORT or len(words) < 2:
        return ()
    if any(w.lower().rstrip("-") in _PARTICLES or _NUMERAL.match(w) for w in words):
        return ()
    if iso in FAMILY_FIRST or iso in GIVEN_NAME_FIRST:
        return (words[0],)
    if iso in GIVEN_NAME_LAST or len(words) == 2:
        last = words[-1]
        article = re.match(r"^(?:al|el|Al|El)-(.+)$", last)
        return (last, article.group(1)) if article else (last,)
    return ()
