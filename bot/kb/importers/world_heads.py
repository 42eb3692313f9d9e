"""The three world-leaders files -> heads of state and government, and the offices outside the
hand-curated countries.

Every row is a *sighting*: a holder seen in an office at one or more snapshot dates. A holder's
sightings in one office become a *stint* (a new stint only after a recorded end), and a stint
becomes a term:

- start: the earliest start the rows give; an exact `since` of the G20/ASEAN file replaces a
  Wikidata start year when they agree on the year.
- end: a recorded end year; else, if the holder was still listed at the office's last sighting,
  none (open, bounded by the source's complete_to); else the start of the successor who took
  over between the holder's last sighting and the next snapshot that no longer lists them, or
  failing that the year of that next snapshot (an upper bound: precision first).
- A row listed next to a holder who started later (Wikidata keeps old holders without an end
  date) is stale at that snapshot; a stint that is stale at every sighting was never seen in
  office and is dropped (Mauritania's 1984 prime minister, Denmark's Horik II).
- Where the G20/ASEAN file covers an office, its daily snapshots are the evidence for 2026: a
  2026 Wikidata row of anyone it does not list is ignored.

US rows are skipped (us-executive.yaml has the presidents with exact dates), and so is the
African Union (its id would be "AU", Australia's ISO code).
"""

from __future__ import annotations

import csv
import io
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from bot.errors import KnowledgeError
from bot.kb.importers.inputs import Importer, Inputs
from bot.kb.importers.model import (
    ImportResult,
    Jurisdiction,
    Office,
    Person,
    Source,
    Term,
    When,
    unique,
)
from bot.kb.importers.sources import (
    EARLIEST_END,
    SNAPSHOT_2026_DATE,
    WORLD_G20_ASEAN,
    WORLD_SNAPSHOT_2026,
    WORLD_SNAPSHOTS_2021_2024,
)
from bot.kb.importers.world_corrections import (
    ACCEPTED_LABELS,
    DROPPED,
    G20_HOLDERS,
    G20_SINCE,
    UNNAMED,
)
from bot.kb.importers.world_countries import COUNTRY_INFO, COUNTRY_QIDS, CURATED, NOT_COUNTRIES
from bot.kb.importers.world_names import (
    canonical,
    is_bare_qid,
    mechanical_variant,
    short_forms,
    variants,
)
from bot.kb.importers.world_positions import (
    BAD_POSITION_LABELS,
    GOVERNOR_GENERAL,
    HEAD_OF_GOVERNMENT,
    HEAD_OF_STATE,
    classify,
    clean_label,
    titles,
)
from bot.text.fold import strip_accents

# Offices held by two people at once: Andorra's co-princes, San Marino's captains regent,
# Nicaragua's co-presidents (2025) and Libya's rival prime ministers (2022-).
SEATS: dict[str, int] = {
    "ad.head-of-state": 2,
    "sm.head-of-state": 2,
    "ni.head-of-state": 2,
    "ly.head-of-government": 2,
}
G20_OFFICES = {
    ("EU", "head_of_state"): "eu.council-president",
    ("EU", "head_of_government"): "eu.commission-president",
}
_G20_KINDS = {"head_of_state": HEAD_OF_STATE, "head_of_government": HEAD_OF_GOVERNMENT}
_SNAPSHOT_COLUMNS = set(
    "countryid country position positionLabel officeholder officeholderLabel start_year"
    " end_year".split()
)
_G20_COLUMNS = set(
    "country iso position title_en holder_en holder_local wikidata_id since first_seen_snapshot"
    " last_seen_snapshot".split()
)


@dataclass(frozen=True)
class Sighting:
    source: Source
    iso: str
    office: str
    kind: str
    position: str
    position_label: str
    holder: str
    label: str
    start: When | None
    end_year: int | None
    points: tuple[date, ...]
    local_name: str = ""

    @property
    def open(self) -> bool:
        return self.end_year is None

    def active_at(self, day: date) -> bool:
        return day in self.points and (self.end_year is None or day.year <= self.end_year)


@dataclass
class Stint:
    holder: str
    office: str
    sightings: list[Sighting] = field(default_factory=list)

    @property
    def start(self) -> When:
        starts = [s.start for s in self.sightings if s.start is not None]
        if not starts:
            return When.year(min(p for s in self.sightings for p in s.points).year)
        year = min(s.earliest.year for s in starts)
        same_year = [s for s in starts if s.earliest.year == year]
        exact = [s for s in same_year if s.exact]
        return min(exact) if exact else min(same_year)

    @property
    def start_year(self) -> int:
        return self.start.earliest.year

    @property
    def recorded_end(self) -> int | None:
        """The end year of the row that started last, if that row has one."""
        latest = max(self.sightings, key=lambda s: s.start.earliest if s.start else date.min)
        top = [s for s in self.sightings if s.start == latest.start]
        if any(s.open for s in top):
            return None
        return max(s.end_year for s in top if s.end_year is not None)

    def open_points(self) -> list[date]:
        return sorted({p for s in self.sightings if s.open for p in s.points})

    def active_at(self, day: date) -> bool:
        return any(s.active_at(day) for s in self.sightings)


class _Rows:
    """Reads the three files into sightings, noting every row it cannot use."""

    def __init__(self) -> None:
        self.notes: list[str] = []
        self.counts: Counter[str] = Counter()
        self.labels: dict[str, list[tuple[int, date, str]]] = defaultdict(list)
        self.local: dict[str, list[str]] = defaultdict(list)

    def skip(self, reason: str) -> None:
        self.counts[reason] += 1

    def holder_ok(self, holder: str, label: str, where: str) -> bool:
        if (holder, label) in DROPPED:
            self.notes.append(f"{where}: {label} ({holder}) dropped: {DROPPED[(holder, label)]}")
            return False
        if holder in UNNAMED:
            self.notes.append(f"{where}: {holder} not imported, no name known: {UNNAMED[holder]}")
            return False
        return True

    def office_of(self, iso: str, label: str, where: str) -> tuple[str, str] | None:
        if iso == "US":
            self.skip("US rows (us-executive.yaml has the presidents)")
            return None
        if iso == "VA" and "pope" in label.lower():
            return "va.pope", HEAD_OF_STATE
        kind = classify(label, iso)
        if kind is None:
            self.skip(f"position not a national head of state/government: {clean_label(label)}")
            return None
        if iso == "VA":
            self.skip(f"Vatican position other than the pope: {clean_label(label)}")
            return None
        return f"{iso.lower()}.{kind}", kind


def _csv(text: str, name: str, columns: set[str]) -> list[tuple[int, dict[str, str]]]:
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    missing = columns - set(reader.fieldnames or [])
    if missing:
        raise KnowledgeError(name, 1, None, f"missing columns: {', '.join(sorted(missing))}")
    return [(line, row) for line, row in enumerate(reader, start=2)]


def _year(text: str, where: str) -> int | None:
    value = text.strip()
    if not value:
        return None
    if not value.isdigit():
        raise KnowledgeError(where, None, None, f"not a year: {text!r}")
    return int(value)


def _day(text: str, where: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError as exc:
        raise KnowledgeError(where, None, None, f"not a YYYY-MM-DD date: {text!r}") from exc


def _snapshot_sightings(
    rows: _Rows, text: str, name: str, source: Source, priority: int
) -> list[Sighting]:
    table = _csv(text, name, _SNAPSHOT_COLUMNS)
    dated = "first_seen" in table[0][1] if table else False
    all_dates = (
        sorted({_day(r[k], name) for _, r in table for k in ("first_seen", "last_seen")})
        if dated
        else []
    )
    out = []
    for line, row in table:
        where = f"{name}:{line}"
        country = row["countryid"].strip()
        if country in NOT_COUNTRIES:
            rows.skip(f"not an ISO country: {NOT_COUNTRIES[country]}")
            continue
        iso = COUNTRY_QIDS.get(country)
        if iso is None:
            rows.notes.append(
                f"{where}: unknown country {country} ({row['country']}): add it to COUNTRY_QIDS"
            )
            continue
        found = rows.office_of(iso, row["positionLabel"], where)
        holder, label = row["officeholder"].strip(), " ".join(row["officeholderLabel"].split())
        if found is None or not rows.holder_ok(holder, label, where):
            continue
        start_year = _year(row["start_year"], where)
        if dated:
            first, last = _day(row["first_seen"], where), _day(row["last_seen"], where)
            points = tuple(d for d in all_dates if first <= d <= last)
        else:
            last = SNAPSHOT_2026_DATE
            points = (SNAPSHOT_2026_DATE,)
        rows.labels[holder].append((priority, last, label))
        out.append(
            Sighting(
                source=source,
                iso=iso,
                office=found[0],
                kind=found[1],
                position=row["position"].strip(),
                position_label=row["positionLabel"],
                holder=holder,
                label=label,
                start=When.year(start_year) if start_year is not None else None,
                end_year=_year(row["end_year"], where),
                points=points,
            )
        )
    return out


def _g20_sightings(rows: _Rows, text: str, name: str) -> list[Sighting]:
    table = _csv(text, name, _G20_COLUMNS)
    all_dates = sorted(
        {_day(r[k], name) for _, r in table for k in ("first_seen_snapshot", "last_seen_snapshot")}
    )
    by_country: dict[str, list[tuple[int, dict[str, str]]]] = defaultdict(list)
    for line, row in table:
        by_country[row["iso"].strip()].append((line, row))
    out = []
    for iso, country_rows in sorted(by_country.items()):
        if iso == "AU_AF":
            for _ in country_rows:
                rows.skip("African Union rows (the KB id AU is Australia's ISO code)")
            continue
        heads = {
            (r["holder_en"], r["title_en"])
            for _, r in country_rows
            if r["position"] == "head_of_state"
        }
        for line, row in country_rows:
            where = f"{name}:{line}"
            position = row["position"].strip()
            if position not in _G20_KINDS:
                rows.notes.append(f"{where}: unknown position {position!r}")
                continue
            if position == "head_of_government" and (row["holder_en"], row["title_en"]) in heads:
                rows.skip(
                    "G20/ASEAN head of government who is the head of state under the same title"
                )
                continue
            if iso == "US":
                rows.skip("US rows (us-executive.yaml has the presidents)")
                continue
            fix = G20_HOLDERS.get((iso, position))
            holder = fix.holder if fix else row["wikidata_id"].strip()
            label = fix.name if fix else " ".join(row["holder_en"].split())
            since_text = row["since"].strip()
            since = (
                fix.since
                if fix
                else (_day(since_text, where) if since_text else G20_SINCE.get((iso, position)))
            )
            if since is None:
                rows.notes.append(
                    f"{where}: {label} has no start date; the snapshots' year is used"
                )
            kind = _G20_KINDS[position]
            office = G20_OFFICES.get((iso, position), f"{iso.lower()}.{kind}")
            if not rows.holder_ok(holder, label, where):
                continue
            first, last = (
                _day(row["first_seen_snapshot"], where),
                _day(row["last_seen_snapshot"], where),
            )
            local = "" if fix else " ".join(row["holder_local"].split())
            title = fix.title if fix and fix.title else row["title_en"]
            title_word = row["title_en"].split(" ")[0]
            if local and (local == label or title_word in local):
                local = ""
            rows.labels[holder].append((0, last, label))
            if local:
                rows.local[holder].append(local)
            out.append(
                Sighting(
                    source=WORLD_G20_ASEAN,
                    iso=iso,
                    office=office,
                    kind=kind,
                    position=f"g20:{position}",
                    position_label=f"{title} of {row['country']}",
                    holder=holder,
                    label=label,
                    start=When.day(since) if since else None,
                    end_year=None,
                    points=tuple(d for d in all_dates if first <= d <= last),
                    local_name=local,
                )
            )
    return out


def _stints(sightings: list[Sighting]) -> list[Stint]:
    """One holder's sightings in one office, split where a recorded end precedes a new start."""
    ordered = sorted(
        sightings,
        key=lambda s: (
            s.start.earliest if s.start else date.max,
            s.points[0] if s.points else date.max,
        ),
    )
    stints: list[Stint] = []
    for s in ordered:
        current = stints[-1] if stints else None
        if current is not None:
            ended = current.recorded_end
            if ended is None or s.start is None or s.start.earliest.year <= ended:
                current.sightings.append(s)
                continue
        stints.append(Stint(s.holder, s.office, [s]))
    return stints


@dataclass
class _Office:
    id: str
    iso: str
    kind: str
    sightings: list[Sighting]

    def points(self) -> list[date]:
        return sorted({p for s in self.sightings for p in s.points})


def _office_terms(
    office: _Office, notes: list[str], dates: dict[str, list[date]] | None = None
) -> list[Term]:
    """`dates`: every snapshot date of each source, so that a holder a source stopped listing
    while it went on publishing is not kept in office (Burkina Faso's president, last listed in
    January 2022, when the snapshots ran to October 2024)."""
    by_holder: dict[str, list[Sighting]] = defaultdict(list)
    for s in office.sightings:
        by_holder[s.holder].append(s)
    stints = [stint for holder in sorted(by_holder) for stint in _stints(by_holder[holder])]
    seats = SEATS.get(office.id, 1)
    points = office.points()
    daily = {p for s in office.sightings if s.source is WORLD_G20_ASEAN for p in s.points}
    terms = []
    for stint in stints:
        newer = [b for b in stints if b is not stint and b.start_year > stint.start_year]
        live = [p for p in stint.open_points() if sum(b.active_at(p) for b in newer) < seats]
        end: When | None
        recorded = stint.recorded_end
        if recorded is not None:
            end = _refine(When.year(recorded), newer)
        elif live:
            last = max(live)
            seen = {s.source.id for s in stint.sightings if last in s.points}
            also = [d for source in seen for d in (dates or {}).get(source, ())]
            end = _end_after(last, sorted({*points, *also}), newer, daily)
        elif any(s.end_year for s in stint.sightings):
            end = When.year(max(s.end_year for s in stint.sightings if s.end_year is not None))
        else:
            notes.append(
                f"{office.id}: {stint.sightings[0].label} ({stint.holder}, from "
                f"{stint.start_year}) dropped: only ever listed next to a later holder"
            )
            continue
        start = stint.start
        if end is not None and end.latest < start.earliest:
            notes.append(
                f"{office.id}: {stint.holder} ends ({end.earliest}) before it starts; dropped"
            )
            continue
        if end is not None and end.latest < EARLIEST_END:
            continue
        last = (
            max(live) if live and end is None else max(p for s in stint.sightings for p in s.points)
        )
        source = max(
            (s for s in stint.sightings if last in s.points),
            key=lambda s: s.source.complete_to,
        ).source
        terms.append(Term(stint.holder, office.id, start, end, source.id))
    return terms


def _end_after(last: date, points: list[date], newer: list[Stint], daily: set[date]) -> When | None:
    """Seen in office on `last`: open if that is the office's last sighting, else an end
    between the day after `last` and the first sign of a change: the next snapshot that no
    longer lists the holder, or a successor's start if that is earlier. Only the daily
    snapshots pin a handover to the day; a successor's start is no proof of one (an interim
    holder may come between: Bangladesh 2024, Thailand 2025)."""
    later = [p for p in points if p > last]
    if not later:
        return None
    upper = later[0]
    bound = upper if upper in daily else date(upper.year, 12, 31)
    starts = [
        b.start
        for b in newer
        if (b.start.exact and last < b.start.earliest <= upper)
        or (not b.start.exact and last.year <= b.start.earliest.year <= upper.year)
    ]
    if starts:
        bound = min(bound, max(min(s.latest for s in starts), last + timedelta(days=1)))
    return When(last + timedelta(days=1), bound)


def _refine(end: When, newer: list[Stint]) -> When:
    """A recorded end year bounded by a successor's exact start in that year (the end is no
    later than the successor's first day, and no earlier than the year's first)."""
    exact = [b.start for b in newer if b.start.exact and b.start.earliest.year == end.earliest.year]
    return When(end.earliest, min(exact).earliest) if exact else end


def _complete_span(
    first: date, sightings: list[Sighting], points: list[date]
) -> tuple[date, date | None] | None:
    """(complete_from, complete_to or None for the source's): the longest run (in days) of
    snapshots (`points`, from `first`) that each list a current holder, the latest of equals;
    None if no snapshot does.

    A snapshot that lists nobody as current is a gap in the data, not a vacancy: Burkina Faso's
    president after the coup of January 2022 (the snapshots list only an unnamed "military
    leader"), Mali's prime minister in 2023-2024 (every row carries an end in 2022), Nepal's in
    2023 (his row is missing). The KB must not answer "nobody" there: the office is complete
    from the first snapshot of the run to its last (to the source's complete_to if the run
    reaches the source's last snapshot)."""
    runs: list[list[date]] = [[]]
    for p in (p for p in points if p >= first):
        if any(s.active_at(p) for s in sightings):
            runs[-1].append(p)
        elif runs[-1]:
            runs.append([])
    best = max(runs, key=lambda run: ((run[-1] - run[0]).days, run[-1]) if run else (-1, first))
    if not best:
        return None
    last = None if best[-1] == max(points) else best[-1]
    return best[0], last


def _office_record(office: _Office, points: list[date]) -> Office:
    """The office of a country outside the curated scope, named after its newest Wikidata label
    and complete from the first snapshot that shows it (the files list no earlier holders), over
    the longest run of snapshots that each show a holder (`_complete_span`); `points`: the
    snapshot dates of the 2021-2024 file."""
    wiki = [s for s in office.sightings if s.source is not WORLD_G20_ASEAN]
    g20 = [s for s in office.sightings if s.source is WORLD_G20_ASEAN]
    by_recency = sorted(wiki, key=lambda s: (s.source.complete_to, s.points[-1]), reverse=True)
    labels = unique(
        [
            clean_label(s.position_label)
            for s in [*by_recency, *g20]
            if s.position_label not in BAD_POSITION_LABELS
        ]
    )
    snapshots = [s for s in wiki if s.source is WORLD_SNAPSHOTS_2021_2024]
    first = min((s.points[0] for s in snapshots), default=None)
    span = _complete_span(first, snapshots, points) if first else None
    complete_to = None
    if span:
        source, (complete_from, complete_to) = WORLD_SNAPSHOTS_2021_2024, span
    elif g20:
        complete_from, source = min(s.points[0] for s in g20), WORLD_G20_ASEAN
    else:
        complete_from, source = SNAPSHOT_2026_DATE, WORLD_SNAPSHOT_2026
    group = "other" if office.kind == GOVERNOR_GENERAL else office.kind
    return Office(
        id=office.id,
        name=labels[0],
        jurisdiction=office.iso,
        group=group,
        titles=unique([t for label in labels for t in titles(label)]),
        long_titles=tuple(labels),
        seats=SEATS.get(office.id, 1),
        complete_from=complete_from,
        source=source.id,
        complete_to=complete_to,
    )


def import_world_heads(
    g20: str, snapshots: str, snapshot_2026: str, names: tuple[str, str, str]
) -> ImportResult:
    """`names`: the three file names, for messages."""
    rows = _Rows()
    sightings = [
        *_g20_sightings(rows, g20, names[0]),
        *_snapshot_sightings(rows, snapshots, names[1], WORLD_SNAPSHOTS_2021_2024, 2),
        *_snapshot_sightings(rows, snapshot_2026, names[2], WORLD_SNAPSHOT_2026, 1),
    ]
    dates: dict[str, list[date]] = defaultdict(list)
    for found in {(s.source.id, p) for s in sightings for p in s.points}:
        dates[found[0]].append(found[1])
    offices: dict[str, _Office] = {}
    for s in sightings:
        offices.setdefault(s.office, _Office(s.office, s.iso, s.kind, [])).sightings.append(s)
    result = ImportResult()
    for office in offices.values():
        g20_holders = {s.holder for s in office.sightings if s.source is WORLD_G20_ASEAN}
        if g20_holders:
            office.sightings = [
                s
                for s in office.sightings
                if s.source is not WORLD_SNAPSHOT_2026 or s.holder in g20_holders
            ]
    for office_id in sorted(offices):
        office = offices[office_id]
        terms = _office_terms(office, result.notes, dates)
        result.terms.extend(terms)
        if terms and office.iso not in CURATED:
            points = sorted(dates.get(WORLD_SNAPSHOTS_2021_2024.id, ()))
            result.offices.append(_office_record(office, points))
    isos = sorted({o.jurisdiction for o in result.offices})
    for iso in isos:
        if iso not in COUNTRY_INFO:
            raise KnowledgeError(__name__, None, iso, "no name and adjectives in COUNTRY_INFO")
        name, adjectives = COUNTRY_INFO[iso]
        result.jurisdictions.append(Jurisdiction(iso, name, adjectives))
    _people(result, rows, sightings)
    result.notes.extend(rows.notes)
    result.notes.extend(
        f"skipped {n} row(s): {reason}" for reason, n in sorted(rows.counts.items())
    )
    return result


def _people(result: ImportResult, rows: _Rows, sightings: list[Sighting]) -> None:
    iso_of = {s.holder: s.iso for s in sightings}
    for holder in sorted({t.person for t in result.terms}):
        labels = [
            lab
            for _, _, lab in sorted(rows.labels[holder], key=lambda x: (x[0], -x[1].toordinal()))
        ]
        name, cut_from = canonical(holder, labels)
        if name is None:
            result.notes.append(f"{holder}: no usable name in the data; its terms are dropped")
            result.terms = [t for t in result.terms if t.person != holder]
            continue
        iso = iso_of[holder]
        local = list(unique(rows.local[holder]))
        accepted, refused = variants(name, labels, cut_from, local, iso)
        for label in unique(refused):
            if not is_bare_qid(label) and strip_accents(label) != strip_accents(name):
                result.notes.append(
                    f"{holder} {name}: other label not imported as a variant: {label!r}"
                )
        spellings = tuple(
            v for v in accepted if v in ACCEPTED_LABELS or mechanical_variant(name, v)
        )
        result.add_person(Person(holder, name, accepted, short_forms(holder, name, iso, spellings)))


G20 = "world-leaders-g20-asean-2026.csv"
SNAPSHOTS = "world-heads-wikidata-snapshots-2021-2024.csv"
SNAPSHOT_2026 = "world-heads-wikidata-snapshot-2026.csv"
_FILES = (G20, SNAPSHOTS, SNAPSHOT_2026)
_SOURCES = (WORLD_G20_ASEAN, WORLD_SNAPSHOTS_2021_2024, WORLD_SNAPSHOT_2026)


def _world(inputs: Inputs) -> ImportResult:
    """The three files analysed once, for the heads and the offices files."""
    return inputs.shared(
        "world-heads",
        lambda i: import_world_heads(i.text(G20), i.text(SNAPSHOTS), i.text(SNAPSHOT_2026), _FILES),
    )


def build_heads(inputs: Inputs) -> ImportResult:
    world = _world(inputs)
    return ImportResult(people=world.people, terms=world.terms, notes=world.notes)


def build_offices(inputs: Inputs) -> ImportResult:
    world = _world(inputs)
    return ImportResult(jurisdictions=world.jurisdictions, offices=world.offices)


HEADS = Importer(
    "world-heads.yaml", _FILES, _SOURCES, "Heads of state and government of the world.", build_heads
)
OFFICES = Importer(
    "world-offices.yaml",
    (SNAPSHOTS, SNAPSHOT_2026),
    (WORLD_SNAPSHOTS_2021_2024, WORLD_SNAPSHOT_2026),
    "Jurisdictions and head-of-state/government offices outside the curated countries.",
    build_offices,
)
