"""Countries of the Wikidata snapshots: QID -> ISO 3166-1 alpha-2, names and adjectives.

The tables are data (`countries.yaml` beside this module): every country QID in the two snapshot
files, the items that are no country (breakaway states, sub-national units, duplicate historical
items: skipped), the jurisdictions the KB curates by hand (only their people and terms are
imported), and each country's name and adjectives.
"""

from __future__ import annotations

from importlib import resources
from typing import Any

import yaml


def _load() -> dict[str, Any]:
    text = resources.files(__package__).joinpath("countries.yaml").read_text(encoding="utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data


_DATA = _load()

# Wikidata country item -> ISO code.
COUNTRY_QIDS: dict[str, str] = dict(_DATA["country_qids"])

# Items in the snapshots that are not ISO 3166-1 countries (or duplicate one under another item).
NOT_COUNTRIES: dict[str, str] = dict(_DATA["not_countries"])

# Jurisdictions another part of the KB writes by hand: the US and its states, the G20, the EU
# and its members, NATO, five more countries and the international bodies.
CURATED: frozenset[str] = frozenset(
    code for group in _DATA["curated"].values() for code in str(group).split()
)

# ISO code -> (English name, adjectives)
COUNTRY_INFO: dict[str, tuple[str, tuple[str, ...]]] = {
    code: (entry["name"], tuple(entry["adjectives"])) for code, entry in _DATA["countries"].items()
}
