"""Cues as data: `rules/reading/*.yaml`, validated on load and compiled once.

A cue names the frame it puts a mention in, where it looks and what it looks for; the reader
(`bot.engine.reading.reader`) decides which cue wins. Errors name the file, line and cue.
"""

from __future__ import annotations

import re
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Any

import msgspec

from bot.errors import RuleError


class Frame(StrEnum):
    """When a mention speaks of, at the story date."""

    CURRENT = "current"
    FUTURE = "future"
    HISTORICAL = "historical"
    HYPOTHETICAL = "hypothetical"
    QUOTED = "quoted"
    UNKNOWN = "unknown"


class Strength(StrEnum):
    """How far a current or future reading can be trusted."""

    STRONG = "strong"  # a present anchor: "on Tuesday", "this week", "told reporters"
    MEDIUM = "medium"  # the mention is the subject of a present, reporting or future verb
    WEAK = "weak"  # nothing more than the frame's default


class Scope(StrEnum):
    """Where a cue looks, relative to the mention."""

    QUOTE = "quote"  # inside a direct quotation
    MODIFIER = "modifier"  # a word among the title's modifiers: "former Democratic President"
    BEFORE = "before"  # words right before the phrase: "under", "appointed by"
    AFTER = "after"  # words right after the name: "-era", "'s legacy"
    CLAUSE = "clause"  # anywhere in the mention's clause: "on Tuesday", "in 2019"
    VERB = "verb"  # the verb the mention is the subject of: "resigned", "will travel"
    TITLE = "title"  # the title itself, when nothing else in the sentence dates the mention


class VerbClass(StrEnum):
    """What a finite verb says of time, as far as a check needs it."""

    PRESENT = "present"
    REPORTING = "reporting"
    PAST = "past"


class CueExample(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    """`mention` (its first occurrence in `text`) must be read as `frame`, decided by `cue`."""

    text: str
    mention: str
    frame: Frame
    story_date: date | None = None
    cue: str | None = None  # default: the cue that carries the example (for its own frame)
    dead: bool = False  # the person named had died by the story date
    titled: bool = False  # the mention is a title with a name ("Senator X"), not a bare name
    administration: bool = False  # the mention is "X administration" (or "X White House")


class CueSpec(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    id: str
    frame: Frame
    scope: Scope
    why: str
    examples: list[CueExample]
    strength: Strength = Strength.WEAK
    words: list[str] = []
    patterns: list[str] = []
    verb_class: VerbClass | None = None
    earlier_year: bool = False
    # the pattern names a month without a year ("In August, ..."): it counts only where no
    # earlier year stands before it in the paragraph, and the clause is judged on that month
    recent_month: bool = False
    only_for_the_dead: bool = False  # remembrance: only a dead person's title is history
    # a weak sign of history that a present anchor in the clause overrides ("the order signed
    # by President X" is history; "... signed by President X on Tuesday" is news)
    yields_to_anchor: bool = False
    # a past verb in the first N paragraphs reports the story's own news (the inverted pyramid)
    lede_paragraphs: int = 0
    # found in a speaker's own words, the cue says the quotation speaks of now: "President
    # Obama is stalling", quoted in 2018 (a verb or an anchor; not "said", not the lede)
    dates_quoted_words: bool = False


class Lexicon(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    """Closed word classes the reader needs to find a clause's verb."""

    auxiliaries: frozenset[str]
    past_auxiliaries: frozenset[str]
    modals: frozenset[str]
    reporting_verbs: frozenset[str]
    complement_verbs: frozenset[str]
    complement_adjectives: frozenset[str]
    function_words: frozenset[str]
    irregular_past: frozenset[str]
    present_forms: frozenset[str]
    plural_present_verbs: frozenset[str]
    not_verbs: frozenset[str]
    skippable: frozenset[str]
    clause_openers: frozenset[str]
    legacy_nouns: tuple[str, ...]
    role_nouns: frozenset[str]
    condition_markers: frozenset[str]
    question_verbs: frozenset[str]
    temporal_prepositions: frozenset[str]


class CueFile(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    description: str
    cues: list[dict[str, Any]]
    lexicon: dict[str, Any] | None = None


class Cue(msgspec.Struct, frozen=True):
    """A compiled cue: its spec and its patterns."""

    spec: CueSpec
    compiled: tuple[re.Pattern[str], ...]
    words: frozenset[str]
    path: str
    line: int

    @property
    def id(self) -> str:
        return self.spec.id


_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def _expand(pattern: str, lexicon: dict[str, Any]) -> str:
    """`{legacy_nouns}` in a pattern becomes an alternation of that lexicon list."""

    def alternation(match: re.Match[str]) -> str:
        words = lexicon.get(match.group(1))
        if not isinstance(words, list):
            raise KeyError(match.group(1))
        return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))

    return re.sub(r"\{([a-z_]+)\}", alternation, pattern)


def load_cues(folder: Path) -> tuple[Lexicon, tuple[Cue, ...]]:
    """Read every cue file of `folder`; exactly one of them defines the lexicon."""

    from bot.text.yamllines import error_path, key_line, read_yaml_with_lines, strip_lines

    lexicon_raw: dict[str, Any] | None = None
    lexicon_node: dict[str, Any] = {}
    lexicon_path = ""
    nodes: list[tuple[Path, dict[str, Any]]] = []
    for path in sorted(folder.glob("*.yaml")):
        raw = read_yaml_with_lines(path)
        if not isinstance(raw, dict):
            raise RuleError(
                str(path), 1, None, "a cue file is a mapping with 'description' and 'cues'"
            )
        try:
            parsed = msgspec.convert(strip_lines(raw), CueFile)
        except msgspec.ValidationError as exc:
            raise RuleError(str(path), key_line(raw, error_path(exc)), None, str(exc)) from exc
        if parsed.lexicon is not None:
            if lexicon_raw is not None:
                raise RuleError(
                    str(path),
                    int(raw["__lines__"]["lexicon"]),
                    None,
                    f"a second lexicon (the first is in {lexicon_path})",
                )
            lexicon_raw, lexicon_node, lexicon_path = parsed.lexicon, raw["lexicon"], str(path)
        nodes.extend((path, node) for node in raw["cues"])
    if lexicon_raw is None:
        raise RuleError(str(folder), None, None, "no cue file defines the 'lexicon'")
    try:
        lexicon = msgspec.convert(lexicon_raw, Lexicon)
    except msgspec.ValidationError as exc:
        line = key_line(lexicon_node, error_path(exc))
        raise RuleError(lexicon_path, line, None, f"lexicon: {exc}") from exc
    cues: list[Cue] = []
    seen: set[str] = set()
    for path, node in nodes:
        cues.append(_compile(path, node, lexicon_raw, seen))
    return lexicon, tuple(cues)


def _compile(path: Path, node: Any, lexicon: dict[str, Any], seen: set[str]) -> Cue:

    from bot.text.yamllines import error_path, key_line, strip_lines

    cue_id = str(node.get("id")) if isinstance(node, dict) and "id" in node else None
    line = int(node.get("__line__", 0)) if isinstance(node, dict) else 0

    def fail(problem: str, where: str = "$") -> RuleError:
        at = key_line(node, where) if isinstance(node, dict) else line
        return RuleError(str(path), at or line, cue_id, problem)

    if not isinstance(node, dict):
        raise fail("a cue is a mapping of keys (id, frame, scope, ...)")
    try:
        spec = msgspec.convert(strip_lines(node), CueSpec)
    except msgspec.ValidationError as exc:
        raise fail(str(exc), error_path(exc)) from exc
    if not _ID.match(spec.id):
        raise fail(f"id '{spec.id}' must be kebab-case", "$.id")
    if spec.id in seen:
        raise fail(f"duplicate cue id '{spec.id}'", "$.id")
    seen.add(spec.id)
    matchers = sum(bool(x) for x in (spec.words, spec.patterns, spec.verb_class))
    if (
        spec.scope not in (Scope.QUOTE, Scope.TITLE)
        and not matchers
        and not (spec.earlier_year or spec.lede_paragraphs)
    ):
        raise fail("a cue needs 'words', 'patterns', 'verb_class' or 'earlier_year'")
    if spec.words and spec.scope is not Scope.MODIFIER:
        raise fail("'words' are for the 'modifier' scope; use 'patterns'", "$.words")
    if spec.verb_class and spec.scope is not Scope.VERB:
        raise fail("'verb_class' is for the 'verb' scope", "$.verb_class")
    if not spec.examples:
        raise fail("every cue needs at least one example", "$.examples")
    compiled = []
    for i, pattern in enumerate(spec.patterns):
        try:
            compiled.append(re.compile(_expand(pattern, lexicon), re.IGNORECASE))
        except KeyError as exc:
            raise fail(f"pattern uses unknown lexicon list {exc}", f"$.patterns[{i}]") from exc
        except re.error as exc:
            raise fail(f"invalid pattern {pattern!r}: {exc}", f"$.patterns[{i}]") from exc
    words = frozenset(w.lower() for w in spec.words)
    return Cue(spec, tuple(compiled), words, str(path), line)
