"""The document the engine checks: plain text, lazily split sentences, and the story date.

Checks read `Document.text`. Findings are reported against `Document.source` (the text exactly as
the editor gave it: HTML, Slack mrkdwn or plain text) through `Document.offsets`, so that
`quote == source[start:end]` always holds.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Protocol

# Sentence splitting costs ~0.25 ms per paragraph with syntok, ~3.5 ms for a whole 4 KB article:
# paragraphs are split only when a check asks for a sentence inside them (a check's 3 ms budget).
_TITLE_ABBREVIATIONS = frozenset((
    "Gov.", "Sen.", "Rep.", "Reps.", "Sens.", "Gen.", "Lt.", "Col.", "Maj.", "Capt.",
    "Adm.", "Sgt.", "Cmdr.", "Dr.", "Mr.", "Mrs.", "Ms.", "Prof.", "Rev.", "Hon.",
    "Pres.", "Amb.", "Sec.", "Atty.", "Supt.", "Gov.-elect", "St.", "Jr.", "Sr.", "No.",
    "Lt.-Gen.", "Brig.",
))  # fmt: skip


class DateSource(StrEnum):
    """Where the story date came from, most trusted first."""

    OPTION = "option"  # given by the editor (--date, "@Copydesk check date ...")
    DATELINE = "dateline"  # a dateline, date line or "Published" line with its year
    DATELINE_NO_YEAR = "dateline-no-year"  # "LONDON, April 4 -": the year from the message
    MESSAGE = "message"  # the date the Slack message (or the file in it) was posted
    FILE = "file"  # a file's modification time: when it was last saved, not written
    TODAY = "today"  # nothing better: today's date, a guess


class DateConfidence(StrEnum):
    """How far the story date can be trusted; on a weak date, findings whose verdict depends on
    the date are warnings, not errors, and the report says so at the top."""

    SURE = "sure"  # the editor said so, or the text prints the full date
    LIKELY = "likely"  # the message's date, or a dateline whose year it gives
    WEAK = "weak"  # a file's date or today's: may be days or years off


_LABELS = {
    DateSource.OPTION: "given by the editor",
    DateSource.DATELINE: "from the dateline",
    DateSource.MESSAGE: "the message's date",
    DateSource.FILE: "the file's date (weak: when it was last saved)",
    DateSource.TODAY: "today's date (a guess: no date found)",
}


class OffsetMap(Protocol):
    """Maps a span of the plain text back to the source text the editor gave."""

    def to_source(self, start: int, end: int) -> tuple[int, int]: ...


class IdentityMap:
    """Plain text: the checked text is the source."""

    def to_source(self, start: int, end: int) -> tuple[int, int]:
        return start, end


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of plain text `[text_start, text_start+text_len)` taken from
    `[source_start, source_end)` of the source. Runs copied verbatim have equal lengths; a run
    that was transformed (an entity, a Slack link label) maps as a whole."""

    text_start: int
    text_len: int
    source_start: int
    source_end: int

    @property
    def verbatim(self) -> bool:
        """Equal lengths map character by character (a copied run, or a 1:1 replacement)."""
        return self.text_len == self.source_end - self.source_start


class SegmentMap:
    """Offset map built from segments in text order; lookups are a binary search.

    Text between segments (a paragraph break the extractor inserted) has no source of its own:
    a span that starts there maps from the next segment, one that ends there to the previous one.
    A span that starts or ends inside a transformed run takes in the whole run, so the source
    span always holds every visible character of the text span.
    """

    def __init__(self, segments: list[Segment]) -> None:
        self._segments = segments
        self._starts = [s.text_start for s in segments]

    @property
    def segments(self) -> list[Segment]:
        return self._segments

    def _map_start(self, offset: int) -> int:
        segments = self._segments
        i = bisect.bisect_right(self._starts, offset) - 1
        if i >= 0:
            seg = segments[i]
            inside = offset - seg.text_start
            if inside < seg.text_len:
                if seg.verbatim:
                    return seg.source_start + inside
                return seg.source_start
        # in a gap: the span starts with the next segment's source
        if i + 1 < len(segments):
            return segments[i + 1].source_start
        return segments[-1].source_end

    def _map_end(self, offset: int) -> int:
        segments = self._segments
        j = bisect.bisect_left(self._starts, offset) - 1  # last segment starting before `offset`
        if j < 0:
            return segments[0].source_start
        seg = segments[j]
        inside = offset - seg.text_start  # > 0
        if inside < seg.text_len and seg.verbatim:
            return seg.source_start + inside
        return seg.source_end

    def to_source(self, start: int, end: int) -> tuple[int, int]:
        if not self._segments:
            return 0, 0
        s = self._map_start(start)
        if end <= start:
            return s, s
        return s, max(self._map_end(end), s)


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of `Document.text`: `text == document.text[start:end]`."""

    start: int
    end: int
    text: str


@dataclass(eq=False)
class Document:
    """One article to check. Build it with `bot.document.load_document`, not by hand."""

    name: str
    text: str
    story_date: date
    date_source: DateSource
    source: str = ""
    offsets: OffsetMap = field(default_factory=IdentityMap)
    media_type: str = "text/plain"
    date_text: str | None = None  # the dateline or date line the story date was read from
    # for a dateline without a year: where its year came from (MESSAGE, or FILE)
    year_from: DateSource | None = None
    _paragraphs: list[tuple[int, int]] | None = field(default=None, repr=False)
    _paragraph_starts: list[int] | None = field(default=None, repr=False)
    _sentences: dict[int, list[Sentence]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        if not self.source:
            self.source = self.text

    # -- the story date ------------------------------------------------------------------------
    @property
    def date_confidence(self) -> DateConfidence:
        """How sure the story date is (a yearless dateline is as sure as its year's source)."""
        source = self.year_from if self.date_source is DateSource.DATELINE_NO_YEAR else None
        source = source or self.date_source
        if source in (DateSource.OPTION, DateSource.DATELINE):
            return DateConfidence.SURE
        if source in (DateSource.MESSAGE, DateSource.DATELINE_NO_YEAR):
            return DateConfidence.LIKELY
        return DateConfidence.WEAK

    @property
    def date_is_weak(self) -> bool:
        return self.date_confidence is DateConfidence.WEAK

    @property
    def date_label(self) -> str:
        """Where the story date came from, in words an editor reads in the report."""
        if self.date_source is DateSource.DATELINE_NO_YEAR:
            year = "the file's date, weak" if self.year_from is DateSource.FILE else "the message"
            return f"from a dateline without a year (the year from {year})"
        return _LABELS[self.date_source]

    # -- paragraphs and sentences -------------------------------------------------------------
    @property
    def paragraphs(self) -> list[tuple[int, int]]:
        """Line-delimited blocks `(start, end)` with surrounding blank space trimmed."""
        if self._paragraphs is None:
            spans: list[tuple[int, int]] = []
            pos = 0
            text = self.text
            n = len(text)
            while pos < n:
                nl = text.find("\n", pos)
                end = n if nl < 0 else nl
                s, e = pos, end
                while s < e and text[s].isspace():
                    s += 1
                while e > s and text[e - 1].isspace():
                    e -= 1
                if e > s:
                    spans.append((s, e))
                pos = end + 1
            self._paragraphs = spans
        return self._paragraphs

    def paragraph_index(self, offset: int) -> int:
        """Index of the paragraph that holds `offset` (or the one before it)."""
        if self._paragraph_starts is None:
            self._paragraph_starts = [p[0] for p in self.paragraphs]
        return max(bisect.bisect_right(self._paragraph_starts, offset) - 1, 0)

    def sentences_in(self, paragraph: int) -> list[Sentence]:
        """The sentences of one paragraph, split on first use."""
        cached = self._sentences.get(paragraph)
        if cached is None:
            start, end = self.paragraphs[paragraph]
            cached = _split(self.text, start, end)
            self._sentences[paragraph] = cached
        return cached

    def sentence_at(self, offset: int) -> Sentence:
        """The sentence that contains `offset`."""
        if not self.paragraphs:
            return Sentence(0, len(self.text), self.text)
        sentences = self.sentences_in(self.paragraph_index(offset))
        for sentence in sentences:
            if offset < sentence.end:
                return sentence
        return sentences[-1]

    def sentence_before(self, sentence: Sentence) -> Sentence | None:
        """The sentence just before `sentence`, crossing paragraph breaks."""
        p = self.paragraph_index(sentence.start)
        sentences = self.sentences_in(p)
        for i, s in enumerate(sentences):
            if s.start == sentence.start:
                if i > 0:
                    return sentences[i - 1]
                return self.sentences_in(p - 1)[-1] if p > 0 else None
        return None

    @property
    def sentences(self) -> list[Sentence]:
        """Every sentence of the document (splits every paragraph)."""
        return [s for i in range(len(self.paragraphs)) for s in self.sentences_in(i)]

    def to_source(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of `text` to the span of `source` it came from."""
        return self.offsets.to_source(start, end)


def _split(text: str, start: int, end: int) -> list[Sentence]:
    """Split `text[start:end]` into sentences with syntok, keeping absolute offsets."""
    from syntok import segmenter  # imported on first use: it costs ~30 ms

    chunk = text[start:end]
    spans: list[tuple[int, int]] = []
    for paragraph in segmenter.analyze(chunk):
        for sentence in paragraph:
            tokens = list(sentence)
            if not tokens:
                continue
            s = tokens[0].offset
            e = tokens[-1].offset + len(tokens[-1].value)
            # syntok ends a sentence after "Gov." / "Sen." before a name: join it back.
            if spans and _ends_with_title_abbreviation(chunk[spans[-1][0] : spans[-1][1]]):
                spans[-1] = (spans[-1][0], e)
            else:
                spans.append((s, e))
    if not spans:
        spans = [(0, len(chunk))]
    return [Sentence(start + s, start + e, chunk[s:e]) for s, e in spans]


def _ends_with_title_abbreviation(sentence: str) -> bool:
    last = sentence.rsplit(None, 1)[-1] if sentence.strip() else ""
    return last in _TITLE_ABBREVIATIONS
