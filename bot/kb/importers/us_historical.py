"""Members of Congress who left before the departed file starts (September 2012), from 2009 on.

The departed file (us-legislators-departed-since-2012.yaml) and the current file hold everyone in
office at some time from 2012-09 on, with all their terms. Members who served in 2009-2012 but
were gone by then (Ted Kennedy, Anthony Weiner, Gabrielle Giffords, Jane Harman) come, with all
their terms from 1990 on, from two files kept
fetched beside the shared data folder when this file needs rebuilding (HISTORICAL_TERMS and
HISTORICAL_NAMES below; docs/knowledge-base.md says where from). The importer is optional: without
them its output is kept as it is.

- terms: one row per term (bioguide_id, state, office rep/sen, party, district, senate_class,
  start_date, end_date), a collation of congress-legislators' legislators-historical.yaml and
  legislators-current.yaml made on 2016-10-13 (dannguyen, kept in chipoglesby/congress-legislators
  python/catalog/congress-terms.csv);
- names: congress-legislators' own legislators-historical.csv (its gh-pages export, 2026-06-15):
  one row per member with the name parts (first, middle, last, suffix, nickname, full name) and
  ids (bioguide, govtrack, Wikipedia title).

Members found in the current or departed file are skipped: those files are newer and complete.

Why from 2009 (SERVED_FROM): with these members the House is complete from 2009-01-01, which
covers 2010s copy. Members who had left before 2009 (Sonny Bono, Tom DeLay) would add nothing to
that, and in 2010s copy they are named for their past ("Song man turned congressman Sonny
Bono"), which the checker would flag; senators of 1990-2012 are all in the hand-curated
senators-1990-2012.yaml. The files hold them: lower SERVED_FROM to import them.

Placeholder dates: the 2016 collation writes a start known only to the year as YYYY-01-01 and
an end known only to the year as YYYY-12-31 (Lloyd Bentsen "1993-12-31", when he left on
1993-01-20 for the Treasury; John Heinz "1991-12-31", who died on 1991-04-04). No Congress
starts on 1 January or ends on 31 December, so such a date is written as the year alone.

Names: the ids are slugs (the files carry no Wikidata QID). A member whose canonical name is
already another person's in the newer files ("Mark Green" of Wisconsin, 1999-2007, and of
Tennessee, from 2019) gets the middle initial in the canonical name and the bioguide id in the
slug, so the loader does not fold two people into one.

No surname-alone forms (`short`) are given to these former members: in 2010s copy "Neal",
"Schiff" or "Watson" alone is Richard Neal, Adam Schiff or a reporter, not Stephen Neal (House,
1975-1995), Steve Schiff (1989-1998) or Diane Watson (2001-2011), and a second bearer of a
surname stops a short form from resolving at all. A former member is named in full first.
"""

from __future__ import annotations

import csv
import io
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import replace
from datetime import date
from typing import Any

from bot.errors import KnowledgeError
from bot.kb.importers.inputs import Importer, Inputs
from bot.kb.importers.model import ImportResult, Person, Source, Term, When
from bot.kb.importers.names import initials, is_initial
from bot.kb.importers.sources import EARLIEST_END
from bot.kb.importers.spans import Span, join, parse_day
from bot.kb.importers.us_legislators import _bridged
from bot.kb.importers.us_people import CURRENT, DEPARTED, UsPeople, shared_people
from bot.text.fold import fold

US_CONGRESS_HISTORICAL = Source(
    id="congress-legislators-historical",
    name=(
        "unitedstates/congress-legislators legislators-historical: terms as collated on"
        " 2016-10-13 (chipoglesby/congress-legislators python/catalog/congress-terms.csv"
        " @ 9ca7da34), names from the gh-pages legislators-historical.csv @ 61c9ce6a (2026-06-15)"
    ),
    url="https://github.com/unitedstates/congress-legislators",
    licence="CC0-1.0",
    # Every member it adds had left by 2012-09; members in office after that come from the
    # current and departed files (source congress-legislators).
    complete_to=date(2012, 9, 1),
)

# Members who are already in the hand-curated files (rules/kb/us/) under another slug (a senator
# of 1990-2012, a governor, a congressional leader) or in the imported cabinet file: the record
# takes that id and canonical name, so the loader joins the two. Found by building the KB and
# listing people who share a name; each pair was checked to be one person (same state, office
# and years).
KB_IDS: dict[str, tuple[str, str]] = {
    "A000219": ("bill-armstrong", "Bill Armstrong"),
    "D000018": ("al-damato", "Al D'Amato"),
    "D000566": ("dave-durenberger", "Dave Durenberger"),
    "E000284": ("jim-exon", "Jim Exon"),
    "F000215": ("jim-florio", "Jim Florio"),
    "G000402": ("william-h-gray-iii", "William H. Gray III"),
    "H000323": ("dennis-hastert", "Dennis Hastert"),
    "J000189": ("j-bennett-johnston", "J. Bennett Johnston"),
    "M000195": ("lynn-morley-martin", "Lynn Morley Martin"),
    "M000346": ("james-mcclure", "James McClure"),
    "M000692": ("bob-michel", "Bob Michel"),
    "R000249": ("don-riegle", "Don Riegle"),
    "R000482": ("john-g-rowland", "John G. Rowland"),
    "S000423": ("paul-simon-il", "Paul Simon"),
    "S000606": ("bob-smith-nh", "Bob Smith"),
    "S001078": ("john-e-sununu", "John E. Sununu"),
}

# Members whose service ended before this day are not imported (see the module docstring).
SERVED_FROM = date(2009, 1, 1)

_TERM_FIELDS = ("bioguide_id", "state", "office", "district", "start_date", "end_date")
_NAME_FIELDS = ("bioguide_id", "last_name", "first_name")


def _rows(text: str, path: str, fields: Iterable[str]) -> list[dict[str, str]]:
    reader = csv.DictReader(io.StringIO(text))
    missing = [f for f in fields if f not in (reader.fieldnames or [])]
    if missing:
        raise KnowledgeError(path, 1, None, f"missing columns: {', '.join(missing)}")
    return [dict(row) for row in reader]


def _called(name_row: Mapping[str, str]) -> str:
    """The given name the member went by, from the Wikipedia title when the file has no
    nickname: "John Heinz" (Henry John Heinz III), "Terry Sanford" (James Terry Sanford), "Jim
    Sasser" (James Ralph Sasser), "Ben Nighthorse" Campbell. Only a title made of the member's
    last name after one given name, or after the first and middle names written out, counts
    (middle initials aside)."""
    if name_row.get("nickname"):
        return name_row["nickname"]
    title = re.sub(r"\s*\(.*\)$", "", name_row.get("wikipedia_id", "")).replace(",", "").split()
    last = name_row.get("last_name", "").split()
    suffix = name_row.get("suffix", "").rstrip(",")
    if suffix and title and title[-1] == suffix:
        title = title[:-1]
    if not last or title[-len(last) :] != last:
        return ""
    given = [w for w in title[: -len(last)] if not is_initial(w)]
    full = [name_row.get("first_name", ""), *name_row.get("middle_name", "").split()]
    if len(given) == 1 or (len(given) > 1 and given == full):
        return " ".join(given)
    return ""


def _record(name_row: Mapping[str, str], terms: list[dict[str, str]]) -> dict[str, Any]:
    """A congress-legislators person record (the YAML shape) from the two CSV files."""
    ids: dict[str, Any] = {"bioguide": name_row["bioguide_id"]}
    if name_row.get("govtrack_id"):
        ids["govtrack"] = name_row["govtrack_id"]
    if name_row.get("wikipedia_id"):
        ids["wikipedia"] = name_row["wikipedia_id"]
    middle, suffix = name_row.get("middle_name", ""), name_row.get("suffix", "")
    if "," in middle:  # "Thaddeus, Jr.,", "Alexander, III": the suffix slipped into the middle
        pieces = [p.strip() for p in middle.split(",") if p.strip()]
        middle = pieces[0] if pieces else ""
        suffix = suffix or (pieces[1] if len(pieces) > 1 else "")
    parts = {
        "first": name_row.get("first_name", ""),
        "middle": middle,
        "last": name_row.get("last_name", ""),
        "suffix": suffix,
        "nickname": _called(name_row),
        "official_full": name_row.get("full_name", ""),
    }
    return {
        "id": ids,
        "name": {k: v for k, v in parts.items() if v},
        "terms": [
            {
                "type": t["office"],
                "state": t["state"],
                "district": t["district"],
                "start": t["start_date"],
                "end": t["end_date"],
            }
            for t in terms
        ],
    }


def _spans(record: Mapping[str, Any], where: str, notes: list[str]) -> list[Span]:
    spans = []
    for term in record["terms"]:
        if term["type"] == "sen":
            office, seat = "us.senator", term["state"]
        elif term["type"] == "rep":
            district = term["district"] or "0"
            office, seat = "us.representative", f"{term['state']}-{int(float(district))}"
        else:
            notes.append(f"{where}: term of type {term['type']!r} skipped")
            continue
        start = parse_day(term["start"], where, "term start")
        end = parse_day(term["end"], where, "term end")
        spans.append(Span(office, start, end, seat))
    return join(_bridged(spans))


def _when_start(day: date) -> When:
    return When.year(day.year) if (day.month, day.day) == (1, 1) else When.day(day)


def _when_end(day: date) -> When:
    return When.year(day.year) if (day.month, day.day) == (12, 31) else When.day(day)


def _distinct(
    person: Person, parts: Mapping[str, str], bioguide: str, taken: set[str]
) -> Person | None:
    """The person under a name and id no newer record uses (see the module docstring); None
    when no middle name tells them apart."""
    if fold(person.name).lower() not in taken:
        return person
    name = person.name
    last = parts.get("last", "")
    middle = parts.get("middle", "")
    if not middle or not name.endswith(f" {last}"):
        return None
    name = f"{name[: -len(last) - 1]} {initials(middle)} {last}"
    if fold(name).lower() in taken:
        return None
    variants = tuple(v for v in (person.name, *person.variants) if v != name)
    slug_id = f"{person.id}-{bioguide.lower()}"
    return Person(slug_id, name, variants, person.short)


def import_historical(
    terms_text: str,
    names_text: str,
    paths: tuple[str, str],
    known_bioguides: set[str],
    newer: UsPeople,
) -> ImportResult:
    """`known_bioguides`: members of the current and departed files (skipped here); `newer`:
    the people of the executive, current and departed files. A member who is in the executive
    file (Joe Biden, Al Gore) keeps that person's id and name."""
    taken_names = {fold(p.name).lower() for p in newer.people()}
    terms_path, names_path = paths
    result = ImportResult()
    by_member: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in _rows(terms_text, terms_path, _TERM_FIELDS):
        by_member[row["bioguide_id"]].append(row)
    names = {row["bioguide_id"]: row for row in _rows(names_text, names_path, _NAME_FIELDS)}
    records = []
    for bioguide, rows in sorted(by_member.items()):
        if bioguide in known_bioguides:
            continue
        if not any(r["end_date"] >= SERVED_FROM.isoformat() for r in rows):
            continue
        if bioguide not in names:
            result.notes.append(f"{names_path}: no name for {bioguide}; its terms are skipped")
            continue
        records.append(_record(names[bioguide], rows))
    people = UsPeople(records)
    for record in records:
        bioguide = record["id"]["bioguide"]
        where = f"{terms_path}: {bioguide}"
        try:
            person: Person | None = newer.person(record["id"])
        except KeyError:
            person = _distinct(people.person(record["id"]), record["name"], bioguide, taken_names)
            if person is not None and bioguide in KB_IDS:
                pid, name = KB_IDS[bioguide]
                variants = tuple(v for v in (person.name, *person.variants) if v != name)
                person = Person(pid, name, variants)
            elif person is not None:
                person = replace(person, short=())
        if person is None:
            result.notes.append(
                f"{where}: named like a member of the newer files, with no middle name to tell"
                " them apart; skipped"
            )
            continue
        terms = [
            Term(
                person=person.id,
                office=s.office,
                start=_when_start(s.start),
                end=_when_end(s.end) if s.end else None,
                source=US_CONGRESS_HISTORICAL.id,
                seat=s.seat,
            )
            for s in _spans(record, where, result.notes)
            if s.end is not None and s.end >= EARLIEST_END
        ]
        if terms:
            result.add_person(person)
            result.terms.extend(terms)
    fuzzy = sum(1 for t in result.terms if not t.start.exact or (t.end and not t.end.exact))
    result.notes.append(
        f"{terms_path}: {fuzzy} terms with a start or end known only to the year (placeholders)"
    )
    return result


HISTORICAL_TERMS = "us-legislators-terms-2016.csv"
HISTORICAL_NAMES = "us-legislators-historical-names.csv"


def build(inputs: Inputs) -> ImportResult:
    members = {
        str((r.get("id") or {}).get("bioguide"))
        for r in (*inputs.records(CURRENT), *inputs.records(DEPARTED))
        if (r.get("id") or {}).get("bioguide")
    }
    return import_historical(
        inputs.text(HISTORICAL_TERMS),
        inputs.text(HISTORICAL_NAMES),
        (HISTORICAL_TERMS, HISTORICAL_NAMES),
        members,
        shared_people(inputs),
    )


IMPORTER = Importer(
    "us-congress-1990-2012.yaml",
    (HISTORICAL_TERMS, HISTORICAL_NAMES),
    (US_CONGRESS_HISTORICAL,),
    "US senators and representatives who served in 2009-2012 but left Congress before 2012-09.",
    build,
    optional=True,
)
