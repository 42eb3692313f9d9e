"""Shared files: text out of each format in the table; clear errors for the rest."""

from __future__ import annotations

import io
from datetime import date

import docx
import pytest

from bot.document import HTML, PLAIN, load_document
from bot.errors import InputError
from bot.intake import file_text

LINES = [
    "WASHINGTON, March 3, 2023 - Sen. Ada Lind said on Friday that the transit bill would pass.",
    "Gov. Tom Hale signed a similar bill last year.",
]
DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def make_docx() -> bytes:
    document = docx.Document()
    document.add_heading("Transit bill advances", level=1)
    for line in LINES:
        document.add_paragraph(line)
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Votes for"
    table.cell(0, 1).text = "52"
    table.cell(1, 0).merge(table.cell(1, 1)).text = "Passed on March 2"
    document.add_paragraph("The House takes up the bill next week.")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def make_pdf(pages: list[list[str]]) -> bytes:
    """A small valid PDF: one Helvetica text object per page, with a correct xref table."""
    objects = ["<< /Type /Catalog /Pages 2 0 R >>", ""]
    kids = []
    for lines in pages:
        ops = ["BT", "/F1 11 Tf", "14 TL", "72 720 Td"]
        for line in lines:
            escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
            ops += [f"({escaped}) Tj", "T*"]
        ops.append("ET")
        stream = "\n".join(ops)
        page_number = len(objects) + 1
        kids.append(f"{page_number} 0 R")
        objects.append(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            f"/Resources << /Font << /F1 {page_number + 2} 0 R >> >> "
            f"/Contents {page_number + 1} 0 R >>"
        )
        objects.append(f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream")
        objects.append("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    objects[1] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(kids)} >>"
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return out


def test_docx_paragraphs_and_tables_in_order() -> None:
    text, media_type = file_text(make_docx(), "story.docx", DOCX_MIME)
    assert media_type == PLAIN
    assert text.split("\n") == [
        "Transit bill advances",
        *LINES,
        "Votes for",
        "52",
        "Passed on March 2",  # a merged cell once, not once per column
        "The House takes up the bill next week.",
    ]


def test_pdf_text_of_every_page() -> None:
    data = make_pdf([LINES, ["Page two: the House takes up the bill next week."]])
    text, media_type = file_text(data, "story.pdf", "application/pdf")
    assert media_type == PLAIN
    assert "Sen. Ada Lind said on Friday that the transit bill would pass." in text
    assert "Gov. Tom Hale signed a similar bill last year." in text
    assert text.index("Gov. Tom Hale") < text.index("Page two")


def test_file_type_is_read_from_the_bytes_first() -> None:
    data = make_pdf([LINES])
    text, _ = file_text(data, "story.txt", "text/plain")
    assert "Sen. Ada Lind" in text


def test_extracted_text_loads_as_a_document() -> None:
    text, media_type = file_text(make_docx(), "story.docx", None)
    doc = load_document(text, name="story.docx", media_type=media_type, today=date(2025, 8, 1))
    assert doc.story_date == date(2023, 3, 3)
    sentences = [s.text for s in doc.sentences]
    assert "Gov. Tom Hale signed a similar bill last year." in sentences
    assert any("Sen. Ada Lind said on Friday" in s for s in sentences)


@pytest.mark.parametrize(
    ("data", "filename", "mimetype", "expected"),
    [
        (
            b"Plain copy about the vote.",
            "story.txt",
            "text/plain",
            ("Plain copy about the vote.", PLAIN),
        ),
        (
            b"# Heading\n\nMarkdown *copy*.",
            "story.md",
            None,
            ("# Heading\n\nMarkdown *copy*.", PLAIN),
        ),
        (b"<p>Copy</p><p>More</p>", "story.html", "text/html", ("<p>Copy</p><p>More</p>", HTML)),
        (
            b"Caf\xe9 owners met on Tuesday.",
            "notes.txt",
            None,
            ("Café owners met on Tuesday.", PLAIN),
        ),
        (b"Untitled snippet text.", "untitled", "text/plain", ("Untitled snippet text.", PLAIN)),
    ],
)
def test_text_files(
    data: bytes, filename: str, mimetype: str | None, expected: tuple[str, str]
) -> None:
    # Text is transcoded here (cp1252 above): the Slack bot promises no offsets into the file.
    assert file_text(data, filename, mimetype) == expected


@pytest.mark.parametrize(
    ("filename", "mimetype", "named"),
    [
        ("story.doc", "application/msword", ".doc files"),
        ("photo.png", "image/png", ".png files"),
        ("story.rtf", None, ".rtf files"),
        ("attachment", "application/octet-stream", "application/octet-stream"),
    ],
)
def test_unsupported_types_are_named(filename: str, mimetype: str | None, named: str) -> None:
    with pytest.raises(InputError) as caught:
        file_text(b"\x89PNG\r\n\x1a\n\x00\x00", filename, mimetype)
    message = str(caught.value)
    assert named in message
    assert ".txt, .md, .html, .docx, .pdf" in message


@pytest.mark.parametrize(
    ("data", "filename", "problem"),
    [
        (b"PK\x03\x04 not really a zip", "story.docx", "not a valid .docx file"),
        (b"plain text named like a docx", "story.docx", "not a valid .docx file"),
        (b"%PDF-1.4\n1 0 obj << /Type /Catalog >> garbage", "story.pdf", "the PDF is damaged"),
        (b"", "story.pdf", "the article is empty"),
    ],
)
def test_corrupt_files_are_refused(data: bytes, filename: str, problem: str) -> None:
    with pytest.raises(InputError, match=problem):
        file_text(data, filename, None)


def test_pdf_without_text_says_so() -> None:
    with pytest.raises(InputError, match=r"no text to check \(a scanned PDF"):
        file_text(make_pdf([[]]), "scan.pdf", "application/pdf")
