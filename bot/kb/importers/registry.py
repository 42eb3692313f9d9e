"""Every importer, in the order their files are written: the one place an importer is added.

An importer is a module with an `Importer` (bot.kb.importers.inputs): the KB file it writes,
the data files it reads, the sources it cites, and `build(inputs) -> ImportResult`. The
`sources.yaml` file lists the sources of them all (docs/contributing.md, "Adding a
knowledge-base importer").
"""

from __future__ import annotations

from bot.kb.importers import us_cabinet, us_executive, us_historical, us_legislators, world_heads
from bot.kb.importers.inputs import Importer

IMPORTERS: tuple[Importer, ...] = (
    us_executive.IMPORTER,
    us_legislators.IMPORTER,
    us_historical.IMPORTER,
    us_cabinet.IMPORTER,
    world_heads.HEADS,
    world_heads.OFFICES,
)
