"""HTML to plain text with a map back to the HTML, so findings point into the page as given.

Two libraries split the work. trafilatura decides *what* the article is (main content, without
scripts, navigation, footers or ads) but gives no positions. html.parser walks the source and
knows where every text node and entity came from. We render the page's visible text ourselves,
with positions, and keep the runs that match trafilatura's paragraphs, in order.
"""

from __future__ import annotations

import bisect
import html
import re
from dataclasses import dataclass
from datetime import date
from html.parser import HTMLParser

from bot.document.model import Segment, SegmentMap
from bot.errors import InputError

# Elements whose text is never article text (and that html.parser does not all skip).
_HIDDEN = frozenset((
    "script", "style", "noscript", "template", "title", "svg", "math", "iframe", "object", "canvas",
))  # fmt: skip
# Elements that start a new line when rendered: their text is a paragraph of its own.
_BLOCK = frozenset((
    "address", "article", "aside", "blockquote", "body", "br", "caption", "dd", "details",
    "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form",
    "h1", "h2", "h3", "h4", "h5", "h6",
    "header", "hgroup", "hr", "html", "li", "main", "nav", "ol", "p", "pre", "section", "summary",
    "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
))  # fmt: skip
_CHARREF = re.compile(r"&#(?:[0-9]+|[xX][0-9a-fA-F]+);?")
_ENTITYREF = re.compile(r"&[a-zA-Z][-.a-zA-Z0-9]*;?")
# Whitespace that renders as one space but is not one: runs, newlines, tabs, no-break spaces.
# A lone " " is copied with the words around it, which keeps verbatim runs long and few.
_COLLAPSE = re.compile(r"\s{2,}|[^\S ]")
# How far apart two consecutive words of one extracted paragraph may lie in the rendered page
# when the paragraph is not found verbatim (trafilatura added list or table markup, say).
_WORD_GAP = 200
_ANCHOR_TRIES = 100  # places to try for a decorated line's first word before giving it up
_CELL_BAR = re.compile(r"(?<!\\)\|")  # trafilatura escapes a "|" inside a cell as "\|"


@dataclass(frozen=True, slots=True)
class HtmlText:
    """The article text of a page, its map into the HTML, and the page's own date if any."""

    text: str
    offsets: SegmentMap
    published: date | None


def html_to_text(source: str, *, name: str, today: date) -> HtmlText:
    """Extract the article text of `source` with offsets into it, or raise InputError."""
    rendered = _render(source)
    lines, published = _extract(source, today)
    chunks = _align(rendered.text, lines) if lines else []
    if not chunks:  # trafilatura found no article: keep every visible line
        chunks = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", rendered.text)]
    if not chunks:
        raise InputError(f"the article is empty: {name} is HTML with no visible text")
    text, segments = rendered.slice(chunks)
    return HtmlText(text, SegmentMap(segments), published)


class _Rendered:
    """The visible text of a page, whitespace collapsed, paragraphs on lines of their own."""

    def __init__(self) -> None:
        self._pieces: list[str] = []
        self._segments: list[Segment] = []
        self._length = 0
        self._last = "\n"  # what the text ends with; "\n" at the start suppresses leading space
        self._text: str | None = None

    @property
    def text(self) -> str:
        if self._text is None:
            self._text = "".join(self._pieces)
        return self._text

    def add(self, text: str, source_start: int, source_end: int) -> None:
        """Append `text`, taken from `source[source_start:source_end]`."""
        segments = self._segments
        if segments:
            last = segments[-1]
            length = len(text)
            if (
                last.verbatim
                and length == source_end - source_start
                and last.text_start + last.text_len == self._length
                and last.source_end == source_start
            ):
                segments[-1] = Segment(
                    last.text_start, last.text_len + length, last.source_start, source_end
                )
                self._append(text)
                return
        segments.append(Segment(self._length, len(text), source_start, source_end))
        self._append(text)

    @property
    def ends_with_space(self) -> bool:
        """Whether a space here would be a second one (or open a paragraph)."""
        return self._last in " \n"

    def add_space(self, source_start: int, source_end: int) -> None:
        if self._last not in " \n":
            self.add(" ", source_start, source_end)

    def add_break(self) -> None:
        """End the current paragraph (a block element opened or closed)."""
        if self._last == " ":  # drop the space that ended the paragraph
            piece = self._pieces.pop()[:-1]
            if piece:
                self._pieces.append(piece)
            seg = self._segments[-1]
            if seg.text_len == 1:
                self._segments.pop()
            else:  # the end of a verbatim run: shorten it
                self._segments[-1] = Segment(
                    seg.text_start, seg.text_len - 1, seg.source_start, seg.source_end - 1
                )
            self._length -= 1
            self._last = self._pieces[-1][-1] if self._pieces else "\n"
        if self._last != "\n":
            self._append("\n")  # no segment: a break has no source text of its own

    def _append(self, text: str) -> None:
        self._pieces.append(text)
        self._length += len(text)
        self._last = text[-1]

    def slice(self, chunks: list[tuple[int, int]]) -> tuple[str, list[Segment]]:
        """Join `text[a:b]` of each chunk with newlines, with segments into the source."""
        full = self.text
        starts = [s.text_start for s in self._segments]
        parts: list[str] = []
        out: list[Segment] = []
        pos = 0
        for a, b in chunks:
            if parts:
                parts.append("\n")
                pos += 1
            parts.append(full[a:b])
            i = max(bisect.bisect_right(starts, a) - 1, 0)
            while i < len(self._segments) and self._segments[i].text_start < b:
                seg = self._segments[i]
                lo, hi = max(a, seg.text_start), min(b, seg.text_start + seg.text_len)
                if lo < hi:
                    if seg.verbatim:
                        skip = lo - seg.text_start
                        src = seg.source_start + skip
                        out.append(Segment(pos + lo - a, hi - lo, src, src + hi - lo))
                    else:
                        out.append(Segment(pos + lo - a, hi - lo, seg.source_start, seg.source_end))
                i += 1
            pos += b - a
        return "".join(parts), out


class _Walker(HTMLParser):
    """Renders visible text with source positions (entities kept as references to decode)."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=False)
        self.source = source
        self.out = _Rendered()
        self._hidden = 0
        self._lines = [0] + [m.end() for m in re.finditer("\n", source)]

    def _pos(self) -> int:
        line, column = self.getpos()
        return self._lines[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN:
            self._hidden += 1
        elif tag in _BLOCK:
            self.out.add_break()

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            self._hidden = max(self._hidden - 1, 0)
        elif tag in _BLOCK:
            self.out.add_break()

    def handle_data(self, data: str) -> None:
        if self._hidden:
            return
        start = self._pos()
        run = 0
        for space in _COLLAPSE.finditer(data):
            self._copy(data, run, space.start(), start)
            self.out.add_space(start + space.start(), start + space.end())
            run = space.end()
        self._copy(data, run, len(data), start)

    def _copy(self, data: str, a: int, b: int, start: int) -> None:
        """Copy `data[a:b]` (single spaces only) verbatim, without a space the text has already."""
        if a < b and data[a] == " " and self.out.ends_with_space:
            a += 1
        if a < b:
            self.out.add(data[a:b], start + a, start + b)

    def handle_charref(self, name: str) -> None:
        self._reference(_CHARREF)

    def handle_entityref(self, name: str) -> None:
        self._reference(_ENTITYREF)

    def _reference(self, pattern: re.Pattern[str]) -> None:
        if self._hidden:
            return
        pos = self._pos()
        match = pattern.match(self.source, pos)
        if match is None:  # cannot happen: html.parser matched the same reference here
            return
        value = html.unescape(match.group())
        if value.isspace():
            self.out.add_space(pos, match.end())
        elif value:
            self.out.add(value, pos, match.end())


def _render(source: str) -> _Rendered:
    walker = _Walker(source)
    walker.feed(source)
    walker.close()
    return walker.out


def _extract(source: str, today: date) -> tuple[list[str], date | None]:
    """trafilatura's article paragraphs and the page's publication date (from its metadata)."""
    import trafilatura  # ~0.3 s to import: only for HTML

    result = trafilatura.bare_extraction(
        source,
        include_comments=False,
        include_tables=True,
        with_metadata=True,
        # Metadata and <time> elements only: a date guessed from the body is not a story date.
        date_extraction_params={
            "extensive_search": False,
            "original_date": True,
            "max_date": today.isoformat(),
        },
    )
    if result is None:
        return [], None
    text = getattr(result, "text", None) or ""
    published = _parse_iso(getattr(result, "date", None))
    return [line for line in text.split("\n") if line.strip()], published


def _parse_iso(value: object) -> date | None:
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _align(rendered: str, lines: list[str]) -> list[tuple[int, int]]:
    """Spans of `rendered` that hold each extracted line, in order, never overlapping."""
    key = rendered.replace("\n", " ")  # a paragraph break may be a space to trafilatura
    chunks: list[tuple[int, int]] = []
    cursor = 0
    for line in lines:
        for piece in _pieces(line):
            found = key.find(piece, cursor)
            span = (found, found + len(piece)) if found >= 0 else _align_words(key, piece, cursor)
            if span is None:
                continue
            if chunks and "\n" not in rendered[chunks[-1][1] : span[0]]:
                # trafilatura broke a line inside one paragraph of the page: keep the page's
                # paragraph whole, so that sentences are not cut in two
                span = (chunks.pop()[0], span[1])
            chunks.append(span)
            cursor = span[1]
    return chunks


def _pieces(line: str) -> list[str]:
    """The page text in one line of trafilatura's output, without the markup it adds: table rows
    ("| a | b |", "|---|") become their cells, list items lose their "- "."""
    text = " ".join(line.split())
    if text.startswith("|") and text.endswith("|"):
        if not text.strip("|-: "):
            return []
        cells = (cell.strip().replace("\\|", "|") for cell in _CELL_BAR.split(text[1:-1]))
        return [cell for cell in cells if cell]
    if text.startswith("- ") and len(text) > 2:
        return [text[2:]]
    return [text] if text else []


def _align_words(key: str, line: str, cursor: int) -> tuple[int, int] | None:
    """Locate a line trafilatura decorated (list dashes, table pipes) word by word."""
    words = [w for w in line.split() if any(c.isalnum() for c in w)]
    if not words:
        return None
    start = _anchor(key, words, cursor)
    if start is None:
        return None
    end = start + len(words[0])
    for word in words[1:]:
        at = key.find(word, end, end + _WORD_GAP + len(word))
        if at >= 0:
            end = at + len(word)
    return start, end


def _anchor(key: str, words: list[str], cursor: int) -> int | None:
    """The first place after `cursor` where the line's first words follow one another."""
    follow = words[1:3]
    at = key.find(words[0], cursor)
    for _ in range(_ANCHOR_TRIES):
        if at < 0:
            break
        pos = at + len(words[0])
        for word in follow:
            nxt = key.find(word, pos, pos + 40 + len(word))
            if nxt < 0:
                break
            pos = nxt + len(word)
        else:
            return at
        at = key.find(words[0], at + 1)
    return None
