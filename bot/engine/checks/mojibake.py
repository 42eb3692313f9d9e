"""`mojibake`: garbled characters left by a wrong decoding somewhere between the wire and the
paste ("CafÃ©", "â€œ", "´ºÉ«Ö±²¥").

ftfy (the library made for this) decides what is garbled; it costs ~80 ms to import, so a cheap
pre-filter on the characters mojibake is made of decides whether it is loaded at all. The span
reported is the whole garbled run, and the suggestion is ftfy's repair where it has one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import msgspec

from bot.engine.finding import Evidence, Finding
from bot.engine.kinds import CheckKind, Context
from bot.engine.rules import LoadedRule

# Mojibake of UTF-8 read as Latin-1/cp1252 starts with Â, Ã or â followed by another Latin-1
# character, or shows runs of Latin-1 symbols; clean text almost never does.
_SUSPECT = re.compile(
    r"[ÂÃâ][\u0080-\u00ff€™œ“”‘’•–—]|[\u00a1-\u00bf\u00d7\u00f7]{2}|´[\u00a1-\u00ff]"
)
_SPACE = re.compile(r"\s")


class MojibakeParams(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    """No parameters: ftfy's own measure of badness decides."""


def _mojibake(ctx: Context, rule: LoadedRule) -> Iterator[Finding]:
    text = ctx.document.text
    if text.isascii() or not _SUSPECT.search(text):
        return
    import ftfy
    from ftfy.badness import BADNESS_RE

    seen_end = -1
    for bad in BADNESS_RE.finditer(text):
        if bad.start() < seen_end:
            continue
        # the whole garbled word(s): from the whitespace before to the whitespace after
        start = max(text.rfind(" ", 0, bad.start()), text.rfind("\n", 0, bad.start())) + 1
        after = _SPACE.search(text, bad.end())
        end = after.start() if after else len(text)
        seen_end = end
        garbled = text[start:end]
        fixed = ftfy.fix_text(garbled)
        yield ctx.finding(
            rule,
            start,
            end,
            {"written": garbled, "fix": fixed if fixed != garbled else "the original characters"},
            [
                Evidence(
                    "ftfy recognises these characters as text decoded with the wrong encoding",
                    "ftfy",
                    "https://ftfy.readthedocs.io/",
                )
            ],
        )


MOJIBAKE = CheckKind("mojibake", MojibakeParams, frozenset({"written", "fix"}), run=_mojibake)
