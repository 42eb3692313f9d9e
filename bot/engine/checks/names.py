"""`name-spelling`: a public figure's name misspelled ("Scott Bessant", "Ursula von der Leyden").

Capitalised runs of words that are not a known spelling are compared, with rapidfuzz, against
the few KB people who share their first or last word (a full scan of every name costs 20-50 ms
per query; the blocked set costs microseconds). A close spelling is only flagged with
corroboration: the title in front fits that person's office, the right spelling appears
elsewhere in the article, or the person is prominent and the spelling is not another real
person's surname. Accepted variants and other real people are never flagged.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import msgspec

from bot.engine.analysis import Analysis
from bot.engine.finding import Evidence, Finding
from bot.engine.kinds import CheckKind, Context
from bot.engine.rules import LoadedRule
from bot.engine.spans import Spans
from bot.kb.index import fold
from bot.kb.model import OfficeGroup

_WORD = r"[A-ZÀ-ÖØ-Þ][\w'’.-]*"
_PARTICLE = r"(?:von der|van der|von|van|de la|de|da|dos|das|du|bin|al|el|der|den|ter|le|la|di|del)"
_RUN = re.compile(rf"{_WORD}(?:\s+(?:{_PARTICLE}\s+)?{_WORD})+")


class NameParams(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    min_similarity: float = 85.0  # with a fitting title or the right spelling nearby
    min_similarity_alone: float = 90.0  # with no corroboration but a prominent person
    prominent_groups: list[OfficeGroup] = []


def _windows(run: str, start: int) -> Iterator[tuple[int, int, str]]:
    """Trailing windows of 2-5 words of a capitalised run ("Secretary Scott Bessant" ->
    "Scott Bessant", ...), so a title glued to the name does not hide it."""
    spans = [(m.start(), m.end()) for m in re.finditer(r"\S+", run)]
    for size in range(2, min(5, len(spans)) + 1):
        s = spans[-size][0]
        yield start + s, start + spans[-1][1], run[s:]


def _candidates(analysis: Analysis, folded: str) -> set[str]:
    index = analysis.knowledge
    tokens = folded.split()
    return set(index.by_first.get(tokens[0], ())) | set(index.by_last.get(tokens[-1], ()))


def _check_names(ctx: Context, rule: LoadedRule) -> Iterator[Finding]:
    from rapidfuzz import fuzz

    p: NameParams = rule.params
    analysis = ctx.analysis
    index = analysis.knowledge
    kb = index.kb
    text = analysis.text
    known = Spans((h.start, h.end) for h in analysis.name_hits if not h.short)
    mentioned = {pid for m in analysis.mentions for pid in m.people}
    prominent = set(p.prominent_groups)
    for run in _RUN.finditer(text):
        best: tuple[float, str, str, int, int] | None = None
        for start, end, window in _windows(run.group(0), run.start()):
            if known.overlaps(start, end):
                continue
            folded = fold(window.rstrip(".,"))
            if folded in index.known_forms:
                best = None
                break
            for pid in _candidates(analysis, folded):
                for form in kb.people[pid].forms:
                    score = fuzz.ratio(folded, fold(form))
                    if (
                        score >= p.min_similarity
                        and score < 100
                        and (best is None or score > best[0])
                    ):
                        best = (score, pid, form, start, start + len(window.rstrip(".,")))
        if best is None:
            continue
        score, pid, form, start, end = best
        title, _, _ = analysis._title_before(start)
        fits_title = title is not None and any(t.office in title.offices for t in kb.terms_of(pid))
        elsewhere = pid in mentioned
        folded_last = fold(text[start:end]).split()[-1]
        is_prominent = any(
            kb.offices[t.office].group in prominent and t.may_hold(analysis.story_date)
            for t in kb.terms_of(pid)
        )
        alone = (
            is_prominent
            and score >= p.min_similarity_alone
            and folded_last not in index.known_surnames
            and fold(text[start:end]).split()[0] == fold(form).split()[0]
        )
        if not (fits_title or elsewhere or alone):
            continue
        why = (
            "the title before it fits"
            if fits_title
            else (
                "the right spelling appears in the article"
                if elsewhere
                else "a prominent officeholder"
            )
        )
        yield ctx.finding(
            rule,
            start,
            end,
            {"written": text[start:end], "name": form, "score": f"{score:.0f}"},
            [
                Evidence(
                    f"the knowledge base spells this person {form!r} ({why})",
                    "; ".join(kb.cite(t) for t in kb.terms_of(pid)[:1])
                    or "Copydesk knowledge base",
                )
            ],
        )


NAME_SPELLING = CheckKind(
    "name-spelling", NameParams, frozenset({"written", "name", "score"}), run=_check_names
)
