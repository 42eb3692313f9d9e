"""One id and one name per person across the three congress-legislators files.

A person can be in several files (Kamala Harris is a departed senator and a vice president) and
an older snapshot may lack the Wikidata QID that another file has (Mike Pence's departed record),
so records are joined on any shared id (bioguide, govtrack, wikidata) before ids are chosen.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from bot.kb.importers.inputs import Inputs
from bot.kb.importers.model import Person, unique
from bot.kb.importers.names import initials, slug, us_name_forms, us_short
from bot.text.fold import fold

# Presidents and vice presidents since 1990 whose executive.yaml record has no QID. These are
# well-known Wikidata items; Dan Quayle's is left out (not certain), so he gets a slug id.
KNOWN_QIDS: dict[tuple[str, str], str] = {
    ("govtrack", "412374"): "Q1124",  # Bill Clinton
    ("bioguide", "B001166"): "Q23505",  # George H. W. Bush
    ("bioguide", "G000321"): "Q19673",  # Al Gore
}
_ID_KINDS = ("bioguide", "govtrack", "wikidata")


def _keys(ids: Mapping[str, Any]) -> list[tuple[str, str]]:
    return [(kind, str(ids[kind])) for kind in _ID_KINDS if ids.get(kind)]


class UsPeople:
    """The people of the executive, current and departed files, joined on shared ids."""

    def __init__(self, records: Iterable[Mapping[str, Any]]) -> None:
        """`records` in order of preference for the name (current members first)."""
        self._records = list(records)
        parent: dict[tuple[str, str], tuple[str, str]] = {}

        def find(key: tuple[str, str]) -> tuple[str, str]:
            while parent.setdefault(key, key) != key:
                key = parent[key]
            return key

        for record in self._records:
            keys = _keys(record.get("id") or {})
            for key in keys[1:]:
                parent[find(key)] = find(keys[0])
        groups: dict[tuple[str, str], list[Mapping[str, Any]]] = defaultdict(list)
        for record in self._records:
            keys = _keys(record.get("id") or {})
            if keys:
                groups[find(keys[0])].append(record)
        self._group_of = {key: find(key) for key in parent}
        self._people: dict[tuple[str, str], Person] = {}
        self._build(groups)

    def _build(self, groups: dict[tuple[str, str], list[Mapping[str, Any]]]) -> None:
        drafts: dict[tuple[str, str], tuple[str | None, str, list[str], list[str], str]] = {}
        for root, records in groups.items():
            qid = next((str(r["id"]["wikidata"]) for r in records if r["id"].get("wikidata")), None)
            if qid is None:
                keys = {k for r in records for k in _keys(r["id"])}
                qid = next((KNOWN_QIDS[k] for k in sorted(keys) if k in KNOWN_QIDS), None)
            canonical, variants, short = "", [], []
            for record in records:
                common = record["id"].get("wikipedia") or (record.get("name") or {}).get(
                    "official_full", ""
                )
                name, forms = us_name_forms(record.get("name") or {}, str(common))
                canonical = canonical or name
                variants += [name, *forms]
                short += us_short(record.get("name") or {})
                for other in record.get("other_names") or []:
                    parts = {**(record.get("name") or {}), **other}
                    parts.pop("official_full", None)
                    other_name, other_forms = us_name_forms(parts)
                    variants += [other_name, *other_forms]
            bioguide = next(
                (str(r["id"]["bioguide"]) for r in records if r["id"].get("bioguide")), ""
            )
            drafts[root] = (qid, canonical, variants, short, bioguide)
        names = self._disambiguate({root: d[1] for root, d in drafts.items()}, groups)
        slugs: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for root, (qid, *_rest) in drafts.items():
            if qid is None:
                slugs[slug(names[root])].append(root)
        for root, (qid, _canonical, variants, short, bioguide) in drafts.items():
            name = names[root]
            pid = qid
            if pid is None:
                base = slug(name)
                pid = base if len(slugs[base]) == 1 else f"{base}-{bioguide.lower() or root[1]}"
            self._people[root] = Person(pid, name, unique(variants, exclude=name), unique(short))

    @staticmethod
    def _disambiguate(
        names: dict[tuple[str, str], str], groups: dict[tuple[str, str], list[Mapping[str, Any]]]
    ) -> dict[tuple[str, str], str]:
        """Two people with one canonical name ("George Bush") get their middle initials."""
        by_name: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for root, name in names.items():
            by_name[fold(name)].append(root)
        out = dict(names)
        for roots in by_name.values():
            if len(roots) < 2:
                continue
            for root in roots:
                parts = groups[root][0].get("name") or {}
                last = str(parts.get("last", ""))
                if parts.get("middle") and out[root].endswith(f" {last}"):
                    called = out[root][: -len(last) - 1]
                    out[root] = f"{called} {initials(str(parts['middle']))} {last}"
        return out

    def person(self, ids: Mapping[str, Any]) -> Person:
        """The person a record with these ids belongs to."""
        for key in _keys(ids):
            root = self._group_of.get(key)
            if root is not None:
                return self._people[root]
        raise KeyError(f"no person with ids {dict(ids)}")

    def people(self) -> list[Person]:
        return list(self._people.values())

    def name_index(self) -> dict[str, set[str]]:
        """Every accepted spelling (folded, lower case) -> the ids of the people who bear it."""
        index: dict[str, set[str]] = defaultdict(set)
        for person in self._people.values():
            for form in (person.name, *person.variants):
                index[fold(form)].add(person.id)
        return index


EXECUTIVE = "us-executive.yaml"
CURRENT = "us-legislators-current.yaml"
DEPARTED = "us-legislators-departed-since-2012.yaml"


def shared_people(inputs: Inputs) -> UsPeople:
    """The congress-legislators people, one id per person across the three files (shared by
    the executive, congress and cabinet importers)."""
    return inputs.shared(
        "us-people",
        lambda i: UsPeople([*i.records(CURRENT), *i.records(EXECUTIVE), *i.records(DEPARTED)]),
    )
