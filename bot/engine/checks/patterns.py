"""`existence`, `substitution` and `pattern`: the plain pattern kinds (Vale's extension points).

Editors add house-style rules with these and no Python: a list of phrases to flag, a map of
wrong phrase -> right phrase, or one regular expression whose named groups fill the message
(and one of which may be the span flagged). Phrases match on word boundaries.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

import msgspec

from bot.engine.finding import Finding
from bot.engine.kinds import CheckKind, Context, rule_evidence
from bot.engine.rules import LoadedRule


class ExistenceParams(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    tokens: list[str]
    ignorecase: bool = False
    regex: bool = False  # tokens are regular expressions rather than literal phrases


class SubstitutionParams(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    swap: dict[str, str]
    ignorecase: bool = False


class PatternParams(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    pattern: str  # a regular expression; each named group is a placeholder for the message
    ignorecase: bool = False
    span: str | None = None  # the named group to flag (default: the whole match)


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
            [rule_evidence(rule)],
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
            [rule_evidence(rule)],
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


@functools.lru_cache(maxsize=256)
def _pattern(source: str, ignorecase: bool) -> re.Pattern[str]:
    return re.compile(source, re.IGNORECASE if ignorecase else 0)


def _validate_pattern(params: PatternParams) -> None:
    try:
        compiled = _pattern(params.pattern, params.ignorecase)
    except re.error as exc:
        raise ValueError(f"bad regular expression: {exc}") from exc
    if params.span is not None and params.span not in compiled.groupindex:
        groups = ", ".join(sorted(compiled.groupindex)) or "none"
        raise ValueError(f"span {params.span!r} is not a named group of the pattern ({groups})")


def _pattern_groups(params: PatternParams) -> frozenset[str]:
    return frozenset(_pattern(params.pattern, params.ignorecase).groupindex)


def _run_pattern(ctx: Context, rule: LoadedRule) -> Iterator[Finding]:
    p: PatternParams = rule.params
    for match in _pattern(p.pattern, p.ignorecase).finditer(ctx.document.text):
        start, end = match.span(p.span) if p.span else match.span()
        if start < 0 or end <= start:
            continue  # the flagged group took no part in this match
        values = {name: value or "" for name, value in match.groupdict().items()}
        yield ctx.finding(
            rule, start, end, {**values, "match": match.group(0)}, [rule_evidence(rule)]
        )


PATTERN = CheckKind(
    "pattern",
    PatternParams,
    frozenset({"match"}),
    run=_run_pattern,
    validate=_validate_pattern,
    placeholders_of=_pattern_groups,
)
