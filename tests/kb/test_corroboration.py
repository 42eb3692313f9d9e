"""A change of holder that rests on one unchecked source is "check" (a warning), not an error.

The knowledge base below mirrors the shared data: a reviewed list of prime ministers that stops
in mid-2025, and a scraped list of current leaders whose facts after January 2025 nobody checked
and which alone says the prime minister changed on 2026-07-20.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from bot.document import load_document
from bot.engine import Ruleset, build_ruleset, check
from bot.engine.finding import Finding, Severity
from bot.engine.ruleset import default_rules_dir

KB = """
sources:
  - {id: reviewed, name: Reviewed list of prime ministers, complete_to: 2025-06-30, priority: 100}
  - {id: scraped, name: Scraped leaders list, url: "https://example.org/leaders",
     complete_to: 2026-08-22, checked_to: 2025-01-31}
  - {id: treasury, name: Treasury ministers, complete_to: 2026-08-31, priority: 100}
jurisdictions:
  - {id: GB, name: United Kingdom, adjectives: [British, "Britain's"]}
offices:
  - {id: gb.head-of-government, name: Prime Minister of the United Kingdom, jurisdiction: GB,
     group: head-of-government, titles: [Prime Minister], complete_from: 2000-01-01,
     source: reviewed}
  - {id: gb.finance-minister, name: Chancellor of the Exchequer, jurisdiction: GB,
     group: finance-minister, titles: [Chancellor of the Exchequer], complete_from: 2000-01-01,
     source: treasury}
people:
  - {id: rishi-sunak, name: Rishi Sunak, short: [Sunak]}
  - {id: keir-starmer, name: Keir Starmer, short: [Starmer]}
  - {id: andy-burnham, name: Andy Burnham, short: [Burnham]}
  - {id: rachel-reeves, name: Rachel Reeves, short: [Reeves]}
terms:
  - {person: rishi-sunak, office: gb.head-of-government, start: 2022-10-25, end: 2024-07-05,
     source: reviewed}
  - {person: keir-starmer, office: gb.head-of-government, start: 2024-07-05, source: reviewed}
  - {person: rachel-reeves, office: gb.finance-minister, start: 2024-07-05, source: treasury}
  - {person: keir-starmer, office: gb.head-of-government, start: 2024-07-05, end: 2026-07-20,
     source: scraped}
  - {person: andy-burnham, office: gb.head-of-government, start: 2026-07-20, source: scraped}
"""

SECOND_SOURCE = """
sources:
  - {id: gazette, name: The Gazette, complete_to: 2026-08-31, priority: 100}
terms:
  - {person: andy-burnham, office: gb.head-of-government, start: 2026-07-20, source: gazette}
"""

AFTER = date(2026, 8, 4)


def _ruleset(tmp_path: Path, *extra: str) -> Ruleset:
    shutil.copytree(default_rules_dir() / "packs", tmp_path / "packs")
    (tmp_path / "kb").mkdir()
    (tmp_path / "kb" / "kb.yaml").write_text(KB, encoding="utf-8")
    for n, text in enumerate(extra):
        (tmp_path / "kb" / f"extra-{n}.yaml").write_text(text, encoding="utf-8")
    return build_ruleset(tmp_path)


def _check(ruleset: Ruleset, text: str, day: date = AFTER) -> list[Finding]:
    return check(load_document(text, name="story.txt", story_date=day, today=day), ruleset)


@pytest.fixture(scope="module")
def one_source(tmp_path_factory: pytest.TempPathFactory) -> Ruleset:
    return _ruleset(tmp_path_factory.mktemp("one"))


def test_terms_say_which_change_rests_on_one_unchecked_source(one_source: Ruleset) -> None:
    kb = one_source.knowledge.kb
    starmer, burnham = kb.terms_by_office["gb.head-of-government"][1:]
    assert (starmer.person, starmer.lone_start, starmer.lone_end) == (
        "keir-starmer",
        None,  # the reviewed list states his start
        "scraped",  # only the scraped list, past its checked period, has him leave
    )
    assert (burnham.lone_start, burnham.corroborated) == ("scraped", False)
    (sunak,) = kb.terms_of("rishi-sunak")
    assert sunak.corroborated


def test_former_holder_after_an_unconfirmed_change_is_a_warning_saying_why(
    one_source: Ruleset,
) -> None:
    (finding,) = _check(
        one_source, "Prime Minister Keir Starmer said on Tuesday talks would go on."
    )
    assert (finding.quote, finding.severity) == ("Prime Minister Keir Starmer", Severity.WARNING)
    assert "only one source has Keir Starmer leave office" in finding.message
    assert "Scraped leaders list" in finding.message
    assert "January 31, 2025" in finding.message


def test_a_government_named_after_him_is_a_warning_too(one_source: Ruleset) -> None:
    (finding,) = _check(one_source, "The move comes as the Starmer government weighs new rules.")
    assert (finding.quote, finding.severity) == ("Starmer government", Severity.WARNING)
    assert "only one source" in finding.message


def test_a_second_source_makes_it_an_error(tmp_path: Path) -> None:
    ruleset = _ruleset(tmp_path, SECOND_SOURCE)
    burnham = ruleset.knowledge.kb.terms_of("andy-burnham")[0]
    starmer = ruleset.knowledge.kb.terms_by_office["gb.head-of-government"][1]
    # the gazette states the successor's start, which agrees with the scraped end
    assert burnham.corroborated and starmer.corroborated
    (finding,) = _check(ruleset, "Prime Minister Keir Starmer said on Tuesday talks would go on.")
    assert (finding.severity, "only one source" in finding.message) == (Severity.ERROR, False)


def test_changes_inside_the_checked_period_stay_errors(one_source: Ruleset) -> None:
    (finding,) = _check(
        one_source,
        "Prime Minister Rishi Sunak said on Tuesday talks would go on.",
        date(2025, 3, 4),
    )
    assert (finding.quote, finding.severity) == ("Prime Minister Rishi Sunak", Severity.ERROR)
    assert "only one source" not in finding.message


def test_before_the_unconfirmed_change_nothing_is_flagged(one_source: Ruleset) -> None:
    text = "Prime Minister Keir Starmer said on Tuesday talks would go on."
    assert _check(one_source, text, date(2026, 7, 10)) == []


def test_a_wrong_title_judged_by_an_unconfirmed_holder_is_a_warning(one_source: Ruleset) -> None:
    (finding,) = _check(one_source, "Prime Minister Rachel Reeves said on Tuesday talks went on.")
    assert (finding.category.value, finding.severity) == ("title", Severity.WARNING)
    assert "only one source has Andy Burnham take office" in finding.message


def test_bundled_kb_keir_starmer_after_the_scraped_handover() -> None:
    """The shared data's one unchecked change of UK prime minister: while no second source
    confirms it, a story calling Starmer prime minister after it is at most a warning."""
    from bot.engine import load_ruleset

    ruleset = load_ruleset()
    kb = ruleset.knowledge.kb
    terms = [
        t
        for t in kb.terms_by_office["gb.head-of-government"]
        if kb.people[t.person].name == "Keir Starmer"
    ]
    text = "Prime Minister Keir Starmer said on Tuesday talks would go on."
    findings = _check(ruleset, text)
    if not all(t.corroborated for t in terms):
        assert [f.severity for f in findings] == [Severity.WARNING]
        assert "only one source" in findings[0].message
