"""The knowledge-base probe: facts checked by hand against the KB, and spellings against the index.

A fact is "who held office X on day D", with the source it was taken from. The KB's answer
(`bot.kb.query.answer`, as `copydesk kb who` gives it) is *right* when it names that holder for
sure, *wrong* when it names someone else for sure or says nobody held it, and *unknown* when it
cannot say (outside its coverage, or imprecise dates): unknown is not right, but never wrong.
A spelling is right when it resolves to the leader and no one else (`bot.kb.query.resolve`).
The data lives in bench/kb-probe/*.yaml; `make kb-probe` runs it (bench/kb_probe.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TypeVar

import msgspec
import yaml

from bot.errors import KnowledgeError
from bot.kb.index import KnowledgeIndex
from bot.kb.query import Answer, answer, find_people, resolve
from bot.text.fold import fold

REGIONS = (
    "us",
    "north-america",
    "europe",
    "asia",
    "middle-east",
    "africa",
    "latin-america",
    "international",
)


class Fact(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    office: str  # an office id (docs/knowledge-base.md conventions)
    day: date  # (not `on`: YAML 1.1 reads that key as true)
    holder: str  # the holder's name as the source writes it
    region: str
    source: str  # where the fact was taken from (a URL or a citation)


class Leader(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    name: str  # the canonical name the KB knows the leader by
    spellings: list[str]
    source: str


class FactFile(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    facts: list[Fact]
    description: str = ""


class SpellingFile(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    leaders: list[Leader]
    description: str = ""


_File = TypeVar("_File", FactFile, SpellingFile)


class Verdict(StrEnum):
    RIGHT = "right"
    WRONG = "wrong"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Judged:
    fact: Fact
    verdict: Verdict
    said: str  # what the KB answered


def read_facts(path: Path) -> list[Fact]:
    facts = _read(path, FactFile).facts
    for fact in facts:
        if fact.region not in REGIONS:
            raise KnowledgeError(str(path), None, fact.office, f"unknown region {fact.region!r}")
    return facts


def read_leaders(path: Path) -> list[Leader]:
    return _read(path, SpellingFile).leaders


def _read(path: Path, kind: type[_File]) -> _File:
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        return msgspec.convert(raw, kind, strict=False)
    except (OSError, yaml.YAMLError, msgspec.ValidationError) as exc:
        raise KnowledgeError(str(path), None, None, f"not a probe file: {exc}") from exc


def judge(index: KnowledgeIndex, fact: Fact) -> Judged:
    kb = index.kb
    if fact.office not in kb.offices:
        return Judged(fact, Verdict.UNKNOWN, f"no office {fact.office} in the KB")
    (found,) = answer(index, fact.office, fact.day)
    names = [kb.people[h.person].name for h in found.holdings]
    said = f"{found.answer.value}: {', '.join(names) or '-'}"
    expected = set(resolve(index, fact.holder)) | set(find_people(index, fact.holder))
    if found.answer is Answer.KNOWN:
        held = {h.person for h in found.holdings}
        right = bool(held & expected) or any(_same_name(n, fact.holder) for n in names)
        return Judged(fact, Verdict.RIGHT if right else Verdict.WRONG, said)
    if found.answer is Answer.NOBODY:
        return Judged(fact, Verdict.WRONG, said)
    return Judged(fact, Verdict.UNKNOWN, said)


def _same_name(known: str, written: str) -> bool:
    """The KB's name and the source's are one person's: one holds all the other's words
    ("Teodoro Obiang" in "Teodoro Obiang Nguema Mbasogo"), or they differ only in spelling."""
    from rapidfuzz import fuzz

    a, b = set(fold(known).split()), set(fold(written).split())
    if len(a & b) >= 2 and (a <= b or b <= a):
        return True
    return fuzz.token_sort_ratio(fold(known), fold(written)) >= 85


@dataclass(frozen=True)
class Spelled:
    leader: str
    spelling: str
    right: bool
    resolved: tuple[str, ...]


def spell(index: KnowledgeIndex, leader: Leader) -> list[Spelled]:
    kb = index.kb
    wanted = set(resolve(index, leader.name))
    out = []
    for spelling in leader.spellings:
        found = resolve(index, spelling)
        names = tuple(kb.people[p].name for p in found)
        out.append(Spelled(leader.name, spelling, bool(wanted) and set(found) == wanted, names))
    return out
