"""Judge every titled mention of a known person against the terms in the knowledge base.

Shared by the `title-out-of-term` (anachronism) and `title-never-held` (wrong title) checks and by
`later-mention-of-miscast`, so a document's mentions are judged once. The verdict is only
"wrong" when the KB is sure: the dates exclude the story date for every reading, and the KB
lists every holder of the office on that date (unknown is never wrong).
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from enum import StrEnum

import msgspec

from bot.engine.analysis import Analysis, Decision, Mention
from bot.engine.finding import Evidence
from bot.engine.reading import Frame, Reading, Strength
from bot.kb.index import KnowledgeIndex
from bot.kb.model import KnowledgeBase, OfficeGroup, Role, Term
from bot.kb.officeholding_text import tenure


class Problem(StrEnum):
    OUT_OF_TERM = "out-of-term"  # held (or will hold) the office, not on the story date
    NEVER_HELD = "never-held"  # never held any office the title names
    NOT_YET_SWORN = "still-elect"  # "-elect" title after taking office


class Verdict(msgspec.Struct, frozen=True):
    mention: Mention
    person: str
    problem: Problem
    office: str  # the office the title names (as judged)
    terms: tuple[Term, ...]  # the person's terms in that office, or their actual terms
    holders: tuple[Term, ...]  # who held the office on the story date
    actual: tuple[Term, ...]  # the offices the person did hold on the story date
    later: bool = False  # the person only took the office after the story date
    # inside a direct quotation: reported only by a rule that reads quotations, as a check
    quoted: bool = False
    reading: Reading | None = None  # how the mention reads in its sentence (set when judged)


def verdicts(analysis: Analysis) -> list[Verdict]:
    """Wrong titled mentions in the document, judged once and cached on the analysis."""
    cached = analysis.__dict__.get("_officeholding")
    if cached is None:
        cached = []
        decisions = analysis.decisions
        kb = analysis.knowledge.kb
        for mention in analysis.mentions:
            if mention.title is None or not mention.people:
                continue
            verdict = _judge_all(analysis, mention)
            name = " or ".join(kb.people[p].name for p in mention.people)
            if verdict is None:
                decisions.append(
                    Decision(
                        *mention.span,
                        name,
                        "holds the office, or the KB cannot say",
                        "",
                        False,
                        "nothing to flag",
                    )
                )
                continue
            dead = _dead_before(kb, verdict.person, analysis.story_date)
            reading = analysis.read(*mention.span, dead=dead, titled=True)
            if reading.frame is Frame.UNKNOWN and _listed_with_holders(analysis, mention):
                reading = Reading(
                    Frame.CURRENT,
                    Strength.MEDIUM,
                    LISTED_WITH_HOLDERS,
                    "listed with serving officials",
                )
            quoted_now = _quoted_now(analysis, verdict, reading, dead)
            flagged, why = flags(
                verdict,
                reading,
                regnal=dead and _regnal(mention),
                conditional=_conditional(analysis, mention),
                in_own_government=_in_own_government(kb, verdict),
                quoted_now=quoted_now,
            )
            decisions.append(
                Decision(
                    *mention.span,
                    kb.people[verdict.person].name,
                    _knowledge(kb, verdict),
                    reading.describe(),
                    flagged,
                    why,
                )
            )
            if flagged:
                quoted = reading.frame is Frame.QUOTED
                judged = quoted_now or reading
                cached.append(msgspec.structs.replace(verdict, reading=judged, quoted=quoted))
        analysis.__dict__["_officeholding"] = cached
    return cached


LISTED_WITH_HOLDERS = "listed-with-holders"
# what may stand between two titled names of one list: a comma, "and", an appositive
_LIST_SEPARATOR = re.compile(
    r"^(?:,\s*(?:(?:and|or)\s+)?|\s+(?:and|or)\s+|,\s+[^,;.()]{0,50},\s*(?:(?:and|or)\s+)?)$"
)


def _listed_with_holders(analysis: Analysis, mention: Mention) -> bool:
    """Named in one list with officials who hold their offices on the story date ("CIA chief
    Gina Haspel, Director of National Intelligence James Clapper and Gen. Joseph Dunford"):
    a list of titled officials is a list of contemporaries."""
    titled = [m for m in analysis.mentions if m.title is not None and m.person is not None]
    at = next((i for i, m in enumerate(titled) if m is mention), None)
    if at is None:
        return False
    chain = [mention]
    for step in (-1, 1):
        i = at
        while 0 <= i + step < len(titled):
            a, b = (titled[i + step], titled[i]) if step < 0 else (titled[i], titled[i + step])
            if not _LIST_SEPARATOR.match(analysis.text[a.span[1] : b.span[0]]):
                break
            i += step
            chain.append(titled[i])
    return any(other is not mention and _serving(analysis, other) for other in chain)


def _serving(analysis: Analysis, mention: Mention) -> bool:
    """Does the mention's person surely hold an office its title names on the story date?"""
    assert mention.title is not None and mention.person is not None
    kb = analysis.knowledge.kb
    offices = _offices_named(analysis.knowledge, mention)
    return any(
        t.office in offices and t.surely_holds(analysis.story_date)
        for t in kb.terms_of(mention.person)
    )


def flags(
    verdict: Verdict,
    reading: Reading,
    *,
    regnal: bool = False,
    conditional: bool = True,
    in_own_government: bool = False,
    quoted_now: Reading | None = None,
) -> tuple[bool, str]:
    """Does the reading make the KB's verdict an error in this copy? Precision first: a former
    holder's title must speak of now at least through its verb; someone who only later took the
    office, or a dead monarch or pope, only through a present anchor ("on Tuesday").
    `conditional`: the sentence sets up a condition ("if", "had"), so a counterfactual in it
    may imagine the holder. `quoted_now`: inside a quotation, the quoted words' own reading
    where they speak of the former holder as in office now (see `_quoted_now`)."""
    if reading.frame is Frame.QUOTED:
        if quoted_now is not None:  # only ever set for a former holder's title
            # "President Obama is incredibly supportive," a spokeswoman said in 2018: a
            # speaker's slip for the holder, or a quote taken down wrong
            return True, f"quoted: the speaker's words speak of now ({quoted_now.describe()})"
        if verdict.problem is Problem.NEVER_HELD and in_own_government:
            # "Agriculture Secretary Jeff Sessions" in a quote: no speaker gives a colleague a
            # post in their own government they never held; the quote was taken down wrong
            return True, "quoted: a post in the person's own government they never held"
        return False, "quoted speech: the speaker's words"
    if verdict.problem is Problem.NEVER_HELD:
        # a title never held is wrong at any time; only an imagined holder or a qualifier on
        # the title itself ("former state Sen.") makes it something else
        imagined = reading.frame is Frame.HYPOTHETICAL and (
            reading.cue != _COUNTERFACTUAL or conditional
        )
        if imagined or (reading.cue in _TITLE_QUALIFYING_CUES and not reading.relation):
            # "Had President Romney won, he would have ...": an imagined holder. "The bill by
            # Rep. X would have the attorney general ..." imagines the bill, not the title.
            return False, f"{reading.describe()}: the title is qualified"
        return True, "the person never held an office this title names"
    if not reading.speaks_of_now:
        return False, f"the mention reads as {reading.frame.value}"
    if reading.on is not None and any(
        t.may_hold_during(reading.on, reading.until or reading.on) for t in verdict.terms
    ):
        until = f" to {reading.until.isoformat()}" if reading.until else ""
        when = reading.on.isoformat() + until
        return False, f"the clause is dated {when}, when the title was right"
    needed = Strength.STRONG if verdict.later or regnal else Strength.MEDIUM
    if _STRENGTH_ORDER[reading.strength] < _STRENGTH_ORDER[needed]:
        who = "a later holder" if verdict.later else "a dead monarch or pope" if regnal else ""
        return False, f"speaks of now only {reading.strength.value}ly; {who} needs {needed.value}"
    return True, f"speaks of now ({reading.strength.value})"


_COUNTERFACTUAL = "counterfactual"


def _quoted_now(
    analysis: Analysis, verdict: Verdict, reading: Reading, dead: bool
) -> Reading | None:
    """Inside a quotation, a former holder's title is checked only where the quoted words
    speak of them now ("President Obama is", "... will serve President Obama") and the
    article names them nowhere else. A person the story is about keeps a courtesy title in
    speech ("Vice President Biden is running", said of the candidate in 2020); one named once,
    in a quote about the office's present, is most likely the holder misnamed. Never for
    someone who only later took the office, nor for the dead."""
    if (
        reading.frame is not Frame.QUOTED
        or verdict.problem is not Problem.OUT_OF_TERM
        or verdict.later
        or dead
    ):
        return None
    mention = verdict.mention
    if analysis.named_elsewhere(verdict.person, mention.start):
        return None
    return analysis.quoted_now(*mention.span)


def _in_own_government(kb: KnowledgeBase, verdict: Verdict) -> bool:
    """Is the office the title names one of the government the person served in on the story
    date, short of its head ("Secretary of State" for a sitting senator)? A speaker's "President
    Sanders" or "King Bibi" is a hope or a jibe; a wrong cabinet post is a slip to check."""
    office = kb.offices[verdict.office]
    if office.group in (OfficeGroup.HEAD_OF_STATE, OfficeGroup.HEAD_OF_GOVERNMENT):
        return False
    return any(kb.offices[t.office].jurisdiction == office.jurisdiction for t in verdict.actual)


def _conditional(analysis: Analysis, mention: Mention) -> bool:
    """Does the mention's sentence set up a condition a counterfactual could rest on?"""
    sentence = analysis.document.sentence_at(mention.span[0])
    return analysis.reading.sets_condition(analysis.text, sentence.start, sentence.end)


# cues that qualify the title itself rather than dating the sentence
_TITLE_QUALIFYING_CUES = frozenset({"former-title", "imagined-holder"})
_STRENGTH_ORDER = {Strength.WEAK: 0, Strength.MEDIUM: 1, Strength.STRONG: 2}


def _knowledge(kb: KnowledgeBase, verdict: Verdict) -> str:
    office = kb.offices[verdict.office].name
    if verdict.problem is Problem.NEVER_HELD:
        return f"never held {office}"
    if verdict.problem is Problem.NOT_YET_SWORN:
        return f"already sworn in as {office}"
    return f"{office}: {'; '.join(tenure(t) for t in verdict.terms)}"


def _offices_named(index: KnowledgeIndex, mention: Mention) -> tuple[str, ...]:
    assert mention.title is not None
    if not mention.jurisdictions:
        return mention.title.offices
    within = index.offices_within(mention.title.offices, mention.jurisdictions)
    if within:
        return within
    # "Florida Rep. Marco Rubio", "Texas Sen. Ted Cruz": a state's seat in a national chamber
    kb = index.kb
    parents = {kb.jurisdictions[j].parent for j in mention.jurisdictions if j in kb.jurisdictions}
    return tuple(
        o
        for o in mention.title.offices
        if kb.offices[o].jurisdiction in parents and kb.offices[o].seats > 1
    )


def _judge_all(analysis: Analysis, mention: Mention) -> Verdict | None:
    """Judge every person the mention may name ("President Bush": both Bushes); wrong only
    when it is wrong, in the same way, for each of them."""
    found: list[Verdict] = []
    for person in mention.people:
        verdict = _judge(analysis, mention, person)
        if verdict is None:
            return None
        found.append(verdict)
    if len({v.problem for v in found}) != 1:
        return None
    # the most recent holder stands for them all in the message
    return max(found, key=lambda v: max((t.start.earliest for t in v.terms), default=date.min))


# a title first held this long after the story date, by someone who then held no office the
# KB knows, names somebody else of the same name far more often than it anticipates them
_NAMESAKE_GAP = timedelta(days=4 * 365)


def _far_ahead(terms: tuple[Term, ...], day: date) -> bool:
    return min(t.start.earliest for t in terms) > day + _NAMESAKE_GAP


def _judge(analysis: Analysis, mention: Mention, person: str) -> Verdict | None:
    assert mention.title is not None
    index = analysis.knowledge
    kb = index.kb
    day = analysis.story_date
    offices = _offices_named(index, mention)
    if not offices:
        return None
    terms = [t for t in kb.terms_of(person) if t.office in offices]
    if mention.title.elect:
        return _judge_elect(kb, mention, person, terms, day)
    regular = [t for t in terms if t.role is not Role.ELECT]
    if any(t.may_hold(day) for t in regular):
        return None
    actual = tuple(kb.offices_held(person, day))
    if regular:
        # held it at another time: wrong only if the KB is sure nobody re-appointed them
        for office in dict.fromkeys(t.office for t in regular):
            mine = tuple(t for t in regular if t.office == office)
            if surely_out_of_office(kb, office, mine, day):
                later = all(t.surely_starts_after(day) for t in mine)
                if later and not actual and _far_ahead(mine, day):
                    # "Rep. Tim Moore" of a state legislature, years before a Tim Moore sat in
                    # Congress: a namesake far likelier than an error
                    continue
                return Verdict(
                    mention,
                    person,
                    Problem.OUT_OF_TERM,
                    office,
                    mine,
                    tuple(kb.holders(office, day)),
                    actual,
                    later=later,
                )
        return None
    if any(t.role is Role.ELECT and t.may_hold(day) for t in terms):
        return None  # "President Trump" on the eve of the inauguration: leave it to editors
    if mention.org_qualified or not actual or not _title_is_specific(index, mention, actual):
        return None
    covered = [o for o in offices if kb.covered(o, day) and _lists_every_holder(kb, o, day)]
    if not covered:
        return None
    # "Interior Secretary John Kerry": the United States' office, not Mexico's of the same name
    own = {kb.offices[t.office].jurisdiction for t in actual}
    office = next((o for o in covered if kb.offices[o].jurisdiction in own), covered[0])
    return Verdict(
        mention, person, Problem.NEVER_HELD, office, (), tuple(kb.holders(office, day)), actual
    )


def _lists_every_holder(kb: KnowledgeBase, office: str, day: date) -> bool:
    """A one-seat office, or a chamber whose seats the KB fills on that day but for a few
    vacancies (a senator's death, a member's resignation): only then is "never held it" a fact.
    A chamber with more empty seats than that is one whose source misses members."""
    seats = kb.offices[office].seats
    return seats == 1 or len(kb.holders(office, day)) >= seats - seats // _VACANCIES_PER_SEAT


# at most one seat in twenty empty at once (the House had 7 of 435 vacant in mid-2018)
_VACANCIES_PER_SEAT = 20


def _dead_before(kb: KnowledgeBase, person: str, day: date) -> bool:
    died = kb.people[person].died
    return died is not None and died < day


def _regnal(mention: Mention) -> bool:
    """Titles that stay part of a dead person's name ("Pope John Paul II", "Queen Elizabeth")."""
    assert mention.title is not None
    return any(word in REGNAL_TITLES for word in mention.title.form.split())


REGNAL_TITLES = frozenset(
    "pope king queen emperor empress prince princess grand duke grand duchess sultan emir".split()
)


def surely_out_of_office(kb: KnowledgeBase, office: str, mine: tuple[Term, ...], day: date) -> bool:
    """Is the person surely not holding `office` on `day`, given their terms `mine`?

    Within the office's coverage the KB lists every holder, so yes. Past the coverage (a story
    dated after the sources' `complete_to`), only a term that ended and was followed by someone
    else's in the same seat proves it: the office moved on (Yellen -> Bessent). A holder the KB
    does not know is never assumed (stale knowledge must not flag)."""
    start, end = kb.coverage(office)
    if day < start:
        return False
    if all(t.surely_starts_after(day) for t in mine):
        return True  # a future holder, inside the listed period
    if day <= end:
        return True
    last = max(mine, key=lambda t: t.start.earliest)
    if last.end is None or not last.surely_ended_before(day):
        return False
    last_end = last.end
    return any(
        other.person != last.person
        and other.seat == last.seat
        and other.start.earliest >= last_end.earliest - timedelta(days=1)
        and other.start.latest <= day
        for other in kb.terms_by_office.get(office, ())
        if other.role is not Role.ELECT
    )


def _judge_elect(
    kb: KnowledgeBase, mention: Mention, person: str, terms: list[Term], day: date
) -> Verdict | None:
    elect = [t for t in terms if t.role is Role.ELECT]
    if any(t.may_hold(day) for t in elect):
        return None
    sworn = [t for t in terms if t.role is not Role.ELECT and t.surely_holds(day)]
    if sworn:
        return Verdict(
            mention, person, Problem.NOT_YET_SWORN, sworn[0].office, tuple(sworn), (), tuple(sworn)
        )
    return None


def _title_is_specific(index: KnowledgeIndex, mention: Mention, actual: tuple[Term, ...]) -> bool:
    """Is the title clearly not a short form of an office the person does hold?

    "President" alone may shorten "Commission President"; "Treasury Secretary" does not shorten
    "Secretary of State". A one-word title is only wrong when no office the person holds ends
    with that word."""
    assert mention.title is not None
    written = mention.title.form.lower()
    kb = index.kb
    for term in actual:
        office = kb.offices[term.office]
        for title in (*office.titles, *office.long_titles):
            t = title.lower()
            if t == written or t.endswith(" " + written) or t.startswith(written + " "):
                return False
    return True


def term_evidence(kb: KnowledgeBase, person_name: str, term: Term) -> Evidence:
    office = kb.offices[term.office].name
    role = f" ({term.role.value})" if term.role else ""
    sources = (kb.sources[s] for s in term.sources if s in kb.sources)
    return Evidence.cited(f"{person_name}: {office}{role} {tenure(term)}", sources)
