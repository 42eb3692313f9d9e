"""Loading the knowledge base: validation errors name the file, line and entry; merging."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bot.errors import KnowledgeError
from bot.kb.load import load_knowledge

SOURCES = """\
sources:
  - {id: a, name: Reviewed, complete_to: 2025-06-30, priority: 100}
  - {id: b, name: Snapshot, complete_to: 2026-06-15, priority: 50}
jurisdictions:
  - {id: GB, name: United Kingdom, adjectives: [British]}
offices:
  - {id: gb.head-of-government, name: Prime Minister, jurisdiction: GB, group: head-of-government,
     titles: [Prime Minister], complete_from: 1990-01-01, source: a}
"""


def _kb(tmp_path: Path, extra: str) -> Path:
    (tmp_path / "base.yaml").write_text(SOURCES, encoding="utf-8")
    (tmp_path / "extra.yaml").write_text(extra, encoding="utf-8")
    return tmp_path


def test_bad_value_names_file_line_and_entry(tmp_path: Path) -> None:
    root = _kb(
        tmp_path, "people:\n  - id: keir-starmer\n    name: Keir Starmer\n    short: Starmer\n"
    )
    with pytest.raises(KnowledgeError) as error:
        load_knowledge(root)
    message = str(error.value)
    assert message.startswith(f"{root / 'extra.yaml'}:4: entry 'keir-starmer':")
    assert "Expected `array`" in message


def test_unknown_key_and_dangling_reference(tmp_path: Path) -> None:
    root = _kb(tmp_path, "people:\n  - {id: x, name: X, nickname: Y}\n")
    with pytest.raises(KnowledgeError, match="unknown field `nickname`"):
        load_knowledge(root)
    root = _kb(
        tmp_path,
        "terms:\n  - {person: nobody, office: gb.head-of-government, start: 2020, source: a}\n",
    )
    with pytest.raises(KnowledgeError, match="unknown person 'nobody'"):
        load_knowledge(root)


def test_later_source_closes_an_open_reviewed_term(tmp_path: Path) -> None:
    root = _kb(
        tmp_path,
        "people:\n  - {id: Q1, name: Keir Starmer}\n"
        "  - {id: starmer, name: Keir Starmer, short: [Starmer]}\n"
        "terms:\n"
        "  - {person: starmer, office: gb.head-of-government, start: 2024-07-05, source: a}\n"
        "  - {person: Q1, office: gb.head-of-government, start: 2024, end: 2026-07-20,"
        " source: b}\n",
    )
    kb = load_knowledge(root)
    assert set(kb.people) == {"Q1"}  # the slug joined the Wikidata person of the same name
    (term,) = kb.terms_of("Q1")
    assert str(term.start) == "2024-07-05"  # the reviewed source's exact start wins
    assert term.end is not None and term.end.earliest == date(2026, 7, 20)  # the newer end is kept
    assert term.sources == ("a", "b")


def test_term_ending_before_it_starts_is_refused(tmp_path: Path) -> None:
    root = _kb(
        tmp_path,
        "people:\n  - {id: p, name: P}\n"
        "terms:\n  - {person: p, office: gb.head-of-government, start: 2020-01-01,"
        " end: 2019-01-01, source: a}\n",
    )
    with pytest.raises(KnowledgeError, match=r"ends .* before it starts"):
        load_knowledge(root)


def test_namesakes_in_one_office_are_two_people(tmp_path: Path) -> None:
    root = _kb(
        tmp_path,
        "offices:\n  - {id: gb.mp, name: MP, jurisdiction: GB, group: legislator, titles: [MP],"
        " seats: 650, complete_from: 2010-01-01, source: a}\n"
        "people:\n  - {id: Q9, name: Alex Grey}\n  - {id: alex-grey, name: Alex Grey}\n"
        "terms:\n"
        "  - {person: Q9, office: gb.mp, seat: Leeds, start: 2010, end: 2015, source: a}\n"
        "  - {person: alex-grey, office: gb.mp, seat: York, start: 2012, end: 2017, source: a}\n",
    )
    assert set(load_knowledge(root).people) == {"Q9", "alex-grey"}


def test_a_later_source_that_ends_an_open_term_vouches_for_it_up_to_that_end(
    tmp_path: Path,
) -> None:
    """The reviewed list (complete to 2025-06-30) leaves the term open; a later source, complete
    to 2026-06-15, ends it in April 2026: the holder surely held the office in between, whichever
    file is read first."""
    people = "people:\n  - {id: p, name: Pam Bondi}\n"
    open_term = "  - {person: p, office: gb.head-of-government, start: 2025-02-05, source: a}\n"
    ended = (
        "  - {person: p, office: gb.head-of-government, start: 2025-02-05, end: 2026-04,"
        " source: c}\n"
    )
    later = "sources:\n  - {id: c, name: Later reports, complete_to: 2026-06-15, priority: 100}\n"
    for first, second in ((open_term, ended), (ended, open_term)):
        root = tmp_path / str(len(list(tmp_path.iterdir())))
        root.mkdir()
        (root / "base.yaml").write_text(SOURCES, encoding="utf-8")
        (root / "later.yaml").write_text(later, encoding="utf-8")
        (root / "extra.yaml").write_text(f"{people}terms:\n{first}", encoding="utf-8")
        (root / "more.yaml").write_text(f"terms:\n{second}", encoding="utf-8")
        kb = load_knowledge(root)
        (term,) = kb.terms_of("p")
        assert str(term.end) == "2026-04"
        assert kb.holders("gb.head-of-government", date(2025, 7, 1)) == [term]
        assert kb.holders("gb.head-of-government", date(2026, 3, 31)) == [term]
        assert kb.uncertain_holders("gb.head-of-government", date(2026, 4, 15)) == [term]


def test_an_office_complete_only_to_a_gap_in_its_data_never_answers_nobody(
    tmp_path: Path,
) -> None:
    """Burkina Faso's president: the snapshots (complete to 2024-10-23) name Kaboré until
    2022-01-25 and nobody after the coup. The office's own complete_to stops there, so the KB
    says "unknown" in 2024, not "nobody"; a complete_to before complete_from is refused."""
    from bot.kb.index import KnowledgeIndex
    from bot.kb.query import Answer, answer

    kb_text = """\
sources:
  - {id: snap, name: Snapshots, complete_to: 2024-10-23}
jurisdictions:
  - {id: BF, name: Burkina Faso, adjectives: [Burkinabe]}
offices:
  - {id: bf.head-of-state, name: President of Burkina Faso, jurisdiction: BF,
     group: head-of-state, titles: [President], complete_from: 2021-08-26,
     complete_to: 2022-01-25, source: snap}
people:
  - {id: Q599988, name: Roch Marc Christian Kaboré}
terms:
  - {person: Q599988, office: bf.head-of-state, start: '2015', end: 2022-01-26/2022,
     source: snap}
"""
    (tmp_path / "kb.yaml").write_text(kb_text, encoding="utf-8")
    kb = load_knowledge(tmp_path)
    assert kb.complete_to("bf.head-of-state") == date(2022, 1, 25)
    assert kb.coverage("bf.head-of-state") == (date(2021, 8, 26), date(2022, 1, 25))
    index = KnowledgeIndex(kb)
    (early,) = answer(index, "bf.head-of-state", date(2021, 12, 1))
    (later,) = answer(index, "bf.head-of-state", date(2024, 6, 1))
    assert (early.answer, later.answer) == (Answer.KNOWN, Answer.UNKNOWN)
    (tmp_path / "kb.yaml").write_text(
        kb_text.replace("complete_to: 2022-01-25", "complete_to: 2021-01-25"), encoding="utf-8"
    )
    with pytest.raises(KnowledgeError, match="complete_to is before complete_from"):
        load_knowledge(tmp_path)


def test_an_open_snapshot_term_joins_the_running_stint_not_an_earlier_one(
    tmp_path: Path,
) -> None:
    """Mitsotakis was prime minister 2019-2023 and again from 2023-06-26; the mid-2026 snapshot
    lists him as current with the first start year. Its open term vouches for the running stint
    (to the snapshot's complete_to), not for the one that ended in 2023."""
    root = _kb(
        tmp_path,
        "people:\n  - {id: m, name: Kyriakos Mitsotakis}\n"
        "terms:\n"
        "  - {person: m, office: gb.head-of-government, start: 2019-07-08, end: 2023-05-25,"
        " source: a}\n"
        "  - {person: m, office: gb.head-of-government, start: 2023-06-26, source: a}\n"
        "  - {person: m, office: gb.head-of-government, start: '2019', source: b}\n",
    )
    kb = load_knowledge(root)
    first, second = kb.terms_of("m")
    assert first.sources == ("a",) and first.known_to == date(2025, 6, 30)
    assert second.sources == ("a", "b") and second.known_to == date(2026, 6, 15)
    assert kb.coverage("gb.head-of-government")[1] == date(2026, 6, 15)


def test_a_recorded_vacancy_keeps_the_office_covered_through_it(tmp_path: Path) -> None:
    """Nobody held the office between two holders: coverage runs through the vacancy to the
    successor's term, and a day inside it is covered with no holder."""
    (tmp_path / "base.yaml").write_text(
        "sources:\n"
        "  - {id: old-list, name: List, complete_to: 2022-10-31, priority: 100}\n"
        "  - {id: snap, name: Snapshot, complete_to: 2026-06-15, priority: 50}\n"
        "jurisdictions:\n  - {id: LB, name: Lebanon, adjectives: [Lebanese]}\n"
        "offices:\n"
        "  - {id: lb.head-of-state, name: President, jurisdiction: LB, group: head-of-state,"
        " titles: [President], complete_from: 1990-01-01, source: old-list}\n"
        "people:\n  - {id: x, name: Ann Old}\n  - {id: y, name: Bob New}\n"
        "terms:\n"
        "  - {person: x, office: lb.head-of-state, start: 2016-10-31, end: 2022-10-31,"
        " source: old-list}\n"
        "  - {person: y, office: lb.head-of-state, start: 2025-01-09, source: snap}\n",
        encoding="utf-8",
    )
    assert load_knowledge(tmp_path).coverage("lb.head-of-state")[1] == date(2022, 10, 31)
    assert not load_knowledge(tmp_path).covered("lb.head-of-state", date(2023, 6, 1))
    (tmp_path / "vacancies.yaml").write_text(
        "vacancies:\n"
        "  - {office: lb.head-of-state, start: 2022-11-01, end: 2025-01-08, sources: [old-list]}\n",
        encoding="utf-8",
    )
    kb = load_knowledge(tmp_path)
    assert kb.coverage("lb.head-of-state")[1] == date(2026, 6, 15)
    assert kb.covered("lb.head-of-state", date(2023, 6, 1))
    assert kb.holders("lb.head-of-state", date(2023, 6, 1)) == []
    vacancy = kb.vacant("lb.head-of-state", date(2023, 6, 1))
    assert vacancy is not None and vacancy.sources == ("old-list",)
    assert kb.vacant("lb.head-of-state", date(2025, 1, 9)) is None


def test_an_abolished_office_is_known_to_be_empty_up_to_the_newest_source(
    tmp_path: Path,
) -> None:
    root = _kb(
        tmp_path,
        "people:\n  - {id: x, name: Ann Old}\n"
        "terms:\n"
        "  - {person: x, office: gb.head-of-government, start: 2016-05-24, end: 2018-07-09,"
        " source: a}\n"
        "vacancies:\n"
        "  - {office: gb.head-of-government, start: 2018-07-10, sources: [a], note: abolished}\n",
    )
    kb = load_knowledge(root)
    assert kb.coverage("gb.head-of-government")[1] == date(2026, 6, 15)  # source b's date


@pytest.mark.parametrize(
    ("entry", "problem"),
    [
        ("{office: gb.nowhere, start: 2020-01-01, sources: [a]}", "unknown office 'gb.nowhere'"),
        ("{office: gb.head-of-government, start: 2020-01-01, sources: [z]}", "unknown source"),
        ("{office: gb.head-of-government, start: 2020-01-01, sources: []}", "needs its sources"),
        (
            "{office: gb.head-of-government, start: 2020-01-01, end: 2019-01-01, sources: [a]}",
            "ends before it starts",
        ),
    ],
)
def test_a_bad_vacancy_is_an_error_naming_the_file(
    tmp_path: Path, entry: str, problem: str
) -> None:
    root = _kb(tmp_path, f"vacancies:\n  - {entry}\n")
    with pytest.raises(KnowledgeError, match=problem) as error:
        load_knowledge(root)
    assert str(error.value).startswith(str(root / "extra.yaml"))
