"""Tense and history cues the people checks share: what puts a sentence in the past.

These are facts of English, not of the news: they live here rather than in rule packs because
every check reads them the same way. (Month, weekday and number words live in `bot.text.words`.)
"""

from __future__ import annotations

import re

# The word right before a title or name that says the title is not held now (history
# stays silent): "former President", "under President", "the late Pope".
HISTORY_BEFORE = frozenset(
    (
        "former ex ex- then then- late onetime one-time erstwhile incoming outgoing "
        "future would-be designate nominee nominated candidate presumptive under "
        "predecessor previous prior past retired deposed ousted disgraced impeached "
        "jailed exiled hopeful challenger rival"
    ).split()
)
# Phrases anywhere in the sentence that put it in the past.
HISTORY_PHRASES = re.compile(
    r"\b(?:at the time|back then|the time when|when (?:he|she|they) (?:was|were|served)|"
    r"while (?:he|she|they) (?:was|were)|during (?:his|her|their) (?:tenure|presidency|term|time)|"
    r"(?:his|her|their) (?:first|previous|former|earlier) (?:term|administration|government|stint)|"
    r"who served|who was|who were|served as|served under|who (?:had )?held|in office from|"
    r"predecessor|previously|formerly|the late|in the past|years ago|decades ago|"
    r"was then|were then|had been|era\b|-era\b|memoir|legacy|biograph)",
    re.IGNORECASE,
)
FUTURE_CUES = re.compile(
    r"\b(?:will|would|shall|(?:set|due|scheduled|expected|slated|poised|likely) to|"
    r"plans? to|intends? to|aims? to|next|until|unless|by)\b",
    re.IGNORECASE,
)
IRREGULAR_PAST = frozenset(
    (
        "was were had did made took said put set sought began brought left gave kept ran "
        "won lost chose wrote struck spent built sent held found told led paid met cut "
        "began spoke rose fell came went saw knew thought felt became drew grew hit let "
        "shut quit bid wore swore stood understood oversaw withdrew undertook forgave"
    ).split()
)
PRESENT_CUES = frozenset(
    (
        "is are has have says considers plans faces seeks wants hopes aims prepares "
        "weighs continues remains keeps pushes pursues holds leads runs calls urges warns "
        "argues insists believes expects intends"
    ).split()
)


def is_past_verb(word: str) -> bool:
    """A rough but safe test: regular -ed forms and common irregular past forms."""
    w = word.lower()
    return w in IRREGULAR_PAST or (len(w) > 4 and w.endswith("ed") and not w.endswith("eed"))


def word_before(text: str, pos: int, count: int = 1) -> list[str]:
    """Up to `count` words ending just before `pos`, nearest last (lowercased, with hyphens)."""
    words = re.findall(r"[\w'’.-]+", text[max(0, pos - 80) : pos])
    return [w.lower().strip(".") for w in words[-count:]]


def is_headline(sentence: str) -> bool:
    """A headline in title case ("Secretary Did All She Could"): its verbs and tenses are
    compressed, and every word is capitalised, first names or not."""
    words = [w for w in re.findall(r"[A-Za-z][\w'’-]*", sentence) if len(w) > 3]
    return len(words) >= 4 and sum(w[0].isupper() for w in words) >= 0.8 * len(words)
