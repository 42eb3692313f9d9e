"""`predecessor-for-holder`: a bare surname that names the office's previous holder where the
article means its holder ("President Donald Trump ... Obama said on Tuesday").

News introduces a person by full name before the surname alone; a bare surname never introduced
in the article is the name the writer had in mind, not a new person. When that surname is a
former holder's of an office whose current holder the article has introduced, and the sentence
speaks of now through the surname's own verb, the surname is most likely the wrong one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import msgspec

from bot.engine.analysis import Analysis, Decision, Mention
from bot.engine.finding import Evidence, Finding
from bot.engine.kinds import CheckKind, Context
from bot.engine.officeholding import surely_out_of_office, term_evidence
from bot.engine.reading import Strength
from bot.engine.reading.scope import is_verb, verb_class
from bot.engine.rules import LoadedRule
from bot.kb.model import OfficeGroup, Role, Term
from bot.kb.officeholding_text import tenure
from bot.text.dates import long_date


class PredecessorParams(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    groups: list[OfficeGroup]  # offices whose holders are named by surname alone in copy
    # Report only a surname several former holders go by, whose offices the article gives to
    # different people ("Clinton": Obama's and Kerry's offices): no one fix is sure, so the
    # rule names them all and suggests nothing. False: a surname with one sure fix.
    several_holders: bool = False


def _introduced(analysis: Analysis, person: str, before: int) -> bool:
    """Has the article named the person in full, or with a title, before `before`?"""
    at = analysis.introduced_at(person)
    return at is not None and at < before


def _premodifier(analysis: Analysis, m: Mention) -> bool:
    """ "Obama appointees", "Obama people": the surname describes a noun, it does not speak."""
    after = _NEXT_WORD.match(analysis.text, m.end)
    if after is None:
        return False
    word = after.group(1)
    lexicon = analysis.reading.lexicon
    lowered = word.lower()
    if (
        lowered in lexicon.function_words
        or lowered in lexicon.clause_openers
        or lowered in lexicon.skippable
    ):
        return False  # "Bush on Tuesday defended", "Obama also said": no noun follows
    return (
        word[:1].islower()
        and not is_verb(word, lexicon)
        and not (verb_class(word, lexicon) is not None and not word.endswith("s"))
    )


_NEXT_WORD = re.compile(r"[ \u00a0]+([A-Za-z][\w'’-]*)")


def _holder_named(analysis: Analysis, office: str, before: int) -> str | None:
    """Whoever holds `office` on the story date, if the article introduced them before `before`."""
    kb = analysis.knowledge.kb
    for term in kb.holders(office, analysis.story_date):
        if _introduced(analysis, term.person, before):
            return term.person
    return None


def _replaced_holder(
    analysis: Analysis, person: str, groups: set[OfficeGroup], before: int
) -> tuple[str, tuple[Term, ...], str] | None:
    """The single-seat office `person` surely left, whose holder on the story date the article
    introduced before `before`: (office, the person's terms in it, the holder)."""
    kb = analysis.knowledge.kb
    day = analysis.story_date
    died = kb.people[person].died
    if died is not None and died < day:
        return None  # a dead holder's surname speaking now is someone else's
    left = [
        t
        for t in kb.terms_of(person)
        if kb.offices[t.office].group in groups
        and kb.offices[t.office].seats == 1
        and t.role is not Role.ELECT
        and t.surely_ended_before(day)  # not an office someone only takes later
    ]
    if not left or any(t.may_hold(day) for t in kb.terms_of(person)):
        return None
    for office in dict.fromkeys(t.office for t in left):
        mine = tuple(t for t in left if t.office == office)
        if not surely_out_of_office(kb, office, mine, day):
            continue
        holder = _holder_named(analysis, office, before)
        if holder is not None:
            return office, mine, holder
    return None


def _check(ctx: Context, rule: LoadedRule) -> Iterator[Finding]:
    p: PredecessorParams = rule.params
    analysis = ctx.analysis
    groups = set(p.groups)
    for m in [*analysis.mentions, *_unresolved_surnames(analysis)]:
        if not m.short or m.title is not None or not m.people:
            continue
        if (
            any(_introduced(analysis, person, m.start) for person in m.people)
            or _premodifier(analysis, m)
            or analysis.after_preposition(m.start)
            or _ADDRESSED.search(analysis.text, max(0, m.start - 6), m.start)
            or _in_longer_name(analysis.text, m.start, m.end)
            or (m.person is None and _named_otherwise(analysis.text, m.form, m.start))
        ):
            continue  # introduced, a modifier ("Obama appointees"), or "an aide to Dole"
        found = {}
        for person in m.people:
            replaced = _replaced_holder(analysis, person, groups, m.start)
            if replaced is not None:
                found[person] = replaced
        holders = {holder for _, _, holder in found.values()}
        if m.person is None and (
            # "Bush" alone: two presidents and a governor. Flag only when every reading that
            # left an office points to one holder the article introduced, or every reading left
            # an office the article gives to someone it introduced ("Clinton" where it names
            # Obama and Kerry), and no one else who goes by the surname holds an office now
            not (len(holders) == 1 or len(found) == len(m.people))
            or any(
                t.may_hold(analysis.story_date)
                for person in m.people
                for t in analysis.knowledge.kb.terms_of(person)
            )
        ):
            continue
        if not found or p.several_holders != (len(holders) > 1):
            continue
        person, (office, mine, holder) = max(
            found.items(), key=lambda item: max(t.start.earliest for t in item[1][1])
        )
        kb = analysis.knowledge.kb
        reading = analysis.read(m.start, m.end)
        flagged = (
            reading.subject and reading.speaks_of_now and (reading.strength is not Strength.WEAK)
        )
        analysis.decisions.append(
            Decision(
                m.start,
                m.end,
                kb.people[person].name,
                f"{kb.offices[office].name}: {'; '.join(tenure(t) for t in mine)}; "
                f"not introduced in the article, which names the holder "
                f"{kb.people[holder].name}",
                reading.describe(),
                flagged,
                "speaks of now through its own verb" if flagged else "no present verb",
            )
        )
        if flagged and p.several_holders:
            yield _several_finding(ctx, rule, m, found)
        elif flagged:
            yield _finding(ctx, rule, m, person, office, mine, holder)


def _in_longer_name(text: str, start: int, end: int) -> bool:
    """Is the surname part of a name the KB does not know ("George W Bush", "Laura Bush",
    "Shah Mehmood Qureshi")? A capitalised word or an initial stands right before or after it."""
    before = _WORD_BEFORE.search(text, max(0, start - 40), start)
    word = before.group(0).split()[0] if before is not None else ""
    if (
        before is not None
        and not _sentence_opener(text, before.start())
        and word.rstrip(".") not in _HONORIFICS
        and (not word.endswith(".") or _INITIALS.fullmatch(word) is not None)
    ):
        return True  # "Monday. Obama said": a sentence ends there; "George W. Bush": a name
    return _CAPITALISED_AFTER.match(text, end) is not None


def _sentence_opener(text: str, start: int) -> bool:
    head = text[:start].rstrip()
    return not head or head[-1] in ".!?:;\"“”'‘’—–(\n"


def _named_otherwise(text: str, surname: str, before: int) -> bool:
    """Has the article named someone of this surname with a first name the KB does not know
    ("President George H.W. Bush" ... "Bush said")?"""
    pattern = re.compile(rf"\b[A-Z][\w.'’-]*[ \u00a0]+{re.escape(surname)}\b")
    return any(not _sentence_opener(text, m.start()) for m in pattern.finditer(text, 0, before))


_INITIALS = re.compile(r"(?:[A-Z]\.)+")
_HONORIFICS = frozenset({"Mr", "Dr"})  # "Mr. Bush said": the surname alone
_WORD_BEFORE = re.compile(r"\b[A-Z][\w.'’-]*[ \u00a0]+$")
_CAPITALISED_AFTER = re.compile(r"[ \u00a0]+[A-Z][a-z]")

# "Mrs. Bush", "Ms. Clinton": a surname that says it is not the former holder
_ADDRESSED = re.compile(r"\b(?:Mrs|Ms|Miss|Lady)\.?\s*$")


def _unresolved_surnames(analysis: Analysis) -> list[Mention]:
    """Bare surnames the analysis could not pin to one person ("Bush"), as mentions with
    every candidate who held an office."""
    kb = analysis.knowledge.kb
    resolved = {m.start for m in analysis.mentions}
    out = []
    for hit in analysis.name_hits:
        if not hit.short or hit.start in resolved:
            continue
        people = tuple(p for p in hit.people if kb.terms_of(p))
        if len(people) < 2:
            continue
        out.append(
            Mention(
                start=hit.start,
                end=hit.end,
                form=hit.form,
                people=people,
                short=True,
                title=None,
                title_start=hit.start,
                jurisdictions=(),
            )
        )
    return out


def _finding(
    ctx: Context,
    rule: LoadedRule,
    m: Mention,
    person: str,
    office: str,
    mine: tuple[Term, ...],
    holder: str,
) -> Finding:
    kb = ctx.knowledge.kb
    holder_person = kb.people[holder]
    surname = holder_person.short[0] if holder_person.short else holder_person.name
    holder_terms = [t for t in kb.terms_of(holder) if t.office == office]
    return ctx.finding(
        rule,
        m.start,
        m.end,
        {
            "surname": ctx.document.text[m.start : m.end],
            "name": kb.people[person].name,
            "office": kb.offices[office].name,
            "holder": holder_person.name,
            "date": long_date(ctx.document.story_date),
            "tenure": "; ".join(tenure(t) for t in mine),
            "fix": surname,
        },
        [term_evidence(kb, kb.people[person].name, t) for t in mine]
        + [term_evidence(kb, holder_person.name, t) for t in holder_terms[-1:]]
        + [
            Evidence(
                f"the article names {holder_person.name} earlier and never introduces "
                f"{kb.people[person].name}",
                "the article itself",
            )
        ],
    )


def _several_finding(
    ctx: Context,
    rule: LoadedRule,
    m: Mention,
    found: dict[str, tuple[str, tuple[Term, ...], str]],
) -> Finding:
    """A surname every reading of which left an office the article gives to someone else, each
    to a different holder: the finding names every reading and suggests nothing."""
    kb = ctx.knowledge.kb
    readings = sorted(found.items(), key=lambda item: kb.people[item[0]].name)
    names = " or ".join(
        f"{kb.people[person].name} ({kb.offices[office].name}, "
        f"{'; '.join(tenure(t) for t in mine)})"
        for person, (office, mine, _) in readings
    )
    holders = " and ".join(dict.fromkeys(kb.people[h].name for _, (_, _, h) in readings))
    evidence = [
        term_evidence(kb, kb.people[person].name, t)
        for person, (_, mine, _) in readings
        for t in mine
    ] + [
        Evidence(
            f"the article names {holders} earlier and introduces no one called "
            f"{ctx.document.text[m.start : m.end]}",
            "the article itself",
        )
    ]
    return ctx.finding(
        rule,
        m.start,
        m.end,
        {
            "surname": ctx.document.text[m.start : m.end],
            "name": names,
            "office": "",
            "holder": holders,
            "date": long_date(ctx.document.story_date),
            "tenure": "",
            "fix": "",
        },
        evidence,
    )


PREDECESSOR_FOR_HOLDER = CheckKind(
    "predecessor-for-holder",
    PredecessorParams,
    frozenset({"surname", "name", "office", "holder", "date", "tenure", "fix"}),
    run=_check,
)
