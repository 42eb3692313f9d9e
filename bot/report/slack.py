"""Block Kit rendering of a check: the one threaded reply an editor takes in at a glance.

A headline (how many possible errors, the story date and how sure it is, with a date picker to
re-check at another date), then one compact entry per finding, errors first (`bot.report.entries`):
the flagged words in a short excerpt, what is wrong in one line, the fix, and a "Not an error"
button. A "Details" button opens the evidence and sources (`bot.report.slack_details`). Past
`MAX_ENTRIES` entries the reply shows the first ones and a count, and the full report comes as a
file (`bot.report.plain`): a summary and the file, never a wall.

Slack refuses more than 50 blocks, a text object over 3,000 characters, a button label over 75
and a value over 2,000 (https://api.slack.com/reference/block-kit/blocks); every text here is
clipped at a word boundary far below that. Every article string is escaped with
`bot.report.escape`, and text objects are `verbatim` so nothing in an article becomes a mention.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from bot.engine.finding import Finding
from bot.report import entries as view
from bot.report.dates import origin
from bot.report.entries import Entry
from bot.report.escape import clip, clip_escaped, escape
from bot.report.model import finding_key

MAX_BLOCKS = 50
MAX_TEXT = 3000
MAX_BUTTON_VALUE = 2000
# Slack also refuses a message whose blocks hold too much text in total (`msg_blocks_too_long`):
# undocumented, "12,000 text characters with a buffer for block containers" per Slack's SDK team,
# seen failing at 11,341 (slackapi/bolt-js#2509, #2867). 10,000 leaves room.
MESSAGE_BUDGET = 10_000
MAX_ENTRIES = 6  # more, and the reply summarises them and attaches the full report

DISMISS_ACTION = "copydesk_dismiss"
RECHECK_ACTION = "copydesk_recheck"
DETAILS_ACTION = "copydesk_details"
RECHECK_BLOCK_PREFIX = "recheck:"
FINDING_BLOCK_PREFIX = "finding:"
DETAILS_BLOCK = "details"

_USER_ID = re.compile(r"^[UW][A-Z0-9]{2,30}$")


@dataclass(frozen=True)
class SlackReport:
    """What one reply shows. `subject` is the checked message's ts (enables re-checking)."""

    check_id: int
    findings: Sequence[Finding]
    story_date: date | None
    date_source: str
    subject: str | None = None
    dismissed: Mapping[str, str] = field(default_factory=dict)  # finding key -> user id
    note: str | None = None  # a line under the headline, e.g. "Re-checked after the edit."
    date_label: str | None = None  # the document's words for where the date came from
    date_weak: bool | None = None  # None: as the date source says (bot.report.dates)
    attach: bool = True  # a long report comes with the full report as a file (not privately)

    @property
    def entries(self) -> list[Entry]:
        return view.entries(self.findings)

    def is_dismissed(self, entry: Entry) -> bool:
        return all(key in self.dismissed for key in entry.keys)

    @property
    def open_findings(self) -> list[Finding]:
        return [f for f in self.findings if finding_key(f) not in self.dismissed]


@dataclass(frozen=True, slots=True)
class SlackMessage:
    """One message to post: `text` is the notification and accessibility fallback."""

    text: str
    blocks: list[dict[str, Any]]


@dataclass(frozen=True, slots=True)
class ReportFile:
    """The full report, attached to the thread when the reply only summarises it."""

    filename: str
    title: str
    content: str


@dataclass(frozen=True, slots=True)
class SlackReply:
    """The reply's messages (one, as a rule) and the file that goes with it, if any."""

    messages: list[SlackMessage]
    file: ReportFile | None = None


def render_reply(report: SlackReport) -> SlackReply:
    """The reply and, for a long report, the full report as a file; never raises on long input."""
    shown = report.entries
    rest = shown[MAX_ENTRIES:]
    blocks = _headline_blocks(report)
    if rest:
        blocks.append(_context(_by_category(report)))
    blocks += [_entry_block(n, e, report) for n, e in enumerate(shown[:MAX_ENTRIES], 1)]
    if rest:
        more = f"{len(rest)} more {'entry' if len(rest) == 1 else 'entries'}"
        where = "in the full report, attached below; " if report.attach else ""
        blocks.append(_context(f"{more} {where}*Details* shows them all with their sources."))
    if report.findings:
        blocks.append(_details_block(report))
    message = SlackMessage(text=_fallback(report), blocks=blocks)
    file = None
    if rest and report.attach:
        from bot.report.plain import render_plain

        file = ReportFile(
            filename=f"copydesk-report-{report.subject or report.check_id}.txt",
            title="Copydesk: the full report",
            content=render_plain(report),
        )
    return SlackReply([message], file)


def render_report(report: SlackReport) -> list[SlackMessage]:
    """The reply's messages (see `render_reply` for the file that may go with them)."""
    return render_reply(report).messages


def render_notice(text: str, *, context: str | None = None) -> SlackMessage:
    """A short message from Copydesk itself (an error, help); `text` is already mrkdwn."""
    blocks = [_section(clip(text, MAX_TEXT))]
    if context:
        blocks.append(_context(context))
    return SlackMessage(text=clip(text, MAX_TEXT), blocks=blocks)


def headline(report: SlackReport, *, markup: bool = True) -> str:
    """How many possible errors, the story date and how sure it is."""
    bold = "*" if markup else ""
    count = len(report.open_findings)
    if count:
        noun = "possible error" if count == 1 else "possible errors"
        head = f"{bold}Copydesk: {count} {noun}{bold}"
    elif report.dismissed:
        head = f"{bold}Copydesk: every finding was marked not an error{bold}"
    else:
        head = f"{bold}Copydesk found nothing to flag{bold}"
    dismissed = sum(1 for e in report.entries if report.is_dismissed(e))
    if dismissed:
        head += f" · {dismissed} marked not an error"
    if report.story_date is not None:
        where = origin(report.date_source, label=report.date_label, weak=report.date_weak)
        day = _format_date(report.story_date)
        if where.weak:
            warning = ":warning: " if markup else ""
            head += (
                f"\n{warning}Unsure story date: {bold}{day}{bold} is {where.label}. "
                "Pick the real date to re-check"
            )
        else:
            head += f" · story date {bold}{day}{bold} ({where.label})"
    return head


def dismiss_value(check_id: int, key: str) -> str:
    """The button value that names one entry (by its first finding) of one stored check."""
    return json.dumps({"check": check_id, "key": key}, separators=(",", ":"))


def parse_dismiss_value(value: str) -> tuple[int, str] | None:
    """Inverse of `dismiss_value`; None for a value this version did not write."""
    try:
        data = json.loads(value)
        return int(data["check"]), str(data["key"])
    except (ValueError, KeyError, TypeError):
        return None


def details_value(check_id: int) -> str:
    return json.dumps({"check": check_id}, separators=(",", ":"))


def parse_details_value(value: str) -> int | None:
    try:
        return int(json.loads(value)["check"])
    except (ValueError, KeyError, TypeError):
        return None


def marked_excerpt(finding: Finding) -> str:
    """The excerpt, escaped, the flagged words in bold: “…as the *Biden administration* con…”."""
    before, quote, after = view.excerpt(finding)
    return f"“{escape(before)}*{clip_escaped(quote, 300)}*{escape(after)}”"


# -- blocks ----------------------------------------------------------------------------------


def _headline_blocks(report: SlackReport) -> list[dict[str, Any]]:
    section = _section(clip(headline(report), MAX_TEXT))
    if report.subject:
        picker: dict[str, Any] = {
            "type": "datepicker",
            "action_id": RECHECK_ACTION,
            "placeholder": {"type": "plain_text", "text": "Re-check at a date"},
        }
        if report.story_date is not None:
            picker["initial_date"] = report.story_date.isoformat()
        section["accessory"] = picker
        section["block_id"] = (RECHECK_BLOCK_PREFIX + report.subject)[:255]
    blocks = [section]
    if report.note:
        blocks.append(_context(escape(clip(report.note, 500))))
    return blocks


def _entry_block(number: int, entry: Entry, report: SlackReport) -> dict[str, Any]:
    block_id = (FINDING_BLOCK_PREFIX + entry.key)[:255]
    if report.is_dismissed(entry):
        user = report.dismissed.get(entry.key, "")
        who = f"<@{user}>" if _USER_ID.match(user) else "an editor"
        quoted, _ = view.quotes(entry, limit=1)
        block = _context(f"~{number}. “{escape(quoted[0])}”~ marked not an error by {who}")
    else:
        block = _section(_entry_text(number, entry))
        block["accessory"] = {
            "type": "button",
            "action_id": DISMISS_ACTION,
            "text": {"type": "plain_text", "text": "Not an error"},
            "value": dismiss_value(report.check_id, entry.key),
        }
    block["block_id"] = block_id
    return block


def _entry_text(number: int, entry: Entry) -> str:
    """Two short lines: where (the excerpt, or a group's flagged words) and what is wrong."""
    if entry.grouped:
        quoted, more = view.quotes(entry)
        words = ", ".join(f"“{escape(q)}”" for q in quoted) + (f" and {more} more" if more else "")
        where = f"*{number}. {view.label(entry)}:* {words}"
    else:
        where = f"*{number}.* {marked_excerpt(entry.first)}"
    what = escape(view.summary(entry.first))
    fix = view.fix(entry)
    if fix:
        what += f" → *{escape(fix)}*"
    return clip(f"{where}\n{what}", MAX_TEXT)


def _details_block(report: SlackReport) -> dict[str, Any]:
    return {
        "type": "actions",
        "block_id": DETAILS_BLOCK,
        "elements": [
            {
                "type": "button",
                "action_id": DETAILS_ACTION,
                "text": {"type": "plain_text", "text": "Details"},
                "value": details_value(report.check_id),
            }
        ],
    }


def _by_category(report: SlackReport) -> str:
    counts = view.by_category(report.open_findings)
    return " · ".join(f"{escape(name)}: {count}" for name, count in counts)


def _fallback(report: SlackReport) -> str:
    """The notification text: the headline only (the blocks carry the entries)."""
    return clip(escape(headline(report, markup=False)), MAX_TEXT)


def _section(text: str) -> dict[str, Any]:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text, "verbatim": True}}


def _context(text: str) -> dict[str, Any]:
    return {
        "type": "context",
        "elements": [{"type": "mrkdwn", "text": clip(text, MAX_TEXT), "verbatim": True}],
    }


def _format_date(value: date) -> str:
    return f"{value:%B} {value.day}, {value.year}"
