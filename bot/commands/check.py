"""`copydesk check`: check articles from files or stdin; text, JSON or Slack output.

Exit status: 0 clean, 1 something flagged, 2 a usage or input error (bot.cli).
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from typing import Any

from bot.commands.args import iso_date


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
    parser.add_argument("--format", choices=("text", "json", "slack"), default="text")
    parser.add_argument("--rules", help="rules directory (default: the bundled rules)")
    parser.add_argument("--color", choices=("auto", "always", "never"), default="auto")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from bot.engine import check_batch, load_ruleset
    from bot.intake import LocalFile, Reader, Source, Stdin

    today = date.today()
    reader = Reader()
    sources: list[Source] = [Stdin() if path == "-" else LocalFile(path) for path in args.files]
    # the reader's errors already name the file
    documents = [reader.read(source, story_date=args.date, today=today) for source in sources]
    ruleset = load_ruleset(Path(args.rules) if args.rules else None)
    findings = check_batch(documents, ruleset)
    if args.format == "json":
        from bot.report.json import render

        print(render(documents, findings))
    elif args.format == "slack":
        print(_slack_payload(documents, findings))
    else:
        from bot.report.text import render as render_text

        colour = args.color == "always" or (args.color == "auto" and sys.stdout.isatty())
        print(render_text(documents, findings, colour=colour))
    return 1 if any(findings) else 0


def _slack_payload(documents: list[Any], findings: list[Any]) -> str:
    """The Block Kit messages the bot would post in the thread, one list per document."""
    import json

    from bot.report.slack import SlackReport, render_report

    payload = []
    for document, found in zip(documents, findings, strict=True):
        report = SlackReport(
            check_id=0,
            findings=found,
            story_date=document.story_date,
            date_source=document.date_source.value,
        )
        messages = render_report(report)
        payload.append(
            {
                "path": document.name,
                "messages": [{"text": m.text, "blocks": m.blocks} for m in messages],
            }
        )
    return json.dumps({"documents": payload}, ensure_ascii=False, indent=2)
