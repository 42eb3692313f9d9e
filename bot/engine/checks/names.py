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

# a period inside a word only in initials and abbreviations ("U.S.", "Jr."), never between a
# word and the next sentence glued on by a scraper ("Boenher.CNN anchor ...")
_WORD = r"[A-ZÀ-ÖØ-Þ](?:[\w'’-]|(?<![a-z])\.|\.(?![A-Z]))*"
_PARTICLE = r"(?:von der|van der|von|van|de la|de|da|dos|das|du|bin|al|el|der|den|ter|le|la|di|del)"
_RUN = re.compile(rf"{_WORD}(?:[ \t\u00a0]+(?:{_PARTICLE}[ \t\u00a0]+)?{_WORD})+")


class NameParams(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    min_similarity: float = 85.0  # with a fitting title or the right spelling nearby
    min_similarity_alone: float = 90.0  # with no corroboration but a prominent person
    prominent_groups: list[OfficeGroup] = []
    # Offices with many holders (a legislature's hundreds of members): a misspelling of one of
    # them, uncorroborated, is flagged only when its shape is a typing slip, because a letter
    # replaced by another is as often a real person the KB does not know ("James Comey" is not
    # a slip for Rep. James Comer)
    typo_only_groups: list[OfficeGroup] = []


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


def _candidates(analysis: Analysis, first: str) -> list[str]:
    """KB people who share the first name (or a nickname or formal form of it): a different
    first name is a different person ("Irfan Khan" is not "Imran Khan"), never a misspelling."""
    index = analysis.knowledge
    found = set(index.by_first.get(first, ()))
    for same in index.first_name_equivalents.get(first, ()):
        found.update(index.by_first.get(same, ()))
    return sorted(found)


_INITIAL = re.compile(r"^[a-z]\.?$")
_SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})
_PARTICLES = frozenset(
    "al el al- el- bin ibn von van der den de la da dos das du ter le di del".split()
)
# Capitalised function words that open a sentence before a surname: "In Birmingham", "And Paul"
_NOT_A_FIRST_WORD = frozenset(
    "the a an and but or in on at to of for by from with as if so when while after before "
    "since then this that these those it its his her their our my your mr mrs ms dr".split()
)
# "Emmanuel Macronin": a known name glued to a short word is a missing space, not a misspelling
_GLUED = ("in", "on", "at", "and", "to", "of", "for", "said", "says", "has", "was", "is")


def _core(folded: str) -> list[str]:
    """Comparable name tokens: no initials, suffixes or particles, one kind of apostrophe, no
    possessive, hyphens as spaces ("Ocasio-Cortez" = "Ocasio Cortez", "al-Assad" = "Assad")."""
    text = folded.replace("’", "'").replace(",", " ")
    text = re.sub(r"'s$|(?<=s)'$", "", text)  # "Sanders's", "Sanders'"
    tokens = text.replace("-", " ").split()
    # a particle that opens the name unhyphenated is a first name: "Al Franken", not "al-Assad"
    first_name = (
        len(tokens) > 1 and tokens[0] in _PARTICLES and not text.startswith(tokens[0] + "-")
    )
    out = []
    for i, token in enumerate(tokens):
        if _INITIAL.match(token) or token in _SUFFIXES:
            continue
        if token in _PARTICLES and not (i == 0 and first_name):
            continue
        out.append(token)
    return out


class _Match(msgspec.Struct, frozen=True):
    score: float
    person: str
    form: str
    start: int
    end: int
    edits: int
    first_name_slip: bool = False  # the surname is right, the first name one letter off
    nickname: bool = False  # matched through a nickname ("Chris" for "Christopher")


def _best_match(analysis: Analysis, run: re.Match[str], min_similarity: float) -> _Match | None:
    """The closest KB spelling to a window of the run, or None when the run holds a known name,
    an accepted way of writing one, or nobody close; None too when two people tie."""
    from rapidfuzz import fuzz
    from rapidfuzz.distance import DamerauLevenshtein

    index = analysis.knowledge
    kb = index.kb
    spans = [(m.start(), m.end()) for m in re.finditer(r"\S+", run.group(0))]
    words = [run.group(0)[s:e] for s, e in spans]
    folded_words = [fold(w) for w in words]
    found: list[_Match] = []
    for first, last in _windows(run.group(0)):
        if folded_words[first].rstrip(".") in _NOT_A_FIRST_WORD:
            continue
        if _glued_residue(analysis, words[last]):
            continue  # "TrumpTrump", "Sanders2020": scraped link text, not a misspelling
        start, end = run.start() + spans[first][0], run.start() + spans[last][1]
        if analysis.full_name_spans.overlaps(start, end):
            continue
        # the span is the name itself: "Mnuchn" in "Steven Mnuchn's plan"
        written = re.sub(r"['’]s$|(?<=s)['’]$", "", analysis.text[start:end].rstrip(".,"))
        folded = " ".join(folded_words[first:last]) + " " + folded_words[last].rstrip(".,")
        if folded in index.known_forms:
            return None
        core = _core(folded)
        if len(core) < 2:
            continue
        by_first = set(_candidates(analysis, core[0]))
        by_last = set(index.by_last.get(core[-1], ()))
        for pid in sorted(by_first | by_last):
            for form in kb.people[pid].forms:
                form_core = _core(fold(form))
                if len(form_core) < 2:
                    continue
                if _same_person_written_otherwise(analysis, core, form_core):
                    return None
                if len(form_core) != len(core):
                    continue
                nickname = core[0] != form_core[0] and form_core[0] in (
                    index.first_name_equivalents.get(core[0], ())
                )
                if nickname:
                    # "Chris Coonns" for "Christopher Coons": the first name is the same name,
                    # and the suggestion keeps it as written ("Chris Coons")
                    form_core = [core[0], *form_core[1:]]
                    form = _with_first_name(words[first], form)
                score = fuzz.ratio(" ".join(core), " ".join(form_core))
                if score < min_similarity:
                    continue
                if pid in by_first:  # "Scott Bessant": one or two slips in the surname
                    edits = DamerauLevenshtein.distance(" ".join(core[1:]), " ".join(form_core[1:]))
                    if 0 < edits <= (1 if nickname else 2):  # a nickname and two slips: too far
                        found.append(
                            _Match(
                                score,
                                pid,
                                form,
                                start,
                                start + len(written),
                                edits,
                                nickname=nickname,
                            )
                        )
                elif core[1:] == form_core[1:]:  # "Kier Starmer": one slip in the first name
                    edits = DamerauLevenshtein.distance(core[0], form_core[0])
                    if edits == 1:
                        found.append(
                            _Match(score, pid, form, start, start + len(written), edits, True)
                        )
    if not found:
        return None
    literal = [m for m in found if not m.nickname]
    if literal:
        # a name known with this very first name beats one reached through a nickname
        # ("William Berr" is William Barr, not Robert "Bob" Berry)
        found = literal
    fitting = [m for m in found if _fits_title_before(analysis, m)]
    if fitting:
        # "House Minority Leader Kevin McCarhty": the title says which of two close names
        found = fitting
    top = max(m.score for m in found)
    best = [m for m in found if m.score == top]
    if len({" ".join(_core(fold(m.form))) for m in best}) > 1:
        return None  # as close to two different names: the copy does not say which it means
    # one spelling shared by several people ("Donald Trump", "Donald Trump Jr."): the one with
    # an office stands for it; of one person's forms, the one written like the copy ("Kristi
    # Noem" for "Kristi Noam", not "Kristi L. Noem")
    text = analysis.text
    return min(
        best,
        key=lambda m: (
            not kb.terms_of(m.person),
            m.start,
            m.person,
            abs(len(m.form.split()) - len(text[m.start : m.end].split())),
            m.form,
        ),
    )


def _with_first_name(first: str, form: str) -> str:
    """`form` with `first` for its first name and without middle initials."""
    rest = [w for w in form.split()[1:] if not re.fullmatch(r"[A-Z]\.", w)]
    return " ".join([first, *rest])


def _fits_title_before(analysis: Analysis, match: _Match) -> bool:
    """Did the person ever hold an office the title right before the name names?"""
    title, _, _ = analysis._title_before(match.start)
    if title is None:
        return False
    return bool(analysis.ever_held(title, (match.person,)))


def typing_slip(written: str, right: str) -> bool:
    """Is `written` a slip of the keyboard for `right`: two neighbouring letters swapped
    ("Sanedrs"), a letter doubled ("Warrren"), or, in a name of four letters or more, one
    dropped ("Alexaner", "Ruio", "Crz") or one vowel for another ("Sinders", "Rubia", "Omor")?
    A consonant replaced ("Comey" for "Comer"), a change in a name of three letters ("Kom") or a
    vowel in "-son"/"-sen" is not: that is how real names differ. The caller still lets off a
    written surname the knowledge base knows as another person's ("Reid" for "Reed")."""
    if len(written) == len(right):
        diff = [i for i, (a, b) in enumerate(zip(written, right, strict=True)) if a != b]
        if len(diff) == 1:
            # one vowel for another ("Sinders", "Rubia") slips in typing far more than it makes
            # another name, except in the ending of "-son"/"-sen" ("Larsen"/"Larson"); before
            # it ("Sompson", "Ellason") it is a slip again
            i = diff[0]
            return (
                written[i] in _VOWELS
                and right[i] in _VOWELS
                and len(right) >= _MIN_SLIP_LENGTH  # "Kom" for "Kim": short names collide
                and not (right.endswith(_SON_SEN) and i == len(right) - 2)
            )
        return (
            len(diff) == 2
            and diff[1] == diff[0] + 1
            and written[diff[0]] == right[diff[1]]
            and written[diff[1]] == right[diff[0]]
        )
    if len(written) == len(right) + 1:
        return any(
            written[:i] + written[i + 1 :] == right
            and written[i] in written[i - 1 : i] + written[i + 1 : i + 2]
            for i in range(len(written))
        )
    if len(written) + 1 == len(right) and len(right) >= _MIN_SLIP_LENGTH:
        return any(right[:i] + right[i + 1 :] == written for i in range(len(right)))
    return False


# in a name of three letters, one letter changed or dropped makes another name ("Kom", "Le");
# from four letters on it is a slip ("Rand Pail", "Ilhan Omor", "Dave Brt"): measured on the
# 1,984 untouched corpus articles, four letters added 8 and 11 catches on the guard sets and no flag
_MIN_SLIP_LENGTH = 4
_VOWELS = frozenset("aeiou")
_SON_SEN = ("son", "sen")


# "Patrick Shannahan, USA TODAY", "By Jane Roe": a writer's byline names the writer
_OUTLET_AFTER = re.compile(r",\s+(?:[A-Z]{2,}(?:\s+[A-Z]{2,})*|The(?:\s+[A-Z]\w+)+)\s*$")
_BY_BEFORE = re.compile(r"(?:^|\n)\s*(?:By|BY|Written by|Reporting by)\s+$")


# "Associated Press writers Jane Roe and John Doe contributed to this report."
_CONTRIBUTORS = re.compile(r"\bcontributed(?: reporting| to this (?:report|story|article))\b")


def _byline(text: str, run: re.Match[str]) -> bool:
    line_start = text.rfind("\n", 0, run.start()) + 1
    line_end = text.find("\n", run.end())
    if line_end < 0:
        line_end = len(text)
    # a byline or a contributors line is short: a long line is prose, and is not read again
    # for every name in it (a pasted article without line breaks)
    short = line_end - line_start <= _BYLINE_MAX
    return (
        (
            line_end - run.end() <= _BYLINE_MAX
            and bool(_OUTLET_AFTER.match(text[run.end() : line_end]))
        )
        or bool(_BY_BEFORE.search(text[max(0, run.start() - 20) : run.start()]))
        or (short and bool(_CONTRIBUTORS.search(text, line_start, line_end)))
    )


_BYLINE_MAX = 400


def _glued_residue(analysis: Analysis, word: str) -> bool:
    """A known surname with another word stuck to it, as scraped link text leaves it
    ("CornynThe", "TrumpTrump", "Sanders2020"), not a misspelling."""
    match = re.match(r"(.+?[a-z])([A-Z][a-z]*|\d+)\W*$", word)
    return match is not None and fold(match.group(1)) in analysis.knowledge.known_surnames


def _same_person_written_otherwise(analysis: Analysis, written: list[str], form: list[str]) -> bool:
    """The same name with or without initials, particles or hyphens, or with a nickname for the
    formal first name ("Steven Mnuchin" for "Steve Mnuchin", "Bashar Assad" for al-Assad)."""
    if written == form:
        return True
    return (
        len(written) == len(form) >= 2
        and written[1:] == form[1:]
        and analysis.knowledge.same_first_name(written[0], form[0])
    )


def _check_names(ctx: Context, rule: LoadedRule) -> Iterator[Finding]:
    p: NameParams = rule.params
    analysis = ctx.analysis
    index = analysis.knowledge
    kb = index.kb
    text = analysis.text
    day = analysis.story_date
    mentioned = {pid for m in analysis.mentions for pid in m.people}
    prominent = set(p.prominent_groups)
    typo_only = set(p.typo_only_groups)
    residue = analysis.residue
    for found in _RUN.finditer(text):
        run: re.Match[str] | None = found
        cut = residue.first_start(found.start(), found.end())
        if cut is not None:  # the name before a scraped widget, not the widget
            run = _RUN.match(text, found.start(), cut) if cut > found.start() else None
        if run is None or _byline(text, run):
            continue
        best = _best_match(analysis, run, p.min_similarity)
        if best is None:
            continue
        pid, form, start, end = best.person, best.form, best.start, best.end
        fits_title = _fits_title_before(analysis, best)
        elsewhere = pid in mentioned
        written_surname = _core(fold(text[start:end]))[-1]
        in_office = [t for t in kb.terms_of(pid) if t.may_hold(day)]
        groups = {kb.offices[t.office].group for t in in_office}
        right_surname = _core(fold(form))[-1]
        slip = not best.first_name_slip and typing_slip(written_surname, right_surname)
        alone = (
            # a slip of the keyboard counts at a lower score: in a short name ("Rand Pual")
            # one swap weighs more than the bar for a guess
            (best.score >= p.min_similarity_alone or (slip and best.score >= p.min_similarity))
            and written_surname not in index.known_surnames
            and (bool(groups & prominent) or (bool(groups & typo_only) and slip))
        )
        if not (fits_title or alone) and (best.first_name_slip or not elsewhere):
            continue  # a first-name slip needs more than the surname seen elsewhere
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
            {
                "written": text[start:end],
                "name": form,
                "fix": suggestion,
                "score": f"{best.score:.0f}",
            },
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
