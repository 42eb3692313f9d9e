"""Write imported facts as KB YAML: sorted, one fact per line, byte-identical on every run.

Each item is dumped by PyYAML in flow style (so quoting is always right) on its own line, the way
the hand-curated files are written. Lists are sorted here, never by the caller, so that the output
does not depend on the order the data files happened to list things in.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from bot.kb.importers.model import Jurisdiction, Office, Person, Source, Term

COMMAND = "python -m bot.kb.importers --data ../shared/data --out rules/kb/imported"
_QID = re.compile(r"^Q(\d+)$")


def person_sort_key(person_id: str) -> tuple[int, int, str]:
    """QIDs in numeric order first, then slugs alphabetically."""
    match = _QID.match(person_id)
    return (0, int(match.group(1)), "") if match else (1, 0, person_id)


def _line(item: dict[str, Any]) -> str:
    text = yaml.safe_dump(
        item, default_flow_style=True, allow_unicode=True, sort_keys=False, width=1_000_000
    )
    return "  - " + text.strip()


def _drop_empty(item: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in item.items() if v is not None and v != ()}


def source_item(s: Source) -> dict[str, Any]:
    return {
        "id": s.id,
        "name": s.name,
        "url": s.url,
        "licence": s.licence,
        "complete_to": s.complete_to,
        "priority": s.priority,
        **({"checked_to": s.checked_to} if s.checked_to else {}),
    }


def jurisdiction_item(j: Jurisdiction) -> dict[str, Any]:
    return {"id": j.id, "name": j.name, "adjectives": list(j.adjectives), "parent": None}


def office_item(o: Office) -> dict[str, Any]:
    item: dict[str, Any] = {
        "id": o.id,
        "name": o.name,
        "jurisdiction": o.jurisdiction,
        "group": o.group,
        "titles": list(o.titles),
        "long_titles": list(o.long_titles),
        "seats": o.seats,
        "complete_from": o.complete_from,
        "source": o.source,
    }
    if o.complete_to is not None:
        item["complete_to"] = o.complete_to
    return item


def person_item(p: Person) -> dict[str, Any]:
    item: dict[str, Any] = {
        "id": p.id,
        "name": p.name,
        "variants": sorted(p.variants),
        "short": list(p.short),
    }
    if p.note:
        item["note"] = p.note
    return item


def term_item(t: Term) -> dict[str, Any]:
    return _drop_empty(
        {
            "person": t.person,
            "office": t.office,
            "start": t.start.to_yaml(),
            "end": t.end.to_yaml() if t.end else None,
            "source": t.source,
            "seat": t.seat,
            "role": t.role,
        }
    )


def _term_key(t: Term) -> tuple[str, date, tuple[int, int, str], str]:
    return (t.office, t.start.earliest, person_sort_key(t.person), t.seat or "")


def render(
    header: Iterable[str],
    *,
    sources: Iterable[Source] = (),
    jurisdictions: Iterable[Jurisdiction] = (),
    offices: Iterable[Office] = (),
    people: Iterable[Person] = (),
    terms: Iterable[Term] = (),
) -> str:
    """The text of one KB file; sections that are empty are left out."""
    lines = [f"# {h}" if h else "#" for h in header]
    sections: list[tuple[str, list[dict[str, Any]]]] = [
        ("sources", [source_item(s) for s in sorted(sources, key=lambda s: s.id)]),
        (
            "jurisdictions",
            [jurisdiction_item(j) for j in sorted(jurisdictions, key=lambda j: j.id)],
        ),
        ("offices", [office_item(o) for o in sorted(offices, key=lambda o: o.id)]),
        ("people", [person_item(p) for p in sorted(people, key=lambda p: person_sort_key(p.id))]),
        ("terms", [term_item(t) for t in sorted(terms, key=_term_key)]),
    ]
    for name, items in sections:
        if items:
            lines.append(f"{name}:")
            lines.extend(_line(item) for item in items)
    return "\n".join(lines) + "\n"


def write(path: Path, text: str) -> bool:
    """Write `text` unless the file already holds it; True when the file changed."""
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return True
