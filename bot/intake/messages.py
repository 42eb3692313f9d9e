"""Which Slack messages are articles to check, and which source in them to check.

Watching a channel must not turn the bot into a chat participant: a message is checked on its own
only when it looks like pasted copy (several sentences or paragraphs of prose), shares a file in
a format Copydesk reads, or is mostly one link. This is intake, not checking: it reads the shape
of the message, never what the article says.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime
from typing import Any

from bot.intake import formats
from bot.intake.sources import Link, Paste, SharedFile, Source

# Slack's message markup: <https://url|label>, <@U123>, <#C123|name>, <!here>.
_LINK = re.compile(r"<(https?://[^<>|\s]+)(?:\|([^<>]*))?>")
_MARKUP = re.compile(r"<[^<>]*>")
_CODE_BLOCK = re.compile(r"```.*?```", re.DOTALL)
_WORD = re.compile(r"[^\W\d_](?:[\w'’-]*\w)?")
_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s|$)")
_QUESTION_END = re.compile(r"\?+[\"'”’)\]]*(?=\s|$)")
_BULLET = re.compile(r"^\s*(?:[-*•◦▪]|\d{1,2}[.)])\s+")

ARTICLE_MIN_WORDS = 60  # a short brief; chat messages are rarely this long
LONG_ARTICLE_WORDS = 120  # at this length one paragraph of prose is enough (so are 5 sentences)
LINK_SHARE_MAX_WORDS = 20  # "Story for tomorrow: <link>" is a link share, an essay is not
HUGE_PASTE_CHARS = 100_000  # above this, skip the shape analysis (the listener must ack in 3 s)


def links(text: str) -> list[str]:
    """The http(s) URLs of a Slack message, in order."""
    return [html.unescape(m.group(1)) for m in _LINK.finditer(text)]


def plain_text(text: str) -> str:
    """Slack mrkdwn reduced to what a reader sees: link labels, no markup, entities decoded."""
    text = _LINK.sub(lambda m: m.group(2) or m.group(1), text)
    text = _MARKUP.sub(" ", text)
    return html.unescape(text)


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


def looks_like_article(text: str) -> bool:
    """True for pasted copy: several sentences or paragraphs of prose, not chat, code or a list."""
    if len(text) > HUGE_PASTE_CHARS:
        return True  # nobody chats this much; the worker says if it is too large to check
    prose = plain_text(_CODE_BLOCK.sub(" ", text))
    words = word_count(prose)
    if words < ARTICLE_MIN_WORDS:
        return False
    code = sum(len(m.group()) for m in _CODE_BLOCK.finditer(text))
    if code > len(text) / 3:
        return False
    lines = [line for line in prose.splitlines() if line.strip()]
    if lines and sum(bool(_BULLET.match(line)) for line in lines) > len(lines) / 2:
        return False
    sentences = len(_SENTENCE_END.findall(prose)) or 1
    if sentences < 3 or words / sentences < 6:
        return False
    if len(_QUESTION_END.findall(prose)) > sentences / 3:
        return False
    paragraphs = len([p for p in re.split(r"\n\s*\n|\n", prose) if word_count(p) >= 8])
    return words >= LONG_ARTICLE_WORDS or paragraphs >= 2 or sentences >= 5


def shared_link(text: str) -> str | None:
    """The URL of a message that is essentially one link (a little comment allowed)."""
    urls = links(text)
    if len(urls) != 1:
        return None
    rest = _LINK.sub(" ", text)
    return urls[0] if word_count(plain_text(rest)) <= LINK_SHARE_MAX_WORDS else None


def readable_file(file: Mapping[str, Any]) -> bool:
    """Whether a Slack file object looks like a document the bot can read."""
    name = str(file.get("name") or file.get("title") or "")
    return formats.readable(name, file.get("filetype"), file.get("mimetype"))


def source_of(message: Mapping[str, Any], *, explicit: bool = False) -> Source | None:
    """What to check in `message`, or None when there is nothing (an explicit request, from an
    editor who asked, takes any file, any link or any text; watching takes only articles)."""
    sent_on = sent_date(str(message.get("ts") or ""))
    files: Sequence[Mapping[str, Any]] = message.get("files") or []
    for file in files:
        if file.get("id") and (explicit or readable_file(file)):
            return SharedFile(str(file["id"]), sent_on)
    text = str(message.get("text") or "")
    size = int(message["text_size"]) if message.get("text_size") else None
    if looks_like_article(text):
        return Paste(text, sent_on, size)
    url = shared_link(text)
    if url is not None:
        return Link(url, sent_on)
    if explicit and text.strip():
        return Paste(text, sent_on, size)
    return None


def sent_date(ts: str) -> date | None:
    """The UTC date of a Slack ts ("1722249600.000100")."""
    try:
        return datetime.fromtimestamp(float(ts), UTC).date() if ts else None
    except (ValueError, OverflowError, OSError):
        return None
