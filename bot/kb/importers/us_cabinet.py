"""us-cabinet-turnover-1977-2023.csv (FiveThirtyEight) -> US cabinet-level terms.

- Dates are M/D/YY: years 77-99 are 19xx, 00-76 are 20xx (the file runs 1977-2023).
- "Still in office" means in office on 2023-02-13, the file's last day: the term is written
  open and the source's complete_to (2023-02-13) stops it there; it is never taken as current.
- A tenure that spans two administrations is split into two rows ("Bush admin" as the end of
  one, "Reagan admin" as the start of the next); the two halves are joined.
- People have no QIDs here: a name borne by exactly one person of the congress-legislators
  files takes that person's id (John Kerry, Mike Pompeo); any other gets a slug id.
"""

from __future__ import annotations

import csv
import io
import re
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from bot.errors import KnowledgeError
from bot.kb.importers.inputs import Importer, Inputs
from bot.kb.importers.model import ImportResult, Person, Term, When, unique
from bot.kb.importers.names import (
    drop_middle_initials,
    slug,
    strip_suffix,
    with_folded,
)
from bot.kb.importers.sources import EARLIEST_END, US_CABINET
from bot.kb.importers.us_people import shared_people
from bot.text.fold import fold
from bot.text.words import month_number

POSITIONS: dict[str, str | None] = {
    "Secretary of State": "us.foreign-minister",
    "Secretary of the Treasury": "us.finance-minister",
    "Secretary of Defense": "us.defense-secretary",
    "Attorney General": "us.attorney-general",
    "Secretary of the Interior": "us.interior-secretary",
    "Secretary of Agriculture": "us.agriculture-secretary",
    "Secretary of Commerce": "us.commerce-secretary",
    "Secretary of Labor": "us.labor-secretary",
    "Secretary of Health & Human Services": "us.hhs-secretary",
    "Secretary of Housing & Urban Development": "us.hud-secretary",
    "Secretary of Transportation": "us.transportation-secretary",
    "Secretary of Energy": "us.energy-secretary",
    "Secretary of Education": "us.education-secretary",
    "Secretary of Veterans Affairs": "us.veterans-affairs-secretary",
    "Secretary of Homeland Security": "us.homeland-security-secretary",
    "Chief of Staff": "us.chief-of-staff",
    "OMB Director": "us.omb-director",
    "CEA Chair": "us.cea-chair",
    "UN Ambassador": "us.un-ambassador",
    "U.S. Trade Representative": "us.trade-representative",
    "EPA Administrator": "us.epa-administrator",
    "SBA Administrator": "us.sba-administrator",
    "OSTP Director": "us.ostp-director",
    "CIA Director": "us.cia-director",
    "Director of Central Intelligence": "us.cia-director",
    "Director of National Intelligence": "us.dni",
    # Skipped on purpose: the executive file has the vice presidents; HEW ended in 1979.
    "Vice President": None,
    "Secretary of Health, Education & Welfare": None,
}
STILL_IN_OFFICE = "Still in office"
_MDY = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{2})$")
_MONTH_YEAR = re.compile(r"^([A-Z][a-z]{2})\.? (\d{4})$")
_OTHER_ADMIN = re.compile(r"^[A-Za-z0-9 ]+ admin$")


def parse_date(text: str, where: str) -> When:
    """'7/11/97' -> 1997-07-11, '1/20/21' -> 2021-01-20, 'Aug. 1981' -> 1981-08."""
    value = text.strip()
    if match := _MDY.match(value):
        month, day, yy = (int(g) for g in match.groups())
        year = 1900 + yy if yy >= 77 else 2000 + yy
        try:
            return When.day(date(year, month, day))
        except ValueError as exc:
            raise KnowledgeError(where, None, None, f"impossible date {text!r}") from exc
    if (match := _MONTH_YEAR.match(value)) and (number := month_number(match.group(1))):
        return When.month(int(match.group(2)), number)
    raise KnowledgeError(where, None, None, f"not a M/D/YY date: {text!r}")


def office_for(position: str, where: str) -> str | None:
    """The office of a position; 'A/B' (renamed during the tenure) takes the later name."""
    name = position.strip().split("/")[-1].strip()
    if name not in POSITIONS:
        raise KnowledgeError(
            where, None, None, f"unknown position {position!r}: add it to POSITIONS in {__name__}"
        )
    return POSITIONS[name]


@dataclass(frozen=True)
class _Row:
    line: int
    office: str
    name: str
    start: When | None  # None: began in the previous administration
    end: When | None  # None: still in office on the file's last day
    continues: bool  # ends "X admin": carried on into the next administration


@dataclass(frozen=True)
class _Tenure:
    line: int
    office: str
    name: str
    start: When
    end: When | None


def _rows(text: str, path: str) -> list[_Row]:
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    missing = {"position", "appointee", "start_date", "end_date"} - set(reader.fieldnames or [])
    if missing:
        raise KnowledgeError(path, 1, None, f"missing columns: {', '.join(sorted(missing))}")
    rows = []
    for line, raw in enumerate(reader, start=2):
        where = f"{path}:{line}"
        office = office_for(raw["position"], where)
        if office is None:
            continue
        start_text, end_text = raw["start_date"].strip(), raw["end_date"].strip()
        start = None if _OTHER_ADMIN.match(start_text) else parse_date(start_text, where)
        continues = bool(_OTHER_ADMIN.match(end_text))
        end = None if continues or end_text == STILL_IN_OFFICE else parse_date(end_text, where)
        rows.append(_Row(line, office, raw["appointee"].strip(), start, end, continues))
    return rows


def _joined(rows: list[_Row], path: str) -> list[_Tenure]:
    """Join each row that carries on into the next administration with the row(s) that take it
    up there, matched by office and name in whatever order the file lists them."""
    groups: dict[tuple[str, str], list[_Row]] = defaultdict(list)
    for row in rows:
        groups[(row.office, row.name)].append(row)
    out: list[_Tenure] = []
    for group in groups.values():
        later = [r for r in group if r.start is None]
        starts = sorted(((r.start, r) for r in group if r.start is not None), key=lambda x: x[0])
        for start, row in starts:
            last = row
            while last.continues:
                if not later:
                    raise KnowledgeError(
                        f"{path}:{row.line}",
                        None,
                        row.name,
                        "carries on into the next administration, but no row takes it up there",
                    )
                last = later.pop(0)
            out.append(_Tenure(row.line, row.office, row.name, start, last.end))
        if later:
            raise KnowledgeError(
                f"{path}:{later[0].line}",
                None,
                later[0].name,
                "starts in a previous administration, but no row there carries on into it",
            )
    return sorted(out, key=lambda t: t.line)


# The file uses the names officials go by ("Bill Barr"); congress-legislators and the curated
# files often have the given name ("William Barr"). Only unambiguous pairs: the formal name is
# also written as a variant, so that copy naming either form finds the person.
NICKNAMES: dict[str, str] = {
    "Andy": "Andrew",
    "Bill": "William",
    "Bob": "Robert",
    "Chuck": "Charles",
    "Dan": "Daniel",
    "Deb": "Debra",
    "Dick": "Richard",
    "Jim": "James",
    "Ken": "Kenneth",
    "Larry": "Lawrence",
    "Mike": "Michael",
    "Pete": "Peter",
    "Rob": "Robert",
    "Tom": "Thomas",
}


def formal_form(name: str) -> str | None:
    """'Bill Barr' -> 'William Barr'; None when the first name is not a known nickname."""
    first, _, rest = name.partition(" ")
    return f"{NICKNAMES[first]} {rest}" if first in NICKNAMES and rest else None


def _matches(name: str, name_index: Mapping[str, set[str]]) -> set[str]:
    """Ids of the congress-legislators people who bear this name, or its formal first name."""
    ids = name_index.get(fold(name), set())
    formal = formal_form(strip_suffix(name))
    if ids or formal is None:
        return set(ids)
    return set(name_index.get(fold(formal), set()))


def cabinet_person(
    name: str, name_index: Mapping[str, set[str]], known: Mapping[str, Person]
) -> Person:
    """The person named in the file: a congress-legislators person when the name is theirs alone
    (also under the formal first name: "Deb Haaland" is the legislators' "Debra Haaland")."""
    plain = strip_suffix(name)
    forms = list(unique([name, plain, drop_middle_initials(plain), formal_form(plain) or ""]))
    ids = _matches(name, name_index)
    if len(ids) == 1:
        existing = known[next(iter(ids))]
        variants = unique([*existing.variants, *with_folded(forms)], exclude=existing.name)
        return Person(existing.id, existing.name, variants, existing.short)
    last = strip_suffix(name).split()[-1]
    return Person(
        slug(name), name, unique(with_folded(forms), exclude=name), tuple(with_folded([last]))
    )


def import_cabinet(
    text: str, path: str, name_index: Mapping[str, set[str]], known: Mapping[str, Person]
) -> ImportResult:
    """`name_index`/`known`: the congress-legislators people, to reuse their ids."""
    result = ImportResult()
    for row in _joined(_rows(text, path), path):
        if row.end is not None and row.end.latest < EARLIEST_END:
            continue
        person = cabinet_person(row.name, name_index, known)
        result.add_person(person)
        result.terms.append(Term(person.id, row.office, row.start, row.end, US_CABINET.id))
    return result


CABINET = "us-cabinet-turnover-1977-2023.csv"


def build(inputs: Inputs) -> ImportResult:
    people = shared_people(inputs)
    known = {p.id: p for p in people.people()}
    return import_cabinet(inputs.text(CABINET), CABINET, people.name_index(), known)


IMPORTER = Importer(
    "us-cabinet.yaml",
    (CABINET,),
    (US_CABINET,),
    "US cabinet-level officials, 1990 to 2023-02-13.",
    build,
)
