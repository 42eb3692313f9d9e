"""The reading model's cues carry their examples, like rules: one test walks every example of
every cue, so adding a cue needs no test code. Failures say which frame and cue were read."""

from __future__ import annotations

import functools
import shutil
from datetime import date
from pathlib import Path

import pytest

from bot.engine.reading import Frame, ReadingModel, load_reading_model
from bot.engine.reading.reader import example_document
from bot.engine.ruleset import default_rules_dir
from bot.errors import RuleError

DEFAULT_DAY = date(2025, 7, 29)


@functools.cache
def _model() -> ReadingModel:
    return load_reading_model(default_rules_dir() / "reading")


def _examples() -> list[tuple[str, int]]:
    return [(c.id, i) for c in _model().cues for i in range(len(c.spec.examples))]


@pytest.mark.parametrize(("cue_id", "number"), _examples())
def test_cue_example(cue_id: str, number: int) -> None:
    model = _model()
    cue = model.cue(cue_id)
    example = cue.spec.examples[number]
    assert example.mention in example.text, "the mention must be written in the text"
    document = example_document(example.text, example.story_date or DEFAULT_DAY)
    start = example.text.index(example.mention)
    reading = model.read(
        document,
        start,
        start + len(example.mention),
        dead=example.dead,
        titled=example.titled,
        administration=example.administration,
    )
    expected_cue = example.cue or (cue.id if example.frame is cue.spec.frame else None)
    assert reading.frame is example.frame, f"{example.text!r}: read {reading.describe()}"
    if expected_cue is not None:
        assert reading.cue == expected_cue, f"{example.text!r}: read {reading.describe()}"


def test_every_cue_has_an_example_of_its_own_frame() -> None:
    for cue in _model().cues:
        assert any(e.frame is cue.spec.frame for e in cue.spec.examples), cue.id


def test_a_year_qualifies_its_own_clause_only() -> None:
    model = _model()
    text = "Secretary of State Antony Blinken said on Monday that the 2024 deal had failed."
    document = example_document(text, date(2025, 7, 28))
    reading = model.read(document, 0, len("Secretary of State Antony Blinken"))
    assert (reading.frame, reading.cue, reading.evidence) == (
        Frame.CURRENT,
        "present-anchor",
        "on Monday",
    )
    earlier = "Secretary of State Antony Blinken said in 2024 that the deal had failed."
    reading = model.read(example_document(earlier, date(2025, 7, 28)), 0, 33)
    assert (reading.frame, reading.evidence) == (Frame.HISTORICAL, "2024")


def test_a_clause_that_names_its_day_carries_it() -> None:
    text = "He had a meeting with National Security Advisor John Bolton on July 10."
    document = example_document(text, date(2019, 10, 30))
    start = text.index("National")
    reading = _model().read(document, start, text.index(" on July"))
    assert reading.on == date(2019, 7, 10)


def test_a_mention_after_a_complement_adjective_is_its_clauses_subject() -> None:
    text = "By now it is clear the Bush administration is stalling."
    start = text.index("Bush")
    reading = _model().read(example_document(text, date(2014, 5, 4)), start, start + 19)
    assert (reading.cue, reading.evidence, reading.subject) == ("present-verb", "is", True)
    plain = "By now it is a fact of life for the Bush administration."
    start = plain.index("Bush")
    reading = _model().read(example_document(plain, date(2014, 5, 4)), start, start + 19)
    assert not reading.subject


def test_a_month_without_a_year_is_the_last_such_month_or_one_of_the_next_two() -> None:
    from bot.engine.reading.reader import _month_span

    assert _month_span("In May", date(2017, 6, 20)) == (date(2017, 5, 1), date(2017, 5, 31))
    assert _month_span("in late December", date(2017, 2, 1)) == (
        date(2016, 12, 1),
        date(2016, 12, 31),
    )
    assert _month_span("In January", date(2016, 12, 5)) == (date(2017, 1, 1), date(2017, 1, 31))
    assert _month_span("In June", date(2017, 6, 2)) == (date(2017, 6, 1), date(2017, 6, 30))


def test_a_former_relation_dates_the_relation_not_the_title() -> None:
    text = "A former adviser to Senator Ann Roe spoke on Tuesday."
    start = text.index("Senator")
    reading = _model().read(example_document(text, date(2019, 9, 26)), start, start + 16)
    assert (reading.frame, reading.cue, reading.relation) == (
        Frame.HISTORICAL,
        "former-title",
        True,
    )
    own = "Former Senator Ann Roe spoke on Tuesday."
    reading = _model().read(example_document(own, date(2019, 9, 26)), 7, 23)
    assert (reading.cue, reading.relation) == ("former-title", False)


def test_quoted_words_are_read_on_their_own() -> None:
    model = _model()
    text = "“By now the Bush administration is playing games,” Rep. Ann Lowe said on Friday."
    document = example_document(text, date(2014, 5, 4))
    start = text.index("Bush administration")
    end = start + len("Bush administration")
    assert model.read(document, start, end, administration=True).frame is Frame.QUOTED
    inner = model.read_quoted(document, start, end)
    assert inner is not None
    assert (inner.frame, inner.cue, inner.evidence, inner.subject) == (
        Frame.CURRENT,
        "present-verb",
        "is",
        True,
    )
    past = "“The Bush administration left a mess,” Rep. Ann Lowe said on Friday."
    inner = model.read_quoted(example_document(past, date(2014, 5, 4)), 4, 23)
    assert inner is not None and not inner.speaks_of_now
    outside = "The Bush administration is playing games, Rep. Ann Lowe said on Friday."
    assert model.read_quoted(example_document(outside, date(2014, 5, 4)), 4, 23) is None


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("“President Tom Hale is stalling on the pipeline,” the senator said.", "present-verb"),
        ("“President Tom Hale will have to answer for this,” the senator said.", "future-verb"),
        ("“President Tom Hale signed it on Tuesday,” the senator said.", "present-anchor"),
        # a past verb opens the quoted words (their "lede"), and "said" narrates: neither says now
        ("“President Tom Hale signed it,” the senator said.", None),
        ("“President Tom Hale said it was over,” the senator said.", None),
        # not the subject: spoken of, not acting
        ("“We are still cleaning up after President Tom Hale,” the senator said.", None),
    ],
)
def test_only_a_dating_cue_makes_quoted_words_speak_of_now(text: str, cue: str | None) -> None:
    start = text.index("President")
    end = start + len("President Tom Hale")
    inner = _model().quoted_now(example_document(text, date(2018, 4, 9)), start, end)
    assert (inner.cue if inner else None) == cue


def _copy(tmp_path: Path) -> Path:
    folder = tmp_path / "reading"
    shutil.copytree(default_rules_dir() / "reading", folder)
    return folder


def test_a_malformed_cue_names_the_file_line_and_cue(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    (folder / "extra.yaml").write_text(
        "description: one more cue\n"
        "cues:\n"
        "  - id: broken-cue\n"
        "    frame: historicl\n"
        "    scope: clause\n"
        "    why: w\n"
        "    patterns: ['x']\n"
        "    examples: [{text: t x, mention: t, frame: unknown}]\n",
        encoding="utf-8",
    )
    with pytest.raises(RuleError) as caught:
        load_reading_model(folder)
    message = str(caught.value)
    assert "extra.yaml:4" in message
    assert "broken-cue" in message
    assert "historicl" in message or "frame" in message


def test_an_invalid_pattern_is_refused_with_its_line(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    (folder / "extra.yaml").write_text(
        "description: one more cue\n"
        "cues:\n"
        "  - id: bad-pattern\n"
        "    frame: historical\n"
        "    scope: clause\n"
        "    why: w\n"
        "    patterns: ['(unclosed']\n"
        "    examples: [{text: t x, mention: t, frame: historical}]\n",
        encoding="utf-8",
    )
    with pytest.raises(RuleError) as caught:
        load_reading_model(folder)
    assert "extra.yaml:7" in str(caught.value)
    assert "bad-pattern" in str(caught.value)


def test_a_folder_without_a_lexicon_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "reading"
    folder.mkdir()
    with pytest.raises(RuleError, match="lexicon"):
        load_reading_model(folder)


def test_a_rules_folder_without_cues_reads_with_the_bundled_ones(tmp_path: Path) -> None:
    from bot.engine import build_ruleset

    root = tmp_path / "rules"
    shutil.copytree(default_rules_dir() / "packs", root / "packs")
    shutil.copytree(default_rules_dir() / "kb", root / "kb")
    ruleset = build_ruleset(root)
    assert [c.id for c in ruleset.reading.cues] == [c.id for c in _model().cues]
