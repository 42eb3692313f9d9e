"""Make article text safe to quote back to Slack.

Slack reads `<...>` as a link, a mention or a broadcast (`<!channel>`, `<@U123>`), and `&` starts an
entity, so an article that contains them could ping a whole channel when the bot quotes it. Slack's
own rule is to escape exactly `&`, `<` and `>` (https://api.slack.com/reference/surfaces/formatting
#escaping). Bidirectional controls and zero-width characters are replaced with a visible code so a
quote cannot be reordered on screen or hide a character from the editor (CVE-2021-42574,
"Trojan Source"). Text objects are also sent with `verbatim: true` (see `bot.report.slack`) so
that plain `@here` or `#channel` words are never turned into mentions or links.
"""

from __future__ import annotations

import re

# Bidirectional formatting characters (Unicode TR9) and invisible, zero-width characters.
_BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\u2061\u2062\u2063\u2064\ufeff\u180e"
_INVISIBLE = re.compile(f"[{_BIDI}{_ZERO_WIDTH}]")
# C0/C1 controls other than tab and newline: Slack drops or mangles them.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_ENTITIES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})


def neutralise(text: str) -> str:
    """Replace invisible and direction-changing characters with a visible `[U+XXXX]` code."""
    text = _INVISIBLE.sub(lambda m: f"[U+{ord(m.group()):04X}]", text)
    return _CONTROL.sub("\ufffd", text)


def escape(text: str) -> str:
    """Article text made safe for a Slack mrkdwn or plain-text field."""
    return neutralise(text).translate(_ENTITIES)


def clip(text: str, limit: int, *, ellipsis: str = "…") -> str:
    """`text` cut to at most `limit` characters, ending with an ellipsis when cut."""
    if len(text) <= limit:
        return text
    return text[: max(limit - len(ellipsis), 0)].rstrip() + ellipsis


def clip_escaped(text: str, limit: int) -> str:
    """Escape `text` and keep the result within `limit` characters without cutting an entity."""
    escaped = escape(text)
    if len(escaped) <= limit:
        return escaped
    cut = escaped[: max(limit - 1, 0)]
    amp = cut.rfind("&")
    if amp >= 0 and ";" not in cut[amp:]:
        cut = cut[:amp]
    bracket = cut.rfind("[U+")
    if bracket >= 0 and "]" not in cut[bracket:]:
        cut = cut[:bracket]
    return cut.rstrip() + "…"


def clip_words(text: str, limit: int, *, ellipsis: str = "…") -> str:
    """`text` within `limit` characters, cut at a word boundary (never mid-word) and ending with
    an ellipsis when cut; a single word longer than `limit` is cut where it must be."""
    if len(text) <= limit:
        return text
    room = max(limit - len(ellipsis), 0)
    cut = text[:room]
    space = cut.rfind(" ")
    if space > room // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:–—-") + ellipsis


def clip_words_from_start(text: str, limit: int, *, ellipsis: str = "…") -> str:
    """The end of `text` within `limit` characters, starting at a word boundary: "…the rest"."""
    if len(text) <= limit:
        return text
    room = max(limit - len(ellipsis), 0)
    cut = text[len(text) - room :]
    space = cut.find(" ")
    if 0 <= space < room // 2:
        cut = cut[space + 1 :]
    return ellipsis + cut.lstrip(" ,;:–—-")
