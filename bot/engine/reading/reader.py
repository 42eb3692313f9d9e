"""The reading model: in what time frame does a mention speak, and which cue decided it?

Asked of a span that names a person with a title, a bare surname or an administration. The cues
are data (`rules/reading/`); this module decides their order, from the narrowest scope out:
a quotation, the title phrase itself (its modifiers, the words before and after it), the verb
the mention is the subject of, then its clause. The first cue that decides wins, and the
reading keeps it, so that a finding or `copydesk check --explain` can say why.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

import msgspec

from bot.document.model import Document
from bot.engine.language import is_headline, word_before
from bot.engine.reading import scope
from bot.engine.reading.cues import Cue, Frame, Lexicon, Scope, Strength, VerbClass, load_cues
from bot.text.dates import DATE_PATTERN
from bot.text.words import MONTHS

_YEAR = re.compile(r"(?<![\w$.,-])((?:19|20)\d{2})(?:s)?(?![\w%-])")
# A year counts for the clause only as an adverbial: "in 2019", "since 2015", "May 3, 2019";
# "the 2024 deal" names a thing, not the clause's time.
_ADVERBIAL_BEFORE = re.compile(
    r"(?:\b(?:in|during|since|until|till|through|from|between|around|before|after|by|early|late|"
    r"mid|spring|summer|fall|autumn|winter|of)|\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|"
    r"Nov|Dec)[a-z]*\.?(?:\s+\d{1,2},?)?|[(,-])\s*$",
    re.IGNORECASE,
)
_PREPOSITIONS = frozenset(
    "to of for with against at on in from by about over under into onto toward towards".split()
)
# a clause these open is background to another ("When Rice went on the talk shows, ...")
_SUBORDINATORS = (
    r"(?:when|while|whereas|after|before|as|because|although|though|if|since|who|which|that)\b"
)
_RELATIVE = re.compile(r",\s+who\s+")
# a comma that sets off a phrase or closes a quotation, not the one in "100,000"
_PHRASE_COMMA = re.compile(r",(?=[\s\"”’'])")
_RELATIONS = frozenset("to of for with under at in".split())
_CONJUNCTIONS = frozenset("and or but nor yet so".split())
_DETERMINERS = frozenset("the a an his her their its our this that these those".split())
_ARTICLES = frozenset({"a", "an"})
_SAID = frozenset({"said", "told"})
# the mention is a possessor: "President X's proposed plan", "the X government's support"
_POSSESSIVE_AFTER = re.compile(r"['’]s?\b")
_INFINITIVE = re.compile(r"\s+to\s+([a-z]+)\b")
# what a reported statement's verb looks like when it speaks of now: the present, the future or
# the past progressive of reported speech ("was trying to mislead"), not the simple past
_TENSE_OF_NOW = re.compile(
    r"(?:is|are|has|have|will|would|can|could|may|might|must|should|(?:was|were)\s+[\"“]?\w+ing)\b"
)
# a reporting aside between a subject and its verb: ", Zhao added,", ", the ministry said,"
_REPORTING_ASIDE = re.compile(
    r",\s+(?:(?:the|a|an|[A-Z][\w.'’-]*)\s+){1,3}(?:said|says|added|adds|told reporters|"
    r"noted|notes|argued|argues|wrote|writes|insisted|insists)(?:\s+on\s+\w+)?,\s+"
)
# lowercase words that qualify a capitalised title without ending its phrase
_TITLE_QUALIFIERS = frozenset({"acting", "interim", "caretaker"})


class Reading(msgspec.Struct, frozen=True):
    """A mention's time frame at the story date, how sure, and the cue that decided it."""

    frame: Frame
    strength: Strength = Strength.WEAK
    cue: str | None = None
    evidence: str = ""  # the words the cue found ("on Tuesday", "former")
    subject: bool = False  # the mention is the subject of its clause's verb
    on: date | None = None  # the day the clause itself names ("met Bolton on July 10")
    until: date | None = None  # with `on`, the last day of a month it names ("In August")
    # the cue dates a relation of another noun, not the title: "a former adviser to President
    # X" (the adviser is former; a title X never held stays wrong)
    relation: bool = False

    @property
    def speaks_of_now(self) -> bool:
        return self.frame in (Frame.CURRENT, Frame.FUTURE)

    def describe(self) -> str:
        """One line for `--explain` and for evidence: "current (strong): present-anchor «on
        Tuesday»"."""
        cue = f": {self.cue}" if self.cue else ""
        words = f" «{self.evidence}»" if self.evidence else ""
        strength = f" ({self.strength.value})" if self.speaks_of_now else ""
        return f"{self.frame.value}{strength}{cue}{words}"


# "had" and "were" set up a condition only inverted, at the head of their clause ("Had
# Romney won, ...", "Were he president, ...")
_INVERTED_CONDITIONS = frozenset({"had", "were"})
_CLAUSE_START = frozenset(("", ",", ";", ":", "—", "–", "(", '"', "“"))


class ReadingModel:
    """Compiled cues plus the lexicon; immutable, built once with the ruleset."""

    def __init__(self, lexicon: Lexicon, cues: tuple[Cue, ...]) -> None:
        self.lexicon = lexicon
        self.cues = cues
        self._by_scope: dict[Scope, tuple[Cue, ...]] = {
            s: tuple(c for c in cues if c.spec.scope is s) for s in Scope
        }
        self._yielding = frozenset(c.id for c in cues if c.spec.yields_to_anchor)
        self._dating_quotes = frozenset(c.id for c in cues if c.spec.dates_quoted_words)

    def sets_condition(self, text: str, lo: int, hi: int) -> bool:
        """Does `text[lo:hi]` set up a condition ("if", "had ... won") a counterfactual can
        rest on?"""
        markers = self.lexicon.condition_markers
        for word in scope.words(text, lo, hi):
            lowered = word.group(0).lower()
            if lowered not in markers:
                continue
            if lowered in _INVERTED_CONDITIONS and text[lo : word.start()].rstrip()[-1:] not in (
                _CLAUSE_START
            ):
                continue  # "in which 20 children were killed": a past tense, not "Were he ..."
            return True
        return False

    def read_quoted(self, document: Document, start: int, end: int) -> Reading | None:
        """Inside a direct quotation, the time frame the quoted words themselves give the
        mention, read as if the quotation stood alone; None outside a quotation. The paper does
        not vouch for a speaker's words, but "the Obama administration is playing games" in
        2014 is a quote to check against the recording, not history."""
        text = document.text
        p_start, p_end = document.paragraphs[document.paragraph_index(start)]
        quote = scope.quote_around(text[p_start:p_end], start - p_start)
        if quote is None:
            return None
        inner_start, inner_end = p_start + quote[0] + 1, p_start + quote[1]
        if inner_end > inner_start and text[inner_end - 1] in scope.QUOTE_MARKS:
            inner_end -= 1  # the closing mark
        words = example_document(text[inner_start:inner_end], document.story_date)
        return self.read(words, start - inner_start, end - inner_start, administration=True)

    def quoted_now(self, document: Document, start: int, end: int) -> Reading | None:
        """The reading of a mention inside a direct quotation where a cue that dates quoted words
        decides it ("President Obama is stalling", "... will sign it on Tuesday", "the chaos of
        the Obama administration has ..."; `Reading.subject` says whether the mention is the
        verb's subject); None otherwise, and outside a quotation."""
        inner = self.read_quoted(document, start, end)
        if inner is None or inner.cue not in self._dating_quotes:
            return None
        before = scope.words(document.text, max(0, start - 30), start)
        if (
            not inner.subject
            and before
            and before[-1].group(0).lower() in self.lexicon.temporal_prepositions
        ):
            return None  # "cleaning up after President X": a point in time, not an actor
        return inner

    def cue(self, cue_id: str) -> Cue:
        return next(c for c in self.cues if c.id == cue_id)

    def read(
        self,
        document: Document,
        start: int,
        end: int,
        *,
        dead: bool = False,
        titled: bool = False,
        administration: bool = False,
    ) -> Reading:
        """Read the mention `document.text[start:end]` (title and name, or "X administration").
        `titled`: a title with a name, which news uses as a label of the present office when
        nothing else in the sentence dates it; `administration`: "X administration", which
        speaks of now on the same terms only where the sentence has a present anchor."""
        text = document.text
        sentence = document.sentence_at(start)
        p_start, p_end = document.paragraphs[document.paragraph_index(start)]
        quote = scope.quote_around(text[p_start:p_end], start - p_start)
        if quote is not None:
            return self._reading(Scope.QUOTE, Frame.QUOTED, text[p_start + quote[0] : start][:40])
        np_start, decided = self._modifiers(text, start, end, sentence.start)
        if decided is None:
            decided = self._around(text, start, end, np_start, sentence.start, sentence.end)
            if decided is not None and decided.speaks_of_now:
                # "ran in 1992 to defeat President Bush": the phrase is that year's
                year = document.story_date.year
                decided = self._discounted(decided, text, sentence.start, sentence.end, year)
            if decided is not None and decided.cue in self._yielding:
                # only in the mention's own phrase: in "The rule, introduced by President Bush,
                # was challenged on Tuesday" the anchor dates the challenge, not the rule
                clause = scope.clause_around(
                    text, start, end, sentence.start, sentence.end, self.lexicon
                )
                phrase_end = clause.end
                comma = text.find(",", end, clause.end)
                if comma >= 0:
                    phrase_end = comma
                verbs = scope.verbs_in(text, end, phrase_end, self.lexicon)
                if verbs:
                    phrase_end = verbs[0].start()  # "... was withdrawn on Friday": another verb's
                anchored = self._anchor(text[end:phrase_end])
                decided = anchored or decided
        if decided is None:
            decided = self._in_clause(document, start, end, np_start, dead)
            if (
                (titled or administration)
                and decided.frame is Frame.UNKNOWN
                and self._label_may_decide(document, start, end, decided)
            ):
                # an administration is more often named for its past than a person for their
                # office: it speaks of now only where the sentence says "now" ("on Tuesday")
                sentence = document.sentence_at(start)
                if titled or self._anchor(document.text[sentence.start : sentence.end]):
                    decided = self._title_label(document, start, dead) or decided
        if decided.speaks_of_now:
            span = self._clause_date(document, start, end)
            if span is None and self._is_recent_month(decided.cue):
                span = _month_span(decided.evidence, document.story_date)
            if span is not None:
                decided = msgspec.structs.replace(decided, on=span[0], until=span[1])
        return decided

    def _is_recent_month(self, cue_id: str | None) -> bool:
        return any(c.id == cue_id and c.spec.recent_month for c in self._by_scope[Scope.CLAUSE])

    def _clause_date(
        self, document: Document, start: int, end: int
    ) -> tuple[date, date | None] | None:
        """The calendar day the mention's clause names, if it names one: a title is then
        judged on that day ("a meeting with Bolton on July 10" in an October story)."""
        text = document.text
        sentence = document.sentence_at(start)
        clause = scope.clause_around(text, start, end, sentence.start, sentence.end, self.lexicon)
        for found in DATE_PATTERN.finditer(text, clause.start, clause.end):
            day = _resolve_date(found, document.story_date)
            if day is not None:
                return day, None
        return None

    def _label_may_decide(self, document: Document, start: int, end: int, read: Reading) -> bool:
        """The title may speak for itself where no cue decided, or where a past verb took the
        mention as its object in a main clause ("met with President X"): not for the subject of
        a past verb ("President X wiretapped") nor inside a relative or reported clause ("who
        advised President X", "protections that President X made")."""
        if read.cue is None:
            return True
        if read.cue != self._past_cue():
            return False
        text = document.text
        after = text[end : end + 40]
        if _POSSESSIVE_AFTER.match(after) or re.match(rf",\s+{re.escape(read.evidence)}\b", after):
            # "President X's proposed plan", "President X, accused of ...": a participle, not
            # the past tense of a clause
            return False
        sentence = document.sentence_at(start)
        clause = scope.clause_around(text, start, end, sentence.start, sentence.end, self.lexicon)
        opening = text[clause.start : start].lstrip()
        return re.match(_SUBORDINATORS, opening, re.IGNORECASE) is None

    def _title_label(self, document: Document, start: int, dead: bool) -> Reading | None:
        """A title used as a label ("talks between President X and ...", "a bill backed by
        Senator Y"): in news it names the office as it is at the story date, unless anything in
        the sentence looks back or away from now."""
        label = next(iter(self._by_scope[Scope.TITLE]), None)
        if label is None:
            return None
        text = document.text
        sentence = document.sentence_at(start)
        lo, hi = sentence.start, sentence.end
        before = text[max(lo, start - 40) : start]
        if (
            is_headline(text[lo:hi])
            or _FORMER_NEARBY.search(before)
            or _POSSESSOR_BEFORE.search(before)
            or _APPOSITIVE_ROLE_BEFORE.search(text[max(lo, start - 90) : start])
            or _earlier_time_anywhere(text, lo, hi, document.story_date)
        ):
            return None
        if self._tells_of_the_past(text, lo, hi):
            return None
        sentence_text = text[lo:hi]
        for cue in self._by_scope[Scope.CLAUSE]:
            if cue.spec.only_for_the_dead and not dead:
                continue
            if cue.spec.frame in (Frame.HISTORICAL, Frame.HYPOTHETICAL) and _search(
                cue, sentence_text
            ):
                return None
        for cue in self._by_scope[Scope.VERB]:
            if cue.spec.frame in (Frame.HISTORICAL, Frame.HYPOTHETICAL) and _at_any_word(
                cue, text, lo, hi
            ):
                return None
        return _decided(label, "the title alone")

    def _tells_of_the_past(self, text: str, lo: int, hi: int) -> bool:
        """A sentence whose finite verbs are all past ("Comey briefed President Obama") tells
        of an event, which may be long past; one present or future verb anywhere makes it
        speak of now as well ("voters approve of President X, a poll found"), and so does a
        present anchor ("became a reality Thursday")."""
        if self._anchor(text[lo:hi]) is not None:
            return False
        past = False
        for found in scope.verbs_in(text, lo, hi, self.lexicon):
            word = found.group(0).lower().replace("’", "'")
            klass = scope.verb_class(word, self.lexicon)
            if klass is VerbClass.REPORTING:
                # "says", and "said"/"told": news reports what was said lately
                now = word.endswith("s") or word in _SAID
                klass = VerbClass.PRESENT if now else VerbClass.PAST
            if klass is VerbClass.PRESENT:
                return False
            past = past or klass is VerbClass.PAST
        return past

    def _anchor(self, clause_text: str) -> Reading | None:
        """A present anchor in the clause ("on Tuesday", "this week"), if any."""
        for cue in self._by_scope[Scope.CLAUSE]:
            if cue.spec.frame is Frame.CURRENT and cue.spec.strength is Strength.STRONG:
                found = _search(cue, clause_text)
                if found:
                    return _decided(cue, found)
        return None

    def _around(
        self, text: str, start: int, end: int, np_start: int, lo: int, hi: int
    ) -> Reading | None:
        """Cues right before the noun phrase ("under", "appointed by") or right after the name
        ("-era", "'s policies")."""
        # "under Democratic President ...", "Following Representative ...": the words before the
        # noun phrase, or before the title when a capitalised word opens the sentence
        stops = [start] + [w.start() for w in scope.words(text, np_start, start)]
        for stop in sorted(set(stops), reverse=True):
            before = text[max(lo, stop - 60) : stop].rstrip()
            for cue in self._by_scope[Scope.BEFORE]:
                found = _search(cue, before)
                if found:
                    return _decided(cue, found.strip())
        after = text[end : min(hi, end + 80)]
        for cue in self._by_scope[Scope.AFTER]:
            for pattern in cue.compiled:
                matched = pattern.match(after)
                if matched:
                    return _decided(cue, matched.group(0).strip())
        return None

    def _in_clause(
        self, document: Document, start: int, end: int, np_start: int, dead: bool
    ) -> Reading:
        """The clause's time expressions and the verb: history first, then present anchors,
        then what the verb says."""
        text = document.text
        lexicon = self.lexicon
        sentence = document.sentence_at(start)
        clause = scope.clause_around(text, start, end, sentence.start, sentence.end, lexicon)
        # a phrase set off by a comma before the subject does not make it an object: "A day
        # after Trump committed ..., Secretary of State John Kerry said"
        commas = [m.end() for m in _PHRASE_COMMA.finditer(text, clause.start, np_start)]
        lead_start = max([clause.start, *commas])
        lead = scope.words(text, lead_start, np_start)
        lead_verbs = scope.verbs_in(text, lead_start, np_start, lexicon)
        if lead_verbs and self._complement_lead(text, lead_verbs[-1].end(), np_start):
            lead_verbs = []  # "it is clear the X administration is ...": X is a subject
        subject = not lead_verbs
        verb = scope.verb_after(text, end, sentence.end, lexicon) if subject else None
        if (
            len(lead_verbs) == 1
            and lead_verbs[0].start() == lead[0].start()
            and not text[lead_verbs[0].end() : np_start].strip()
            and scope.verb_class(lead_verbs[0].group(0), lexicon) is VerbClass.REPORTING
            and not lead_verbs[0].group(0).lower().endswith("ing")
        ):
            # '..., said House Speaker Paul Ryan': the reporting verb comes first (not ', arguing
            # the X administration had ...': the mention is the reported clause's subject)
            subject = True
            verb = lead_verbs[0].start(), text[lead_verbs[0].start() : clause.end]
        if verb is not None:
            for cue in self._by_scope[Scope.VERB]:
                if cue.spec.frame is Frame.HISTORICAL and _matches(cue, verb[1]):
                    if cue.spec.yields_to_anchor and self._anchor(text[clause.start : clause.end]):
                        break  # "had planned a vote next week": the recent past of the news
                    return _decided(cue, _first_words(verb[1]), subject=True)
            aside = _REPORTING_ASIDE.match(text, end, verb[0])
            if (
                aside is not None
                and aside.end() == verb[0]
                and _TENSE_OF_NOW.match(verb[1]) is not None
            ):
                # "The Obama administration, Zhao added, was trying to mislead": a statement
                # reported now, whatever its tense
                reporting = self._cue_of(VerbClass.REPORTING)
                if reporting is not None:
                    return _decided(reporting, aside.group(0).strip(" ,"), subject=True)

        clause_text = text[clause.start : clause.end]
        story_year = document.story_date.year
        # "in 2016, when the Obama administration announces ...": a when-clause takes its time
        # from the clause it hangs on
        time_start = clause.start
        if re.match(r"(?:when|while|as)\b", clause_text, re.IGNORECASE):
            time_start = sentence.start
        # the paper's own words: a quotation's "once" or "in 2009" dates the speaker's story,
        # not the mention outside it ('"GM was once the giant," Obama tweeted Friday')
        p_start, p_end = document.paragraphs[document.paragraph_index(start)]
        own_words = scope.unquoted(text[p_start:p_end])
        time_lo, time_hi = max(time_start, p_start) - p_start, min(clause.end, p_end) - p_start
        time_text = own_words[time_lo:time_hi]
        for cue in self._by_scope[Scope.CLAUSE]:
            if cue.spec.frame not in (Frame.HISTORICAL, Frame.HYPOTHETICAL):
                continue
            if cue.spec.only_for_the_dead and not dead:
                continue
            year = None
            if cue.spec.earlier_year:
                year = _earlier_year(own_words, time_lo, time_hi, story_year)
            found = year or _search(cue, time_text)
            if found:
                return _decided(cue, found, subject=subject)
        for frame in (Frame.CURRENT, Frame.FUTURE):
            if frame is Frame.FUTURE and verb is None:
                break  # a condition counts only for the subject of its verb
            for cue in self._by_scope[Scope.CLAUSE]:
                found = _search(cue, clause_text) if cue.spec.frame is frame else None
                if found and self._asks_whether(text, clause.start + clause_text.find(found)):
                    continue  # "wants to know if the X administration used ...": no condition
                if found and cue.spec.recent_month:
                    # "Obama won in 2008. In August, President Bush ...": that year's August;
                    # "released in August after Governor X commuted ...": another event's
                    paragraph = document.paragraphs[document.paragraph_index(start)]
                    at = clause.start + clause_text.find(found)
                    between = text[min(at, end) : max(at, start)]
                    if _earlier_year(text, paragraph[0], clause.end, story_year) or re.search(
                        rf"\b{_SUBORDINATORS}", between, re.IGNORECASE
                    ):
                        continue
                if found:
                    return _decided(cue, found, subject=subject)

        decided = None
        if verb is not None:
            decided = self._verb_reading(verb[1])
        elif not subject:
            decided = self._object_reading(text, lead_verbs, np_start, end, sentence.end)
        if decided is None or not decided.speaks_of_now:
            # "President Obama, who this week suggested ...": the relative clause says what the
            # person does, and when
            relative = self._relative_reading(text, end, sentence.end, story_year)
            if relative is not None:
                return relative
        if decided is not None and decided.cue == self._past_cue():
            # "A report on Thursday found that the Obama administration withheld aid": what an
            # anchored report says happened is the news it reports
            reported = self._reported_now(text, sentence.start, clause.start, clause_text)
            if reported is not None:
                return reported
        # the words from the mention's own subject on: "Days after insisting that ...,
        # President Obama backed off" is a main clause although the clause opened at "that"
        own_clause = text[lead_start : clause.end].lstrip()
        subordinate = re.match(_SUBORDINATORS, own_clause, re.IGNORECASE) is not None
        # a possessor is what the lede's event is about, not its actor: "seen as revenge for
        # the X government's support of the war" tells why, and that may be long past
        possessor = _POSSESSIVE_AFTER.match(text, end) is not None
        if (
            decided is not None
            and decided.cue == self._past_cue()
            and not subordinate
            and not possessor
        ):
            decided = self._in_lede(document, start) or decided
        if decided is None:
            return Reading(Frame.UNKNOWN, subject=subject)
        return self._discounted(decided, text, sentence.start, sentence.end, story_year)

    def _asks_whether(self, text: str, at: int) -> bool:
        """Is the "if" at `at` a "whether" ("wants to know if", "asked if")?"""
        if text[at : at + 2].lower() != "if" or text[at + 2 : at + 3].isalnum():
            return False
        return any(w in self.lexicon.question_verbs for w in word_before(text, at))

    def _complement_lead(self, text: str, verb_end: int, np_start: int) -> bool:
        """Do only a complement adjective and a determiner stand between the clause's verb and
        the mention ("it is clear the ...")? Then the mention opens a clause of its own."""
        words = [w.lower() for w in re.findall(r"[\w'’]+", text[verb_end:np_start])]
        return (
            1 <= len(words) <= 2
            and words[0] in self.lexicon.complement_adjectives
            and all(w in _DETERMINERS for w in words[1:])
        )

    def _object_reading(
        self, text: str, verbs: list[re.Match[str]], np_start: int, end: int, limit: int
    ) -> Reading | None:
        """A mention after its clause's verb: the object of "charges against President X", or
        the subject of a clause reported without "that" ("they say the X administration was")."""
        lexicon = self.lexicon
        if not verbs:
            return None
        nearest = verbs[-1]
        between = text[nearest.end() : np_start].lower().split()
        reported = scope.verb_class(nearest.group(0), lexicon) is VerbClass.REPORTING
        # "we don't think President X broke ...": the verb that takes the clause stands, in its
        # plain form, right after the auxiliary the verb finder saw
        head = between[0] if between else ""
        clause_verb = scope.takes_a_clause(nearest.group(0), lexicon) or (
            len(between) <= 2 and scope.takes_a_clause(head, lexicon)
        )
        plain_object = not any(w in _PREPOSITIONS for w in between)
        if reported and plain_object and _asked_to_act(text, end):
            # "urged President X to veto it": the one asked to act holds the power when asked,
            # and news reports what was asked lately, as it reports what was said
            reporting = self._cue_of(VerbClass.REPORTING)
            if reporting is not None:
                return _decided(reporting, f"{nearest.group(0)} ... to")
        if (reported or clause_verb) and plain_object:
            after = scope.verb_after(text, end, limit, lexicon)
            return self._verb_reading(after[1]) if after else None
        group = nearest
        for earlier in reversed(verbs[:-1]):  # the auxiliaries of the nearest verb: "would write"
            if len(text[earlier.end() : group.start()].split()) > 1:
                break
            group = earlier
        decided = self._verb_reading(text[group.start() : np_start])
        if decided is None:
            return None
        if decided.frame is Frame.CURRENT and reported:
            # "reported to John Bolton": a past reporting verb with an object is just the past
            return Reading(Frame.UNKNOWN, cue=self._past_cue(), evidence=nearest.group(0))
        return msgspec.structs.replace(decided, subject=False)

    def _relative_reading(self, text: str, end: int, hi: int, story_year: int) -> Reading | None:
        """The reading of a relative clause about the mention (", who ..."), if it decides."""
        opener = _RELATIVE.match(text, end, hi)
        if opener is None:
            return None
        stop = re.search(r"[,;:.!?—–]", text[opener.end() : hi])
        clause_end = opener.end() + stop.start() if stop else hi
        clause = text[opener.end() : clause_end]
        if _earlier_year(text, opener.end(), clause_end, story_year) is not None:
            return None
        for cue in self._by_scope[Scope.CLAUSE]:
            if cue.spec.frame is Frame.HISTORICAL and _search(cue, clause):
                return None
        anchor = self._anchor(clause)
        if anchor is not None:
            return msgspec.structs.replace(anchor, subject=True)
        verb = scope.verb_after(text, opener.end(), clause_end, self.lexicon)
        decided = self._verb_reading(verb[1]) if verb else None
        if decided is None or not decided.speaks_of_now:
            return None
        return decided

    def _reported_now(
        self, text: str, lo: int, clause_start: int, clause_text: str
    ) -> Reading | None:
        """A "that" clause reported by a verb anchored in the present ("said Thursday that")."""
        if not re.match(r"that\b", clause_text, re.IGNORECASE):
            return None
        head = text[lo:clause_start]
        verbs = scope.verbs_in(text, lo, clause_start, self.lexicon)
        if not verbs or not any(
            scope.verb_class(v.group(0), self.lexicon) is VerbClass.REPORTING
            or scope.takes_a_clause(v.group(0), self.lexicon)
            for v in verbs
        ):
            return None
        anchor = self._anchor(head)
        if anchor is None:
            return None
        return msgspec.structs.replace(
            anchor, strength=Strength.MEDIUM, evidence=f"{anchor.evidence} (reported)", subject=True
        )

    def _in_lede(self, document: Document, start: int) -> Reading | None:
        """News tells the news first: a past verb in the opening paragraphs reports the event
        the story is about (the inverted pyramid), not history."""
        for cue in self._by_scope[Scope.VERB]:
            lede = cue.spec.lede_paragraphs
            if not lede:
                continue
            paragraph = document.paragraph_index(start)
            before = sum(1 for i in range(paragraph) if _is_prose(document, i))
            # "In 1988, five candidates ... Sen. Paul Simon still won": a paragraph that sets
            # an earlier year tells that year's story, lede or not
            opening = document.paragraphs[paragraph][0]
            sentence_end = document.sentence_at(start).end
            story_year = document.story_date.year
            if before < lede and not _earlier_year(
                document.text, opening, sentence_end, story_year
            ):
                return _decided(cue, f"paragraph {before + 1} of the story", subject=True)
        return None

    def _cue_of(self, klass: VerbClass) -> Cue | None:
        """The verb cue that stands for a verb class (`present-verb`, `past-verb`, ...)."""
        return next((c for c in self._by_scope[Scope.VERB] if c.spec.verb_class is klass), None)

    def _past_cue(self) -> str | None:
        past = self._cue_of(VerbClass.PAST)
        return past.id if past is not None else None

    def _discounted(
        self, reading: Reading, text: str, lo: int, hi: int, story_year: int
    ) -> Reading:
        """A verb alone is weak evidence of the present when the sentence elsewhere dates
        itself earlier ("Bush, who in 2008 awarded Fauci the medal, noted that ...")."""
        if reading.strength is Strength.MEDIUM and _earlier_year(text, lo, hi, story_year):
            return msgspec.structs.replace(reading, strength=Strength.WEAK)
        return reading

    # -- the title phrase ---------------------------------------------------------------------
    def _modifiers(self, text: str, start: int, end: int, floor: int) -> tuple[int, Reading | None]:
        """Walk back over the words that modify the title ("the country's former pro-Russia"),
        and return where the noun phrase starts and the reading a modifier decides, if any."""
        glued = re.search(r"([A-Za-z]+)-$", text[max(floor, start - 8) : start])
        if glued:
            hit = self._modifier_cue(glued.group(1).lower() + "-") or self._modifier_cue(
                glued.group(1).lower()
            )
            if hit is not None:
                return start, _decided(hit, glued.group(0))
        tokens = scope.words(text, max(floor, start - 80), start)
        np_start = start
        for token in reversed(tokens[-5:]):
            if text[token.end() : np_start].strip(" \u00a0"):
                break  # punctuation between: another phrase
            word = token.group(0)
            lowered = word.lower().rstrip(".")
            if lowered in _ARTICLES:
                nxt = scope.words(text, end, min(len(text), end + 30))
                role = bool(nxt) and nxt[0].group(0).lower() in self.lexicon.role_nouns
                hit = None if role else self._modifier_cue(lowered)
                if hit is not None:
                    return token.start(), _decided(hit, word)
                # "a former staffer in the Clinton administration"
                return token.start(), self._former_relation(text, token.start(), floor)
            hit = self._modifier_cue(lowered) or next(
                (c for part in lowered.split("-")[:-1] if (c := self._modifier_cue(part))), None
            )  # "then-incumbent Sen.", "future-Senate Minority Leader"
            if hit is not None:
                return token.start(), _decided(hit, word)
            if lowered in _DETERMINERS:
                return token.start(), self._former_relation(text, token.start(), floor)
            np_internal = (
                word[:1].isupper()
                or lowered in _TITLE_QUALIFIERS  # "former acting CIA Director"
                or "-" in word
                or word.endswith(("'s", "’s"))
                or lowered in ("u.s.", "u.n.", "u.k.")
                or (  # "former Clinton administration labor secretary": a lowercase title's
                    # phrase; a capitalised one ("candidate Rep. Ted Cruz") ends at a noun
                    text[start : start + 1].islower()
                    and lowered not in _PREPOSITIONS
                    and lowered not in self.lexicon.clause_openers
                    and lowered not in _CONJUNCTIONS
                    and scope.verb_class(word, self.lexicon) is None
                )
            )
            if not np_internal:
                break
            np_start = token.start()
        return np_start, self._former_relation(text, np_start, floor)

    def _former_relation(self, text: str, np_start: int, floor: int) -> Reading | None:
        """ "a former adviser to President Obama": the title dates from a relation the head of
        the phrase no longer has."""
        words = scope.words(text, max(floor, np_start - 60), np_start)
        if not words or words[-1].group(0).lower() not in _RELATIONS:
            return None
        for token in reversed(words[-9:-1]):
            if text[token.end() : words[-1].start()].count(",") or (
                scope.is_verb(token.group(0), self.lexicon)
            ):
                return None
            hit = self._modifier_cue(token.group(0).lower())
            if hit is not None and hit.spec.frame is Frame.HISTORICAL:
                between = text[token.start() : words[-1].end()]
                reading = _decided(hit, " ".join(between.split()))
                return msgspec.structs.replace(reading, relation=True)
        return None

    def _modifier_cue(self, word: str) -> Cue | None:
        for cue in self._by_scope[Scope.MODIFIER]:
            if word in cue.words:
                return cue
        return None

    # -- the verb -----------------------------------------------------------------------------
    def _verb_reading(self, verb_text: str) -> Reading | None:
        for cue in self._by_scope[Scope.VERB]:
            if cue.spec.frame is Frame.FUTURE and _matches(cue, verb_text):
                return _decided(cue, _first_words(verb_text), subject=True)
        first = re.match(r"[\w'’]+", verb_text)
        if first is None:
            return None
        evidence = first.group(0)
        klass = scope.verb_class(evidence, self.lexicon)
        if evidence.lower() in ("has", "have") and re.match(r"\w+\s+(?:\w+ed|been)\b", verb_text):
            klass = VerbClass.PRESENT  # present perfect: "has signed"
        if klass is VerbClass.PAST:
            # "named an ambassador and has called for ...": a second verb of the same subject
            # in the present perfect or progressive speaks of now
            coordinated = _COORDINATED_NOW.match(verb_text[:160])
            # "lashed out at China and said ...", "backed up DeVos, saying ...": the statement
            # the past verb leads to is news
            reported = _REPORTED_AFTER.search(verb_text[:160])
            if coordinated is not None:
                evidence, klass = coordinated.group(1), VerbClass.PRESENT
            elif reported and scope.verb_class(reported.group(1), self.lexicon) is (
                VerbClass.REPORTING
            ):
                evidence, klass = reported.group(0), VerbClass.REPORTING
        decided = self._cue_of(klass) if klass is not None else None
        return _decided(decided, evidence, subject=True) if decided is not None else None

    def _reading(self, where: Scope, frame: Frame, evidence: str) -> Reading:
        cue = next((c for c in self._by_scope[where] if c.spec.frame is frame), None)
        return Reading(frame, cue=cue.id if cue else None, evidence=evidence.strip())


def _asked_to_act(text: str, end: int) -> bool:
    """Does an infinitive follow the mention ("urged President X to veto"), not a phrase with
    a determiner ("called President X to the podium")?"""
    found = _INFINITIVE.match(text, end)
    return found is not None and found.group(1) not in _DETERMINERS


def _is_prose(document: Document, paragraph: int) -> bool:
    """A paragraph of the story's prose, not a headline, a photo caption or a share bar: the
    lede is counted in these ("Updated at 11:25 a.m. ET" and "Photographer: ..." come first in
    scraped copy)."""
    lo, hi = document.paragraphs[paragraph]
    body = document.text[lo:hi].rstrip()
    return len(body.split()) >= _PROSE_WORDS and body.endswith(_PROSE_ENDINGS)


_PROSE_WORDS = 2
_PROSE_ENDINGS = (".", "!", "?", '"', "”", "’", "'")

_COORDINATED_NOW = re.compile(
    r"^[^.;:!?,]*?\band\s+((?:has|have)\s+(?:\w+ed|been|\w+en)|(?:is|are)\s+\w+ing)\b"
)
_REPORTED_AFTER = re.compile(
    r"^[^.;:!?]*?(?:\band|,)\s+((?:said|told|added|says|tells)\b|\w+ing\b)"
)


def _decided(cue: Cue, evidence: str, *, subject: bool = False) -> Reading:
    strength = (
        cue.spec.strength if cue.spec.frame in (Frame.CURRENT, Frame.FUTURE) else Strength.WEAK
    )
    return Reading(cue.spec.frame, strength, cue.id, evidence, subject)


def _matches(cue: Cue, text: str) -> bool:
    return any(p.match(text) for p in cue.compiled)


def _search(cue: Cue, text: str) -> str | None:
    for pattern in cue.compiled:
        found = pattern.search(text)
        if found:
            return found.group(0)
    return None


def _first_words(text: str, count: int = 3) -> str:
    return " ".join(text.split()[:count])


def _earlier_year(text: str, start: int, end: int, story_year: int) -> str | None:
    """A year before the story's, written as the clause's time ("in 2019", "May 3, 2019")."""
    for m in _YEAR.finditer(text, start, end):
        if int(m.group(1)) >= story_year:
            continue
        if _ADVERBIAL_BEFORE.search(text[max(start, m.start() - 25) : m.start()]):
            return m.group(0)
    return None


# "former", "ex-", "then-", "the late" shortly before the title, even outside its phrase
_FORMER_NEARBY = re.compile(
    r"\b(?:former|ex|then|late|onetime|one-time|erstwhile|outgoing|previous|past)(?:\s|[-–—])",
    re.IGNORECASE,
)
# a person's possession right before the title: "Clinton's national security adviser"
_POSSESSOR_BEFORE = re.compile(r"\b[A-Z][a-z]+(?:'s|’s)\s+(?:[a-z-]+\s+){0,3}$")
# a person's role set off as an appositive: "Bolton, a senior diplomat in the Bush
# administration": it says what the person was, at whatever time
_APPOSITIVE_ROLE_BEFORE = re.compile(
    r",\s+(?:a|an|the)\s+[^,;:.]{0,60}\b(?:in|of|with|for|to|under)\s+(?:the\s+)?(?:[\w.-]+\s+){0,3}$"
)
_MONTH_NAME = re.compile(
    r"\b(?:January|February|March|April|June|July|August|September|October|November|December|"
    r"Jan\.|Feb\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.|May(?= \d))"
)


def _earlier_time_anywhere(text: str, lo: int, hi: int, story_date: date) -> bool:
    """Any year before the story's, a date more than a week earlier or an earlier month named
    anywhere in the sentence: a title alone is then no sign of the present."""
    for m in _YEAR.finditer(text, lo, hi):
        if int(m.group(1)) < story_date.year:
            return True
    for found in DATE_PATTERN.finditer(text, lo, hi):
        yearless = not (found.group("year") or found.group("year2"))
        month_word = (found.group("month") or found.group("month2") or "").rstrip(".").lower()
        if yearless and (MONTHS[month_word] - story_date.month) % 12 in (1, 2):
            continue  # "a planned June 12 meeting" in May: this year's, ahead
        day = _resolve_date(found, story_date)
        if day is not None and (story_date - day).days > 7:
            return True
    for m in _MONTH_NAME.finditer(text, lo, hi):
        month = MONTHS[m.group(0).rstrip(".").lower()]
        # the story's month, the one before ("the October jobs numbers" in November) and the
        # next two ("cuts scheduled for January" in December) are the news; any other looks back
        if (month - story_date.month) % 12 not in (0, 1, 2, 11):
            return True
    return False


def _at_any_word(cue: Cue, text: str, lo: int, hi: int) -> bool:
    """A verb cue (its patterns start at a verb) matching at any word of `text[lo:hi]`."""
    if not cue.compiled:
        return False
    for word in re.finditer(r"\b\w", text[lo:hi]):
        rest = text[lo + word.start() : hi]
        if any(p.match(rest) for p in cue.compiled):
            return True
    return False


_UNTIL = re.compile(r"\b(?:through|until|till|by|before)\s+$", re.IGNORECASE)


def _resolve_date(found: re.Match[str], story_date: date) -> date | None:
    """A written date as a day. Without a year: a time limit ("through Jan. 19") in the
    story's next month or two is the one ahead; otherwise the latest one up to a week ahead
    (news dates are mostly recent)."""
    month_word = (found.group("month") or found.group("month2") or "").rstrip(".").lower()
    day = int(found.group("day") or found.group("day2"))
    year_text = found.group("year") or found.group("year2")
    month = MONTHS[month_word]
    if (
        not year_text
        and (month - story_date.month) % 12 in (1, 2)
        and _UNTIL.search(found.string, max(0, found.start() - 12), found.start())
    ):
        # "through Jan. 19" in a December story: a time limit in the next month or two lies
        # ahead, not a year back ("on September 12" in an August caption may be last year's)
        ahead = story_date.year + (month < story_date.month)
        try:
            return date(ahead, month, day)
        except ValueError:
            return None
    years = (
        [int(year_text)]
        if year_text
        else [story_date.year - 1, story_date.year, story_date.year + 1]
    )
    candidates = []
    for year in years:
        try:
            candidates.append(date(year, month, day))
        except ValueError:
            continue
    if not candidates:
        return None
    # news dates without a year are mostly recent: the latest one up to a week ahead
    past = [d for d in candidates if (d - story_date).days <= 7]
    if past:
        return max(past)
    return min(candidates, key=lambda d: abs((d - story_date).days))


def _month_span(words: str, story_date: date) -> tuple[date, date] | None:
    """The month a yearless "in August" names: the story's month or one of the next two this
    year (or next, across December), any other the last one before the story date."""
    named = words.split()[-1].rstrip(".").lower() if words.split() else ""
    if named not in MONTHS:
        return None  # "In May" too, which the month-name pattern of dates leaves out
    month = MONTHS[named]
    ahead = (month - story_date.month) % 12
    year = story_date.year
    if ahead in (1, 2):
        year += 1 if month < story_date.month else 0
    elif month > story_date.month:
        year -= 1
    first = date(year, month, 1)
    last = date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
    return first, last


def load_reading_model(folder: Path) -> ReadingModel:
    lexicon, cues = load_cues(folder)
    return ReadingModel(lexicon, cues)


def example_document(text: str, story_date: date) -> Document:
    """A document of plain text at a date: a cue example, or a quotation read on its own."""
    from bot.document import load_document

    return load_document(text, name="cue-example", story_date=story_date, today=story_date)
