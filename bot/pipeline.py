"""One way through Copydesk, for the command line and the bot alike: intake → check → report.

    reports = pipeline.run([LocalFile("a.txt"), LocalFile("b.txt")], ruleset, reader=Reader(),
                           today=date.today())

Sources become documents (`bot.intake`), the engine checks them together (so articles on one story
are compared), and each comes back as a typed `Report` for a renderer or the store. The bot passes
`drop` to leave out what editors dismissed in the channel.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from datetime import date

from bot.engine import Ruleset, check_documents
from bot.engine.finding import Finding
from bot.intake import Reader, Source
from bot.report.model import Report, finding_key


def run(
    sources: Sequence[Source],
    ruleset: Ruleset,
    *,
    reader: Reader,
    today: date,
    story_date: date | None = None,
    drop: Callable[[Finding], bool] | None = None,
) -> list[Report]:
    """One report per source, in order. Raises InputError or FetchError (with a message for the
    editor, naming the source) before anything is checked."""
    documents = [reader.read(s, story_date=story_date, today=today) for s in sources]
    started = time.perf_counter()
    checked = check_documents(documents, ruleset)
    seconds = (time.perf_counter() - started) / max(len(documents), 1)
    return [
        Report(document, _kept(result.findings, drop), seconds, result.knowledge)
        for document, result in zip(documents, checked, strict=True)
    ]


def _kept(
    findings: Sequence[Finding], drop: Callable[[Finding], bool] | None
) -> tuple[Finding, ...]:
    """The findings not dropped, each once (the store keys a check's findings uniquely)."""
    kept: dict[str, Finding] = {}
    for finding in findings:
        if drop is None or not drop(finding):
            kept.setdefault(finding_key(finding), finding)
    return tuple(kept.values())
