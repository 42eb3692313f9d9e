"""The terminal report: linter-style, one block per finding, the span underlined in its sentence.

`path:line:col: severity category rule` then the sentence with a caret line under the span,
what is wrong, the suggestion and the evidence. Colour only when writing to a terminal.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.engine.finding import Finding, Severity
from bot.report.model import Report

_COLOURS = {Severity.ERROR: "31", Severity.WARNING: "33", Severity.INFO: "36"}


def _paint(text: str, code: str, colour: bool) -> str:
    return f"\x1b[{code}m{text}\x1b[0m" if colour else text


def _line_col(source: str, offset: int) -> tuple[int, int]:
    line = source.count("\n", 0, offset) + 1
    col = offset - (source.rfind("\n", 0, offset) + 1) + 1
    return line, col


def _underlined(finding: Finding, colour: bool) -> list[str]:
    sentence = " ".join(finding.sentence.split())
    quote = " ".join(finding.quote.split())
    at = sentence.find(quote)
    if at < 0:
        return [f"    {sentence}", f"    {_paint(quote, '1', colour)}"]
    marked = sentence[:at] + _paint(quote, "1;4", colour) + sentence[at + len(quote) :]
    return [f"    {marked}", "    " + " " * at + _paint("^" * max(1, len(quote)), "1", colour)]


def render(reports: Sequence[Report], *, colour: bool = False) -> str:
    lines: list[str] = []
    total = 0
    for report in reports:
        doc, found = report.document, report.findings
        lines.append(
            _paint(f"{doc.name}", "1", colour)
            + f"  (story date {doc.story_date.isoformat()}, {doc.date_label})"
        )
        if not found:
            lines.append("  no problems found")
        for f in found:
            total += 1
            line, col = _line_col(doc.source, f.start)
            head = f"{doc.name}:{line}:{col}: {f.severity.value} {f.category.value} [{f.rule}]"
            lines.append(_paint(head, _COLOURS[f.severity], colour))
            lines.extend(_underlined(f, colour))
            lines.append(f"    {f.message}")
            if f.suggestion:
                lines.append(f"    suggestion: {f.suggestion}")
            for evidence in f.evidence:
                lines.append(f"    evidence: {evidence}")
        if report.as_of:
            lines.append(f"  {report.as_of}")
        lines.append("")
    docs = len(reports)
    lines.append(
        f"{total} finding{'s' if total != 1 else ''} in {docs} document{'s' if docs != 1 else ''}"
    )
    return "\n".join(lines)
