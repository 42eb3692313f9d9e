"""Names from data: the index generates the spellings copy uses from the `names:` rules
(honorifics, particles, transliterations, regnal titles, nicknames)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bot.document import load_document
from bot.engine import Ruleset, check, load_ruleset
from bot.errors import KnowledgeError
from bot.kb.index import KnowledgeIndex
from bot.kb.load import load_knowledge
from bot.kb.query import resolve

KB = """
sources:
  - {id: s, name: Test facts, complete_to: 2026-06-30}
jurisdictions:
  - {id: EG, name: Egypt}
  - {id: VA, name: Holy See}
offices:
  - {id: eg.head-of-state, name: President of Egypt, jurisdiction: EG, group: head-of-state,
     titles: [President], complete_from: 2014-01-01, source: s}
  - {id: va.pope, name: Pope, jurisdiction: VA, group: religious, titles: [Pope],
     complete_from: 2000-01-01, source: s}
people:
  - {id: sisi, name: Abdel Fattah el-Sisi}
  - {id: assad, name: Bashar al-Assad, short: [Assad]}
  - {id: mbs, name: Mohammed bin Salman, short: [MBS]}
  - {id: leo, name: Leo XIV}
  - {id: sheikh, name: Sheikh Tamim bin Hamad Al Thani}
  - {id: bibi, name: Benjamin Netanyahu, short: [Netanyahu]}
  - {id: lukashenka, name: Alexander Lukashenka, short: [Lukashenka]}
  # a real person whose declared name a generated spelling would otherwise take
  - {id: other-ahmad, name: Ahmad Salem}
  - {id: ahmed, name: Ahmed Salem}
terms:
  - {person: sisi, office: eg.head-of-state, start: 2014-06-08, source: s}
  - {person: leo, office: va.pope, start: 2025-05-08, source: s}
"""

RULES = """
names:
  honorifics: [Sir, Sheikh, Ayatollah, Pope]
  particles:
    - {forms: [al-, el-, Al-, El-, "al "], droppable: true, short: true}
    - {forms: ["bin ", "Bin ", "ibn "]}
  transliterations:
    - [Mohammed, Mohammad, Muhammad]
    - [Ahmed, Ahmad]
    - [Sisi, Sissi]
    - [Alexander, Aleksandr]
    - [Lukashenka, Lukashenko]
  regnal:
    - {titles: [Pope], offices: [va.pope]}
  nicknames:
    - {person: bibi, forms: [Bibi]}
"""


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeIndex:
    root = tmp_path_factory.mktemp("kb")
    (root / "kb.yaml").write_text(KB, encoding="utf-8")
    (root / "names.yaml").write_text(RULES, encoding="utf-8")
    return KnowledgeIndex(load_knowledge(root))


@pytest.mark.parametrize(
    ("spelling", "person"),
    [
        ("Abdel Fattah el-Sisi", "sisi"),
        ("Abdel Fattah al-Sisi", "sisi"),
        ("Abdel Fattah el-Sissi", "sisi"),
        ("al-Sisi", "sisi"),  # a particle surname stands alone, in each spelling
        ("El-Sisi", "sisi"),
        ("Sisi", "sisi"),
        ("Bashar Assad", "assad"),  # AP drops the particle
        ("Bashar al Assad", "assad"),
        ("Mohammad bin Salman", "mbs"),
        ("Muhammad ibn Salman", "mbs"),
        ("Mohammed Bin Salman", "mbs"),
        ("Sir Mohammed bin Salman", "mbs"),  # an honorific is left out
        ("Pope Leo XIV", "leo"),
        ("Pope Leo", "leo"),  # a regnal title with the name, without its numeral
        ("Tamim bin Hamad Al Thani", "sheikh"),  # a declared honorific, left out
        ("Bibi Netanyahu", "bibi"),
        ("Bibi", "bibi"),
        ("Aleksandr Lukashenko", "lukashenka"),
        ("Lukashenko", "lukashenka"),
    ],
)
def test_spellings_resolve(index: KnowledgeIndex, spelling: str, person: str) -> None:
    assert resolve(index, spelling) == (person,)


def test_the_automaton_finds_generated_spellings_in_running_text(index: KnowledgeIndex) -> None:
    text = "Egypt's al-Sisi met Mohammad bin Salman; Sisi later spoke."
    found = [(h.form, h.people, h.short) for h in index.find_names(text)]
    assert found == [
        ("al-Sisi", ("sisi",), True),
        ("Mohammad bin Salman", ("mbs",), False),
        ("Sisi", ("sisi",), True),
    ]


def test_a_declared_name_is_never_taken_by_a_generated_one(index: KnowledgeIndex) -> None:
    # "Ahmed Salem" would be generated for "Ahmad Salem" and the other way round; each stays
    # the declared name of its own person
    assert resolve(index, "Ahmed Salem") == ("ahmed",)
    assert resolve(index, "Ahmad Salem") == ("other-ahmad",)


def test_transliterated_first_names_are_one_name_for_the_spelling_check(
    index: KnowledgeIndex,
) -> None:
    assert index.same_first_name("aleksandr", "alexander")
    assert index.same_first_name("bibi", "benjamin")
    assert not index.same_first_name("aleksandr", "benjamin")


def test_unknown_strings_resolve_to_nobody(index: KnowledgeIndex) -> None:
    assert resolve(index, "Sir Nobody Known") == ()
    assert resolve(index, "Sisie") == ()


@pytest.mark.parametrize(
    ("rules", "message"),
    [
        ("names: {transliterations: [[Mohammed]]}", "needs two spellings"),
        ("names: {nicknames: [{person: nobody, forms: [X]}]}", "unknown person 'nobody'"),
        ("names: {regnal: [{titles: [King], offices: [xx.king]}]}", "unknown office 'xx.king'"),
        ("names: {honorifics: [Sir], suffixes: [Jr.]}", "unknown field `suffixes`"),
    ],
)
def test_bad_rules_are_clear_errors(tmp_path: Path, rules: str, message: str) -> None:
    (tmp_path / "kb.yaml").write_text(KB, encoding="utf-8")
    (tmp_path / "names.yaml").write_text(rules, encoding="utf-8")
    with pytest.raises(KnowledgeError, match=message) as caught:
        load_knowledge(tmp_path)
    assert "names.yaml" in str(caught.value)


# --- the bundled knowledge base and rules/kb/names.yaml -------------------------------------


@pytest.fixture(scope="module")
def bundled() -> Ruleset:
    return load_ruleset()


@pytest.mark.parametrize(
    ("spelling", "name"),
    [
        ("Sir Keir Starmer", "Keir Starmer"),
        ("al-Sisi", "Abdel Fattah el-Sisi"),
        ("el-Sisi", "Abdel Fattah el-Sisi"),
        ("Sisi", "Abdel Fattah el-Sisi"),
        ("Abdel-Fattah el-Sissi", "Abdel Fattah el-Sisi"),
        ("Ayatollah Ali Khamenei", "Ali Khamenei"),
        ("Mohammad bin Salman", "Mohammed bin Salman"),
        ("Pope Leo XIV", "Leo XIV"),
        ("Pope Leo", "Leo XIV"),
        ("Shahbaz Sharif", "Shehbaz Sharif"),
        ("Aleksandr Lukashenko", "Alexander Lukashenka"),
        ("Bibi Netanyahu", "Benjamin Netanyahu"),
        ("Bashar Assad", "Bashar al-Assad"),
    ],
)
def test_bundled_spellings_resolve(bundled: Ruleset, spelling: str, name: str) -> None:
    kb = bundled.knowledge.kb
    assert [kb.people[p].name for p in resolve(bundled.knowledge, spelling)] == [name]


@pytest.mark.parametrize(
    "text",
    [
        "Saudi Crown Prince Mohammad bin Salman hosted the talks on Tuesday.",
        "Pakistani Prime Minister Shahbaz Sharif said on Friday talks would resume.",
        "Belarusian President Aleksandr Lukashenko said on Friday he would attend.",
        "Egyptian President Abdel-Fattah el-Sissi met the envoy on Tuesday.",
    ],
)
def test_transliterations_are_not_flagged_as_misspellings(bundled: Ruleset, text: str) -> None:
    day = date(2025, 7, 1)
    document = load_document(text, name="story.txt", story_date=day, today=day)
    assert [(f.rule, f.quote) for f in check(document, bundled)] == []
