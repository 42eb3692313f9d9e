"""People and offices: a title the person did not hold on the story date.

- `title-out-of-term` (anachronism): "President Joe Biden" in July 2025; "Chinese Premier Li
  Keqiang" in 2025; "President-elect Donald Trump" after the inauguration.
- `title-never-held` (wrong title): "Commerce Secretary Jamieson Greer".
- `administration-out-of-term`: "the Biden administration" when Biden was not in office.
- `later-mention-of-miscast`: "Biden on Tuesday denied" after the article cast him as president.
The suggestion names who held the office on the story date.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

import msgspec

from bot.engine.analysis import Analysis
from bot.engine.finding import Evidence, Finding, Severity
from bot.engine.kinds import CheckKind, Context
from bot.engine.language import HISTORY_BEFORE, PRESENT_CUES, is_past_verb, word_before
from bot.engine.officeholding import Problem, Verdict, term_evidence, verdicts
from bot.engine.rules import LoadedRule
from bot.kb.corroboration import unconfirmed
from bot.kb.model import KnowledgeBase, OfficeGroup, Role, Term
from bot.kb.officeholding_text import tenure
from bot.text.dates import long_date

PLACEHOLDERS = frozenset(
    {"name", "title", "office", "date", "tenure", "holder", "fix", "actual", "surname"}
)


class OfficeholderParams(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    """Officeholder kinds need no parameters; the knowledge base holds the facts."""


class AdministrationParams(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    words: list[str]  # "administration", "White House", "government"
    groups: list[OfficeGroup]  # whose office the word stands for


def _name(kb: KnowledgeBase, person: str) -> str:
    return kb.people[person].name


def _titled(kb: KnowledgeBase, term: Term) -> str:
    office = kb.offices[term.office]
    title = office.titles[0] if office.titles else office.name
    adjective = _adjective(kb, office.jurisdiction)
    return (
        f"{adjective} {title}".strip()
        if adjective and adjective.lower() not in title.lower()
        else title
    )


def _adjective(kb: KnowledgeBase, jurisdiction: str) -> str:
    j = kb.jurisdictions.get(jurisdiction)
    return j.adjectives[0] if j and j.adjectives else ""


def _values(analysis: Analysis, verdict: Verdict) -> dict[str, str]:
    kb = analysis.knowledge.kb
    m = verdict.mention
    text = analysis.text
    title = m.title_text
    name = _name(kb, verdict.person)
    office = kb.offices[verdict.office]
    holders = [h for h in verdict.holders if h.person != verdict.person]
    holder = ", ".join(_name(kb, h.person) for h in holders) if office.seats == 1 else ""
    actual = "; ".join(f"{kb.offices[t.office].name}" for t in verdict.actual)
    written = text[m.start : m.end]
    if verdict.problem is Problem.NEVER_HELD and verdict.actual:
        # a wrong title: give the person's actual office (the fix an editor needs);
        # the message names the holder
        actual_title = _titled(kb, verdict.actual[0])
        fix = f"{written}, the {actual_title}" if m.span_end >= 0 else f"{actual_title} {written}"
    elif m.span_end >= 0:  # an appositive: "Olaf Scholz, the German chancellor,"
        fix = f"{holder}, the {title}" if holder else f"{written}, the former {title}"
    elif verdict.problem is Problem.NOT_YET_SWORN:
        fix = f"{title.removesuffix('-elect').removesuffix(' elect')} {written}"
    elif holder:
        fix = f"{title} {holder}"
    elif verdict.actual:
        fix = f"{_titled(kb, verdict.actual[0])} {written}"
    else:
        fix = f"former {title} {written}"
    return {
        "name": name,
        "title": title,
        "office": office.name,
        "date": long_date(analysis.story_date),
        "tenure": "; ".join(tenure(t) for t in verdict.terms) or "never",
        "holder": holder or "someone else",
        "fix": fix,
        "actual": actual or "no office the knowledge base knows of",
        "surname": text[m.start : m.end],
    }


def _evidence(analysis: Analysis, verdict: Verdict) -> list[Evidence]:
    kb = analysis.knowledge.kb
    out = [term_evidence(kb, _name(kb, verdict.person), t) for t in verdict.terms]
    out += [
        term_evidence(kb, _name(kb, h.person), h)
        for h in verdict.holders
        if h.person != verdict.person
    ][:2]
    if verdict.problem is Problem.NEVER_HELD:
        out += [term_evidence(kb, _name(kb, verdict.person), t) for t in verdict.actual]
    return out


def _report(ctx: Context, rule: LoadedRule, problems: set[Problem]) -> Iterator[Finding]:
    for verdict in verdicts(ctx.analysis):
        if verdict.problem in problems:
            finding = ctx.finding(
                rule,
                *verdict.mention.span,
                _values(ctx.analysis, verdict),
                _evidence(ctx.analysis, verdict),
            )
            yield _unless_unconfirmed(ctx, finding, verdict)


def _unless_unconfirmed(ctx: Context, finding: Finding, verdict: Verdict) -> Finding:
    """A verdict that relies on a change of holder only one unchecked source states is a
    warning that says so: that source may be wrong (bot.kb.corroboration)."""
    terms = (*verdict.terms, *verdict.holders, *verdict.actual)
    note = unconfirmed(ctx.analysis.knowledge.kb, terms, ctx.analysis.story_date)
    if note is None:
        return finding
    message = f"{finding.message} {note}"
    return msgspec.structs.replace(finding, severity=Severity.WARNING, message=message)


def _out_of_term(ctx: Context, rule: LoadedRule) -> Iterator[Finding]:
    return _report(ctx, rule, {Problem.OUT_OF_TERM, Problem.NOT_YET_SWORN})


def _never_held(ctx: Context, rule: LoadedRule) -> Iterator[Finding]:
    return _report(ctx, rule, {Problem.NEVER_HELD})


def _later_mentions(ctx: Context, rule: LoadedRule) -> Iterator[Finding]:
    """After "President Joe Biden" (miscast), "Biden on Tuesday denied": the same error."""
    analysis = ctx.analysis
    miscast = {v.person: v for v in verdicts(analysis) if v.problem is Problem.OUT_OF_TERM}
    if not miscast:
        return
    for m in analysis.mentions:
        verdict = miscast.get(m.person or "")
        if verdict is None or m.start <= verdict.mention.end or m.title is not None:
            continue
        if analysis.mention_is_historical(m):
            continue
        if _possessive_or_object(analysis.text, m.start):
            continue
        values = _values(analysis, verdict) | {"surname": analysis.text[m.start : m.end]}
        finding = ctx.finding(rule, m.start, m.end, values, _evidence(analysis, verdict))
        yield _unless_unconfirmed(ctx, finding, verdict)


def _possessive_or_object(text: str, start: int) -> bool:
    before = word_before(text, start, 1)
    return bool(before) and before[0] in {"under", "by", "of", "with", "against", "about"}


# -- "the Biden administration" ---------------------------------------------------------------
def _administration(ctx: Context, rule: LoadedRule) -> Iterator[Finding]:
    p: AdministrationParams = rule.params
    analysis = ctx.analysis
    kb = analysis.knowledge.kb
    text = analysis.text
    day = analysis.story_date
    words = "|".join(re.escape(w) for w in sorted(p.words, key=len, reverse=True))
    follows = re.compile(rf"(?:['’]s)?\s+(?P<word>{words})\b", re.IGNORECASE)
    groups = set(p.groups)
    for hit in analysis.name_hits:
        after = follows.match(text, hit.end)
        if not after:
            continue
        people = [person for person in hit.people if not _dead_before(kb, person, day)]
        people = [
            person
            for person in people
            if any(kb.offices[t.office].group in groups for t in kb.terms_of(person))
        ]
        if not people:
            continue
        wrong: list[tuple[str, list[Term]]] = []
        for person in people:
            terms = [
                t
                for t in kb.terms_of(person)
                if kb.offices[t.office].group in groups and t.role is not Role.ELECT
            ]
            if any(t.may_hold(day) for t in terms):
                break
            covered = [t for t in terms if kb.covered(t.office, day)]
            if not covered:
                break
            wrong.append((person, covered))
        else:
            if not wrong or _historical_administration(analysis, hit.start, after.end()):
                continue
            person, terms = wrong[0]
            office = terms[-1].office
            holders = kb.holders(office, day)
            holder = kb.people[holders[0].person] if holders else None
            holder_short = (
                (holder.short[0] if holder and holder.short else holder.name) if holder else ""
            )
            word = after.group("word")
            finding = ctx.finding(
                rule,
                hit.start,
                after.end(),
                {
                    "name": kb.people[person].name,
                    "surname": hit.form,
                    "title": word,
                    "office": kb.offices[office].name,
                    "date": long_date(day),
                    "tenure": "; ".join(tenure(t) for t in terms),
                    "holder": holder.name if holder else "someone else",
                    "fix": f"{holder_short} {word}" if holder else f"former {hit.form} {word}",
                    "actual": "",
                },
                [term_evidence(kb, kb.people[person].name, t) for t in terms]
                + [term_evidence(kb, kb.people[h.person].name, h) for h in holders[:1]],
            )
            note = unconfirmed(kb, (*terms, *holders[:1]), day)
            yield (
                msgspec.structs.replace(
                    finding, severity=Severity.WARNING, message=f"{finding.message} {note}"
                )
                if note
                else finding
            )


_LEGACY_AFTER = re.compile(
    r"(?:['’]s\b|-era\b|\s+(?:era|officials?|veterans?|alum(?:ni|nus|na)?|appointees?|"
    r"policy|policies|rules?|regulations?|programs?|initiatives?|years|tenure|holdovers?)\b)",
    re.IGNORECASE,
)


def _dead_before(kb: KnowledgeBase, person: str, day: date) -> bool:
    died = kb.people[person].died
    return died is not None and died < day


def _historical_administration(analysis: Analysis, start: int, end: int) -> bool:
    """'under the Biden administration', 'the Biden administration imposed ...' speak of the
    past; 'as the Biden administration considers ...' speaks of now."""
    if analysis.is_historical(start, end):
        return True
    # its legacy or its people: "the Obama administration's rule", "a Bush administration
    # official", "Trump-era tariffs" speak of the administration as a thing of the past
    if _LEGACY_AFTER.match(analysis.text, end):
        return True
    before = word_before(analysis.text, start, 2)
    if any(w in HISTORY_BEFORE or w in {"during", "last", "prior", "previous"} for w in before):
        return True
    following = re.findall(r"[A-Za-z]+", analysis.text[end : end + 60])[:4]
    for word in following:
        if word.lower() in PRESENT_CUES or word.lower() in {"will", "would", "plans"}:
            return False
        if is_past_verb(word):
            return True
    return False


TITLE_OUT_OF_TERM = CheckKind(
    "title-out-of-term", OfficeholderParams, PLACEHOLDERS, run=_out_of_term
)
TITLE_NEVER_HELD = CheckKind("title-never-held", OfficeholderParams, PLACEHOLDERS, run=_never_held)
LATER_MENTION = CheckKind(
    "later-mention-of-miscast", OfficeholderParams, PLACEHOLDERS, run=_later_mentions
)
ADMINISTRATION = CheckKind(
    "administration-out-of-term", AdministrationParams, PLACEHOLDERS, run=_administration
)
