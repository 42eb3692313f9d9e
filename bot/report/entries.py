"""The editor's view of a check: one compact entry per finding, errors first, repeats grouped.

An entry shows the flagged words in a short excerpt of their sentence, what is wrong in one line
and the fix. Findings of one rule that say the same thing (six lines of web-page residue) are one
entry. The full message, the sentence and the evidence stay in the details (a modal, a file).
Nothing here names a rule: rule ids are for maintainers, not for the editor's view.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from bot.engine.finding import Category, Evidence, Finding, Severity
from bot.report.escape import clip_words, clip_words_from_start
from bot.report.model import finding_key

SUMMARY_CHARS = 110  # "what is wrong", one line on a laptop's thread pane
FIX_CHARS = 60
CONTEXT_CHARS = 32  # words shown on each side of the flagged span
SOURCE_CHARS = 40

_SEVERITY_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
_CATEGORY_NAMES = {
    Category.ANACHRONISM: "Anachronism",
    Category.TITLE: "Title",
    Category.NAME: "Name",
    Category.ATTRIBUTION: "Attribution",
    Category.DATE: "Date",
    Category.INCONSISTENCY: "Inconsistency",
    Category.BOILERPLATE: "Web-page residue",
    Category.CROSS_SOURCE: "Other articles disagree",
    Category.STYLE: "Style",
}
# How a group of findings of one category is counted: "3 lines of web-page residue".
_GROUP_NOUNS = {Category.BOILERPLATE: ("line of web-page residue", "lines of web-page residue")}
_PARENTHESES = re.compile(r"\s*\([^()]*\)")
_QUOTED = re.compile(r"^[“\"](?P<quote>.+?)[”\"](?P<colon>:)?\s+")


@dataclass(frozen=True, slots=True)
class Entry:
    """One line of the editor's view: a finding, or several of one rule that say the same."""

    findings: tuple[Finding, ...]

    @property
    def first(self) -> Finding:
        return self.findings[0]

    @property
    def key(self) -> str:
        """The entry's key: its first finding's (the "Not an error" button carries it)."""
        return finding_key(self.first)

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(finding_key(f) for f in self.findings)

    @property
    def grouped(self) -> bool:
        return len(self.findings) > 1


def entries(findings: Iterable[Finding]) -> list[Entry]:
    """Findings as entries: errors first, then warnings, then notes, each in reading order;
    findings of one rule whose message and fix differ only by the flagged words are grouped."""
    groups: dict[tuple[str, str, str], list[Finding]] = {}
    for finding in findings:
        groups.setdefault(_sameness(finding), []).append(finding)
    ordered = sorted(
        groups.values(), key=lambda g: (_SEVERITY_ORDER[g[0].severity], g[0].start, g[0].end)
    )
    return [Entry(tuple(group)) for group in ordered]


def entry_of(findings: Sequence[Finding], key: str) -> Entry | None:
    """The entry of `findings` that holds the finding with `key`."""
    return next((e for e in entries(findings) if key in e.keys), None)


def category_name(category: Category) -> str:
    return _CATEGORY_NAMES.get(category, category.value.capitalize())


def label(entry: Entry) -> str:
    """A group's count in words: "3 lines of web-page residue", "the same in 2 places"."""
    count = len(entry.findings)
    nouns = _GROUP_NOUNS.get(entry.first.category)
    if nouns is not None:
        return f"{count} {nouns[0] if count == 1 else nouns[1]}"
    return f"the same in {count} places"


def summary(finding: Finding) -> str:
    """What is wrong, in one line: the message without the flagged words it repeats (the
    excerpt shows them) and without its parenthesised detail (the details show it)."""
    message = " ".join(finding.message.split())
    quoted = _QUOTED.match(message)
    if quoted and _same_words(quoted.group("quote"), finding.quote):
        rest = message[quoted.end() :]
        message = rest[:1].upper() + rest[1:] if quoted.group("colon") else "This " + rest
    message = _PARENTHESES.sub("", message)
    if len(message) > SUMMARY_CHARS and "; " in message:
        head = message.split("; ", 1)[0]
        if len(head) >= SUMMARY_CHARS // 3:
            message = head.rstrip(".") + "."
    return clip_words(message, SUMMARY_CHARS)


def fix(entry: Entry) -> str | None:
    """The suggestion, short; None when the rule gives none."""
    suggestion = entry.first.suggestion
    if not suggestion or not suggestion.strip():
        return None
    return clip_words(" ".join(suggestion.split()), FIX_CHARS)


def excerpt(finding: Finding, context: int = CONTEXT_CHARS) -> tuple[str, str, str]:
    """(before, flagged words, after) of a finding's sentence: see `window`."""
    return window(finding.sentence, finding.quote, context)


def window(sentence: str, quote: str, context: int = CONTEXT_CHARS) -> tuple[str, str, str]:
    """(before, flagged words, after): a few words of the sentence on each side of the span,
    cut at word boundaries with "…"; the span itself is never cut."""
    sentence = " ".join(sentence.split())
    quote = " ".join(quote.split())
    at = sentence.find(quote) if quote else -1
    if at < 0:
        return "", quote, ""
    before = clip_words_from_start(sentence[:at], context)
    after = clip_words(sentence[at + len(quote) :], context)
    return before, quote, after


def quotes(entry: Entry, limit: int = 3) -> tuple[list[str], int]:
    """A group's distinct flagged words (at most `limit`) and how many more there are."""
    distinct = list(dict.fromkeys(" ".join(f.quote.split()) for f in entry.findings))
    return [clip_words(q, 40) for q in distinct[:limit]], max(len(distinct) - limit, 0)


def source_name(evidence: Evidence) -> str:
    """A short name for a source, for a link: its name up to the first colon or parenthesis,
    else the URL's host; never cut mid-word."""
    name = re.split(r":\s|\s\(", evidence.source, maxsplit=1)[0].strip()
    if not name and evidence.url:
        name = urlsplit(evidence.url).hostname or ""
    return clip_words(name, SOURCE_CHARS)


def by_category(findings: Iterable[Finding]) -> list[tuple[str, int]]:
    """(category name, count), most first: the summary line of a long report."""
    counts: dict[str, int] = {}
    for finding in findings:
        name = category_name(finding.category)
        counts[name] = counts.get(name, 0) + 1
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


def _sameness(finding: Finding) -> tuple[str, str, str]:
    """What makes two findings one entry: the rule, and the message and fix with the flagged
    words masked out."""
    quote = finding.quote.strip()

    def masked(text: str | None) -> str:
        text = " ".join((text or "").split())
        return text.replace(quote, "\0") if quote else text

    return finding.rule, masked(finding.message), masked(finding.suggestion)


def _same_words(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()
