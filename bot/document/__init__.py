"""The document: bytes or text in; a `Document` with plain text, offsets and a date out.

    doc = load_document(data, name="story.txt", today=date.today())
    doc = load_document(slack_text, name="message", media_type="text/x-slack-mrkdwn",
                        message_date=sent_on, today=date.today())

Which source an article comes from (a file, a link, a Slack message) and in which format is
decided by `bot.intake`. Importing this package is cheap: trafilatura, charset-normalizer,
python-docx and pypdf load only when an input needs them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.document.load import load_document
from bot.document.mediatype import HTML, MRKDWN, PLAIN
from bot.document.model import (
    DateConfidence,
    DateSource,
    Document,
    IdentityMap,
    OffsetMap,
    Segment,
    SegmentMap,
    Sentence,
)
from bot.document.readers import MAX_BYTES, decode_lenient

if TYPE_CHECKING:
    from bot.document.storydate import find_story_date, resolve_weekday

# Loaded on first use: a plain-text check with a given date needs neither (start-up time).
_LAZY = {
    "find_story_date": "bot.document.storydate",
    "resolve_weekday": "bot.document.storydate",
}


def __getattr__(name: str) -> object:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'bot.document' has no attribute {name!r}")


__all__ = [
    "HTML",
    "MAX_BYTES",
    "MRKDWN",
    "PLAIN",
    "DateConfidence",
    "DateSource",
    "Document",
    "IdentityMap",
    "OffsetMap",
    "Segment",
    "SegmentMap",
    "Sentence",
    "decode_lenient",
    "find_story_date",
    "load_document",
    "resolve_weekday",
]
