"""Bytes in: UTF-8 as is, everything else refused with a message that says what to do."""

from __future__ import annotations

import codecs
import zlib
from datetime import date

import pytest

from bot.document import MAX_BYTES, Document, decode_lenient, load_document
from bot.errors import InputError

TODAY = date(2025, 7, 29)
ARTICLE = (
    "The harbor council voted 5-2 on Tuesday to approve a ferry route to Peirce Island.\n"
    "Council chair Maria Lopez said the first boats would run in May.\n"
)


def _load(data: bytes | str) -> Document:
    return load_document(data, name="story.txt", today=TODAY)


def _png() -> bytes:
    """The start of a real 1x1 PNG: signature, IHDR chunk and its CRC."""
    ihdr = b"IHDR" + (1).to_bytes(4, "big") * 2 + bytes([8, 6, 0, 0, 0])
    chunk = len(ihdr[4:]).to_bytes(4, "big") + ihdr + zlib.crc32(ihdr).to_bytes(4, "big")
    return b"\x89PNG\r\n\x1a\n" + chunk


@pytest.mark.parametrize("data", [b"", "", b"   \n\t\r\n  ", "\n\n   \n"])
def test_empty_or_blank_input_is_refused(data: bytes | str) -> None:
    with pytest.raises(InputError, match="the article is empty"):
        _load(data)


def test_input_over_the_limit_names_size_and_limit() -> None:
    data = b"a" * (MAX_BYTES + 1)
    with pytest.raises(InputError) as caught:
        _load(data)
    message = str(caught.value)
    assert f"{MAX_BYTES + 1:,} bytes" in message
    assert f"{MAX_BYTES:,} bytes" in message
    assert "10.0 MiB" in message


def test_text_over_the_limit_counts_utf8_bytes() -> None:
    text = "é" * (MAX_BYTES // 2 + 1)  # fewer characters than the limit, more bytes
    with pytest.raises(InputError, match="over the limit"):
        _load(text)


def test_input_at_the_limit_is_read() -> None:
    line = ARTICLE.encode()
    data = line * (MAX_BYTES // len(line))
    doc = load_document(data, name="big.txt", today=TODAY, story_date=TODAY)
    assert len(doc.text) == len(data)


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (_png(), "PNG image"),
        (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF document"),
        (b"word\x00soup\x00with\x00nul\x00bytes", "NUL bytes"),
        (ARTICLE.encode() + b"\x00", "NUL bytes"),
        (bytes(range(0x01, 0x08)) * 20 + b"text", "control bytes"),
    ],
)
def test_binary_input_is_refused(data: bytes, kind: str) -> None:
    with pytest.raises(InputError, match="looks like a binary file") as caught:
        _load(data)
    assert kind in str(caught.value)


def test_latin1_is_refused_with_its_encoding_and_a_fix() -> None:
    data = "Café owners met the mayor on Tuesday.".encode("latin-1")
    with pytest.raises(InputError) as caught:
        _load(data)
    message = str(caught.value)
    assert "not UTF-8" in message
    assert "cp1252" in message  # Latin-1 and Windows-1252 agree on these bytes
    assert "Re-save it as UTF-8" in message


def test_utf16_is_refused_by_name() -> None:
    data = codecs.BOM_UTF16_LE + ARTICLE.encode("utf-16-le")
    with pytest.raises(InputError, match="encoded as UTF-16, not UTF-8"):
        _load(data)


def test_decode_lenient_transcodes_for_the_slack_bot() -> None:
    assert decode_lenient("Café au lait, s’il vous plaît".encode("cp1252")) == (
        "Café au lait, s’il vous plaît",
        "cp1252",
    )
    assert decode_lenient(codecs.BOM_UTF8 + "Zoë".encode()) == ("Zoë", "utf-8")
    text, encoding = decode_lenient(codecs.BOM_UTF16_LE + "Zoë".encode("utf-16-le"))
    assert (text, encoding) == ("Zoë", "UTF-16")
    with pytest.raises(InputError, match="binary"):
        decode_lenient(_png())


def test_crlf_text_keeps_offsets_into_the_bytes_as_read() -> None:
    data = ARTICLE.replace("\n", "\r\n").encode()
    doc = load_document(data, name="crlf.txt", today=TODAY)
    assert doc.source == data.decode("utf-8")  # no newline translation
    start = doc.text.index("Maria Lopez")
    assert doc.source[slice(*doc.to_source(start, start + 11))] == "Maria Lopez"
    assert [doc.text[s:e] for s, e in doc.paragraphs] == ARTICLE.splitlines()


def test_bom_stays_in_the_source_and_offsets_still_match() -> None:
    data = codecs.BOM_UTF8 + "WASHINGTON, March 3, 2023 — Sen. Ada Lind spoke.".encode()
    doc = load_document(data, name="bom.txt", today=TODAY)
    assert doc.source.startswith("\ufeffWASHINGTON")
    assert len(doc.text) == len(doc.source)
    start = doc.text.index("Ada Lind")
    assert doc.source[slice(*doc.to_source(start, start + 8))] == "Ada Lind"
    assert doc.paragraphs[0][0] == 1  # the BOM is not part of the first paragraph
    assert doc.story_date == date(2023, 3, 3)


def test_unicode_is_not_normalised() -> None:
    decomposed = "Zoe\u0308 Sa\u0301nchez spoke."  # combining marks, as some editors save
    doc = load_document(decomposed.encode(), name="nfd.txt", today=TODAY)
    assert doc.text == decomposed
