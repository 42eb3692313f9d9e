"""How names are written in copy, from data: honorifics, particles, transliterations, regnal
titles and nicknames (the `names:` section of rules/kb/names.yaml, docs/knowledge-base.md).

The knowledge base lists each person's spellings once ("Abdel Fattah el-Sisi"); copy writes
"al-Sisi", "el-Sissi", "Sisi", "Sir Keir Starmer", "Mohammad bin Salman", "Pope Leo". Rather than
every people file repeating every spelling, the index generates the other forms from these
rules when it builds the name automaton. A generated spelling never takes a spelling another
person declares: declared names win.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

from bot.kb.model import KnowledgeBase, Nickname, Person, Regnal
from bot.text.fold import strip_accents

# A generated spelling per combination of choices; a long name with many choices is capped.
_MAX_FORMS_PER_NAME = 64
_NUMERAL = re.compile(r"^(?P<name>.+?) (?P<numeral>[IVXLC]+)(?: of .+)?$")


@dataclass(frozen=True)
class Forms:
    """The spellings the index gets for one person beyond the declared ones."""

    full: tuple[str, ...]
    short: tuple[str, ...]


class FormGenerator:
    """Generates the other spellings of people's names from the rules (built once per index)."""

    def __init__(self, kb: KnowledgeBase) -> None:
        rules = kb.names
        self._kb = kb
        self._honorifics = rules.honorifics
        # every spelling that can stand in for another: particles and transliterations
        choices: dict[str, tuple[str, ...]] = {}
        for particle in rules.particles:
            options = particle.forms + (("",) if particle.droppable else ())
            for form in particle.forms:
                choices[form] = options
        for group in rules.transliterations:
            for spelling in group:
                choices[spelling] = tuple(dict.fromkeys((*choices.get(spelling, ()), *group)))
        self._choices = choices
        self._pattern = _alternation(choices)
        self._short_particles = tuple(f for p in rules.particles if p.short for f in p.forms)
        self._nicknames: dict[str, list[Nickname]] = {}
        for nickname in rules.nicknames:
            self._nicknames.setdefault(nickname.person, []).append(nickname)
        self._regnal_titles = self._regnal(rules.regnal)

    def _regnal(self, rules: Iterable[Regnal]) -> dict[str, tuple[str, ...]]:
        """Person -> the regnal titles their offices allow."""
        out: dict[str, list[str]] = {}
        for rule in rules:
            groups = set(rule.groups)
            for office in self._kb.offices.values():
                if office.id not in rule.offices and office.group not in groups:
                    continue
                for term in self._kb.terms_by_office.get(office.id, ()):
                    out.setdefault(term.person, []).extend(rule.titles)
        return {k: tuple(dict.fromkeys(v)) for k, v in out.items()}

    def forms(self, person: Person) -> Forms:
        full: list[str] = []
        for form in person.forms:
            stripped = strip_honorifics(form, self._honorifics)
            if stripped != form and len(stripped.split()) >= 2:
                full.append(stripped)
        short: list[str] = []
        for nickname in self._nicknames.get(person.id, ()):
            for form in person.forms:
                words = form.split()
                if len(words) >= 2:
                    full.extend(f"{n} {' '.join(words[1:])}" for n in nickname.forms)
            if nickname.alone:
                short.extend(nickname.forms)
        full = [*self._spellings([*person.forms, *full]), *full]
        short = [*self._spellings([*person.short, *short]), *short]
        short += self._particle_surnames(person)
        short += self._regnal_forms(person)
        return Forms(_new(full, person.forms), _new(short, person.short))

    def _spellings(self, names: Iterable[str]) -> Iterator[str]:
        """Every combination of the interchangeable spellings inside each name."""
        for name in names:
            parts = self._pattern.split(name) if self._choices else [name]
            if len(parts) == 1:
                continue
            # split() with one group alternates text and matched spelling
            options = [
                (part,) if i % 2 == 0 else self._choices[part] for i, part in enumerate(parts)
            ]
            for combo in itertools.islice(itertools.product(*options), _MAX_FORMS_PER_NAME):
                yield " ".join("".join(combo).split())

    def _particle_surnames(self, person: Person) -> list[str]:
        """A surname that carries a particle marked `short` stands alone after the first
        mention, in each of its spellings ("el-Sisi", "al-Sisi", "Sisi")."""
        if not self._short_particles:
            return []
        out: list[str] = []
        for form in person.forms:
            last = form.split()[-1] if len(form.split()) >= 2 else ""
            for particle in self._short_particles:
                if last.startswith(particle) and len(last) > len(particle):
                    out.extend(self._spellings([last]))
                    out.append(last)
        return out

    def _regnal_forms(self, person: Person) -> list[str]:
        """'Pope Leo' for Leo XIV, 'King Charles' for Charles III: the title and the regnal
        name without its numeral."""
        titles = self._regnal_titles.get(person.id, ())
        out: list[str] = []
        for form in person.forms if titles else ():
            match = _NUMERAL.match(form)
            if match:
                out.extend(f"{title} {match.group('name')}" for title in titles)
        return out

    def first_name_equivalents(self) -> Mapping[str, frozenset[str]]:
        """Transliterated first names and nicknames as one name, for the spelling check
        ("Aleksandr" ~ "Alexander", "Bibi" ~ "Benjamin"), folded like the index's keys."""
        from bot.text.fold import fold

        table: dict[str, set[str]] = {}
        groups: list[tuple[str, ...]] = [g for g in self._kb.names.transliterations]
        for nickname in self._kb.names.nicknames:
            person = self._kb.people.get(nickname.person)
            if person is not None and len(person.name.split()) >= 2:
                groups.append((person.name.split()[0], *nickname.forms))
        for group in groups:
            folded = {fold(g) for g in group if " " not in g}
            for one in folded:
                table.setdefault(one, set()).update(folded - {one})
        return {k: frozenset(v) for k, v in table.items() if v}


def strip_honorifics(name: str, honorifics: Iterable[str]) -> str:
    """'Sir Keir Starmer' -> 'Keir Starmer', 'Grand Ayatollah Ali Sistani' -> 'Ali Sistani'
    (only when a name is left)."""
    ordered = sorted(honorifics, key=len, reverse=True)
    changed = True
    while changed:
        changed = False
        for honorific in ordered:
            rest = name[len(honorific) :]
            if name.startswith(honorific) and rest.startswith(" ") and rest.strip():
                name, changed = rest.strip(), True
                break
    return name


def _alternation(choices: Mapping[str, tuple[str, ...]]) -> re.Pattern[str]:
    """One pattern for every spelling that has alternatives, longest first, at word starts;
    particles end in '-' or ' ' and so need no boundary after them."""
    if not choices:
        return re.compile(r"(?!x)x")
    alternatives = "|".join(
        re.escape(s) + ("" if s[-1] in "- " else r"\b")
        for s in sorted(choices, key=len, reverse=True)
    )
    return re.compile(rf"(?<!\w)({alternatives})")


def _new(forms: Iterable[str], declared: Iterable[str]) -> tuple[str, ...]:
    """Generated forms and their accent-free spellings, minus the declared ones."""
    seen = set(declared)
    out: dict[str, None] = {}
    for form in forms:
        for spelling in (form, strip_accents(form)):
            if spelling and spelling not in seen:
                out.setdefault(spelling, None)
    return tuple(out)
