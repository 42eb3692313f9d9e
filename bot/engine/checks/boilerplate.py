"""`boilerplate`: scraper residue pasted with an article ("Share the Post:", "Advertisement").

A line is residue only when the *whole line* is a known residue phrase or has a residue shape
(a share/follow/subscribe call, a category or tag line). Text inside a real sentence is never
flagged (a false flag costs more than a missed line), so headlines and short paragraphs stay silent.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import msgspec

from bot.engine.finding import Evidence, Finding
from bot.engine.kinds import CheckKind, Context, check_patterns
from bot.engine.rules import LoadedRule

_DECORATION = " \t*_#>|•·–—-:[](){}\u00a0"


class BoilerplateParams(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    phrases: list[str]  # whole-line phrases, matched case-insensitively without decoration
    line_patterns: list[str] = []  # regexes a whole (undecorated) line must match
    max_words: int = 8  # longer lines are prose, never residue


def _normalise(line: str) -> str:
    return " ".join(line.strip(_DECORATION).split()).casefold()


def _validate(params: BoilerplateParams) -> None:
    check_patterns(params.line_patterns, "line pattern")


def _boilerplate(ctx: Context, rule: LoadedRule) -> Iterator[Finding]:
    p: BoilerplateParams = rule.params
    phrases = {_normalise(x) for x in p.phrases}
    patterns = [re.compile(x, re.IGNORECASE) for x in p.line_patterns]
    text = ctx.document.text
    longest = p.max_words * 25  # characters: a longer line cannot be `max_words` words
    for start, end in ctx.document.paragraphs:
        if end - start > longest:
            continue
        line = text[start:end]
        core = _normalise(line)
        if not core or len(core.split()) > p.max_words:
            continue
        if core in phrases or any(x.fullmatch(core) for x in patterns):
            # report the line without leading decoration but with its own punctuation
            lead = len(line) - len(line.lstrip(" \t*_#>"))
            yield ctx.finding(
                rule,
                start + lead,
                end,
                {"line": line.strip()},
                [Evidence(rule.spec.why, rule.spec.source.name, rule.spec.source.url)],
            )


BOILERPLATE = CheckKind(
    "boilerplate", BoilerplateParams, frozenset({"line"}), run=_boilerplate, validate=_validate
)
