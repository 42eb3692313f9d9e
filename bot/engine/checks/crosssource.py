"""`cross-source`: several articles on one story that disagree on a fact.

Articles checked together are first grouped into stories by the distinctive words they share
(people, places, events); articles on different stories are never compared. Within a story, a
fact (a deadline, a duration, a name's spelling) on which one article differs from at least two
others that agree is flagged in the odd one out, with the others cited. A rule with `pairs`
compares stories of exactly two articles instead: neither side can be told right, so a
disagreement on a deadline or a duration is flagged in both, each citing the other.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict

import msgspec

from bot.engine import facts
from bot.engine.finding import Evidence, Finding
from bot.engine.kinds import CheckKind, Context
from bot.engine.rules import LoadedRule

_WORD = re.compile(r"[A-Za-z][A-Za-z'-]{3,}")
_NAME = re.compile(r"\b([A-Z][a-z]+(?:[ -][A-Z][a-z]+){1,2})\b")


class CrossSourceParams(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    nouns: list[str]  # durations compared across articles
    subjects: list[str]  # deadlines compared across articles
    stopwords: list[str]  # words too common to tie two articles to one story
    min_shared: int = 3  # distinctive words two articles must share to be one story
    min_overlap: float = 0.3  # ... as a share of the smaller article's distinctive words
    name_similarity: float = 88.0  # rapidfuzz ratio for two spellings of one name
    synonyms: dict[str, str] = {}  # "ceasefire": "truce": two words for one thing
    pairs: bool = False  # stories of exactly two articles, both sides flagged (no names)


class _Stated(msgspec.Struct, frozen=True):
    doc: int
    fact: facts.Fact


def _distinctive(ctx: Context, stop: frozenset[str]) -> set[str]:
    """Content words cut to five letters: "expires"/"expiry" and "extend"/"extended" meet.
    (Truncation unifies derived forms that Porter-style stemmers keep apart.)"""
    return {w.lower()[:5] for w in _WORD.findall(ctx.document.text) if w.lower() not in stop}


def stories(contexts: list[Context], params: CrossSourceParams) -> list[list[int]]:
    """Group documents into stories (union-find over pairs that share enough words)."""
    stop = frozenset(w.lower() for w in params.stopwords)
    words = [_distinctive(c, stop) for c in contexts]
    parent = list(range(len(contexts)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(len(contexts)):
        for j in range(i + 1, len(contexts)):
            shared = len(words[i] & words[j])
            smaller = max(1, min(len(words[i]), len(words[j])))
            if shared >= params.min_shared and shared / smaller >= params.min_overlap:
                parent[root(j)] = root(i)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(contexts)):
        groups[root(i)].append(i)
    return [g for g in groups.values() if len(g) >= 2]


def _facts_of(ctx: Context, params: CrossSourceParams) -> dict[tuple[str, str], facts.Fact]:
    found = facts.deadlines(ctx.analysis, params.subjects, params.synonyms) + facts.durations(
        ctx.analysis, params.nouns, params.synonyms
    )
    subjects = {f.about for f in found if f.kind == "deadline" and f.about != "deadline"}
    out: dict[tuple[str, str], facts.Fact] = {}
    for fact in found:
        about = fact.about
        if fact.kind == "deadline" and about == "deadline" and len(subjects) == 1:
            about = next(iter(subjects))  # "the deadline" of an article about one truce
        if fact.qualifier:
            about = f"{about} for {fact.qualifier}"
        out.setdefault((fact.kind, about), fact)
    return out


def _cross_source(contexts: list[Context], rule: LoadedRule) -> list[list[Finding]]:
    params: CrossSourceParams = rule.params
    results: list[list[Finding]] = [[] for _ in contexts]
    for story in stories(contexts, params):
        if (len(story) == 2) != params.pairs:
            continue
        stated: dict[tuple[str, str], list[_Stated]] = defaultdict(list)
        for i in story:
            for key, fact in _facts_of(contexts[i], params).items():
                stated[key].append(_Stated(i, fact))
        for (_kind, about), items in stated.items():
            votes = Counter(s.fact.value for s in items)
            if len(votes) < 2:
                continue
            if params.pairs:
                for one, other in ((items[0], items[1]), (items[1], items[0])):
                    results[one.doc].append(_finding(contexts, rule, about, one, [other]))
                continue
            majority, count = votes.most_common(1)[0]
            if count < 2 or list(votes.values()).count(count) > 1:
                continue
            agreeing = [s for s in items if s.fact.value == majority]
            for odd in items:
                if votes[odd.fact.value] == 1:
                    results[odd.doc].append(_finding(contexts, rule, about, odd, agreeing))
        _names(contexts, story, rule, params, results)
    return results


def _finding(
    contexts: list[Context], rule: LoadedRule, about: str, odd: _Stated, others: list[_Stated]
) -> Finding:
    """`odd`'s statement of the fact, against what the `others` say (cited)."""
    ctx = contexts[odd.doc]
    return ctx.finding(
        rule,
        odd.fact.start,
        odd.fact.end,
        {
            "about": facts.label(odd.fact.kind, about),
            "written": ctx.document.text[odd.fact.start : odd.fact.end],
            "others": others[0].fact.shows(),
            "count": len(others),
        },
        [_cite(contexts[s.doc], s.fact) for s in others],
    )


def _cite(ctx: Context, fact: facts.Fact) -> Evidence:
    sentence = ctx.document.sentence_at(fact.start).text
    return Evidence(f"“{sentence}”", ctx.document.name)


def _names(
    contexts: list[Context],
    story: list[int],
    rule: LoadedRule,
    params: CrossSourceParams,
    results: list[list[Finding]],
) -> None:
    """A name spelled one way in one article and another way in two or more others."""
    from rapidfuzz import fuzz

    spellings: dict[int, dict[str, int]] = {}
    for i in story:
        found: dict[str, int] = {}
        for m in _NAME.finditer(contexts[i].document.text):
            found.setdefault(m.group(1), m.start())
        spellings[i] = found
    for i in story:
        for name, start in spellings[i].items():
            others = [j for j in story if j != i and name not in spellings[j]]
            if len(others) < 2:
                continue
            for candidate in {n for j in others for n in spellings[j]}:
                holders = [j for j in story if candidate in spellings[j]]
                if len(holders) < 2 or i in holders or candidate == name:
                    continue
                if not _one_name_spelled_twice(name, candidate):
                    continue
                if fuzz.ratio(name, candidate) < params.name_similarity:
                    continue
                ctx = contexts[i]
                results[i].append(
                    ctx.finding(
                        rule,
                        start,
                        start + len(name),
                        {
                            "about": "spelling",
                            "written": name,
                            "others": candidate,
                            "count": len(holders),
                        },
                        [
                            Evidence(f"spelled {candidate!r}", contexts[j].document.name)
                            for j in holders
                        ],
                    )
                )
                break


# Capitalised words that open a phrase, not a name ("The Republican", "In Washington")
_NOT_NAME_START = frozenset(
    "the a an in on at of for and but or as if by to from with this that these those his her "
    "their its our when while after before".split()
)


def _one_name_spelled_twice(name: str, other: str) -> bool:
    """Two spellings of one name: as many words, one of them (first or last name) the same, the
    other a spelling away; never a name and a longer one ("Donald Trump" and "Donald Trump Jr")
    or a word and its plural ("The Republican", "The Republicans")."""
    mine, theirs = name.split(), other.split()
    if len(mine) != len(theirs) or mine[0].lower() in _NOT_NAME_START:
        return False
    if theirs[0].lower() in _NOT_NAME_START:
        return False
    differing = [(a, b) for a, b in zip(mine, theirs, strict=True) if a != b]
    if len(differing) != 1:
        return False
    a, b = differing[0]
    return not (a.startswith(b) or b.startswith(a))  # "Republican"/"Republicans", "Jr"


CROSS_SOURCE = CheckKind(
    "cross-source",
    CrossSourceParams,
    frozenset({"about", "written", "others", "count"}),
    run_batch=_cross_source,
)
