"""Every source becomes a Document here: a paste, a shared file, a link, a path, standard input.

Offsets differ by source, on purpose. A path or standard input is decoded strictly (UTF-8, as
given), so that the JSON report's offsets point into the file. A shared file or a fetched page is
transcoded from whatever encoding it is in, since the Slack reply quotes findings and promises no
offsets. Word documents and PDFs have no offsets to keep: their extracted text is the source.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, Protocol

from bot.document import MRKDWN, PLAIN, Document, load_document
from bot.document.readers import MAX_BYTES, check_size, decode_lenient
from bot.errors import InputError
from bot.intake import formats
from bot.intake.sources import MAX_PASTE_BYTES, Link, LocalFile, Paste, SharedFile, Source

if TYPE_CHECKING:
    from bot.intake.fetch import Page
    from bot.intake.slack_files import SlackFile

MAX_FILE_BYTES = 50 * 1024 * 1024  # a .docx or .pdf with pictures is much larger than its text


class Pages(Protocol):
    """Fetches article pages (`bot.intake.fetch.Fetcher`)."""

    def fetch(self, url: str) -> Page: ...


class SharedFiles(Protocol):
    """Downloads files shared in Slack (`bot.intake.slack_files.FileDownloader`)."""

    def download(self, file_id: str) -> SlackFile: ...


class Reader:
    """Reads sources into Documents; the bot's reader fetches links and downloads shared files,
    the command line's reads paths and standard input."""

    def __init__(
        self,
        *,
        pages: Pages | None = None,
        files: SharedFiles | None = None,
        stdin: BinaryIO | None = None,
    ) -> None:
        self._pages = pages
        self._files = files
        self._stdin = stdin

    def read(self, source: Source, *, story_date: date | None = None, today: date) -> Document:
        """The Document `source` holds; InputError or FetchError with a message for the editor.

        `story_date` is the date the editor gave, if any; `today` is the last resort.
        """
        if isinstance(source, Paste):
            return _paste(source, story_date, today)
        if isinstance(source, SharedFile):
            if self._files is None:
                raise InputError("shared files cannot be read here")
            file = self._files.download(source.file_id)
            text, kind = file_text(file.content, file.name, file.mimetype)
            return load_document(
                text,
                name=file.name,
                media_type=kind,
                story_date=story_date,
                message_date=source.sent_on,
                today=today,
            )
        if isinstance(source, Link):
            if self._pages is None:
                raise InputError("links cannot be fetched here")
            return _page(self._pages.fetch(source.url), source, story_date, today)
        if isinstance(source, LocalFile):
            return _local(source.path, story_date, today)
        stdin = self._stdin or sys.stdin.buffer
        return _bytes(stdin.read(MAX_BYTES + 1), "<stdin>", story_date, None, today)


def file_text(data: bytes, name: str, media_type: str | None) -> tuple[str, str]:
    """The text of a shared file and the kind to read it as (`bot.document.mediatype`).

    Raises InputError naming the file's type for unsupported files, and saying what is wrong for
    empty, corrupt or password-protected ones.
    """
    if len(data) > MAX_FILE_BYTES:
        raise InputError(
            f"{name} is {len(data) / 2**20:.1f} MiB, over the {MAX_FILE_BYTES // 2**20} MiB "
            "limit for attached files"
        )
    if not data.strip():
        raise InputError(f"the article is empty: {name} holds no text to check")
    found = formats.recognise(data, name, media_type)
    if found.text_kind is not None:
        text, _ = decode_lenient(data, name)
        return text, found.text_kind
    return _extracted(data, name, found), PLAIN


def _extracted(data: bytes, name: str, found: formats.Format) -> str:
    """The text of a Word document or a PDF."""
    from bot.document import files  # python-docx and pypdf: only for these formats

    text = files.pdf_text(data, name) if found is formats.PDF else files.docx_text(data, name)
    if not text.strip():
        scanned = " (a scanned PDF has only pictures of text)" if found is formats.PDF else ""
        raise InputError(f"{name} has no text to check{scanned}")
    return text


def _paste(source: Paste, story_date: date | None, today: date) -> Document:
    if source.size is not None and source.size > MAX_PASTE_BYTES:
        raise InputError(
            f"the message is {source.size / 1_000_000:.1f} MB; Copydesk checks pasted text up to "
            f"{MAX_PASTE_BYTES // 1_000_000} MB (a whole article is far less): check one "
            "article at a time, or share it as a file"
        )
    return load_document(
        source.text,
        name="the message",
        media_type=MRKDWN,
        story_date=story_date,
        message_date=source.sent_on,
        today=today,
    )


def _page(page: Page, source: Link, story_date: date | None, today: date) -> Document:
    body = page.text()
    if isinstance(body, bytes):
        body, _ = decode_lenient(body, page.url)
    found = formats.by_media_type(page.media_type)
    return load_document(
        body,
        name=page.url,
        media_type=found.text_kind if found is not None else None,
        story_date=story_date,
        message_date=source.sent_on,
        today=today,
    )


def _local(path: str, story_date: date | None, today: date) -> Document:
    """A file named on the command line; its modification date stands in for a sent date."""
    file = Path(path)
    try:
        stat = file.stat()
        if file.is_dir():
            raise InputError(f"{path} is a directory, not an article file")
        check_size(stat.st_size, path)
        data = file.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied (cannot read the file)") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read the file ({exc.strerror or exc})") from None
    return _bytes(data, path, story_date, date.fromtimestamp(stat.st_mtime), today)


def _bytes(
    data: bytes, name: str, story_date: date | None, modified: date | None, today: date
) -> Document:
    """A local file's bytes: text decoded strictly (offsets into the file hold), a Word
    document or PDF extracted; a name the table does not know is read as text if it is text."""
    found = formats.identify(data, name)
    if found is not None and found.text_kind is None:
        return load_document(
            _extracted(data, name, found),
            name=name,
            media_type=PLAIN,
            story_date=story_date,
            file_date=modified,
            today=today,
        )
    return load_document(
        data,
        name=name,
        media_type=found.text_kind if found is not None else None,
        story_date=story_date,
        file_date=modified,
        today=today,
    )
