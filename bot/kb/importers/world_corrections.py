"""Known errors in the world-leaders data and how the importer corrects them.

Each entry says where the error is documented: "SOURCES.md" is /work/shared/data/SOURCES.md
(the "Known upstream errors" and "Label glitches" notes of each file); "found on import" marks
errors this importer's cross-checks turned up, which SOURCES.md does not list.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class HolderFix:
    """Replace the holder of one row of the G20/ASEAN file."""

    holder: str  # QID or slug
    name: str
    since: date | None
    title: str | None = None


# (iso, position) of world-leaders-g20-asean-2026.csv -> the corrected holder.
G20_HOLDERS: dict[tuple[str, str], HolderFix] = {
    # SOURCES.md: "Saudi Arabia's head of state is given as Mohammed bin Salman; it is King
    # Salman." King Salman (Q367825 in the snapshots) acceded on 2015-01-23.
    ("SA", "head_of_state"): HolderFix(
        "Q367825", "Salman bin Abdulaziz Al Saud", date(2015, 1, 23), "King"
    ),
    # SOURCES.md: von der Leyen's party is given as "Fidesz": the row carries Q57641, which the
    # snapshots give to Viktor Orbán (found on import). Her own QID is not in the data: slug id.
    ("EU", "head_of_government"): HolderFix(
        "ursula-von-der-leyen", "Ursula von der Leyen", date(2019, 12, 1)
    ),
    # Found on import: Q2347236 is not the snapshots' António Costa (Q610788, Portuguese prime
    # minister 2015-2024), who became President of the European Council on 2024-12-01.
    ("EU", "head_of_state"): HolderFix("Q610788", "António Costa", date(2024, 12, 1)),
}

# SOURCES.md: "Canada's `since` is empty." Mark Carney was sworn in on 2025-03-14.
G20_SINCE: dict[tuple[str, str], date] = {("CA", "head_of_government"): date(2025, 3, 14)}

# Holder QID -> name, where the snapshots' label is a bare QID or vandalised.
NAMES: dict[str, str] = {
    "Q3052772": "Emmanuel Macron",  # SOURCES.md: label glitch (bare QID)
    "Q5771800": "Claudia Sheinbaum",  # SOURCES.md: label glitch (bare QID)
    "Q1058": "Narendra Modi",  # SOURCES.md: label glitch (bare QID)
    "Q17712353": "Nayib Bukele",  # SOURCES.md: vandalised label "Nayib buke"
    # Found on import: the only labels are garbled ("Sama Lukonde KyengeJean-Michel").
    "Q105523479": "Jean-Michel Sama Lukonde",
    # Found on import: the newest label is not the name English copy uses; the older label is
    # kept as a variant.
    "Q62481397": "Robinah Nabbanja",  # 2026 label "Nabbanja Robinah" (surname first)
    "Q154952": "Willem-Alexander",  # 2026 label "William Alexander of the Netherlands"
    "Q200881": "Kassym-Jomart Tokayev",  # 2026 label "Qasym-Zhomart Toqaev"
    "Q123342092": "Russell Dlamini",  # 2026 label "Edeupa Yerimin" is not his name
    # Found on import: the 2026 label capitalises the particle ("Mohammed Bin Zayed"), which
    # kept him apart from the hand-written entry of the same name.
    "Q1951896": "Mohammed bin Zayed Al Nahyan",
}

# Labels never used as a name or variant: vandalised or garbled (all found on import; the
# holder keeps the name the other files give).
BAD_NAMES: frozenset[str] = frozenset(
    {
        "Nayib buke",  # SOURCES.md
        "amin berrabahgay",  # Q2821166, Abdelmadjid Tebboune in the 2026 snapshot
        "Isaías Fortis",  # Q57348, Isaias Afwerki in the 2026 snapshot
        "Anura Kurankan Dissanayake",  # Q4777855, Anura Kumara Dissanayake in 2024
        "Ben Do",  # Q5441662, Feleti Teo in the 2021-2024 snapshots
        "Sama Lukonde KyengeJean-Michel",  # Q105523479, run-together name parts
        "Edeupa Yerimin",  # Q123342092, Russell Dlamini (prime minister of Eswatini) in 2024
    }
)

# (holder QID, label) rows that are not holders of the office at all.
DROPPED: dict[tuple[str, str], str] = {
    ("Q2667498", "Horik II"): "SOURCES.md: spurious monarch of Denmark (Horik II, 854)",
    (
        "Q335738",
        "Tesfaye Dinka",
    ): "SOURCES.md: spurious prime minister of Ethiopia (Tesfaye Dinka, 1991)",
    (
        "Q63641",
        "Ulrich Matthes",
    ): "found on import: an actor's item given as President of East Timor in late 2021",
}

# Holders whose only label is a bare QID and whom the data does not name (SOURCES.md: "Hungary's
# and Serbia's holders appear only as QIDs"); without a name they cannot be imported.
UNNAMED: dict[str, str] = {
    "Q788903": "President of Hungary from 2026 (SOURCES.md: QID only)",
    "Q124488292": "Prime Minister of Hungary from 2026 (SOURCES.md: QID only)",
    "Q42478807": "Prime Minister of Serbia from 2025 (SOURCES.md: QID only)",
    "Q27146606": "Burkina Faso 'military leader' (found on import: QID only)",
}

# Other spellings of a holder's name seen in the snapshots that are transliterations or fuller
# forms of the canonical name (reviewed by hand: everything else is reported, not imported).
ACCEPTED_LABELS: frozenset[str] = frozenset(
    {
        "Ilham Aliev",
        "Alexander Lukashenko",
        "Alexander Lukashenka",
        "Alexander Vučić",
        "Sadyr Zhaparov",
        "Kassym-Jomart Tokayev",
        "Qasym-Zhomart Toqaev",
        "Oljas Bektenov",
        "Haibatullah Akhundzada",
        "Hibatullah Akhundzada",
        "Willem-Alexander of the Netherlands",
        "William Alexander of the Netherlands",
        "Abdulhamid Dbeibeh",
        "Abd al-Hamid Dbeibeh",
        "Mohammed Shia' Al Sudani",
        "Muhammad Shia' al-Sudani",
        "Mahamat Déby Itno",
        "Tshisekedi Tshilombo Felix",
        "Judith Tuluka Suminwa",
        "Samia Hassan Suluhu",
        "Bassirou Diomaye Diakhar Faye",
        "Abdulla Nigmatovich Aripov",
        "Jafar A Hassan",
        "Philip J. Pierre",
        "Osman Hussein Osman",
        "Santiago Peña Palacios",
        "Hassanal Bolkiah I of Brunei",
        "Charles III of the United Kingdom",
        "Mohammed bin Salman Al Saud",
        "Abiy Ahmed Ali",
        "Nabbanja Robinah",
    }
)
