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
from datetime import date, timedelta

import msgspec

from bot.engine.analysis import Analysis, Decision, Mention
from bot.engine.finding import Evidence, Finding, Severity
from bot.engine.kinds import CheckKind, Context
from bot.engine.officeholding import Problem, Verdict, term_evidence, verdicts
from bot.engine.reading import Frame, Reading, Strength
from bot.engine.rules import LoadedRule
from bot.kb.corroboration import unconfirmed
from bot.kb.model import KnowledgeBase, OfficeGroup, Role, Term
from bot.kb.officeholding_text import tenure
from bot.text.dates import long_date

# the reading cue (rules/reading/cues.yaml) that reads a title as now only because nothing
# else in the sentence dates it
TITLE_AS_LABEL = "title-as-label"
PLACEHOLDERS = frozenset(
    {"name", "title", "office", "date", "tenure", "holder", "fix", "actual", "surname", "later"}
)


class OfficeholderParams(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    """The knowledge base holds the facts; a rule only says whether it reads direct quotations
    (only those, as a check of the quote) or the paper's own words (the default)."""

    in_quotations: bool = False


class AdministrationParams(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    words: list[str]  # "administration", "White House", "government"
    groups: list[OfficeGroup]  # whose office the word stands for
    # offices whose holder still heads a government in copy ("Erdogan's government" once he
    # became president, "Putin's government")
    also_led_by: list[OfficeGroup] = []
    # Read only direct quotations, and flag one where a cue that dates quoted words
    # (rules/reading, `dates_quoted_words`) decides the mention: as its verb's subject ("the
    # Obama administration is playing games", said in 2014), or as an object where the article
    # names the person nowhere else. False: quotations are the speaker's words, left alone.
    in_quotations: bool = False


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
        # a wrong title: give the person's actual office; the message names the holder
        actual_title = _titled(kb, verdict.actual[0])
        fix = f"{written}, the {actual_title}" if m.span_end >= 0 else f"{actual_title} {written}"
    elif m.span_end >= 0:  # an appositive: "Olaf Scholz, the German chancellor,"
        fix = f"{holder}, the {title}" if holder else f"{written}, the former {title}"
    elif verdict.problem is Problem.NOT_YET_SWORN:
        fix = f"{title.removesuffix('-elect').removesuffix(' elect')} {written}"
    elif verdict.reading is not None and verdict.reading.cue == TITLE_AS_LABEL:
        # read as now from the title alone: the sentence may yet speak of the past, so the
        # only safe fix keeps the person and says "former" (never the holder's name)
        fix = f"former {title} {written}"
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
        "later": _later_note(analysis, verdict, _later_mentions(analysis, verdict)),
    }


def _later_mentions(analysis: Analysis, verdict: Verdict) -> list[Mention]:
    """Later bare mentions of a miscast person that carry the same error: the subject of a verb
    that speaks of now ("Biden on Tuesday denied"), not quoted, not history."""
    m = verdict.mention
    first = verdict.reading
    sure = first is not None and (
        first.strength is Strength.STRONG or (first.strength is Strength.MEDIUM and first.subject)
    )
    out = []
    for x in analysis.mentions_of.get(verdict.person, ()):
        if x.start <= m.end or x.title is not None or analysis.after_preposition(x.start):
            continue
        reading = analysis.read(*x.span)
        if not (reading.speaks_of_now and reading.subject):
            continue
        # the same error only where the first mention surely makes it, or this one says "now"
        # itself ("Biden on Tuesday denied"): a doubtful first mention never cascades
        if reading.strength is Strength.STRONG or (sure and reading.strength is Strength.MEDIUM):
            out.append(x)
    return out


def _later_note(analysis: Analysis, verdict: Verdict, later: list[Mention]) -> str:
    """One error, one finding: the other later mentions are named in a note, never flagged one
    by one."""
    if not later:
        return ""
    forms = ", ".join(dict.fromkeys(f"“{analysis.text[x.start : x.end]}”" for x in later))
    times = "once more" if len(later) == 1 else f"{len(later)} more times"
    return f" The article names them {times} below ({forms}): check those too."


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
    if verdict.reading is not None and verdict.reading.cue:
        frame = (
            "the mention is inside a direct quotation"
            if verdict.quoted
            else "the sentence speaks of the story's present"
        )
        out.append(
            Evidence(
                f"{frame}: {verdict.reading.describe()}",
                "Copydesk reading model",
                _cue_url(verdict.reading.cue),
            )
        )
    return out


def _cue_url(cue_id: str) -> str:
    return f"https://github.com/copydesk/copydesk/blob/main/rules/reading/cues.yaml#{cue_id}"


def _report(ctx: Context, rule: LoadedRule, problems: set[Problem]) -> Iterator[Finding]:
    p: OfficeholderParams = rule.params
    for verdict in verdicts(ctx.analysis):
        if verdict.problem in problems and verdict.quoted == p.in_quotations:
            finding = ctx.finding(
                rule,
                *verdict.mention.span,
                _values(ctx.analysis, verdict),
                _evidence(ctx.analysis, verdict),
            )
            yield _unless_unconfirmed(ctx, finding, _relied_on(verdict))


def _unless_unconfirmed(ctx: Context, finding: Finding, terms: tuple[Term, ...]) -> Finding:
    """A verdict that relies on a change of holder only one unchecked source states is a
    warning that says so: that source may be wrong (bot.kb.corroboration)."""
    note = unconfirmed(ctx.analysis.knowledge.kb, terms, ctx.analysis.story_date)
    if note is None:
        return finding
    message = f"{finding.message} {note}"
    return msgspec.structs.replace(finding, severity=Severity.WARNING, message=message)


def _relied_on(verdict: Verdict) -> tuple[Term, ...]:
    return (*verdict.terms, *verdict.holders, *verdict.actual)


def _out_of_term(ctx: Context, rule: LoadedRule) -> Iterator[Finding]:
    return _report(ctx, rule, {Problem.OUT_OF_TERM, Problem.NOT_YET_SWORN})


def _never_held(ctx: Context, rule: LoadedRule) -> Iterator[Finding]:
    return _report(ctx, rule, {Problem.NEVER_HELD})


def _later_mention(ctx: Context, rule: LoadedRule) -> Iterator[Finding]:
    """After "President Joe Biden" (miscast), "Biden on Tuesday denied": one finding for the
    first later mention that speaks of now, the rest in its note, never one per mention."""
    analysis = ctx.analysis
    seen: set[str] = set()
    for verdict in verdicts(analysis):
        if verdict.problem is not Problem.OUT_OF_TERM or verdict.quoted or verdict.person in seen:
            continue
        seen.add(verdict.person)
        later = _later_mentions(analysis, verdict)
        if not later:
            continue
        first, rest = later[0], later[1:]
        values = _values(analysis, verdict) | {
            "surname": analysis.text[first.start : first.end],
            "later": _later_note(analysis, verdict, rest),
        }
        finding = ctx.finding(rule, first.start, first.end, values, _evidence(analysis, verdict))
        yield _unless_unconfirmed(ctx, finding, _relied_on(verdict))


# -- "the Biden administration" ---------------------------------------------------------------
# Between an election and the inauguration the winner's team is already "the Trump
# administration" in copy ("nominated for housing secretary in the Trump administration").
_TRANSITION = timedelta(days=100)


def _in_transition(terms: list[Term], day: date) -> bool:
    return any(day < t.start.earliest <= day + _TRANSITION for t in terms)


def _administration(ctx: Context, rule: LoadedRule) -> Iterator[Finding]:
    p: AdministrationParams = rule.params
    analysis = ctx.analysis
    kb = analysis.knowledge.kb
    text = analysis.text
    day = analysis.story_date
    words = "|".join(re.escape(w) for w in sorted(p.words, key=len, reverse=True))
    # "Biden administration", "Biden's White House", "Biden-Harris administration" (the ticket)
    follows = re.compile(rf"(?-i:[-–][A-Z][\w'’]+)?(?:['’]s)?\s+(?P<word>{words})\b", re.IGNORECASE)
    groups = set(p.groups)
    also = set(p.also_led_by)
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
            if (
                any(t.may_hold(day) for t in terms)
                or _in_transition(terms, day)
                or any(
                    kb.offices[t.office].group in also and t.may_hold(day)
                    for t in kb.terms_of(person)
                )
            ):
                break
            covered = [t for t in terms if kb.covered(t.office, day)]
            if not covered:
                break
            wrong.append((person, covered))
        else:
            if not wrong:
                continue
            person, terms = wrong[0]
            reading = _administration_reading(
                analysis, person, hit.start, after.end(), p.in_quotations
            )
            if reading is None:
                continue
            flagged = reading.speaks_of_now and reading.strength is not Strength.WEAK
            if flagged or not p.in_quotations:  # one decision per mention for --explain
                analysis.decisions.append(
                    Decision(
                        hit.start,
                        after.end(),
                        kb.people[person].name,
                        "; ".join(tenure(t) for t in terms),
                        reading.describe(),
                        flagged,
                        "speaks of now" if flagged else f"reads as {reading.frame.value}",
                    )
                )
            if not flagged:
                continue
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
                    "surname": text[hit.start : after.start("word")].strip(),
                    "title": word,
                    "office": kb.offices[office].name,
                    "date": long_date(day),
                    "tenure": "; ".join(tenure(t) for t in terms),
                    "holder": holder.name if holder else "someone else",
                    "fix": f"{holder_short} {word}" if holder else "",
                    "actual": "",
                    "later": "",
                },
                [term_evidence(kb, kb.people[person].name, t) for t in terms]
                + [term_evidence(kb, kb.people[h.person].name, h) for h in holders[:1]]
                + [
                    Evidence(
                        f"the {'quoted words speak' if p.in_quotations else 'sentence speaks'}"
                        f" of the story's present: {reading.describe()}",
                        "Copydesk reading model",
                        _cue_url(reading.cue or ""),
                    )
                ],
            )
            yield _unless_unconfirmed(ctx, finding, (*terms, *holders[:1]))


def _administration_reading(
    analysis: Analysis, person: str, start: int, end: int, in_quotations: bool
) -> Reading | None:
    """How an administration mention reads: the sentence's reading, or, for a rule that reads
    direct quotations, the quoted words' own where a cue that dates them decides it, for their
    verb's subject ("the Obama administration is stalling"), or for its object where the
    article names the person nowhere else ("amid the chaos of the Obama administration" in a
    story that is not about Obama). None for a mention that rule does not read: outside a
    quotation, or dated another way."""
    reading = analysis.read(start, end, administration=True)
    if not in_quotations:
        return reading
    if reading.frame is not Frame.QUOTED:
        return None
    inner = analysis.quoted_now(start, end)
    if inner is None or (not inner.subject and analysis.named_elsewhere(person, start)):
        return None
    return inner


def _dead_before(kb: KnowledgeBase, person: str, day: date) -> bool:
    died = kb.people[person].died
    return died is not None and died < day


TITLE_OUT_OF_TERM = CheckKind(
    "title-out-of-term", OfficeholderParams, PLACEHOLDERS, run=_out_of_term
)
TITLE_NEVER_HELD = CheckKind("title-never-held", OfficeholderParams, PLACEHOLDERS, run=_never_held)
LATER_MENTION = CheckKind(
    "later-mention-of-miscast", OfficeholderParams, PLACEHOLDERS, run=_later_mention
)
ADMINISTRATION = CheckKind(
    "administration-out-of-term", AdministrationParams, PLACEHOLDERS, run=_administration
)
