"""Where an article comes from. Every source becomes a `Document` in `bot.intake.read`.

`sent_on` is the date the article reached Copydesk (a Slack message's date): when the text has
no dateline, it is the best guess at the story date after one the editor gave.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

# Slack cuts messages at 40,000 characters; a bigger "paste" is not kept whole in the inbox, only
# its size, so the worker can say it is too large without the database holding megabytes.
MAX_PASTE_BYTES = 1_000_000


@dataclass(frozen=True, slots=True)
class Paste:
    """Text pasted into a Slack message (Slack mrkdwn). `size` is its size in bytes when it was
    too large to keep whole, else None."""

    text: str
    sent_on: date | None = None
    size: int | None = None


@dataclass(frozen=True, slots=True)
class SharedFile:
    """A file shared in Slack, by its id (downloaded when read)."""

    file_id: str
    sent_on: date | None = None


@dataclass(frozen=True, slots=True)
class Link:
    """A link to an article page (fetched when read)."""

    url: str
    sent_on: date | None = None


@dataclass(frozen=True, slots=True)
class LocalFile:
    """A file named on the command line; its modification time stands in for a sent date."""

    path: str


@dataclass(frozen=True, slots=True)
class Stdin:
    """Standard input (`copydesk check -`)."""


Source = Paste | SharedFile | Link | LocalFile | Stdin
