"""`quantity-consistency`: one article giving the same quantity two values, from a pattern.

A rule names, in one regular expression, a number (`value`: digits or a number word) and,
optionally, what it counts (`about`): "(?P<value>\\d+|\\w+)-member (?P<about>panel|board)". A later
mention that refers back to the thing ("the 15-member panel", "its 15-member panel") and gives
another value than the first mention is flagged, with the first as evidence. A later mention
introduced with "a" is another thing of the same kind and stays silent, and so is one whose
owner differs ("the three-member board of Justice Democrats" is not the FEC's board).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

import msgspec

from bot.engine.facts import ANAPHORIC
from bot.engine.finding import Evidence, Finding
from bot.engine.kinds import CheckKind, Context
from bot.engine.rules import LoadedRule
from bot.text.words import NUMBER_WORDS


class QuantityParams(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    pattern: str  # a regular expression with a `value` group and, optionally, an `about` group
    ignorecase: bool = True
    tolerance: float = 0  # values this close are the same ("about 300" and "301")


class _Stated(msgspec.Struct, frozen=True):
    about: str
    value: float
    start: int  # of the value as written
    end: int
    written: str  # the whole match
    refers_back: bool
    owner: str | None  # "of Justice Democrats": whose thing it is, when the text says


_OWNER = re.compile(r"\s+(?:of|for|at)\s+(?:the\s+)?([A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*)")


@functools.lru_cache(maxsize=64)
def _compiled(source: str, ignorecase: bool) -> re.Pattern[str]:
    return re.compile(source, re.IGNORECASE if ignorecase else 0)


def _validate(params: QuantityParams) -> None:
    try:
        compiled = _compiled(params.pattern, params.ignorecase)
    except re.error as exc:
        raise ValueError(f"bad regular expression: {exc}") from exc
    if "value" not in compiled.groupindex:
        raise ValueError("the pattern needs a named group 'value': (?P<value>...)")


def _number(written: str) -> float | None:
    word = written.strip().lower()
    if word in NUMBER_WORDS:
        return float(NUMBER_WORDS[word])
    try:
        return float(word.replace(",", ""))
    except ValueError:
        return None


def _stated(ctx: Context, params: QuantityParams) -> Iterator[_Stated]:
    text = ctx.document.text
    for match in _compiled(params.pattern, params.ignorecase).finditer(text):
        value = _number(match.group("value") or "")
        if value is None:
            continue
        about = (match.groupdict().get("about") or "").lower()
        before = re.findall(r"[\w']+", text[max(0, match.start() - 20) : match.start()])
        first_word = re.match(r"[\w']+", match.group(0))
        words = {before[-1].lower()} if before else set()
        if first_word:
            words.add(first_word.group(0).lower())
        start, end = match.span("value")
        owner = _OWNER.match(text, match.end())
        yield _Stated(
            about,
            value,
            start,
            end,
            match.group(0),
            bool(words & ANAPHORIC),
            owner.group(1) if owner else None,
        )


def _quantities(ctx: Context, rule: LoadedRule) -> Iterator[Finding]:
    params: QuantityParams = rule.params
    first: dict[str, _Stated] = {}
    for stated in _stated(ctx, params):
        earlier = first.setdefault(stated.about, stated)
        if earlier is stated or not stated.refers_back or stated.owner != earlier.owner:
            continue
        if abs(stated.value - earlier.value) <= params.tolerance:
            continue
        sentence = ctx.document.sentence_at(earlier.start).text
        yield ctx.finding(
            rule,
            stated.start,
            stated.end,
            {"about": stated.about, "written": stated.written, "first": earlier.written},
            [
                Evidence(
                    f"earlier the article says {earlier.written!r}: “{sentence}”",
                    "the article itself",
                )
            ],
        )


QUANTITY_CONSISTENCY = CheckKind(
    "quantity-consistency",
    QuantityParams,
    frozenset({"about", "written", "first"}),
    run=_quantities,
    validate=_validate,
)
