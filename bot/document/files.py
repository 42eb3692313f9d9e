"""Text out of the files editors attach in Slack: .txt, .md, .html, .docx and .pdf.

The file's own bytes decide first (a PDF named "story.txt" is still a PDF), then its name, then
the type Slack reports. Text files are transcoded from any encoding (`decode_lenient`): the Slack
report quotes findings and promises no offsets into the file. python-docx and pypdf are imported
only for their own formats.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import PurePath
from typing import TYPE_CHECKING

from bot.document import mediatype
from bot.document.readers import decode_lenient
from bot.errors import InputError

if TYPE_CHECKING:
    from docx.table import Table

MAX_FILE_BYTES = 50 * 1024 * 1024  # a .docx or .pdf with pictures is much larger than its text

_DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
_KINDS_BY_SUFFIX = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".docx": "docx",
    ".pdf": "pdf",
}
_KINDS_BY_MIME = {
    "text/plain": "txt",
    "text/markdown": "md",
    "text/x-markdown": "md",
    "text/html": "html",
    "application/xhtml+xml": "html",
    _DOCX_MIME: "docx",
    "application/pdf": "pdf",
}
_MEDIA_TYPES = {"txt": mediatype.PLAIN, "md": mediatype.PLAIN, "html": mediatype.HTML}
SUPPORTED = ".txt, .md, .html, .docx, .pdf"


def extract_file(data: bytes, *, filename: str, mimetype: str | None) -> tuple[str, str]:
    """The text of an attached file and the media type to load it as: `(text, media_type)`.

    Raises InputError naming the file's type for unsupported files, and saying what is wrong for
    empty, corrupt or password-protected ones.
    """
    if len(data) > MAX_FILE_BYTES:
        raise InputError(
            f"{filename} is {len(data) / 2**20:.1f} MiB, over the {MAX_FILE_BYTES // 2**20} MiB "
            "limit for attached files"
        )
    if not data.strip():
        raise InputError(f"the article is empty: {filename} holds no text to check")
    kind = _kind(data, filename, mimetype)
    if kind == "docx":
        text = _docx_text(data, filename)
    elif kind == "pdf":
        text = _pdf_text(data, filename)
    else:
        text, _ = decode_lenient(data, filename)
        return text, _MEDIA_TYPES[kind]
    if not text.strip():
        raise InputError(
            f"{filename} has no text to check"
            + (" (a scanned PDF has only pictures of text)" if kind == "pdf" else "")
        )
    return text, mediatype.PLAIN


def _kind(data: bytes, filename: str, mimetype: str | None) -> str:
    if data.startswith(b"%PDF-"):
        return "pdf"
    suffix = PurePath(filename).suffix.lower()
    essence = (mimetype or "").split(";", 1)[0].strip().lower()
    if data.startswith(b"PK\x03\x04") and (suffix == ".docx" or essence == _DOCX_MIME):
        return "docx"
    kind = _KINDS_BY_SUFFIX.get(suffix) or _KINDS_BY_MIME.get(essence)
    if kind is None:
        described = f"{suffix} files" if suffix else f"files of type {essence or 'unknown'}"
        raise InputError(
            f"cannot check {filename}: {described} are not supported; send one of {SUPPORTED} "
            "or paste the text"
        )
    if kind == "docx" and not data.startswith(b"PK\x03\x04"):
        raise InputError(f"cannot read {filename}: it is not a valid .docx file")
    return kind


def _docx_text(data: bytes, filename: str) -> str:
    """Paragraphs and table cells in document order, one per line (headers and notes left out)."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table

    try:
        document = docx.Document(io.BytesIO(data))
        lines: list[str] = []
        for block in document.iter_inner_content():
            if isinstance(block, Table):
                lines.extend(_table_lines(block))
            else:
                lines.append(block.text)
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise InputError(f"cannot read {filename}: it is not a valid .docx file ({exc})") from None
    return "\n".join(lines)


def _table_lines(table: Table) -> list[str]:
    """Each cell's paragraphs once (python-docx repeats a merged cell for every grid column)."""
    seen: set[object] = set()  # the cells' XML elements, kept alive so identity is stable
    lines: list[str] = []
    for row in table.rows:
        for cell in row.cells:
            if cell._tc in seen:
                continue
            seen.add(cell._tc)
            lines.extend(p.text for p in cell.paragraphs)
    return lines


def _pdf_text(data: bytes, filename: str) -> str:
    """The text layer of every page, pages separated by a line break."""
    from pypdf import PasswordType, PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError, PyPdfError

    locked = InputError(
        f"cannot read {filename}: the PDF is password-protected; remove the password or paste "
        "the text"
    )
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and reader.decrypt("") == PasswordType.NOT_DECRYPTED:
            raise locked
        return "\n".join(page.extract_text() or "" for page in reader.pages)
    except (FileNotDecryptedError, DependencyError):
        raise locked from None
    # pypdf reports damaged files with its own errors and, deeper in, with plain ones.
    except (PyPdfError, ValueError, KeyError, TypeError, IndexError, AttributeError) as exc:
        raise InputError(f"cannot read {filename}: the PDF is damaged ({exc})") from None
