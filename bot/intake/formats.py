"""The one table of file formats Copydesk reads, and how a file is recognised as one of them.

Watching a channel (is this shared file an article?), reading a shared file, reading a path on
the command line and fetching a link all ask this table, so a format is supported everywhere or
nowhere. A file's own bytes decide first (a PDF named "story.txt" is still a PDF), then its name,
then the media type it came with.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePath

from bot.document.mediatype import HTML, PLAIN
from bot.errors import InputError

_DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@dataclass(frozen=True, slots=True)
class Format:
    """One format: how to recognise it, and how its text is read."""

    name: str  # what an editor calls it
    suffixes: tuple[str, ...]  # the first is the one named in messages
    media_types: tuple[str, ...]  # MIME types, from a web server or Slack
    slack_filetypes: tuple[str, ...]  # Slack's `filetype` for such a file
    text_kind: str | None  # read as text of this kind (PLAIN, HTML); None: text is extracted
    magic: bytes = b""  # how the file's bytes start, when that identifies it
    page: bool = False  # a link may point to it: Copydesk fetches such pages


TEXT = Format("plain text", (".txt", ".text"), ("text/plain",), ("text", "txt"), PLAIN, page=True)
MARKDOWN = Format(
    "Markdown",
    (".md", ".markdown"),
    ("text/markdown", "text/x-markdown"),
    ("markdown", "md"),
    PLAIN,
    page=True,
)
WEB_PAGE = Format(
    "HTML",
    (".html", ".htm", ".xhtml"),
    ("text/html", "application/xhtml+xml"),
    ("html", "htm", "xhtml"),
    HTML,
    page=True,
)
DOCX = Format("Word document", (".docx",), (_DOCX_MIME,), ("docx",), None, magic=b"PK\x03\x04")
PDF = Format("PDF", (".pdf",), ("application/pdf",), ("pdf",), None, magic=b"%PDF-")

FORMATS: tuple[Format, ...] = (TEXT, MARKDOWN, WEB_PAGE, DOCX, PDF)

SUPPORTED = ", ".join(f.suffixes[0] for f in FORMATS)  # ".txt, .md, .html, .docx, .pdf"
SUPPORTED_WORDS = ", ".join(f.suffixes[0].lstrip(".") for f in FORMATS)  # for help texts
PAGE_MEDIA_TYPES = frozenset(t for f in FORMATS if f.page for t in f.media_types)

_BY_SUFFIX = {suffix: f for f in FORMATS for suffix in f.suffixes}
_BY_MEDIA_TYPE = {media_type: f for f in FORMATS for media_type in f.media_types}
_BY_FILETYPE = {filetype: f for f in FORMATS for filetype in f.slack_filetypes}


def essence(media_type: str | None) -> str:
    """ "text/html; charset=utf-8" -> "text/html"."""
    return (media_type or "").split(";", 1)[0].strip().lower()


def by_suffix(name: str) -> Format | None:
    return _BY_SUFFIX.get(PurePath(name).suffix.lower())


def by_media_type(media_type: str | None) -> Format | None:
    return _BY_MEDIA_TYPE.get(essence(media_type))


def identify(data: bytes, name: str, media_type: str | None = None) -> Format | None:
    """The format of a file, or None when neither its bytes, name nor media type say.

    A ZIP archive is a .docx only when its name or media type says so (an .xlsx is a ZIP too).
    """
    if data.startswith(PDF.magic):
        return PDF
    named = by_suffix(name)
    typed = by_media_type(media_type)
    if data.startswith(DOCX.magic) and DOCX in (named, typed):
        return DOCX
    return named or typed


def recognise(data: bytes, name: str, media_type: str | None) -> Format:
    """The format of a shared file; InputError naming its type when Copydesk cannot read it."""
    found = identify(data, name, media_type)
    if found is None:
        suffix = PurePath(name).suffix.lower()
        kind = essence(media_type) or "unknown"
        described = f"{suffix} files" if suffix else f"files of type {kind}"
        raise InputError(
            f"cannot check {name}: {described} are not supported; send one of {SUPPORTED} "
            "or paste the text"
        )
    if found is DOCX and not data.startswith(DOCX.magic):
        raise InputError(f"cannot read {name}: it is not a valid .docx file")
    return found


def readable(name: str, filetype: str | None, media_type: str | None) -> bool:
    """Whether a file Slack describes looks like one Copydesk reads (before downloading it)."""
    return (
        by_suffix(name) is not None
        or (filetype or "").lower() in _BY_FILETYPE
        or by_media_type(media_type) is not None
    )
