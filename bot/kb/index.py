"""Search structures over the knowledge base: Aho-Corasick automata for names and titles.

A regex alternation of thousands of names crawls at ~0.3 MB/s; an automaton scans at 100 MB/s or
more whatever the KB's size (start-up time), so name spotting does not slow as it grows.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

import ahocorasick
import msgspec

from bot.kb.model import KnowledgeBase
from bot.text.fold import fold


class NameHit(msgspec.Struct, frozen=True):
    """A spelling of a known person's name found in the text."""

    start: int
    end: int
    form: str
    people: tuple[str, ...]  # every person with this spelling (homonyms)
    short: bool  # a surname-style short form ("Biden"), not a full name


class TitleHit(msgspec.Struct, frozen=True):
    """A title found in the text, with the offices it can name."""

    start: int
    end: int
    form: str
    offices: tuple[str, ...]
    elect: bool


_SEP, _IDS = "\x1f", "\x1e"  # separators inside automaton values; never in ids


def _boundary(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    if before == "-" and _NOW_PREFIX.search(text[max(0, start - 5) : start]):
        before = " "  # "now-President X" is a title held now; "vice-president" is another
    return not (before.isalnum() or before in "-_") and not (after.isalnum() or after == "_")


_NOW_PREFIX = re.compile(r"(?<![\w-])now-$")


@dataclass
class KnowledgeIndex:
    """The KB plus its automata; built once, pickled into the prebuilt index."""

    kb: KnowledgeBase
    names: ahocorasick.Automaton = field(init=False)
    titles: ahocorasick.Automaton = field(init=False)
    adjectives: dict[str, tuple[str, ...]] = field(init=False)
    by_first: dict[str, tuple[str, ...]] = field(init=False)
    by_last: dict[str, tuple[str, ...]] = field(init=False)
    known_forms: frozenset[str] = field(init=False)
    known_surnames: frozenset[str] = field(init=False)
    title_forms: dict[str, tuple[str, ...]] = field(init=False)
    holder_only_titles: dict[str, frozenset[str]] = field(init=False)
    first_name_equivalents: dict[str, frozenset[str]] = field(init=False)

    def __post_init__(self) -> None:
        self._build_names()
        self._build_titles()
        self._build_first_names()

    def _build_first_names(self) -> None:
        """Nickname and formal forms of the KB's first names ("Steve" ~ "Steven", "Tim" ~
        "Timothy"), from the hand-curated `nicknames` dataset, folded in at build time so
        checks never load it (it takes ~50 ms)."""
        from nicknames import NickNamer

        namer = NickNamer()
        table: dict[str, set[str]] = defaultdict(set)
        for first in self.by_first:
            same = set(namer.nicknames_of(first)) | set(namer.canonicals_of(first))
            for canonical in namer.canonicals_of(first):
                same |= set(namer.nicknames_of(canonical))
            same.discard(first)
            for other in same:  # both ways: "Steven" in copy finds the KB's "Steve"
                table[first].add(other)
                table[other].add(first)
        # transliterations and nicknames from the name rules ("Aleksandr" ~ "Alexander")
        for first, others in self.__dict__.pop("_generated_equivalents", {}).items():
            table[first].update(others)
        self.first_name_equivalents = {k: frozenset(v) for k, v in table.items()}

    def same_first_name(self, a: str, b: str) -> bool:
        """Are two folded first names one name (equal, or a nickname and its formal form)?"""
        return (
            a == b
            or b in self.first_name_equivalents.get(a, ())
            or a in self.first_name_equivalents.get(b, ())
        )

    # -- names --------------------------------------------------------------------------------
    def _build_names(self) -> None:
        """The declared spellings, then the ones the name rules generate (bot.kb.names), which
        never take a spelling another person declares."""
        from bot.kb.names import FormGenerator

        entries: dict[str, dict[str, bool]] = defaultdict(dict)
        by_first: dict[str, set[str]] = defaultdict(set)
        by_last: dict[str, set[str]] = defaultdict(set)
        surnames: set[str] = set()

        def add(pid: str, form: str, short: bool) -> None:
            if short:
                entries[form].setdefault(pid, True)
                surnames.add(fold(form))
                return
            entries[form][pid] = False
            tokens = fold(form).split()
            if len(tokens) >= 2:
                by_first[tokens[0]].add(pid)
                by_last[tokens[-1]].add(pid)
                surnames.add(tokens[-1])

        for person in self.kb.people.values():
            for form in person.forms:
                add(person.id, form, False)
            for form in person.short:
                add(person.id, form, True)
        declared = set(entries)
        generator = FormGenerator(self.kb)
        for person in self.kb.people.values():
            forms = generator.forms(person)
            for form in forms.full:
                if form not in declared:
                    add(person.id, form, False)
            for form in forms.short:
                if form not in declared:
                    add(person.id, form, True)
        self._generated_equivalents = generator.first_name_equivalents()
        automaton = ahocorasick.Automaton()
        for form, people in entries.items():
            short = all(people.values())
            # one string per entry ("length|short|ids"): the automaton is most of the index and
            # one object per key unpickles several times faster than a tuple of objects
            value = f"{len(form)}{_SEP}{int(short)}{_SEP}{_IDS.join(sorted(people))}"
            automaton.add_word(form, value)
        if len(automaton):
            automaton.make_automaton()
        self.names = automaton
        self.by_first = {k: tuple(sorted(v)) for k, v in by_first.items()}
        self.by_last = {k: tuple(sorted(v)) for k, v in by_last.items()}
        self.known_forms = frozenset(fold(f) for f, p in entries.items() if not all(p.values()))
        self.known_surnames = frozenset(surnames)

    def find_names(self, text: str) -> list[NameHit]:
        """Every known name spelling in `text`, longest match first where they overlap."""
        hits: list[NameHit] = []
        if not len(self.names):
            return hits
        for end_index, value in self.names.iter(text):
            length, short, people = value.split(_SEP)
            start = end_index - int(length) + 1
            if _boundary(text, start, end_index + 1):
                hits.append(
                    NameHit(
                        start,
                        end_index + 1,
                        text[start : end_index + 1],
                        tuple(people.split(_IDS)),
                        short == "1",
                    )
                )
        hits.sort(key=lambda h: (h.start, -(h.end - h.start)))
        kept: list[NameHit] = []
        for hit in hits:
            if kept and hit.start < kept[-1].end:
                continue
            kept.append(hit)
        return kept

    # -- titles -------------------------------------------------------------------------------
    def _build_titles(self) -> None:
        forms: dict[str, set[str]] = defaultdict(set)
        holder_only: dict[str, set[str]] = defaultdict(set)
        for office in self.kb.offices.values():
            for title in (*office.titles, *office.long_titles):
                forms[title.casefold()].add(office.id)
            for title in office.holder_titles:
                forms[title.casefold()].add(office.id)
                holder_only[title.casefold()].add(office.id)
        # a form that is an ordinary title of some office stays ordinary for it
        self.holder_only_titles = {k: frozenset(v) for k, v in holder_only.items()}
        automaton = ahocorasick.Automaton()
        for form, offices in forms.items():
            automaton.add_word(form, (len(form), tuple(sorted(offices))))
        if len(automaton):
            automaton.make_automaton()
        self.titles = automaton
        self.title_forms = {k: tuple(sorted(v)) for k, v in forms.items()}
        adjectives: dict[str, set[str]] = defaultdict(set)
        for j in self.kb.jurisdictions.values():
            for adjective in j.adjectives:
                adjectives[_adjective_key(adjective)].add(j.id)
        self.adjectives = {k: tuple(sorted(v)) for k, v in adjectives.items()}

    def find_titles(self, lowered: str) -> list[TitleHit]:
        """Every title in `lowered` (the text casefolded, same length), longest first."""
        hits: list[TitleHit] = []
        if not len(self.titles):
            return hits
        for end_index, (length, offices) in self.titles.iter(lowered):
            start = end_index - length + 1
            form = lowered[start : end_index + 1]
            if _boundary(lowered, start, end_index + 1) or form.endswith("."):
                hits.append(TitleHit(start, end_index + 1, form, offices, False))
        hits.sort(key=lambda h: (h.end, -(h.end - h.start)))
        return hits

    def for_holders(self, hit: TitleHit, people: tuple[str, ...]) -> TitleHit | None:
        """The title with only the offices it can name before these people: a holder-only
        title ("Chief of Staff") names its office only for someone who held it."""
        holder_only = self.holder_only_titles.get(hit.form)
        if not holder_only:
            return hit
        held = {t.office for p in people for t in self.kb.terms_of(p)}
        offices = tuple(o for o in hit.offices if o not in holder_only or o in held)
        if not offices:
            return None
        return hit if offices == hit.offices else msgspec.structs.replace(hit, offices=offices)

    def jurisdictions_of(self, adjective: str) -> tuple[str, ...]:
        return self.adjectives.get(_adjective_key(adjective), ())

    def offices_within(
        self, offices: tuple[str, ...], jurisdictions: tuple[str, ...]
    ) -> tuple[str, ...]:
        """The offices of a title that belong to the jurisdictions an adjective pins; cached
        ("President" names ~190 offices; "Chinese President" one)."""
        cache: dict[tuple[tuple[str, ...], tuple[str, ...]], tuple[str, ...]] = (
            self.__dict__.setdefault("_within_cache", {})
        )
        key = (offices, jurisdictions)
        found = cache.get(key)
        if found is None:
            found = tuple(o for o in offices if self.office_in(o, jurisdictions))
            cache[key] = found
        return found

    def __getstate__(self) -> dict[str, object]:
        state = dict(self.__dict__)
        state.pop("_within_cache", None)  # rebuilt on use
        return state

    def office_in(self, office_id: str, jurisdictions: tuple[str, ...]) -> bool:
        """Does the office belong to one of the jurisdictions (or a state of one)?"""
        office = self.kb.offices[office_id]
        if office.jurisdiction in jurisdictions:
            return True
        parent = self.kb.jurisdictions.get(office.jurisdiction)
        return bool(parent and parent.parent in jurisdictions)


def _adjective_key(adjective: str) -> str:
    """One adjective whichever apostrophe the copy sets ("China’s", "China's")."""
    return adjective.replace("’", "'").casefold()
