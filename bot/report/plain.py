"""The full report as plain text: the file attached to a long Slack reply.

Everything the compact reply leaves out, for every finding: the whole sentence, the whole
message, the fix and each fact with its source and link. Like the reply, it names no rule ids.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.report import entries as view
from bot.report.dates import origin

if TYPE_CHECKING:
    from bot.report.slack import SlackReport


def render_plain(report: SlackReport) -> str:
    """The report as text, one numbered block per entry, as the reply numbers them."""
    from bot.report.slack import headline

    lines = [headline(report, markup=False), ""]
    if report.story_date is not None:
        where = origin(report.date_source, label=report.date_label, weak=report.date_weak)
        lines += [f"Story date: {report.story_date.isoformat()} ({where.label})", ""]
    for number, entry in enumerate(report.entries, 1):
        first = entry.first
        status = " (marked not an error)" if report.is_dismissed(entry) else ""
        title = view.label(entry) if entry.grouped else f"“{' '.join(first.quote.split())}”"
        lines.append(
            f"{number}. {view.category_name(first.category)}, {first.severity.value}{status}: "
            f"{title}"
        )
        for finding in entry.findings:
            lines.append(f"   In: {' '.join(finding.sentence.split())}")
        lines.append(f"   What is wrong: {' '.join(first.message.split())}")
        if first.suggestion:
            lines.append(f"   Fix: {first.suggestion}")
        for evidence in first.evidence:
            source = evidence.source + (f" <{evidence.url}>" if evidence.url else "")
            lines.append(
                f"   Evidence: {evidence.fact}" + (f" (source: {source})" if source else "")
            )
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
