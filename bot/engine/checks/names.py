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
from bot.kb.model import OfficeGroup
from bot.text.fold import fold

_WORD = r"[A-ZÀ-ÖØ-Þ][\w'’.-]*"
_PARTICLE = r"(?:von der|van der|von|van|de la|de|da|dos|das|du|bin|al|el|der|den|ter|le|la|di|del)"
_RUN = re.compile(rf"{_WORD}(?:[ \t\u00a0]+(?:{_PARTICLE}[ \t\u00a0]+)?{_WORD})+")


class NameParams(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    min_similarity: float = 85.0  # with a fitting title or the right spelling nearby
    min_similarity_alone: float = 90.0  # with no corroboration but a prominent person
    prominent_groups: list[OfficeGroup] = []


# A word that ends a sentence or clause, unless it is an initial ("T.") or "U.S."-style
_ENDS_CLAUSE = re.compile(r"(?:[,;:!?]|(?<!\b[A-Z])(?<![A-Z]\.[A-Z])\.)$")


def _windows(run: str) -> Iterator[tuple[int, int]]:
    """Word ranges [first, last] of 2-4 consecutive words of a capitalised run ("Secretary
    Scott Bessant Monday" -> "Scott Bessant", ...), so a title or a weekday glued to the name
    does not hide it; a window never spans a clause end ("... from the US. Von der Leyen")."""
    words = run.split()
    for size in range(2, min(4, len(words)) + 1):
        for first in range(len(words) - size + 1):
            if not any(_ENDS_CLAUSE.search(w) for w in words[first : first + size - 1]):
                yield first, first + size - 1


def _candidates(analysis: Analysis, folded: str) -> set[str]:
    """KB people sharing the first name (or a nickname of it) or the last name."""
    index = analysis.knowledge
    tokens = folded.split()
    found = set(index.by_first.get(tokens[0], ())) | set(index.by_last.get(tokens[-1], ()))
    for same in index.first_name_equivalents.get(tokens[0], ()):
        found.update(index.by_first.get(same, ()))
    return found


_INITIAL = re.compile(r"^[a-z]\.?$")
_SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})
# "Emmanuel Macronin": a known name glued to a short word is a missing space, not a misspelling
_GLUED = ("in", "on", "at", "and", "to", "of", "for", "said", "says", "has", "was", "is")


def _core(folded: str) -> list[str]:
    """Name tokens without initials and suffixes: "steven t. mnuchin" -> ["steven", "mnuchin"]."""
    return [
        t for t in folded.replace(",", " ").split() if not _INITIAL.match(t) and t not in _SUFFIXES
    ]


def _same_person_written_otherwise(analysis: Analysis, written: list[str], form: list[str]) -> bool:
    """The same name with or without initials, or with a nickname for the formal first name
    ("Steven Mnuchin" for "Steve Mnuchin", "Timothy Geithner" for "Tim Geithner")."""
    if written == form:
        return True
    return (
        len(written) == len(form) >= 2
        and written[1:] == form[1:]
        and analysis.knowledge.same_first_name(written[0], form[0])
    )


def _best_match(
    analysis: Analysis, run: re.Match[str], min_similarity: float
) -> tuple[float, str, str, int, int] | None:
    """The closest KB spelling to a window of the run, or None when the run is a known name,
    an accepted way of writing one, or near nobody."""
    from rapidfuzz import fuzz

    index = analysis.knowledge
    kb = index.kb
    spans = [(m.start(), m.end()) for m in re.finditer(r"\S+", run.group(0))]
    folded_words = [fold(run.group(0)[s:e]) for s, e in spans]
    best: tuple[float, str, str, int, int] | None = None
    for first, last in _windows(run.group(0)):
        head, tail = folded_words[first], folded_words[last].rstrip(".,")
        if (
            head not in index.by_first
            and head not in index.first_name_equivalents
            and (tail not in index.by_last)
        ):
            continue  # nobody in the KB shares a first or last name with this window
        start, end = run.start() + spans[first][0], run.start() + spans[last][1]
        if analysis.full_name_spans.overlaps(start, end):
            continue
        written = analysis.text[start:end].rstrip(".,")
        folded = " ".join(folded_words[first:last]) + " " + tail
        if folded in index.known_forms:
            return None
        core = _core(folded)
        if len(core) < 2:
            continue
        for pid in _candidates(analysis, folded):
            for form in kb.people[pid].forms:
                form_core = _core(fold(form))
                if _same_person_written_otherwise(analysis, core, form_core):
                    return None
                score = fuzz.ratio(" ".join(core), " ".join(form_core))
                if min_similarity <= score < 100 and (best is None or score > best[0]):
                    best = (score, pid, form, start, start + len(written))
    return best


def _check_names(ctx: Context, rule: LoadedRule) -> Iterator[Finding]:
    p: NameParams = rule.params
    analysis = ctx.analysis
    index = analysis.knowledge
    kb = index.kb
    text = analysis.text
    mentioned = {pid for m in analysis.mentions for pid in m.people}
    prominent = set(p.prominent_groups)
    for run in _RUN.finditer(text):
        best = _best_match(analysis, run, p.min_similarity)
        if best is None:
            continue
        score, pid, form, start, end = best
        title, _, _ = analysis._title_before(start)
        fits_title = title is not None and any(t.office in title.offices for t in kb.terms_of(pid))
        elsewhere = pid in mentioned
        written = fold(text[start:end]).split()
        is_prominent = any(
            kb.offices[t.office].group in prominent and t.may_hold(analysis.story_date)
            for t in kb.terms_of(pid)
        )
        alone = (
            is_prominent
            and score >= p.min_similarity_alone
            and written[-1] not in index.known_surnames
            and written[0] == fold(form).split()[0]
        )
        if not (fits_title or elsewhere or alone):
            continue
        why = (
            "the title before it fits"
            if fits_title
            else "the right spelling appears in the article"
            if elsewhere
            else "a prominent officeholder"
        )
        suggestion = form
        glued = fold(text[start:end]).removeprefix(fold(form))
        if glued in _GLUED:
            suggestion = f"{form} {text[end - len(glued) : end]}"  # a missing space
        yield ctx.finding(
            rule,
            start,
            end,
            {"written": text[start:end], "name": form, "fix": suggestion, "score": f"{score:.0f}"},
            [
                Evidence.cited(
                    f"the knowledge base spells this person {form!r} ({why})",
                    (
                        kb.sources[s]
                        for t in kb.terms_of(pid)[:1]
                        for s in t.sources
                        if s in kb.sources
                    ),
                    "Copydesk knowledge base",
                )
            ],
        )


NAME_SPELLING = CheckKind(
    "name-spelling", NameParams, frozenset({"written", "name", "fix", "score"}), run=_check_names
)
