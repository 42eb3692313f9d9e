"""Text out of Word documents and PDFs, which hold no offsets an editor could point into.

Which format a file is, is intake's decision (`bot.intake.formats`); this module only reads the
text. python-docx and pypdf are imported only for their own formats.
"""

from __future__ import annotations

import io
import zipfile
from typing import TYPE_CHECKING

from bot.errors import InputError

if TYPE_CHECKING:
    from docx.table import Table


def docx_text(data: bytes, filename: str) -> str:
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


def pdf_text(data: bytes, filename: str) -> str:
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
