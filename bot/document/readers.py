"""Turning bytes into text, or refusing with a message the editor can act on.

The JSON contract promises offsets into the file's text as read (UTF-8, not normalised), so
`decode_strict` never transcodes: a legacy encoding is refused with its name and a fix.
`decode_lenient` transcodes for places that promise no offsets into a file (the Slack bot).
charset-normalizer is imported only when the bytes are not UTF-8: plain UTF-8 costs nothing.
"""

from __future__ import annotations

import codecs

from bot.errors import InputError

MAX_BYTES = 10 * 1024 * 1024  # 10 MiB of article text; no real article comes close

# Byte-order marks of encodings that are text but not UTF-8 (name them: a guess could
# garble the copy).
_WIDE_BOMS = (
    (codecs.BOM_UTF32_LE, "UTF-32"),
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
)
# Signatures of files people attach by mistake, to say what was given instead of "binary".
_MAGIC = (
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (a .docx, .xlsx or .zip file)"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document (.doc)"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"{\\rtf", "an RTF document"),
)
# C0 control bytes that never occur in text files (tab, newlines, form feed and ESC excepted);
# counted with bytes.translate, which costs microseconds where a regex costs tens.
_CONTROL = frozenset([*range(0x00, 0x09), *range(0x0E, 0x1B), *range(0x1C, 0x20), 0x7F])
_NOT_CONTROL = bytes(b for b in range(256) if b not in _CONTROL)
_SNIFF = 8192
# Which of several equally likely 8-bit encodings to report first: newsrooms write in Western
# European languages far more often than in the encodings charset-normalizer ties them with.
_PREFERRED = ("cp1252", "latin_1", "iso8859_15", "mac_roman", "cp1250")
_COMPARE = 4096


def check_size(size: int, name: str) -> None:
    """Refuse input over MAX_BYTES before reading or decoding it."""
    if size > MAX_BYTES:
        raise InputError(
            f"{name} is {_megabytes(size)} ({size:,} bytes), over the limit of "
            f"{_megabytes(MAX_BYTES)} ({MAX_BYTES:,} bytes); check one article at a time"
        )


def check_text(text: str, name: str) -> None:
    """Refuse text (given as text, not bytes) that is binary or holds nothing to check."""
    if "\x00" in text:
        raise InputError(f"{name} looks like a binary file (it contains NUL characters), not text")
    check_blank(text, name)


def check_blank(text: str, name: str) -> None:
    """Refuse text that holds nothing to check (`isspace` stops at the first letter)."""
    if not text or text.isspace():
        raise InputError(f"the article is empty: {name} holds no text to check")


def decode_strict(data: bytes, name: str) -> str:
    """UTF-8 as is (a BOM stays in the text, so offsets match the file), or an InputError."""
    check_size(len(data), name)
    _refuse_binary(data, name)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        encoding = _detect(data)
        if encoding is None:
            raise InputError(
                f"{name} looks like a binary file, not text: no text encoding fits its bytes"
            ) from None
        raise InputError(
            f"{name} is not UTF-8: it is in an older encoding, most likely {encoding} "
            f"({_LABELS.get(encoding, encoding)}). "
            "Re-save it as UTF-8 (in most editors: Save As, encoding UTF-8) and check it again; "
            "Copydesk reports positions in the UTF-8 text, so it does not convert files itself"
        ) from None
    check_blank(text, name)  # NUL bytes were refused above
    return text


def decode_lenient(data: bytes, name: str = "the file") -> tuple[str, str]:
    """Decode bytes in whatever encoding they are in: `(text, encoding)`.

    For the Slack bot, which quotes findings rather than promising offsets into a file. A UTF-8
    BOM is dropped. Binary data is still refused.
    """
    check_size(len(data), name)
    for bom, wide in _WIDE_BOMS:
        if data.startswith(bom):
            text = data.decode(wide.lower().replace("-", "_"), errors="replace").lstrip("\ufeff")
            check_text(text, name)
            return text, wide
    _refuse_binary(data, name)
    try:
        text = data.decode("utf-8-sig")
        encoding = "utf-8"
    except UnicodeDecodeError:
        detected = _detect(data)
        if detected is None:
            raise InputError(
                f"{name} looks like a binary file, not text: no text encoding fits its bytes"
            ) from None
        text, encoding = data.decode(detected, errors="replace"), detected
    check_text(text, name)
    return text, encoding


_LABELS = {
    "cp1252": "Windows-1252, Western European",
    "latin_1": "ISO-8859-1, Latin-1",
    "iso8859_15": "ISO-8859-15, Latin-9",
    "mac_roman": "Mac OS Roman",
    "cp1250": "Windows-1250, Central European",
    "cp1251": "Windows-1251, Cyrillic",
}


def _refuse_binary(data: bytes, name: str) -> None:
    head = data[:_SNIFF]
    for bom, encoding in _WIDE_BOMS:
        if head.startswith(bom):
            raise InputError(
                f"{name} is encoded as {encoding}, not UTF-8. Re-save it as UTF-8 (in most "
                "editors: Save As, encoding UTF-8) and check it again"
            )
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            raise InputError(
                f"{name} looks like a binary file ({kind}), not text: send the article as "
                "plain text, HTML, .docx or .pdf"
            )
    if b"\x00" in data:
        raise InputError(f"{name} looks like a binary file (it contains NUL bytes), not text")
    # A stray control byte happens (a DOS end-of-file mark); many mean this is not text.
    controls = len(head.translate(None, _NOT_CONTROL))
    if controls and controls * 100 > len(head):
        raise InputError(f"{name} looks like a binary file (it is full of control bytes), not text")


def _detect(data: bytes) -> str | None:
    """The most likely 8-bit encoding of bytes that are not UTF-8, or None if none fits."""
    from charset_normalizer import from_bytes  # only for bytes that are not UTF-8

    # Wide encodings without a BOM are charset-normalizer's guess for short Latin-1 input.
    matches = [
        m for m in from_bytes(data) if not m.encoding.startswith(("utf_16", "utf_32", "utf_8"))
    ]
    if not matches:
        return None
    least_chaos = min(m.percent_chaos for m in matches)
    tied = [m for m in matches if m.percent_chaos <= least_chaos]
    # Compare a prefix: every preferred encoding is single-byte, so bytes and characters align.
    texts = {str(m)[:_COMPARE] for m in tied}
    for encoding in _PREFERRED:
        if _decodes_as(data[:_COMPARE], encoding, texts):
            return encoding
    return str(tied[0].encoding)


def _decodes_as(data: bytes, encoding: str, texts: set[str]) -> bool:
    """Whether `encoding` reads `data` as one of `texts`: then the bytes cannot tell them apart."""
    try:
        return data.decode(encoding) in texts
    except UnicodeDecodeError:
        return False


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MiB"
