"""Building a Document from an article's bytes or text (which source they came from, and in
which format, is intake's business: `bot.intake`).

Plain text is the hot path (well under 0.3 ms for a 4 KB article): it is decoded once,
never copied or normalised, and its offsets are the identity. HTML and Slack mrkdwn are turned
into plain text with a map back into the source.
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from bot.document import mediatype
from bot.document.model import DateSource, Document, IdentityMap, OffsetMap
from bot.document.readers import MAX_BYTES, check_blank, check_size, check_text, decode_strict


def load_document(
    data: bytes | str,
    *,
    name: str,
    media_type: str | None = None,
    story_date: date | None = None,
    message_date: date | None = None,
    file_date: date | None = None,
    today: date,
) -> Document:
    """Read one article. Offsets of `Document.source` are Python string offsets into the text
    exactly as given (bytes are decoded as UTF-8 and nothing else).

    The story date comes from, in order: `story_date` (the editor said so), a dateline or date
    line at the top of the text, `message_date` (when the Slack message was posted),
    `file_date` (a file's modification time: weak), `today` (a guess). A dateline without a
    year takes its year from the message date, else the file date; never from `today`.
    Raises InputError for empty, binary, non-UTF-8 or oversized input.
    """
    if isinstance(data, bytes):
        source = decode_strict(data, name)
    else:
        check_size(_size_for_limit(data), name)
        check_text(data, name)
        source = data
    kind = mediatype.resolve(media_type, source)
    offsets: OffsetMap
    published: date | None = None
    if kind == mediatype.PLAIN:
        # A BOM stays in the source; in the checked text it is a space of the same length, so
        # the identity map still holds and the first word reads as a word.
        text = " " + source[1:] if source.startswith("\ufeff") else source
        offsets = IdentityMap()
    elif kind == mediatype.HTML:
        from bot.document.htmltext import html_to_text  # trafilatura: only for HTML

        page = html_to_text(source, name=name, today=today)
        text, offsets, published = page.text, page.offsets, page.published
    else:
        from bot.document.mrkdwn import mrkdwn_to_text

        text, offsets = mrkdwn_to_text(source)
        check_blank(text, name)

    dated = _story_date(text, story_date, published, message_date, file_date, today)
    return Document(
        name=name,
        text=text,
        story_date=dated.day,
        date_source=dated.source,
        source=source,
        offsets=offsets,
        media_type=kind,
        date_text=dated.text,
        year_from=dated.year_from,
    )


class _Dated(NamedTuple):
    day: date
    source: DateSource
    text: str | None = None
    year_from: DateSource | None = None


def _story_date(
    text: str,
    given: date | None,
    published: date | None,
    message_date: date | None,
    file_date: date | None,
    today: date,
) -> _Dated:
    if given is not None:
        return _Dated(given, DateSource.OPTION)
    # imported on first use: with a story date given, the dateline patterns are never needed
    from bot.document.storydate import find_dateline

    reference, year_from = (
        (message_date, DateSource.MESSAGE) if message_date else (file_date, DateSource.FILE)
    )
    found = find_dateline(text, reference=reference)
    if found is not None and found.year_written:
        return _Dated(found.day, DateSource.DATELINE, found.text)
    if found is not None:
        return _Dated(found.day, DateSource.DATELINE_NO_YEAR, found.text, year_from)
    if published is not None:
        return _Dated(published, DateSource.DATELINE, "the page's publication date")
    if message_date is not None:
        return _Dated(message_date, DateSource.MESSAGE)
    if file_date is not None:
        return _Dated(file_date, DateSource.FILE)
    return _Dated(today, DateSource.TODAY)


def _size_for_limit(text: str) -> int:
    """The UTF-8 size of `text` as far as the limit cares: text short enough to be under it in
    any case is not encoded just to count its bytes."""
    if len(text) * 4 <= MAX_BYTES:
        return 0
    return len(text.encode("utf-8", errors="surrogatepass"))
