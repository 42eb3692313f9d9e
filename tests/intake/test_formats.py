"""One table of formats: whatever one path of intake reads, every path reads."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bot.document import HTML, PLAIN
from bot.intake import LocalFile, Reader, SharedFile, file_text, formats
from bot.intake.messages import source_of
from bot.slack import texts
from tests.intake.test_files import make_docx, make_pdf

COPY = "The harbor council voted 5-2 on Tuesday to approve a ferry route to Peirce Island."
SAMPLES = {
    formats.TEXT: COPY.encode(),
    formats.MARKDOWN: f"# Ferry\n\n{COPY}".encode(),
    formats.WEB_PAGE: f"<html><body><p>{COPY}</p><p>More.</p></body></html>".encode(),
    formats.DOCX: make_docx(),
    formats.PDF: make_pdf([[COPY]]),
}
EVERY_SUFFIX = [(f, suffix) for f in formats.FORMATS for suffix in f.suffixes]


def test_every_format_has_a_sample() -> None:
    assert set(SAMPLES) == set(formats.FORMATS)


@pytest.mark.parametrize(("fmt", "suffix"), EVERY_SUFFIX, ids=lambda v: getattr(v, "name", v))
def test_every_suffix_is_watched_read_from_slack_and_from_a_path(
    fmt: formats.Format, suffix: str, tmp_path: Path
) -> None:
    name = f"story{suffix}"
    shared = {"id": "F1", "name": name, "mimetype": "application/octet-stream"}
    assert source_of({"text": "", "files": [shared]}) == SharedFile("F1")  # picked up unasked
    text, kind = file_text(SAMPLES[fmt], name, None)
    assert kind == (fmt.text_kind or PLAIN)
    assert "Peirce Island" in text or fmt is formats.DOCX
    path = tmp_path / name
    path.write_bytes(SAMPLES[fmt])
    document = Reader().read(LocalFile(str(path)), today=date(2025, 8, 1))
    assert document.media_type == (fmt.text_kind or PLAIN)


def test_xhtml_is_html_wherever_it_comes_from(tmp_path: Path) -> None:
    page = SAMPLES[formats.WEB_PAGE]
    shared = {"id": "F9", "name": "story.xhtml", "mimetype": "application/xhtml+xml"}
    assert source_of({"text": "For tomorrow", "files": [shared]}) == SharedFile("F9")
    assert file_text(page, "story.xhtml", "application/xhtml+xml")[1] == HTML
    path = tmp_path / "story.xhtml"
    path.write_bytes(page)
    assert Reader().read(LocalFile(str(path)), today=date(2025, 8, 1)).media_type == HTML
    assert "application/xhtml+xml" in formats.PAGE_MEDIA_TYPES


def test_media_types_alone_identify_a_shared_file() -> None:
    for fmt in formats.FORMATS:
        for media_type in fmt.media_types:
            assert formats.identify(SAMPLES[fmt], "attachment", media_type) is fmt
            shared = {"id": "F1", "name": "attachment", "mimetype": media_type}
            assert source_of({"text": "", "files": [shared]}) == SharedFile("F1")


def test_help_and_errors_name_every_format() -> None:
    for fmt in formats.FORMATS:
        assert fmt.suffixes[0] in formats.SUPPORTED
        assert fmt.suffixes[0].lstrip(".") in texts.HELP
