"""`platform-attribution`: a statement attributed through a channel the speaker does not use
("Xi Jinping wrote on Truth Social").

The speaker is the nearest person named before the channel in the same sentence, or, for a
sentence opening with "He"/"She", the first person named in the sentence before. Only a person
inside the platform's `complete_for` groups can be said not to use it.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterator

import msgspec

from bot.engine.analysis import Analysis, Mention
from bot.engine.finding import Evidence, Finding
from bot.engine.kinds import CheckKind, Context
from bot.engine.rules import LoadedRule
from bot.kb.model import Platform


class AttributionParams(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    verbs: list[str]  # "posted", "wrote", "said" ... standing before "on <platform>"


def _between(analysis: Analysis, start: int, end: int) -> list[Mention]:
    """Resolved mentions starting in `[start, end)` (mentions are in text order)."""
    mentions = analysis.mentions
    starts = analysis.mention_starts
    lo, hi = bisect.bisect_left(starts, start), bisect.bisect_left(starts, end)
    return [m for m in mentions[lo:hi] if m.person]


def _speaker(analysis: Analysis, pos: int, end: int) -> Mention | None:
    sentence = analysis.sentence(pos)
    before = _between(analysis, sentence.start, pos)
    if before:
        return before[-1]
    if not analysis.text[sentence.start : pos].strip():
        # "In a Truth Social post, Xi Jinping said ...": the channel opens the sentence and
        # the subject of its clause follows the comma
        comma = _OPENING_PHRASE_END.match(analysis.text, end)
        if comma is not None:
            after = _between(analysis, comma.end(), comma.end() + 40)
            if after and _TITLE_WORDS.fullmatch(analysis.text[comma.end() : after[0].start]):
                return after[0]
    if re.match(r"\s*(?:He|She)\b", sentence.text):
        previous = analysis.document.sentence_before(sentence)
        if previous is not None:
            found = _between(analysis, previous.start, previous.end)
            if found:
                return found[0]
    return None


# the rest of an opening phrase up to its comma, and the words that may precede the subject's
# name ("In a Truth Social post on Monday, Chinese President Xi ...")
_OPENING_PHRASE_END = re.compile(r"[^,.;]{0,40}?,\s+(?:the\s+)?(?=[A-Z])")
_TITLE_WORDS = re.compile(r"(?:[A-Z][\w.'’-]*\s+)*")  # "Chinese President " before the name


def _uses(platform: Platform, person: str) -> bool:
    return any(u.person == person for u in platform.users)


def _in_scope(analysis: Analysis, platform: Platform, person: str) -> bool:
    kb = analysis.knowledge.kb
    groups = set(platform.complete_for)
    return any(kb.offices[t.office].group in groups for t in kb.terms_of(person))


@functools.lru_cache(maxsize=64)
def _pattern(verbs: tuple[str, ...], aliases: tuple[str, ...]) -> re.Pattern[str]:
    verb = "|".join(sorted(map(re.escape, verbs), key=len, reverse=True))
    names = "|".join(re.escape(a) for a in aliases)
    return re.compile(
        rf"\b(?:(?P<verb>{verb})\s+(?:\w+\s+)?)?(?i:on|to|in a post on|via|in an?)\s+"
        rf"(?:(?:his|her|their|the)\s+)?(?:(?:social[- ]media|social network|messaging)\s+"
        rf"(?:platform|site|network|app)\s+)?(?:account\s+on\s+)?(?P<platform>{names})\b"
    )


def _attribution(ctx: Context, rule: LoadedRule) -> Iterator[Finding]:
    p: AttributionParams = rule.params
    analysis = ctx.analysis
    kb = analysis.knowledge.kb
    text = analysis.text
    for platform in kb.platforms.values():
        if not any(alias in text for alias in platform.aliases):
            continue
        for match in _pattern(tuple(p.verbs), platform.aliases).finditer(text):
            speaker = _speaker(analysis, match.start(), match.end())
            if speaker is None or speaker.person is None:
                continue
            person = speaker.person
            if _uses(platform, person) or not _in_scope(analysis, platform, person):
                continue
            start = match.start("verb") if match.group("verb") else match.start()
            yield ctx.finding(
                rule,
                start,
                match.end(),
                {
                    "name": kb.people[person].name,
                    "platform": platform.name,
                    "written": text[start : match.end()],
                },
                [
                    Evidence(
                        f"{kb.people[person].name} is not among the {platform.name} users the "
                        f"knowledge base lists for heads of state and government",
                        kb.sources[platform.source].name,
                        kb.sources[platform.source].url,
                    )
                ],
            )


PLATFORM_ATTRIBUTION = CheckKind(
    "platform-attribution",
    AttributionParams,
    frozenset({"name", "platform", "written"}),
    run=_attribution,
)
