"""`copydesk check`: check articles from files or stdin; text, JSON or Slack output.

Exit status: 0 clean, 1 something flagged, 2 a usage or input error (bot.commands).
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from typing import TYPE_CHECKING, Any

from bot.commands.args import iso_date

if TYPE_CHECKING:
    from bot.report.model import Report


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "check",
        help="check articles for factual and copy errors",
        description="Check articles (files, or - for standard input) at their story date.",
    )
    parser.add_argument("files", nargs="+", metavar="FILE", help="article files; - reads stdin")
    parser.add_argument(
        "--date", type=iso_date, help="story date YYYY-MM-DD (default: from the text)"
    )
    parser.add_argument(
        "--format",
        choices=("text", "json", "slack"),
        default="text",
        help="text: a linter-style report (default); json: the evaluation contract; "
        "slack: the Block Kit messages the bot would post",
    )
    parser.add_argument("--rules", help="rules directory (default: the bundled rules)")
    parser.add_argument(
        "--color",
        choices=("auto", "always", "never"),
        default="auto",
        help="colour the text report (default: auto, when writing to a terminal)",
    )
    parser.add_argument(
        "--explain",
        action="store_true",
        help="also show every mention of a person, title or administration the checks weighed, "
        "and why it was flagged or let off",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from bot import pipeline
    from bot.engine import load_ruleset
    from bot.intake import LocalFile, Reader, Source, Stdin

    sources: list[Source] = [Stdin() if path == "-" else LocalFile(path) for path in args.files]
    ruleset = load_ruleset(Path(args.rules) if args.rules else None)
    # the reader's errors already name the file
    reports = pipeline.run(
        sources, ruleset, reader=Reader(), story_date=args.date, today=date.today()
    )
    decisions = _explained(reports, ruleset) if args.explain else None
    if args.format == "json":
        from bot.report.json import render

        print(render(reports, decisions))
    elif args.format == "slack":
        print(_slack_payload(reports))
    else:
        from bot.report.text import render as render_text

        colour = args.color == "always" or (args.color == "auto" and sys.stdout.isatty())
        print(render_text(reports, colour=colour))
        if decisions is not None:
            from bot.report.explain import render as render_explanations

            print(render_explanations([r.document for r in reports], decisions))
    return 1 if any(r.findings for r in reports) else 0


def _explained(reports: list[Report], ruleset: Any) -> list[list[Any]]:
    """What the people checks weighed in each document (the engine runs again: --explain is
    for reading a verdict, not for speed)."""
    from bot.engine import explain

    return explain([r.document for r in reports], ruleset)


def _slack_payload(reports: list[Report]) -> str:
    """What the bot would post in the thread, one entry per document: the messages and, for a
    long report, the file attached to the thread."""
    import json

    from bot.report.slack import SlackReport, render_reply

    payload = []
    for report in reports:
        document = report.document
        reply = render_reply(
            SlackReport(
                check_id=0,
                findings=report.findings,
                story_date=document.story_date,
                date_source=document.date_source.value,
                date_label=document.date_label,
                date_weak=document.date_is_weak,
            )
        )
        entry: dict[str, Any] = {
            "path": document.name,
            "messages": [{"text": m.text, "blocks": m.blocks} for m in reply.messages],
        }
        if reply.file is not None:
            entry["file"] = {"filename": reply.file.filename, "content": reply.file.content}
        payload.append(entry)
    return json.dumps({"documents": payload}, ensure_ascii=False, indent=2)
