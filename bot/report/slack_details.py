"""The "Details" modal: each finding of a report with its whole sentence, what is wrong, the fix,
and the facts it rests on with their sources as short links.

A modal holds at most 100 blocks and a text object 3,000 characters
(https://api.slack.com/reference/surfaces/views); entries past what fits are counted and left to
the full report file. Titles are at most 24 characters.
"""

from __future__ import annotations

from typing import Any

from bot.engine.finding import Finding
from bot.report import entries as view
from bot.report.entries import Entry
from bot.report.escape import clip, clip_words, clip_words_from_start, escape
from bot.report.slack import SlackReport, headline

MAX_MODAL_BLOCKS = 100
_PER_ENTRY = 2  # a section and a context of sources


def details_view(report: SlackReport) -> dict[str, Any]:
    """The modal for one stored check."""
    blocks: list[dict[str, Any]] = [_section(headline(report))]
    shown = report.entries
    room = (MAX_MODAL_BLOCKS - 2) // _PER_ENTRY
    for number, entry in enumerate(shown[:room], 1):
        blocks.append(_section(_entry_text(number, entry, report)))
        sources = _sources(entry)
        if sources:
            blocks.append(_context(sources))
    if len(shown) > room:
        blocks.append(_context(f"{len(shown) - room} more in the full report file."))
    return {
        "type": "modal",
        "title": {"type": "plain_text", "text": "Copydesk report"},
        "close": {"type": "plain_text", "text": "Close"},
        "blocks": blocks,
    }


def _entry_text(number: int, entry: Entry, report: SlackReport) -> str:
    first = entry.first
    parts = [f"*{number}. {escape(view.category_name(first.category))}*"]
    if report.is_dismissed(entry):
        parts[0] += " (marked not an error)"
    for finding in entry.findings[:5]:
        parts.append("> " + _sentence(finding))
    if len(entry.findings) > 5:
        parts.append(f"and {len(entry.findings) - 5} more like these")
    parts.append(escape(clip_words(" ".join(first.message.split()), 800)))
    if first.suggestion:
        parts.append("*Fix:* " + escape(clip_words(first.suggestion, 300)))
    return clip("\n".join(parts), 3000)


def _sentence(finding: Finding) -> str:
    """The whole sentence (cut at word boundaries when very long), the flagged words in bold."""
    sentence = " ".join(finding.sentence.split())
    quote = " ".join(finding.quote.split())
    at = sentence.find(quote) if quote else -1
    if at < 0:
        return f"*{escape(clip_words(quote, 300))}*"
    before = clip_words_from_start(sentence[:at], 300)
    after = clip_words(sentence[at + len(quote) :], 300)
    return f"{escape(before)}*{escape(clip_words(quote, 300))}*{escape(after)}"


def _sources(entry: Entry) -> str:
    """Each fact, with its source as a short link: "Joe Biden: President … — <url|source>"."""
    items = []
    for evidence in entry.first.evidence:
        name = escape(view.source_name(evidence))
        if evidence.url and _is_web_link(evidence.url):
            name = f"<{evidence.url}|{name or 'source'}>"
        fact = escape(clip_words(" ".join(evidence.fact.split()), 400))
        items.append(f"{fact} — {name}" if name else fact)
    return clip("\n".join(items), 3000)


def _is_web_link(url: str) -> bool:
    """An http(s) URL with no character that would end a Slack link early."""
    return url.startswith(("http://", "https://")) and not any(c in url for c in "<>| \n")


def _section(text: str) -> dict[str, Any]:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text, "verbatim": True}}


def _context(text: str) -> dict[str, Any]:
    return {
        "type": "context",
        "elements": [{"type": "mrkdwn", "text": text, "verbatim": True}],
    }
