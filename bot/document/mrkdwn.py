"""Slack mrkdwn to plain text with a map back to the message as Slack sent it.

Slack sends a message's text with links, mentions and escapes in angle brackets and formatting
as paired markers (https://api.slack.com/reference/surfaces/formatting). Checks need the words an
editor sees; findings must still point into the raw text, so every visible character keeps the
position it came from.
"""

from __future__ import annotations

import bisect
import html
import re

from bot.document.model import Segment, SegmentMap

# <https://x|label>, <https://x>, <@U123>, <#C123|general>, <!here>, <!subteam^S1|@team>
_ANGLE = re.compile(r"<([^<>|\n]*)(?:\|([^<>\n]*))?>")
_ENTITY = re.compile(r"&(?:amp|lt|gt);")
_TOKEN = re.compile(rf"{_ANGLE.pattern}|{_ENTITY.pattern}")
_BLOCK = re.compile(r"```.*?```", re.DOTALL)
_CODE = re.compile(r"(?<!`)`[^`\n]+`(?!`)")
# A marker pair opens after a space or punctuation and closes before one, as in Slack's client:
# "snake_case_name" and "2*3*4" keep their characters. One pattern per marker, so that nested
# pairs ("*_both_*") are found too.
_EMPHASIS = tuple(
    re.compile(rf"(?<![\w{m}]){m}(?=[^\s{m}])[^\n{m}]*?(?<=\S){m}(?![\w{m}])")
    for m in (r"\*", "_", "~")
)
_QUOTE = re.compile(r"^(?:&gt;|>)[ \t]?", re.MULTILINE)
_SPECIAL = {"channel": "@channel", "here": "@here", "everyone": "@everyone"}


def mrkdwn_to_text(source: str) -> tuple[str, SegmentMap]:
    """The visible text of a Slack message and the map back into `source`."""
    builder = _Builder(source, _hidden_markers(source))
    pos = 0
    for match in _TOKEN.finditer(source):
        builder.copy(pos, match.start())
        builder.token(match)
        pos = match.end()
    builder.copy(pos, len(source))
    return "".join(builder.parts), SegmentMap(builder.segments)


def _hidden_markers(source: str) -> set[int]:
    """Positions of formatting characters Slack does not show: emphasis, code and quote marks."""
    hidden: set[int] = set()
    in_block = _Mask(len(source))  # inside ``` blocks
    for block in _BLOCK.finditer(source):
        start, end = block.span()
        in_block.mark(start, end)
        hidden.update((start, start + 1, start + 2, end - 3, end - 2, end - 1))
    literal = in_block.copy()  # where * _ ~ are characters, not markers: code, links, mentions
    for code in _CODE.finditer(source):
        if not in_block[code.start()]:
            literal.mark(*code.span())
            hidden.update((code.start(), code.end() - 1))
    for angle in _ANGLE.finditer(source):
        literal.mark(*angle.span())
    for pattern in _EMPHASIS:
        for match in pattern.finditer(source):
            start, last = match.start(), match.end() - 1
            if not literal[start] and not literal[last]:
                hidden.update((start, last))
    for match in _QUOTE.finditer(source):
        if not in_block[match.start()]:
            hidden.update(range(match.start(), match.end()))
    return hidden


class _Mask:
    """One flag per character of the source: constant-time "is this position inside a span"."""

    def __init__(self, size: int, flags: bytearray | None = None) -> None:
        self._flags = bytearray(size) if flags is None else flags

    def mark(self, start: int, end: int) -> None:
        self._flags[start:end] = b"\x01" * (end - start)

    def copy(self) -> _Mask:
        return _Mask(len(self._flags), bytearray(self._flags))

    def __getitem__(self, pos: int) -> bool:
        return bool(self._flags[pos])


class _Builder:
    """Collects the visible text and one segment per run it was copied or decoded from."""

    def __init__(self, source: str, hidden: set[int]) -> None:
        self.source = source
        self.hidden = sorted(hidden)
        self.parts: list[str] = []
        self.segments: list[Segment] = []
        self.length = 0

    def emit(self, text: str, source_start: int, source_end: int) -> None:
        if text:
            self.segments.append(Segment(self.length, len(text), source_start, source_end))
            self.parts.append(text)
            self.length += len(text)

    def copy(self, start: int, end: int) -> None:
        """Copy `source[start:end]` verbatim, leaving out hidden markers."""
        run = start
        first = bisect.bisect_left(self.hidden, start)
        last = bisect.bisect_left(self.hidden, end)
        for pos in self.hidden[first:last]:
            self.emit(self.source[run:pos], run, pos)
            run = pos + 1
        self.emit(self.source[run:end], run, end)

    def token(self, match: re.Match[str]) -> None:
        start, end = match.span()
        if match.group().startswith("&"):
            i = bisect.bisect_left(self.hidden, start)
            if i == len(self.hidden) or self.hidden[i] != start:  # "&gt;" opening a quote
                self.emit(html.unescape(match.group()), start, end)
            return
        target, label = match.group(1), match.group(2)
        special = _SPECIAL.get(target[1:].split("^", 1)[0]) if target.startswith("!") else None
        if special:
            self.emit(special, start, end)
        elif label:
            # The label is what Slack shows; a channel or user label lacks its sigil.
            sigil = target[:1] if target[:1] in "#@" and not label.startswith(target[:1]) else ""
            if sigil:
                self.emit(sigil + html.unescape(label), start, end)
            else:
                self._escaped(label, match.start(2))
        elif target.startswith("!"):
            self.emit("@" + target[1:].split("^", 1)[0], start, end)
        else:  # <https://x>, <@U123>, <#C123>: Slack shows the target itself
            self._escaped(target, match.start(1))

    def _escaped(self, text: str, offset: int) -> None:
        """Copy text that may hold &amp; escapes, each escape mapped as a whole."""
        pos = 0
        for entity in _ENTITY.finditer(text):
            self.emit(text[pos : entity.start()], offset + pos, offset + entity.start())
            self.emit(html.unescape(entity.group()), offset + entity.start(), offset + entity.end())
            pos = entity.end()
        self.emit(text[pos:], offset + pos, offset + len(text))
