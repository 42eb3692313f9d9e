"""`existence` and `substitution`: the two plain pattern kinds (Vale's extension points).

Editors add house-style rules with these and no Python: a list of phrases to flag, or a map of
wrong phrase -> right phrase. Phrases match on word boundaries.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

import msgspec

from bot.engine.finding import Evidence, Finding
from bot.engine.kinds import CheckKind, Context
from bot.engine.rules import LoadedRule


class ExistenceParams(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    tokens: list[str]
    ignorecase: bool = False
    regex: bool = False  # tokens are regular expressions rather than literal phrases


class SubstitutionParams(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    swap: dict[str, str]
    ignorecase: bool = False


def _compile(tokens: list[str], *, regex: bool, ignorecase: bool) -> re.Pattern[str]:
    return _compiled(tuple(tokens), regex, ignorecase)


@functools.lru_cache(maxsize=256)
def _compiled(tokens: tuple[str, ...], regex: bool, ignorecase: bool) -> re.Pattern[str]:
    parts = tokens if regex else [re.escape(t) for t in sorted(tokens, key=len, reverse=True)]
    # no look-behind in front: a pattern that starts with its literals lets the regex engine
    # skip ahead to them; the left word boundary is checked by `_matches`
    return re.compile("(?:" + "|".join(parts) + r")(?![\w-])", re.I if ignorecase else 0)


def _matches(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """Matches that also start on a word boundary."""
    for match in pattern.finditer(text):
        start = match.start()
        if start == 0 or not (text[start - 1].isalnum() or text[start - 1] in "-_"):
            yield match


def _validate_existence(params: ExistenceParams) -> None:
    if not params.tokens:
        raise ValueError("'tokens' must list at least one phrase")
    try:
        _compile(params.tokens, regex=params.regex, ignorecase=params.ignorecase)
    except re.error as exc:
        raise ValueError(f"bad regular expression: {exc}") from exc


def _validate_substitution(params: SubstitutionParams) -> None:
    if not params.swap:
        raise ValueError("'swap' must map at least one phrase to its replacement")


def _existence(ctx: Context, rule: LoadedRule) -> Iterator[Finding]:
    p: ExistenceParams = rule.params
    pattern = _compile(p.tokens, regex=p.regex, ignorecase=p.ignorecase)
    for match in _matches(pattern, ctx.document.text):
        yield ctx.finding(
            rule,
            match.start(),
            match.end(),
            {"match": match.group(0)},
            [Evidence(rule.spec.why, rule.spec.source.name, rule.spec.source.url)],
        )


def _substitution(ctx: Context, rule: LoadedRule) -> Iterator[Finding]:
    p: SubstitutionParams = rule.params
    lookup = {(k.lower() if p.ignorecase else k): v for k, v in p.swap.items()}
    pattern = _compile(list(p.swap), regex=False, ignorecase=p.ignorecase)
    for match in _matches(pattern, ctx.document.text):
        found = match.group(0)
        replacement = lookup[found.lower() if p.ignorecase else found]
        yield ctx.finding(
            rule,
            match.start(),
            match.end(),
            {"match": found, "replacement": replacement},
            [Evidence(rule.spec.why, rule.spec.source.name, rule.spec.source.url)],
        )


EXISTENCE = CheckKind(
    "existence", ExistenceParams, frozenset({"match"}), run=_existence, validate=_validate_existence
)
SUBSTITUTION = CheckKind(
    "substitution",
    SubstitutionParams,
    frozenset({"match", "replacement"}),
    run=_substitution,
    validate=_validate_substitution,
)
