"""Intake: every source an article comes from becomes a `Document` here, and nowhere else.

    reader = Reader()                                   # the command line: paths and stdin
    doc = reader.read(LocalFile("story.docx"), today=date.today())
    reader = Reader(pages=Fetcher(...), files=FileDownloader(...))   # the bot: links and files
    source = source_of(slack_message)                   # a paste, a shared file or a link
    doc = reader.read(source, story_date=None, today=date.today())

`formats` is the one table of file formats. `bot.document` turns text into a Document; intake
decides which text, from where, read how. Importing this package loads neither httpx nor the
Slack SDK: the fetcher and the file downloader are imported by the bot that builds them.
"""

from __future__ import annotations

from bot.intake.read import Reader, file_text
from bot.intake.sources import MAX_PASTE_BYTES, Link, LocalFile, Paste, SharedFile, Source, Stdin

__all__ = [
    "MAX_PASTE_BYTES",
    "Link",
    "LocalFile",
    "Paste",
    "Reader",
    "SharedFile",
    "Source",
    "Stdin",
    "file_text",
]
