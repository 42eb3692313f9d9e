"""Files named on the command line and standard input: strict decoding (the JSON report's
offsets point into the file), formats from the table, clear errors."""

from __future__ import annotations

import io
import os
from datetime import date, datetime
from pathlib import Path

import pytest

from bot.document import HTML, PLAIN, DateSource, Document
from bot.errors import InputError
from bot.intake import LocalFile, Reader, Stdin
from tests.intake.test_files import make_docx, make_pdf

TODAY = date(2025, 8, 1)
ARTICLE = (
    "The harbor council voted 5-2 on Tuesday to approve a ferry route to Peirce Island, "
    "ending a debate that ran for more than a year.\n"
    "Council chair Maria Lopez said the first boats would run in May, and that fares would be "
    "set after two public hearings.\n"
)


def read(path: Path, story_date: date | None = None) -> Document:
    return Reader().read(LocalFile(str(path)), story_date=story_date, today=TODAY)


def _touch(path: Path, day: date) -> None:
    stamp = datetime(day.year, day.month, day.day, 12).timestamp()
    os.utime(path, (stamp, stamp))


def test_file_date_is_its_modification_time(tmp_path: Path) -> None:
    path = tmp_path / "ferry.txt"
    path.write_bytes(ARTICLE.encode())
    _touch(path, date(2025, 7, 30))
    doc = read(path)
    assert (doc.story_date, doc.date_source) == (date(2025, 7, 30), DateSource.FILE)
    assert doc.date_is_weak  # when the file was last saved, not when the story was written
    assert doc.name == str(path)
    assert doc.source == ARTICLE
    given = read(path, story_date=date(2025, 7, 1))
    assert (given.story_date, given.date_source) == (date(2025, 7, 1), DateSource.OPTION)


def test_file_suffix_decides_the_media_type(tmp_path: Path) -> None:
    markup = "<p>" + ARTICLE.replace("\n", "</p><p>") + "</p>"
    (tmp_path / "a.html").write_text(markup, encoding="utf-8")
    (tmp_path / "a.md").write_text(markup, encoding="utf-8")  # Markdown may quote HTML
    assert read(tmp_path / "a.html").media_type == HTML
    assert read(tmp_path / "a.md").media_type == PLAIN


def test_docx_file_is_read_through_extraction(tmp_path: Path) -> None:
    path = tmp_path / "story.docx"
    path.write_bytes(make_docx())
    doc = read(path)
    assert doc.text.startswith("Transit bill advances\n")
    assert doc.story_date == date(2023, 3, 3)


def test_missing_file_and_directory_are_input_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read(tmp_path / "missing.txt")
    with pytest.raises(InputError, match="is a directory"):
        read(tmp_path)


def test_oversized_file_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(10 * 1024 * 1024 + 1)  # sparse: its size is all that is checked
    with pytest.raises(InputError, match="10,485,761 bytes"):
        read(path)


def test_standard_input_is_read_as_given() -> None:
    reader = Reader(stdin=io.BytesIO(b"Line one.\r\nLine two.\r\n"))
    doc = reader.read(Stdin(), today=TODAY)
    assert (doc.name, doc.date_source) == ("<stdin>", DateSource.TODAY)
    assert doc.source[:11] == "Line one.\r\n"


def test_a_pdf_on_standard_input_is_extracted() -> None:
    reader = Reader(stdin=io.BytesIO(make_pdf([["Sen. Ada Lind spoke on Friday."]])))
    assert "Sen. Ada Lind spoke on Friday." in reader.read(Stdin(), today=TODAY).text
