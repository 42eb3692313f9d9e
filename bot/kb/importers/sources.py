"""The sources the imported facts cite, one per data file (see the data folder's SOURCES.md).

`complete_to` is the date up to which each file is known complete; an open term from a file is
never assumed to last past it. The reasons for each date are in the comments.
"""

from __future__ import annotations

from datetime import date

from bot.kb.importers.model import Source

CONGRESS_REPO = "https://github.com/unitedstates/congress-legislators"

# All three congress-legislators files are from commit dfa96222 (2026-06-15); the departed file
# was built from every commit of legislators-current.yaml up to that one. They share one source,
# `congress-legislators`, which the hand-curated US offices cite (rules/kb/us/offices.yaml).
US_CONGRESS = Source(
    id="congress-legislators",
    name=(
        "unitedstates/congress-legislators: executive.yaml, legislators-current.yaml and the"
        " members it dropped since 2012"
    ),
    url=CONGRESS_REPO,
    licence="CC0-1.0",
    complete_to=date(2026, 6, 15),
)
# FiveThirtyEight's file ends on 2023-02-13: its "Still in office" means in office on that day.
US_CABINET = Source(
    id="fivethirtyeight-cabinet-turnover",
    name="fivethirtyeight/data cabinet-turnover.csv",
    url="https://github.com/fivethirtyeight/data",
    licence="CC-BY-4.0",
    complete_to=date(2023, 2, 13),
)
# Daily snapshots 2026-05-16 -> 2026-08-22 of the current G20/ASEAN leaders. Its author could
# not verify facts after early 2025 (SOURCES.md: "Unchecked"): a change after the end of
# January 2025 that only this file states (Andy Burnham as prime minister from 2026-07-20) is
# shown as "check", not as an error, until a second source agrees.
WORLD_G20_ASEAN = Source(
    id="world-leaders-current-g20-asean",
    name=(
        "open-data-archive/world-leaders-current (G20, ASEAN, EU; daily 2026-05-16 to 2026-08-22)"
    ),
    url="https://github.com/open-data-archive/world-leaders-current",
    licence="CC-BY-SA-4.0",
    complete_to=date(2026, 8, 22),
    checked_to=date(2025, 1, 31),
)
# Every version of the scraper output, 2021-08-26 -> 2024-10-23. The repo has no licence file;
# its content is Wikidata statements, which are CC0.
WORLD_SNAPSHOTS_2021_2024 = Source(
    id="everypolitician-world-leaders-2021-2024",
    name=(
        "every-politician-scrapers/world-leaders-2021 wikidata.csv"
        " (all versions 2021-08-26 to 2024-10-23)"
    ),
    url="https://github.com/every-politician-scrapers/world-leaders-2021",
    licence="CC0-1.0",
    complete_to=date(2024, 10, 23),
)
# One later version of the same file; its commit date is unknown. It lists Andy Burnham as UK
# prime minister, whom the G20 file shows taking office on 2026-07-20, so the snapshot is no
# older than that day: its holders are known to hold office on 2026-07-20. Its entries dated
# 2026 were not checked (SOURCES.md): a change in 2026 it alone states needs a second source.
SNAPSHOT_2026_DATE = date(2026, 7, 20)
WORLD_SNAPSHOT_2026 = Source(
    id="everypolitician-world-leaders-2026",
    name=(
        "every-politician-scrapers/world-leaders-2021 wikidata.csv"
        " (version of commit 05e3baa2, mid-2026)"
    ),
    url="https://github.com/every-politician-scrapers/world-leaders-2021",
    licence="CC0-1.0",
    complete_to=SNAPSHOT_2026_DATE,
    checked_to=date(2025, 12, 31),
)

# Terms that ended before this day are not imported (the KB's coverage starts in 1990).
EARLIEST_END = date(1990, 1, 1)
