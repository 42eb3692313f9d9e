"""Which kind of text an article is: HTML, Slack mrkdwn or plain text (Markdown counts as plain).

The caller knows best (a file's extension, Slack's own message text); otherwise the first few
kilobytes decide. Plain text is the common case, so the sniff is a few substring searches.
"""

from __future__ import annotations

import re
from itertools import islice

from bot.errors import InputError

PLAIN = "text/plain"
HTML = "text/html"
MRKDWN = "text/x-slack-mrkdwn"

_KINDS = (PLAIN, HTML, MRKDWN)  # file formats map to these in bot.intake.formats
_SNIFF_CHARS = 4096
_DOCUMENT_MARKERS = ("<html", "<!doctype html", "<body")
# Paragraph markup that plain copy never holds; two of them make a fragment HTML.
_BLOCK_TAGS = re.compile(r"</?(?:p|div|br|h[1-6]|li|article|section)\b[^<>]{0,200}>", re.I)


def resolve(media_type: str | None, text: str) -> str:
    """The media type to read `text` as, given what the caller said (or None)."""
    if media_type:
        essence = media_type.split(";", 1)[0].strip().lower()
        if essence in _KINDS:
            return essence
        raise InputError(
            f"cannot read an article of type {essence!r}; supported types: "
            f"{', '.join(_KINDS)} (bot.intake reads files of other formats)"
        )
    return sniff(text)


def sniff(text: str) -> str:
    """HTML if the start of `text` looks like a page or a fragment of paragraphs, else plain."""
    head = text[:_SNIFF_CHARS]
    if "<" not in head:
        return PLAIN
    lowered = head.lower()
    if any(marker in lowered for marker in _DOCUMENT_MARKERS):
        return HTML
    two_tags = list(islice(_BLOCK_TAGS.finditer(head), 2))
    return HTML if len(two_tags) == 2 else PLAIN
