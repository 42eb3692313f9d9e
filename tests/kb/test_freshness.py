"""Say the as-of: for the offices a check relied on, the date the knowledge base is complete to,
stated in the text and JSON reports, plainly when the story is dated later."""

from __future__ import annotations

import json
import shutil
from datetime import date

import pytest

from bot.document import load_document
from bot.engine import Ruleset, build_ruleset, check_documents
from bot.engine.ruleset import default_rules_dir
from bot.kb.freshness import as_of, statement
from bot.kb.model import OfficeGroup
from bot.report import json as json_report
from bot.report import text as text_report
from bot.report.model import Report

KB = """
sources:
  - {id: cabinet, name: Cabinet list, complete_to: 2025-06-30}
  - {id: congress, name: Congress list, complete_to: 2026-06-15}
jurisdictions:
  - {id: US, name: United States, adjectives: [U.S., US, American]}
  - {id: JP, name: Japan, adjectives: [Japanese]}
offices:
  - {id: us.commerce-secretary, name: United States Secretary of Commerce, jurisdiction: US,
     group: cabinet, titles: [Commerce Secretary], complete_from: 2000-01-01, source: cabinet}
  - {id: us.trade-representative, name: United States Trade Representative, jurisdiction: US,
     group: cabinet, titles: [Trade Representative], complete_from: 2000-01-01, source: cabinet}
  - {id: us.senator, name: United States Senator, jurisdiction: US, group: legislator,
     titles: [Sen., Senator], seats: 100, complete_from: 2000-01-01, source: congress}
  - {id: jp.head-of-government, name: Prime Minister of Japan, jurisdiction: JP,
     group: head-of-government, titles: [Prime Minister], complete_from: 2000-01-01,
     source: congress}
people:
  - {id: greer, name: Jamieson Greer, short: [Greer]}
  - {id: lutnick, name: Howard Lutnick, short: [Lutnick]}
  - {id: cruz, name: Ted Cruz, short: [Cruz]}
terms:
  - {person: greer, office: us.trade-representative, start: 2025-02-26, source: cabinet}
  - {person: lutnick, office: us.commerce-secretary, start: 2025-02-21, source: cabinet}
  - {person: cruz, office: us.senator, start: 2013-01-03, seat: TX, source: congress}
"""


@pytest.fixture(scope="module")
def ruleset(tmp_path_factory: pytest.TempPathFactory) -> Ruleset:
    root = tmp_path_factory.mktemp("rules")
    shutil.copytree(default_rules_dir() / "packs", root / "packs")
    (root / "kb").mkdir()
    (root / "kb" / "kb.yaml").write_text(KB, encoding="utf-8")
    return build_ruleset(root)


def _report(ruleset: Ruleset, text: str, day: date) -> Report:
    document = load_document(text, name="story.txt", story_date=day, today=day)
    (checked,) = check_documents([document], ruleset)
    return Report(document, tuple(checked.findings), 0.0, checked.knowledge)


def test_the_offices_a_document_relies_on_and_their_dates(ruleset: Ruleset) -> None:
    report = _report(
        ruleset,
        "Commerce Secretary Jamieson Greer met Sen. Ted Cruz on Tuesday.",
        date(2025, 9, 2),
    )
    assert [(a.group, a.jurisdiction, a.complete_to) for a in report.knowledge] == [
        (OfficeGroup.CABINET, "US", date(2025, 6, 30)),
        (OfficeGroup.LEGISLATOR, "US", date(2026, 6, 15)),
    ]
    cabinet = report.knowledge[0]
    # the title's office and the office Greer holds
    assert cabinet.offices == ("us.commerce-secretary", "us.trade-representative")


def test_a_story_dated_past_the_knowledge_says_so_plainly(ruleset: Ruleset) -> None:
    report = _report(ruleset, "Howard Lutnick spoke on Tuesday.", date(2025, 9, 2))
    assert report.as_of == (
        "The knowledge base is complete to 2025-06-30 for United States cabinet posts; "
        "this story is dated 2025-09-02: later changes are not checked."
    )


def test_a_story_within_the_knowledge_only_states_the_date(ruleset: Ruleset) -> None:
    report = _report(ruleset, "Howard Lutnick spoke on Tuesday.", date(2025, 5, 2))
    assert report.as_of == (
        "The knowledge base is complete to 2025-06-30 for United States cabinet posts."
    )


def test_stale_and_fresh_groups_in_one_sentence(ruleset: Ruleset) -> None:
    report = _report(
        ruleset, "Howard Lutnick and Sen. Ted Cruz spoke on Tuesday.", date(2025, 9, 2)
    )
    assert report.as_of == (
        "The knowledge base is complete to 2025-06-30 for United States cabinet posts; "
        "this story is dated 2025-09-02: later changes are not checked. "
        "It is complete to 2026-06-15 for United States legislators."
    )


def test_no_people_no_statement(ruleset: Ruleset) -> None:
    report = _report(ruleset, "The committee met on Tuesday.", date(2025, 9, 2))
    assert (report.knowledge, report.as_of) == ((), "")


def test_text_and_json_reports_state_it(ruleset: Ruleset) -> None:
    report = _report(ruleset, "Howard Lutnick spoke on Tuesday.", date(2025, 9, 2))
    assert "  The knowledge base is complete to 2025-06-30" in text_report.render([report])
    (document,) = json.loads(json_report.render([report]))["documents"]
    assert document["knowledge"] == {
        "statement": report.as_of,
        "complete_to": [
            {
                "group": "cabinet",
                "jurisdiction": "US",
                "label": "United States cabinet posts",
                "complete_to": "2025-06-30",
                "story_date_is_later": True,
            }
        ],
    }


def test_a_group_is_as_fresh_as_its_stalest_office(ruleset: Ruleset) -> None:
    kb = ruleset.knowledge.kb
    (cabinet,) = as_of(kb, ["us.commerce-secretary", "us.trade-representative"])
    assert cabinet.complete_to == date(2025, 6, 30)
    assert statement((), date(2025, 1, 1)) == ""
    assert as_of(kb, ["no.such-office"]) == ()
