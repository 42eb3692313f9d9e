"""Block Kit rendering of a check: the one threaded reply an editor reads.

A summary line (how many findings, the story date and where it came from, a date picker to
re-check at another date), then one section per finding: the sentence with the span in bold, the
category, what is wrong, the suggestion and the source, and a "Not an error" button.

Slack refuses a message with more than 50 blocks or a text object over 3,000 characters
(https://api.slack.com/reference/block-kit/blocks), and long messages as a whole
(`msg_blocks_too_long`). Rendering never fails on that: texts are clipped and the findings that do
not fit are folded into follow-up messages. Every article string is escaped with
`bot.report.escape`, and text objects are `verbatim` so nothing in an article becomes a mention.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from urllib.parse import urlsplit

from bot.engine.finding import Evidence, Finding
from bot.report.escape import clip, clip_escaped, escape
from bot.report.model import finding_key

MAX_BLOCKS = 50
MAX_TEXT = 3000
# Slack also refuses a message whose blocks hold too much text in total (`msg_blocks_too_long`):
# undocumented, "12,000 text characters with a buffer for block containers" per Slack's SDK team,
# seen failing at 11,341 (slackapi/bolt-js#2509, #2867). 10,000 leaves room.
MESSAGE_BUDGET = 10_000

DISMISS_ACTION = "copydesk_dismiss"
RECHECK_ACTION = "copydesk_recheck"
RECHECK_BLOCK_PREFIX = "recheck:"
FINDING_BLOCK_PREFIX = "finding:"

_CATEGORY_NAMES = {
    "anachronism": "Anachronism",
    "title": "Title",
    "name": "Name",
    "attribution": "Attribution",
    "date": "Date",
    "inconsistency": "Inconsistency",
    "boilerplate": "Boilerplate",
    "cross-source": "Cross-source",
    "style": "Style",
}
_DATE_SOURCES = {
    "option": "the date you gave",
    "dateline": "from the dateline",
    "message": "from the message's date",
    "today": "today's date: no date found in the text",
}
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
    note: str | None = None  # a line under the summary, e.g. "Re-checked after the edit."

    @property
    def open_findings(self) -> list[Finding]:
        return [f for f in self.findings if finding_key(f) not in self.dismissed]


@dataclass(frozen=True, slots=True)
class SlackMessage:
    """One message to post: `text` is the notification and accessibility fallback."""

    text: str
    blocks: list[dict[str, Any]]


def render_report(report: SlackReport) -> list[SlackMessage]:
    """The reply, then as many follow-ups as the findings need; never raises on long input."""
    summary = _summary_blocks(report)
    finding_blocks = [_finding_block(i, f, report) for i, f in enumerate(report.findings, 1)]
    pages = _paginate(summary, finding_blocks)
    total = len(pages)
    messages: list[SlackMessage] = []
    for number, blocks in enumerate(pages, 1):
        page = list(blocks)
        if number > 1:
            page.insert(0, _context(f"Copydesk report, continued ({number} of {total})"))
        if number < total:
            page.append(_context(f"Continued in the next message ({number + 1} of {total})."))
        text = (
            clip(render_text_fallback(report), MAX_TEXT)
            if number == 1
            else f"Copydesk report, continued ({number} of {total})"
        )
        messages.append(SlackMessage(text=text, blocks=page))
    return messages


def render_text_fallback(report: SlackReport) -> str:
    """The report as plain text (escaped for Slack): notifications, screen readers, logs."""
    lines = [_summary_line(report, markup=False)]
    for number, finding in enumerate(report.open_findings, 1):
        suggestion = f" Suggestion: {finding.suggestion}." if finding.suggestion else ""
        line = (
            f"{number}. {_category(finding.category)}: “{clip(finding.quote, 200)}”: "
            f"{finding.message}{suggestion}"
        )
        lines.append(escape(line))
    return "\n".join(lines)


def render_notice(text: str, *, context: str | None = None) -> SlackMessage:
    """A short message from Copydesk itself (an error, help); `text` is already mrkdwn."""
    blocks = [_section(clip(text, MAX_TEXT))]
    if context:
        blocks.append(_context(context))
    return SlackMessage(text=clip(text, MAX_TEXT), blocks=blocks)


def dismiss_value(check_id: int, key: str) -> str:
    """The button value that names one finding of one stored check."""
    return json.dumps({"check": check_id, "key": key}, separators=(",", ":"))


def parse_dismiss_value(value: str) -> tuple[int, str] | None:
    """Inverse of `dismiss_value`; None for a value this version did not write."""
    try:
        data = json.loads(value)
        return int(data["check"]), str(data["key"])
    except (ValueError, KeyError, TypeError):
        return None


# -- blocks ----------------------------------------------------------------------------------


def _summary_line(report: SlackReport, *, markup: bool) -> str:
    count = len(report.open_findings)
    bold = "*" if markup else ""
    if count:
        noun = "possible error" if count == 1 else "possible errors"
        head = f"{bold}Copydesk flagged {count} {noun}{bold}"
    elif report.dismissed:
        head = f"{bold}Copydesk: every finding was marked not an error{bold}"
    else:
        head = f"{bold}Copydesk found nothing to flag{bold}"
    if report.story_date is not None:
        where = _DATE_SOURCES.get(report.date_source, report.date_source)
        head += f" · story date {bold}{_format_date(report.story_date)}{bold} ({where})"
    if report.dismissed:
        head += f" · {len(report.dismissed)} marked not an error"
    return head


def _summary_blocks(report: SlackReport) -> list[dict[str, Any]]:
    section = _section(clip(_summary_line(report, markup=True), MAX_TEXT))
    if report.subject:
        picker: dict[str, Any] = {
            "type": "datepicker",
            "action_id": RECHECK_ACTION,
            "placeholder": {"type": "plain_text", "text": "Re-check at another date"},
        }
        if report.story_date is not None:
            picker["initial_date"] = report.story_date.isoformat()
        section["accessory"] = picker
        section["block_id"] = (RECHECK_BLOCK_PREFIX + report.subject)[:255]
    blocks = [section]
    if report.subject:
        blocks.append(_context("Pick another story date to re-check this article at that date."))
    if report.note:
        blocks.append(_context(escape(clip(report.note, 500))))
    return blocks


def _finding_block(number: int, finding: Finding, report: SlackReport) -> dict[str, Any]:
    key = finding_key(finding)
    block_id = (FINDING_BLOCK_PREFIX + key)[:255]
    user = report.dismissed.get(key)
    if user is not None:
        who = f"<@{user}>" if _USER_ID.match(user) else "an editor"
        text = (
            f"~{number}. {_category(finding.category)}~ “{clip_escaped(finding.quote, 200)}”: "
            f"marked not an error by {who}"
        )
        block = _context(text)
    else:
        block = _section(_finding_text(number, finding))
        block["accessory"] = {
            "type": "button",
            "action_id": DISMISS_ACTION,
            "text": {"type": "plain_text", "text": "Not an error"},
            "value": dismiss_value(report.check_id, key),
        }
    block["block_id"] = block_id
    return block


def _finding_text(number: int, finding: Finding) -> str:
    """The finding's section text, every part clipped so the whole stays under 3,000."""
    head = clip_escaped(
        f"{number}. {_category(finding.category)} · {finding.severity.value} · {finding.rule}", 200
    )
    parts = [f"*{head}*", "> " + _marked_sentence(finding.sentence, finding.quote)]
    parts.append(clip_escaped(finding.message, 600))
    if finding.suggestion:
        parts.append("*Suggestion:* " + clip_escaped(finding.suggestion, 400))
    if finding.evidence:
        parts.append("_Source: " + _evidence(finding.evidence) + "_")
    return clip("\n".join(parts), MAX_TEXT)


def _marked_sentence(sentence: str, quote: str, limit: int = 1200) -> str:
    """The sentence, escaped, with the flagged span in bold; long ones cut around the span."""
    sentence = " ".join(sentence.split())
    quote = " ".join(quote.split())
    at = sentence.find(quote) if quote else -1
    if at < 0:
        shown = clip_escaped(sentence, limit // 2) if sentence else ""
        return (shown + " · " if shown else "") + "*" + clip_escaped(quote, limit // 2) + "*"
    before, after = sentence[:at], sentence[at + len(quote) :]
    span = clip_escaped(quote, limit // 2)
    room = max(limit - len(span), 0) // 2
    return f"{_tail_escaped(before, room)}*{span}*{clip_escaped(after, room)}"


def _tail_escaped(text: str, limit: int) -> str:
    """The end of `text`, escaped, within `limit` characters; "…" marks a cut."""
    escaped = escape(text)
    if len(escaped) <= limit:
        return escaped
    tail = text[-max(limit - 1, 0) :] if limit > 1 else ""
    escaped = escape(tail)
    while tail and len(escaped) > limit - 1:
        tail = tail[len(escaped) - (limit - 1) :]
        escaped = escape(tail)
    return "…" + escaped.lstrip()


def _evidence(evidence: Sequence[Evidence], limit: int = 500) -> str:
    """Each fact with its source, the source's name a link to its URL; what passes `limit` is
    dropped whole, never cut in half."""
    out = ""
    for item in evidence:
        source = clip_escaped(item.source, 200)
        if item.url and _is_web_link(item.url):
            source = (
                f"<{item.url}|{source or clip_escaped(urlsplit(item.url).hostname or 'link', 100)}>"
            )
        part = f"{escape(item.fact)} (source: {source})" if source else escape(item.fact)
        joined = f"{out}; {part}" if out else part
        if len(joined) > limit:
            return out + "…" if out else clip_escaped(item.fact, limit)
        out = joined
    return out


def _is_web_link(url: str) -> bool:
    """An http(s) URL with no character that would end a Slack link early."""
    return urlsplit(url).scheme in ("http", "https") and not any(c in url for c in "<>| \n")


def _paginate(
    summary: list[dict[str, Any]], findings: list[dict[str, Any]]
) -> list[list[dict[str, Any]]]:
    """Split into pages under the block and size limits, leaving room for the continuation
    notes that `render_report` adds (a header on follow-ups, a note at the bottom)."""
    pages: list[list[dict[str, Any]]] = [list(summary)]
    size = sum(_size(b) for b in summary)
    in_page = 0
    for block in findings:
        reserved = 2 if len(pages) > 1 else 1
        full = len(pages[-1]) + 1 + reserved > MAX_BLOCKS
        heavy = in_page > 0 and size + _size(block) > MESSAGE_BUDGET
        if full or heavy:
            pages.append([])
            size = in_page = 0
        pages[-1].append(block)
        size += _size(block)
        in_page += 1
    return pages


def _size(node: Any) -> int:
    """Characters of text in a block, the way Slack counts toward `msg_blocks_too_long`."""
    if isinstance(node, dict):
        return sum(
            len(v) if k == "text" and isinstance(v, str) else _size(v) for k, v in node.items()
        )
    if isinstance(node, list):
        return sum(_size(v) for v in node)
    return 0


def _section(text: str) -> dict[str, Any]:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text, "verbatim": True}}


def _context(text: str) -> dict[str, Any]:
    return {
        "type": "context",
        "elements": [{"type": "mrkdwn", "text": clip(text, MAX_TEXT), "verbatim": True}],
    }


def _category(category: str) -> str:
    return _CATEGORY_NAMES.get(category, category.capitalize())


def _format_date(value: date) -> str:
    return f"{value:%B} {value.day}, {value.year}"
