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

_ALIASES = {
    "text/plain": PLAIN,
    "text/markdown": PLAIN,
    "text/x-markdown": PLAIN,
    "text/html": HTML,
    "application/xhtml+xml": HTML,
    "text/x-slack-mrkdwn": MRKDWN,
}
_SNIFF_CHARS = 4096
_DOCUMENT_MARKERS = ("<html", "<!doctype html", "<body")
# Paragraph markup that plain copy never holds; two of them make a fragment HTML.
_BLOCK_TAGS = re.compile(r"</?(?:p|div|br|h[1-6]|li|article|section)\b[^<>]{0,200}>", re.I)


def resolve(media_type: str | None, text: str) -> str:
    """The media type to read `text` as, given what the caller said (or None)."""
    if media_type:
        essence = media_type.split(";", 1)[0].strip().lower()
        try:
            return _ALIASES[essence]
        except KeyError:
            supported = ", ".join(sorted(_ALIASES))
            raise InputError(
                f"cannot read an article of type {essence!r}; supported types: {supported} "
                "(for .docx and .pdf files, extract the text first)"
            ) from None
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
