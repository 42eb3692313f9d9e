"""Load the knowledge base from `rules/kb/**/*.yaml`: validate, merge, check references.

Merging rules (why they exist):
- People: a slug id ("janet-yellen") written by hand joins the QID person of the same canonical
  name, so hand-curated and imported facts about one person meet.
- Terms of one person in one office that overlap are one term: the start and dates of the
  higher-priority source win; an end known only to a later source (a newer snapshot) is kept,
  because an open term is only known to last until its source's `complete_to`.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import msgspec
import yaml

from bot.errors import KnowledgeError
from bot.kb.model import (
    FuzzyDate,
    Jurisdiction,
    KnowledgeBase,
    NameRules,
    Nickname,
    Office,
    Particle,
    Person,
    Platform,
    PlatformUser,
    Regnal,
    Role,
    Source,
    Term,
    Vacancy,
)
from bot.kb.schema import KBFile, NamesSpec, PersonSpec, TermSpec

_QID = re.compile(r"^Q\d+$")
_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_knowledge(root: Path) -> KnowledgeBase:
    """Read, validate and merge every KB file under `root`."""
    paths = sorted(p for p in root.rglob("*.yaml") if not p.name.startswith("."))
    return load_files(paths, root)


def load_files(paths: list[Path], root: Path | None = None) -> KnowledgeBase:
    """Read, validate and merge these KB files (`root` names them in an error)."""
    files = [(path, _read(path)) for path in paths]
    kb = build_knowledge(files)
    if not kb.people or not kb.offices:
        # checks would find nothing to judge and say "nothing to flag": refuse instead
        where = str(root) if root else ", ".join(str(p) for p in paths[:3]) or "(no files)"
        raise KnowledgeError(
            where, None, None, "the knowledge base is empty: no people or no offices"
        )
    return kb


def read_file(path: Path) -> KBFile:
    """One KB file, validated against the schema (errors name the file and line)."""
    return _read(path)


def _read(path: Path) -> KBFile:
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)  # noqa: S506
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else None
        raise KnowledgeError(str(path), line, None, f"invalid YAML: {exc.problem}") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise KnowledgeError(str(path), None, None, f"cannot read the file: {exc}") from exc
    if raw is None:
        return KBFile()
    try:
        return msgspec.convert(raw, KBFile, strict=False)
    except msgspec.ValidationError as exc:
        raise _locate(path, exc) from exc


def _locate(path: Path, exc: msgspec.ValidationError) -> KnowledgeError:
    """Turn a validation error's `$.terms[12].start` path into a file line (re-parse slowly)."""
    from bot.text.yamllines import error_path, key_line, read_yaml_with_lines

    where = error_path(exc)
    raw = read_yaml_with_lines(path, KnowledgeError)
    line = key_line(raw, where) if isinstance(raw, dict) else None
    item = re.match(r"\$\.(\w+)\[(\d+)\]", where)
    ident = None
    if item and isinstance(raw, dict):
        section = raw.get(item.group(1)) or []
        index = int(item.group(2))
        if index < len(section) and isinstance(section[index], dict):
            ident = section[index].get("id") or section[index].get("person")
    return KnowledgeError(str(path), line, ident, str(exc))


def build_knowledge(files: list[tuple[Path, KBFile]]) -> KnowledgeBase:
    """Merge validated files into one knowledge base; raise on dangling references."""
    kb = KnowledgeBase()
    people_specs: list[tuple[Path, PersonSpec]] = []
    term_specs: list[tuple[Path, TermSpec]] = []
    for path, spec in files:
        for s in spec.sources:
            if s.id in kb.sources:
                raise KnowledgeError(str(path), None, s.id, f"source '{s.id}' is declared twice")
            kb.sources[s.id] = Source(
                s.id, s.name, s.url, s.licence, s.complete_to, s.priority, s.checked_to
            )
        for j in spec.jurisdictions:
            if j.id in kb.jurisdictions:
                raise KnowledgeError(
                    str(path), None, j.id, f"jurisdiction '{j.id}' is declared twice"
                )
            kb.jurisdictions[j.id] = Jurisdiction(j.id, j.name, tuple(j.adjectives), j.parent)
        for o in spec.offices:
            if o.id in kb.offices:
                raise KnowledgeError(str(path), None, o.id, f"office '{o.id}' is declared twice")
            kb.offices[o.id] = Office(
                o.id,
                o.name,
                o.jurisdiction,
                o.group,
                tuple(o.titles),
                tuple(o.long_titles),
                o.seats,
                o.complete_from,
                o.source,
                o.complete_to,
                tuple(o.holder_titles),
            )
            if o.complete_to is not None and o.complete_to < o.complete_from:
                raise KnowledgeError(str(path), None, o.id, "complete_to is before complete_from")
        people_specs.extend((path, p) for p in spec.people)
        term_specs.extend((path, t) for t in spec.terms)
    for path, spec in files:
        for o in spec.offices:
            _require(path, o.id, "source", o.source, kb.sources)
            _require(path, o.id, "jurisdiction", o.jurisdiction, kb.jurisdictions)
        for v in spec.vacancies:
            _require(path, v.office, "office", v.office, kb.offices)
            if not v.sources:
                raise KnowledgeError(str(path), None, v.office, "a vacancy needs its sources")
            for source in v.sources:
                _require(path, v.office, "source", source, kb.sources)
            if v.end is not None and v.end < v.start:
                raise KnowledgeError(str(path), None, v.office, "vacancy ends before it starts")
            kb.vacancies[v.office] = (
                *kb.vacancies.get(v.office, ()),
                Vacancy(v.office, v.start, v.end, tuple(v.sources)),
            )
    seats_of: dict[str, list[tuple[str, str | None, int, int]]] = defaultdict(list)
    for _path, t in term_specs:
        first = int(str(t.start)[:4])
        last = int(str(t.end).rpartition("/")[2][:4]) if t.end is not None else 9999
        seats_of[t.person].append((t.office, t.seat, first, last))
    aliases = _merge_people(kb, people_specs, seats_of)
    _merge_terms(kb, term_specs, aliases)
    for path, spec in files:
        if spec.names is not None:
            kb.names = kb.names.merged(_names(kb, path, spec.names, aliases))
    for path, spec in files:
        for p in spec.platforms:
            _require(path, p.id, "source", p.source, kb.sources)
            users = []
            for u in p.users:
                person = aliases.get(u.person, u.person)
                _require(path, p.id, "person", person, kb.people)
                _require(path, p.id, "source", u.source, kb.sources)
                users.append(
                    PlatformUser(person, FuzzyDate.parse(u.since) if u.since else None, u.source)
                )
            kb.platforms[p.id] = Platform(
                p.id,
                p.name,
                tuple(p.aliases or [p.name]),
                tuple(p.complete_for),
                p.source,
                tuple(users),
            )
    return kb


def _names(kb: KnowledgeBase, path: Path, spec: NamesSpec, aliases: dict[str, str]) -> NameRules:
    """One file's name rules, their people and offices checked."""
    for group in spec.transliterations:
        if len(set(group)) < 2:
            raise KnowledgeError(
                str(path), None, "names", f"a transliteration needs two spellings: {group}"
            )
    for regnal in spec.regnal:
        for office in regnal.offices:
            _require(path, "names.regnal", "office", office, kb.offices)
    nicknames = []
    for n in spec.nicknames:
        person = aliases.get(n.person, n.person)
        _require(path, "names.nicknames", "person", person, kb.people)
        nicknames.append(Nickname(person, tuple(n.forms), n.alone))
    return NameRules(
        honorifics=tuple(spec.honorifics),
        particles=tuple(Particle(tuple(p.forms), p.droppable, p.short) for p in spec.particles),
        transliterations=tuple(tuple(g) for g in spec.transliterations),
        regnal=tuple(
            Regnal(tuple(r.titles), tuple(r.offices), tuple(r.groups)) for r in spec.regnal
        ),
        nicknames=tuple(nicknames),
    )


def _require(path: Path, owner: str, what: str, ident: str, table: Mapping[str, Any]) -> None:
    if ident not in table:
        raise KnowledgeError(str(path), None, owner, f"unknown {what} '{ident}'")


def _merge_people(
    kb: KnowledgeBase,
    specs: list[tuple[Path, PersonSpec]],
    seats_of: dict[str, list[tuple[str, str | None, int, int]]],
) -> dict[str, str]:
    """Merge person entries by id, then fold slug ids into the QID of the same name, unless
    both sat in one office at the same time in different seats: then they are namesakes (two
    Representatives named Mike Rogers), not one person stated twice."""
    merged: dict[str, PersonSpec] = {}
    for path, p in specs:
        if p.source is not None:
            _require(path, p.id, "source", p.source, kb.sources)
        old = merged.get(p.id)
        if old is None:
            merged[p.id] = p
            continue
        merged[p.id] = PersonSpec(
            id=p.id,
            name=old.name,
            variants=_union(old.variants, [p.name] if p.name != old.name else [], p.variants),
            short=_union(old.short, p.short),
            note=old.note or p.note,
            died=old.died or p.died,
            source=old.source or p.source,
        )
    by_name: dict[str, list[str]] = defaultdict(list)
    for pid, p in merged.items():
        if _QID.match(pid):
            by_name[p.name].append(pid)
    aliases: dict[str, str] = {}
    for pid, p in list(merged.items()):
        if _QID.match(pid):
            continue
        targets = by_name.get(p.name, [])
        if len(targets) == 1 and not _sat_together(
            seats_of.get(pid, []), seats_of.get(targets[0], [])
        ):
            target = merged[targets[0]]
            merged[targets[0]] = PersonSpec(
                id=target.id,
                name=target.name,
                variants=_union(target.variants, p.variants),
                short=_union(target.short, p.short),
                note=target.note or p.note,
                died=target.died or p.died,
                source=target.source or p.source,
            )
            aliases[pid] = targets[0]
            del merged[pid]
    people: dict[str, Person] = {}
    for pid, p in merged.items():
        variants = tuple(v for v in _union(p.variants) if v != p.name)
        people[pid] = Person(pid, p.name, variants, tuple(_union(p.short)), p.note, p.died)
    kb.people = people
    return aliases


def _sat_together(
    a: list[tuple[str, str | None, int, int]], b: list[tuple[str, str | None, int, int]]
) -> bool:
    """Did they hold one office in different seats in the same years?"""
    return any(
        office == other
        and seat
        and other_seat
        and seat != other_seat
        and start <= other_end
        and other_start <= end
        for office, seat, start, end in a
        for other, other_seat, other_start, other_end in b
    )


def _union(*lists: list[str]) -> list[str]:
    seen: dict[str, None] = {}
    for items in lists:
        for item in items:
            if item:
                seen.setdefault(item, None)
    return list(seen)


@dataclass(frozen=True)
class _Draft:
    """A term while merging, with the sources that state its start and its end."""

    term: Term
    start_from: tuple[str, ...]
    end_from: tuple[str, ...]


def _merge_terms(
    kb: KnowledgeBase, specs: list[tuple[Path, TermSpec]], aliases: dict[str, str]
) -> None:
    grouped: dict[tuple[str, str], list[_Draft]] = defaultdict(list)
    for path, t in specs:
        person = aliases.get(t.person, t.person)
        _require(path, f"{t.person} @ {t.office}", "person", person, kb.people)
        _require(path, f"{t.person} @ {t.office}", "office", t.office, kb.offices)
        _require(path, f"{t.person} @ {t.office}", "source", t.source, kb.sources)
        try:
            start = FuzzyDate.parse(t.start)
            end = FuzzyDate.parse(t.end) if t.end is not None else None
        except ValueError as exc:
            raise KnowledgeError(str(path), None, f"{t.person} @ {t.office}", str(exc)) from exc
        if end is not None and end.latest < start.earliest:
            raise KnowledgeError(
                str(path),
                None,
                f"{t.person} @ {t.office}",
                f"term ends ({end}) before it starts ({start})",
            )
        known_to = kb.sources[t.source].complete_to
        term = Term(person, t.office, start, end, (t.source,), known_to, t.role, t.seat)
        grouped[(person, t.office)].append(
            _Draft(term, (t.source,), (t.source,) if end is not None else ())
        )
    by_office: dict[str, list[_Draft]] = defaultdict(list)
    for drafts in grouped.values():
        for draft in _merge_overlapping(kb, drafts):
            by_office[draft.term.office].append(draft)
    by_person: dict[str, list[Term]] = defaultdict(list)
    terms_by_office: dict[str, tuple[Term, ...]] = {}
    for office, drafts in by_office.items():
        terms = _corroborate(kb, drafts)
        terms_by_office[office] = tuple(sorted(terms, key=_start))
        for term in terms:
            by_person[term.person].append(term)
    kb.terms_by_person = {k: tuple(sorted(v, key=_start)) for k, v in by_person.items()}
    kb.terms_by_office = terms_by_office


def _start(term: Term) -> date:
    return term.start.earliest


def _merge_overlapping(kb: KnowledgeBase, drafts: list[_Draft]) -> list[_Draft]:
    """Fold overlapping terms of one person in one office (see the module docstring)."""
    drafts = sorted(drafts, key=lambda d: -kb.sources[d.term.sources[0]].priority)
    out: list[_Draft] = []
    for draft in drafts:
        matches = [
            i
            for i, kept in enumerate(out)
            if kept.term.role == draft.term.role and _overlap(kept.term, draft.term)
        ]
        if not matches:
            out.append(draft)
            continue
        # An open term (a list of current holders) speaks of the stint still running: where
        # one person held the office twice (Mitsotakis 2019-2023 and from 2023-06-26) and a
        # snapshot gives the first start with no end, it joins the open term, not the ended one.
        if draft.term.end is None:
            matches = [i for i in matches if out[i].term.end is None] or matches
        out[matches[0]] = _combine(out[matches[0]], draft)
    return out


def _overlap(a: Term, b: Term) -> bool:
    a_end = a.end.latest if a.end else date.max
    b_end = b.end.latest if b.end else date.max
    return (
        a.start.earliest <= b_end
        and b.start.earliest <= a_end
        and (a.seat == b.seat or not a.seat or not b.seat)
    )


def _agree(a: FuzzyDate, b: FuzzyDate) -> bool:
    """Do two dates allow a common day (give or take the handover day)?"""
    day = timedelta(days=1)
    return a.earliest <= b.latest + day and b.earliest <= a.latest + day


def _combine(kept_draft: _Draft, other_draft: _Draft) -> _Draft:
    """`kept` comes from the higher-priority source; `other` may know more about the end: an
    end after what `kept`'s source vouches for (and with it `other`'s horizon: the holder was
    in office until that end, as far as `other` knows), or, for a term both leave open, a later
    horizon. An end `other` only bounds ("between 2024-10-24 and 2026") is narrowed by what
    `kept` vouches for: the holder was still in office on `kept`'s `known_to`."""
    kept, other = kept_draft.term, other_draft.term
    end, known_to, end_from = kept.end, kept.known_to, kept_draft.end_from
    if kept.end is None and other.end is None:
        known_to = max(kept.known_to, other.known_to)
    elif kept.end is None and other.end is not None and other.end.latest > kept.known_to:
        earliest = max(other.end.earliest, kept.known_to + timedelta(days=1))
        end = (
            other.end
            if earliest == other.end.earliest
            else FuzzyDate.between(earliest, other.end.latest)
        )
        end_from = other_draft.end_from
        # the source that saw the end vouches for the term up to it ("Bondi ... to 2026-04"
        # from a list complete to 2026-04-20: surely in office in July 2025)
        known_to = max(kept.known_to, other.known_to)
    elif kept.end is not None and other.end is not None and _agree(kept.end, other.end):
        end_from = _dedupe(end_from + other_draft.end_from)
    start_from = kept_draft.start_from
    if _agree(kept.start, other.start):
        start_from = _dedupe(start_from + other_draft.start_from)
    term = Term(
        kept.person,
        kept.office,
        kept.start,
        end,
        _dedupe(kept.sources + other.sources),
        known_to,
        kept.role,
        kept.seat or other.seat,
    )
    return _Draft(term, start_from, end_from)


def _corroborate(kb: KnowledgeBase, drafts: list[_Draft]) -> list[Term]:
    """Mark the starts and ends that rest on one source past the period it was checked for.

    A change of holder is stated twice when the leaver's end and the successor's start agree and
    come from different sources, or when either is checked: then both are corroborated."""
    lone_start = {id(d): _lone(kb, d.term.start, d.start_from) for d in drafts}
    lone_end = {
        id(d): _lone(kb, d.term.end, d.end_from) if d.term.end is not None else None for d in drafts
    }
    starts, ends = dict(lone_start), dict(lone_end)
    for draft in drafts:
        pairs: list[tuple[_Draft, _Draft]] = []
        if lone_end[id(draft)] is not None:
            pairs += [(draft, comer) for comer in drafts]
        if lone_start[id(draft)] is not None:
            pairs += [(leaver, draft) for leaver in drafts]
        for leaver, comer in pairs:
            if _succeeds(leaver.term, comer.term) and (
                lone_start[id(comer)] is None
                or lone_end[id(leaver)] is None
                or len(set(comer.start_from) | set(leaver.end_from)) >= 2
            ):
                ends[id(leaver)] = None
                starts[id(comer)] = None
    return [
        msgspec.structs.replace(d.term, lone_start=starts[id(d)], lone_end=ends[id(d)])
        for d in drafts
    ]


def _succeeds(leaver: Term, comer: Term) -> bool:
    """Can `comer`'s start be the change that ended `leaver`'s term (same seat, dates agree)?"""
    return (
        leaver.end is not None
        and comer.person != leaver.person
        and comer.role is not Role.ELECT
        and not (leaver.seat and comer.seat and leaver.seat != comer.seat)
        and _agree(leaver.end, comer.start)
    )


def _lone(kb: KnowledgeBase, when: FuzzyDate, stated_by: tuple[str, ...]) -> str | None:
    """The one source a date rests on past its checked period, or None."""
    if len(set(stated_by)) != 1:
        return None
    (source,) = set(stated_by)
    return source if when.latest > kb.sources[source].checked_until else None


def _dedupe(items: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))
