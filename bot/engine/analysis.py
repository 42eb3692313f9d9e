"""Per-document analysis shared by the checks, computed lazily once per document.

People mentions (a known name, the title standing before it, the jurisdiction adjective, and
whether the sentence speaks of the past) and date mentions are found here, so that every check
reads them the same way and none scans the text twice.
"""

from __future__ import annotations

import re
from datetime import date
from functools import cached_property

import msgspec

from bot.document.model import Document, Sentence
from bot.engine.language import HISTORY_BEFORE, HISTORY_PHRASES, is_headline, word_before
from bot.engine.reading import Reading, ReadingModel
from bot.engine.spans import Spans
from bot.kb.index import KnowledgeIndex, NameHit, TitleHit
from bot.text.dates import DATE_PATTERN, YEAR_PATTERN
from bot.text.fold import fold
from bot.text.words import MONTHS, WEEKDAYS


class Mention(msgspec.Struct, frozen=True):
    """A person named in the text, possibly with a title in front."""

    start: int  # of the name
    end: int
    form: str
    people: tuple[str, ...]  # candidate ids; one when resolved
    short: bool
    title: TitleHit | None
    title_start: int  # where the title phrase (with its adjective) starts; == start if none
    jurisdictions: tuple[str, ...]  # pinned by an adjective ("Chinese"), else ()
    org_qualified: bool = False  # "OECD Secretary-General": a capitalised word the KB does not know
    title_text: str = ""  # the title as written ("U.S. Trade Representative", "German chancellor")
    span_end: int = -1  # end of name and title ("Olaf Scholz, the German chancellor"); -1: end

    @property
    def person(self) -> str | None:
        return self.people[0] if len(self.people) == 1 else None

    @property
    def span(self) -> tuple[int, int]:
        """Title and name together, in text order: what a finding about the pair covers."""
        return self.title_start, self.end if self.span_end < 0 else self.span_end


class LinkWidget(msgspec.Struct, frozen=True):
    """A scraped link to a person's page: where it stands and the surname it links to."""

    start: int  # of the glued surname
    end: int  # after "MORE"
    surname: str  # folded


class Decision(msgspec.Struct, frozen=True):
    """Why a candidate mention was flagged or let off (`copydesk check --explain`)."""

    start: int
    end: int
    person: str
    knowledge: str  # what the KB says ("held it from ... to ...", "never held it")
    reading: str  # the reading model's frame and cue, or "" when it was not asked
    flagged: bool
    why: str


class DateMention(msgspec.Struct, frozen=True):
    """A calendar date written in the text; `day` is None when it is impossible."""

    start: int
    end: int
    month: int
    day_of_month: int
    year: int | None  # as written
    weekday: int | None  # as written
    weekday_end: int  # end of the weekday part (start when none)


_TIME_LABEL = re.compile(r"(?:-era\b|[ \u00a0]+[Aa]dministration\b)")


# Short forms that are also ordinary capitalised words: never resolved without a title.
_COMMON_WORDS = (
    frozenset(MONTHS)
    | frozenset(WEEKDAYS)
    | frozenset(
        (
            "may will long young king rice brown white black green price bush grant hope rich "
            "love lord little major mark paul rose ward wood young"
        ).split()
    )
)


# A word right before a title that makes it another office: "Deputy Prime Minister", "Vice
# Chancellor", "state Sen.", "Lt. Gov.", "Shadow Chancellor", "Under Secretary of State".
TITLE_QUALIFIERS = frozenset(
    "deputy vice assistant under associate shadow state lt lieutenant lieut junior regional "
    "provincial city county municipal party opposition student honorary co-chair".split()
)


_ABBREVIATED_QUALIFIERS = frozenset({"lt", "lieut"})  # "Lt. Gov." keeps its full stop


_NOT_AN_ORG = frozenset(
    "the a an and but or as at by for from in of on to with said says while when after before "
    "former then late new his her their its our".split()
    # a party or a standing describes the person, not another body ("GOP Rep. Ted Cruz")
    + "gop republican democratic democrat independent freshman veteran senior junior".split()
)


# a surname glued to the next headline ("CornynThe Hill's ..."), then headlines up to "MORE"
_GLUED_NAME = re.compile(r"\b((?:Mc|Mac|O['’])?[A-Z][a-z]{2,})([A-Z][\w'’]*)")
_WIDGET_END = re.compile(r"\bMORE\b")
_WORD_RIGHT_BEFORE = re.compile(r"([\w'’-]+)[ \u00a0]+$")
_PREPOSITIONS = frozenset(
    "to of for with against at on in from by about over under into onto toward towards "
    "between among like unlike than".split()
)
_ABBREVIATED_FIRST_NAMES = frozenset({"Wm.", "Chas.", "Geo.", "Thos.", "Jas.", "Jos.", "Robt."})
_NAME_WORDS_BEFORE = re.compile(r"([A-Za-zÀ-ÖØ-öø-ÿ][\w'’.-]*)[ \u00a0]+")


def _name_chain(text: str, words: list[re.Match[str]]) -> list[re.Match[str]]:
    """The capitalised words right before a surname that could be the rest of the name: a first
    name and any middle initials ("Steven T."), nearest last; [] when the word before is not
    capitalised."""
    chain: list[re.Match[str]] = []
    for match in reversed(words):
        word = match.group(1)
        if chain and match.end() != chain[0].start():
            break
        if not word[:1].isupper():
            break
        chain.insert(0, match)
        if not re.fullmatch(r"[A-Z]\.?", word):
            break  # a first name ends the chain; initials continue it
    return chain


# Capitalised words before a surname that are not first names
_NOT_A_FIRST_NAME = frozenset(
    "the a an and but or mr mrs ms dr sir dame lord lady gen general mayor judge justice "
    "sen senator rep representative gov governor president prime minister secretary chancellor "
    "speaker leader chairman chairwoman chair director ambassador king queen prince princess "
    "pope saint st fr rev reverend sheikh ayatollah emir "
    "when while as after before if since though although because so then also meanwhile "
    "former ex late both neither either said says told added asked wrote".split()
)

_APPOSITIVE = re.compile(r",\s+(?P<article>(?:the|a|an)\s+)?")
_WORDS_AHEAD = re.compile(r"[\w.'’-]+(?:\s+[\w.'’-]+){0,5}")
_ENDS_APPOSITIVE = re.compile(r"\s*(?:[,;:)]|\.(?:\s|$)|$)")
# "Neal, the treasury secretary, Steven Mnuchin, asked": the appositive names someone else
_ANOTHER_NAME_AFTER = re.compile(r",\s+[A-Z][\w.'’-]+\s+[A-Z][\w'’-]+")


def _org_before(text: str, title_start: int) -> bool:
    """Is the title preceded by a capitalised word or acronym that is not a known adjective
    ("OECD Secretary-General", "Labour Party Chairman")? Then it names another body's office."""
    raw = text[max(0, title_start - 30) : title_start]
    head = raw.rstrip()
    if not head or head[-1] in ".,!?:;\"“”'‘’()—–-" or "\n" in raw[len(head) :]:
        return False  # a new line or a photo credit's ")" ends what came before
    word = head.split()[-1]
    lowered = word.lower()
    if lowered in _NOT_AN_ORG or lowered in MONTHS or lowered in WEEKDAYS:
        return False
    if "-" in word and word.rsplit("-", 1)[1].islower():
        return False  # "Somali-born Sen.", "Chamber of Commerce-backed Rep.": about the person
    if _caption_residue(_words_before(text, title_start, 80)):
        return False  # "Jane Doe/AP Secretary of State ...": a caption after its credit
    return word[0].isupper() and not _sentence_start(head, word)


def _words_before(text: str, end: int, reach: int) -> list[str]:
    """The whole words of the `reach` characters before `end`."""
    words = text[max(0, end - reach) : end].split()
    return words[1:] if end > reach else words


# share buttons a scraper keeps at the head of a photo caption ("Facebook Twitter Pinterest")
_SHARE_BUTTONS = frozenset("facebook twitter pinterest linkedin whatsapp email reddit".split())


def _caption_residue(words: list[str]) -> bool:
    """Is the capitalised run before a title a photo credit ("Jane Doe/Getty Images", "Ann
    Roe/The Christian Science Monitor") or a caption's share buttons?"""
    if len(words) >= 2 and all(w.lower() in _SHARE_BUTTONS for w in words[-2:]):
        return True
    for word in reversed(words[-6:]):
        if not word[:1].isupper():
            return False
        if _CREDIT.fullmatch(word):
            return True
    return False


_CREDIT = re.compile(r"[A-Z][\w.'’-]*/[A-Z][\w.&'’-]*")  # "Harnik/AP", "Bryant/The"


def _sentence_start(head: str, word: str) -> bool:
    """'Meanwhile Commerce Secretary ...': a capitalised first word of a sentence is no body."""
    rest = head[: len(head) - len(word)]
    before = rest.rstrip()
    # a paragraph's first word, or one after a closing quotation ('... cringeworthy.”')
    return not before or "\n" in rest[len(before) :] or before[-1] in '.!?—–"“”'


def _qualified_away(text: str, title_start: int) -> bool:
    before = word_before(text, title_start, 1)
    if not before or before[0].rstrip(".") not in TITLE_QUALIFIERS:
        return False
    gap = text[:title_start]
    if "\n" in gap[len(gap.rstrip()) :]:
        return False  # the qualifier ends the paragraph before: "... into the state.\n\nSen."
    if gap.rstrip().endswith(".") and before[0] not in _ABBREVIATED_QUALIFIERS:
        return False  # it ends the sentence before: "... into the state. Sen. Ted Cruz"
    # "Under Secretary of State" is an office; "under President Bush" is a preposition
    return before[0] != "under" or text[:title_start].rstrip().endswith("Under")


def _lower_same_length(text: str) -> str:
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


class Analysis:
    """Lazy, cached facts about one document."""

    def __init__(
        self, document: Document, knowledge: KnowledgeIndex, reading: ReadingModel
    ) -> None:
        self.document = document
        self.knowledge = knowledge
        self.reading = reading
        self.text = document.text
        self.story_date: date = document.story_date
        self._readings: dict[tuple[int, int, bool, bool, bool], Reading] = {}
        self.decisions: list[Decision] = []  # what the people checks weighed, for --explain

    def read(
        self,
        start: int,
        end: int,
        *,
        dead: bool = False,
        titled: bool = False,
        administration: bool = False,
    ) -> Reading:
        """The time frame of the mention `text[start:end]` (cached: several checks ask);
        `titled` for a title with a name, which news uses as a label of the present office."""
        key = (start, end, dead, titled, administration)
        found = self._readings.get(key)
        if found is None:
            found = self.reading.read(
                self.document, start, end, dead=dead, titled=titled, administration=administration
            )
            self._readings[key] = found
        return found

    def quoted_now(self, start: int, end: int) -> Reading | None:
        """The quoted words' reading where they speak of the mention as acting now."""
        return self.reading.quoted_now(self.document, start, end)

    @cached_property
    def lowered(self) -> str:
        return _lower_same_length(self.text)

    @cached_property
    def link_widgets(self) -> list[LinkWidget]:
        """Scraped link widgets inside the copy ("Sen. John Cornyn John CornynThe Hill's 12:30
        Report: ... MORE"): the linked person's surname glued to other stories' headlines."""
        found = []
        surnames = self.knowledge.known_surnames
        for glued in _GLUED_NAME.finditer(self.text):
            if fold(glued.group(1)) not in surnames or fold(glued.group(0)) in surnames:
                continue  # "McConnell", "DeSantis": one name with a capital inside
            more = _WIDGET_END.search(self.text, glued.end(), glued.end() + 600)
            if more is not None and "\n" not in self.text[glued.start() : more.end()]:
                found.append(LinkWidget(glued.start(), more.end(), fold(glued.group(1))))
        return found

    @cached_property
    def residue(self) -> Spans:
        """The link widgets' headlines of other stories, which no check should read as this one."""
        return Spans.merged([(w.start, w.end) for w in self.link_widgets])

    @cached_property
    def name_hits(self) -> list[NameHit]:
        """Known names in the text. A short form that begins with a title ("Queen Elizabeth"
        for Elizabeth II) gives way to the title and the full name after it ("Queen" +
        "Elizabeth II"), so that the title is judged like any other."""
        hits = self.knowledge.find_names(self.text)
        residue = self.residue
        out = []
        for hit in hits:
            if residue.overlaps(hit.start, hit.end):
                continue
            title = self._title_by_start.get(hit.start) if hit.short else None
            if title is not None and title.end < hit.end:
                inner = self.knowledge.find_names(self.text[title.end : hit.end + 40])
                first = inner[0] if inner else None
                if first is not None and not first.short and first.start <= 1:
                    shift = title.end
                    hit = msgspec.structs.replace(
                        first, start=first.start + shift, end=first.end + shift
                    )
            out.append(hit)
        return out

    @cached_property
    def full_name_spans(self) -> Spans:
        """Where full known names stand (short forms excluded)."""
        return Spans((h.start, h.end) for h in self.name_hits if not h.short)

    @cached_property
    def title_hits(self) -> list[TitleHit]:
        return self.knowledge.find_titles(self.lowered)

    @cached_property
    def _title_by_end(self) -> dict[int, TitleHit]:
        best: dict[int, TitleHit] = {}
        for hit in self.title_hits:
            old = best.get(hit.end)
            if old is None or hit.end - hit.start > old.end - old.start:
                best[hit.end] = hit
        return best

    # -- people -------------------------------------------------------------------------------
    @cached_property
    def mentions(self) -> list[Mention]:
        """Known people named in the text, short forms resolved against earlier full names."""
        out: list[Mention] = []
        seen_full: set[str] = set()
        others: set[str] = set()  # surnames the article gave to someone the KB does not know
        for found in self.name_hits:
            hit = self._as_written(found)
            if hit is None:
                others.add(found.form)  # "Christine Blasey Ford": a later "Ford" is her
                continue
            title, title_start, jurisdictions = self._title_before(hit.start)
            if (
                hit.short
                and hit.form in others
                and not (set(hit.people) & seen_full)
                and not (title is not None and self.ever_held(title, hit.people))
            ):
                # "Colbert Bush" earlier: a later "Bush" is her; "President Bush" is not
                continue
            org_qualified = (
                title is not None
                and not jurisdictions
                and _org_before(self.text, title.start)
                # "Committee Chairman Sen. X": another title of the person's, not a body
                and len(self.text[: title.start].rstrip()) not in self._title_by_end
            )
            title_text = self.text[title_start : hit.start].strip()
            span_end = -1
            if title is None:
                after = self._title_after(hit.end)
                if after is not None:
                    title, jurisdictions, title_text, span_end = after
                    title_start = hit.start
            people = hit.people
            if hit.short:
                people = self._resolve_short(hit, title, seen_full)
                if not people:
                    continue
            elif len(people) > 1 and title is not None:
                # homonyms: keep those who ever held an office the title names
                people = self.ever_held(title, people) or people
            if title is not None:
                title = self.knowledge.for_holders(title, people)
                if title is None:  # "Chief of Staff Jane Doe": some other office's chief
                    title_start, jurisdictions, org_qualified = hit.start, (), False
                    title_text = ""
            if not hit.short:
                seen_full.update(people)
            out.append(
                Mention(
                    start=hit.start,
                    end=hit.end,
                    form=hit.form,
                    people=people,
                    short=hit.short,
                    title=title,
                    title_start=title_start,
                    jurisdictions=jurisdictions,
                    org_qualified=org_qualified,
                    title_text=title_text,
                    span_end=span_end,
                )
            )
        return out

    def ever_held(self, title: TitleHit, people: tuple[str, ...]) -> tuple[str, ...]:
        """Those of `people` who ever held an office the title names."""
        kb = self.knowledge.kb
        return tuple(p for p in people if any(t.office in title.offices for t in kb.terms_of(p)))

    def _titled_at(self, name_start: int) -> bool:
        """Does a title end right before `name_start`, across the spaces between them?"""
        gap = name_start
        while gap > 0 and self.text[gap - 1] in " \u00a0":
            gap -= 1
        return gap in self._title_by_end

    def _as_written(self, hit: NameHit) -> NameHit | None:
        """The hit as the copy writes the name, or None when it is part of another person's
        name. "Steven T. Mnuchin" is Steve Mnuchin written out (a full mention from "Steven");
        "Dan Johnson" is not Hank Johnson, "Kenji Fujimori" not Keiko, "O'Reilly" not Reilly."""
        text = self.text
        if hit.start >= 2 and text[hit.start - 1] in "'’" and text[hit.start - 2].isalpha():
            return None
        if not hit.short or self._titled_at(hit.start):
            return hit  # "Secretary of State Kerry": "State" ends a title, it is no first name
        words = list(_NAME_WORDS_BEFORE.finditer(text, max(0, hit.start - 40), hit.start))
        if not words or words[-1].end() != hit.start:
            return hit
        chain = _name_chain(text, words)
        if not chain:
            return hit
        first = chain[0]
        word = first.group(1)
        if word.endswith(".") and len(word) > 2 and word not in _ABBREVIATED_FIRST_NAMES:
            return hit  # the end of the sentence before: "... on Monday. Biden said"
        if word.rstrip(".").lower() in _NOT_A_FIRST_NAME or self.knowledge.jurisdictions_of(word):
            return hit  # "President Biden", "German Scholz", "Meanwhile Biden"
        folded = fold(word.rstrip("."))
        known_first = (
            folded in self.knowledge.by_first or folded in self.knowledge.first_name_equivalents
        )
        if not known_first and (
            _sentence_start(text[: first.start(1) + len(word)], word)
            or is_headline(self.document.sentence_at(hit.start).text)
        ):
            # a capitalised first word of a sentence, or any word of a headline in title case
            # ("DeVos To Rescind Obama-Era Guidance"), not a first name
            return hit
        kb = self.knowledge.kb
        same = tuple(
            person
            for person in hit.people
            if any(
                len(f) >= 2
                and (
                    self.knowledge.same_first_name(folded, f[0])
                    or (len(folded) == 1 and f[0].startswith(folded))
                )
                for f in (fold(form).split() for form in kb.people[person].forms)
            )
        )
        if not same:
            return None  # another first name: another person
        return NameHit(first.start(1), hit.end, text[first.start(1) : hit.end], same, False)

    @cached_property
    def mention_starts(self) -> list[int]:
        """Start offsets of `mentions`, for bisection."""
        return [m.start for m in self.mentions]

    @cached_property
    def mentions_of(self) -> dict[str, list[Mention]]:
        """Each resolved person's mentions, in text order (later mentions, introductions)."""
        out: dict[str, list[Mention]] = {}
        for m in self.mentions:
            if m.person is not None:
                out.setdefault(m.person, []).append(m)
        return out

    def named_elsewhere(self, person: str, start: int) -> bool:
        """Does the article name `person` anywhere but at `start` (a mention resolved to them,
        not a bare "Bush" that may be anyone of the name)? A person the story is about keeps a
        courtesy title in speech."""
        return any(
            m.start != start and m.person == person and not self._names_a_time(m)
            for m in self.mentions
        )

    def _names_a_time(self, mention: Mention) -> bool:
        """The bare name labels a period, not the person ("Obama-era rules", "the Bush
        administration"): a story that says only that is not about them. ("President George
        W. Bush's administration" names the man.)"""
        return mention.title is None and _TIME_LABEL.match(self.text, mention.end) is not None

    def after_preposition(self, start: int) -> bool:
        """Does a preposition stand right before `start` ("an aide to Dole")? The name then
        belongs to another noun's phrase, not to the clause's subject."""
        found = _WORD_RIGHT_BEFORE.search(self.text, max(0, start - 40), start)
        # only a word right before it: in '... voting against," Obama wrote' the quotation
        # closes between them
        return found is not None and found.group(1).lower() in _PREPOSITIONS

    def introduced_at(self, person: str) -> int | None:
        """Where the article first names the person in full or with a title, if it does."""
        for m in self.mentions_of.get(person, ()):
            if not m.short or m.title is not None:
                return m.start
        return None

    def _resolve_short(
        self, hit: NameHit, title: TitleHit | None, seen_full: set[str]
    ) -> tuple[str, ...]:
        earlier = tuple(p for p in hit.people if p in seen_full)
        if len(earlier) == 1:
            return earlier
        if title is None:
            # a surname only one person in the KB goes by ("Bessent"), unless it is a word
            if hit.form.lower() in _COMMON_WORDS:
                return ()
            if len(hit.people) == 1:
                return hit.people
            # "Trump" is also a surname of relatives with no office: take the one officeholder
            kb = self.knowledge.kb
            officeholders = tuple(p for p in hit.people if kb.terms_of(p))
            return officeholders if len(officeholders) == 1 else ()
        # every holder of the office the title names ("President Bush": both Bushes); the
        # officeholder checks judge each and speak only when every reading agrees
        return self.ever_held(title, earlier or hit.people)

    def _title_before(self, name_start: int) -> tuple[TitleHit | None, int, tuple[str, ...]]:
        """The title directly before a name ("Treasury Secretary "), and its adjective."""
        text = self.text
        gap = name_start
        while gap > 0 and text[gap - 1] in " \u00a0":
            gap -= 1
        if gap == name_start:
            return None, name_start, ()
        comma = text[gap - 1] == ","  # "Britain's prime minister, Rishi Sunak, said"
        if comma:
            gap -= 1
        elect = self.lowered[max(0, gap - 6) : gap] in ("-elect", " elect")
        title = self._title_by_end.get(gap - 6 if elect else gap)
        if title is None or _qualified_away(text, title.start):
            return None, name_start, ()
        if comma and not self._closed_appositive(title.start, name_start):
            return None, name_start, ()
        if elect:  # "President-elect Donald Trump"
            title = TitleHit(title.start, gap, self.lowered[title.start : gap], title.offices, True)
        start = title.start
        jurisdictions: tuple[str, ...] = ()
        # the adjective: one to three words before the title ("U.S.", "South Korean", "Britain's")
        head = text[max(0, start - 40) : start].rstrip()
        words = head.split()
        if words and words[-1].endswith((",", ";", ":")):
            # "Speaking in New York, House Speaker Paul Ryan said": the place ends a phrase
            words = []
        for n in (3, 2, 1):
            if len(words) >= n:
                candidate = " ".join(words[-n:])
                found = self.knowledge.jurisdictions_of(candidate.lstrip("("))
                if found:
                    jurisdictions = found
                    start = max(0, text.rfind(words[-n], 0, title.start))
                    break
        return title, start, jurisdictions

    def _closed_appositive(self, title_start: int, name_start: int) -> bool:
        """A title, a comma and a name count together only as "the title, Name," or "Britain's
        title, Name,": an appositive that names who holds the title, closed by a comma."""
        before = word_before(self.text, title_start, 1)
        opener = bool(before) and (before[0] == "the" or before[0].endswith(("'s", "’s")))
        hit = next((h for h in self.name_hits if h.start == name_start), None)
        closed = hit is not None and self.text[hit.end : hit.end + 1] in (",", ")")
        return opener and closed

    @cached_property
    def _title_by_start(self) -> dict[int, TitleHit]:
        best: dict[int, TitleHit] = {}
        for hit in self.title_hits:
            old = best.get(hit.start)
            if old is None or hit.end - hit.start > old.end - old.start:
                best[hit.start] = hit
        return best

    def _title_after(self, name_end: int) -> tuple[TitleHit, tuple[str, ...], str, int] | None:
        """An appositive title: "Olaf Scholz, the German chancellor, said" (how wires write titles).
        Returns the title, the jurisdictions its adjective pins, the title as written and where
        the appositive ends. "..., the former chancellor," is not a title held now."""
        match = _APPOSITIVE.match(self.text, name_end)
        if match is None:
            return None
        pos = match.end()
        words = _WORDS_AHEAD.match(self.text, pos)
        candidates = words.group(0).split() if words else []
        jurisdictions: tuple[str, ...] = ()
        for n in range(min(3, len(candidates)), -1, -1):
            adjective = " ".join(candidates[:n])
            found = self.knowledge.jurisdictions_of(adjective) if n else ()
            if n and not found:
                continue
            start = pos + len(adjective) + (1 if n else 0)
            title = self._title_by_start.get(start)
            if title is None or not _ENDS_APPOSITIVE.match(self.text, title.end):
                continue
            if _ANOTHER_NAME_AFTER.match(self.text, title.end):
                return None
            written = self.text[start : title.end]
            if not (match.group("article") or n or written[:1].islower()):
                return None  # "Thompson, King, and others": a list, not "X, the king,"
            if any(
                w.lower() in HISTORY_BEFORE or w.lower() in TITLE_QUALIFIERS for w in candidates[:n]
            ):
                return None
            jurisdictions = found
            return title, jurisdictions, self.text[pos : title.end], title.end
        return None

    # -- history ------------------------------------------------------------------------------
    def mention_is_historical(self, mention: Mention) -> bool:
        """Asked only of mentions about to be flagged: it needs the sentence (syntok), which
        costs more than everything else a check does."""
        return self.is_historical(*mention.span)

    def sentence(self, offset: int) -> Sentence:
        return self.document.sentence_at(offset)

    def is_historical(self, start: int, end: int) -> bool:
        """Does the text around `start:end` speak of the past (so an old title is right)?"""
        text = self.text
        before = word_before(text, start, 1)
        if any(w in HISTORY_BEFORE or w.startswith(("then-", "ex-", "former")) for w in before):
            return True
        if text[max(0, start - 5) : start].lower().endswith(("then-", "ex-", "then ")):
            return True
        after = text[end : end + 40].lower()
        if after.startswith(("-era", " era", "'s former", "’s former", " era's")):
            return True
        sentence = self.sentence(start)
        if HISTORY_PHRASES.search(sentence.text):
            return True
        return self.sentence_mentions_earlier_year(sentence)

    def sentence_mentions_earlier_year(self, sentence: Sentence) -> bool:
        """A year before the story's year in the sentence ("in 2019") marks a past context."""
        for match in YEAR_PATTERN.finditer(sentence.text):
            if int(match.group(1)) < self.story_date.year:
                return True
        return False

    # -- dates --------------------------------------------------------------------------------
    @cached_property
    def dates(self) -> list[DateMention]:
        out: list[DateMention] = []
        for match in DATE_PATTERN.finditer(self.text):
            month_word = (match.group("month") or match.group("month2") or "").rstrip(".").lower()
            day_text = match.group("day") or match.group("day2")
            year_text = match.group("year") or match.group("year2")
            weekday_text = match.group("weekday")
            weekday = WEEKDAYS.get(weekday_text.rstrip(".").lower()) if weekday_text else None
            out.append(
                DateMention(
                    start=match.start(),
                    end=match.end(),
                    month=MONTHS[month_word],
                    day_of_month=int(day_text),
                    year=int(year_text) if year_text else None,
                    weekday=weekday,
                    weekday_end=match.start("weekday") + len(weekday_text)
                    if weekday_text
                    else match.start(),
                )
            )
        return out
