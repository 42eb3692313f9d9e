"""The knowledge-base probe: its data (bench/kb-probe) and how it judges the KB's answers."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from bot.kb.index import KnowledgeIndex
from bot.kb.load import load_knowledge
from bot.kb.probe import REGIONS, Fact, Leader, Verdict, judge, read_facts, read_leaders, spell

PROBE = Path(__file__).resolve().parents[2] / "bench" / "kb-probe"

KB = """
sources:
  - {id: s, name: Test facts, complete_to: 2025-06-30}
jurisdictions:
  - {id: GQ, name: Equatorial Guinea, adjectives: [Equatorial Guinean]}
offices:
  - {id: gq.head-of-state, name: President of Equatorial Guinea, jurisdiction: GQ,
     group: head-of-state, titles: [President], complete_from: 2000-01-01, source: s}
people:
  - {id: obiang, name: Teodoro Obiang, short: [Obiang]}
  - {id: other, name: Some Other}
terms:
  - {person: obiang, office: gq.head-of-state, start: 1982-10-12, source: s}
"""


def _fact(holder: str, day: date) -> Fact:
    return Fact("gq.head-of-state", day, holder, "africa", "test")


def test_the_probe_data_is_what_the_brief_asks_for() -> None:
    facts = read_facts(PROBE / "facts.yaml")
    assert len(facts) == 150
    assert sum(f.day.year >= 2025 for f in facts) >= 50
    assert {f.region for f in facts} == set(REGIONS)
    assert all(f.source.strip() for f in facts)
    assert len({(f.office, f.day) for f in facts}) == 150  # no fact twice
    leaders = read_leaders(PROBE / "spellings.yaml")
    assert (len(leaders), sum(len(leader.spellings) for leader in leaders)) == (40, 120)


def test_answers_are_judged_right_wrong_or_unknown(tmp_path: Path) -> None:
    (tmp_path / "kb.yaml").write_text(KB, encoding="utf-8")
    index = KnowledgeIndex(load_knowledge(tmp_path))
    day = date(2020, 1, 1)
    # the source's longer name of the same person is still the same person
    assert judge(index, _fact("Teodoro Obiang Nguema Mbasogo", day)).verdict is Verdict.RIGHT
    assert judge(index, _fact("Some Other", day)).verdict is Verdict.WRONG
    assert judge(index, _fact("Teodoro Obiang", date(2026, 1, 1))).verdict is Verdict.UNKNOWN
    missing = Fact("xx.head-of-state", day, "Anyone", "africa", "test")
    assert judge(index, missing).verdict is Verdict.UNKNOWN
    spelled = spell(index, Leader("Teodoro Obiang", ["Obiang", "President Teodoro Obiang"], "t"))
    assert [s.right for s in spelled] == [True, True]
