"""Dates, consistency, boilerplate and cross-source checks on real sentences."""

from __future__ import annotations

from datetime import date

from bot.engine import check, check_batch


def _quotes(ruleset, document) -> list[str]:
    return [f.quote for f in check(document, ruleset)]


def test_weekday_mismatch_names_the_real_weekday(test_ruleset, doc) -> None:
    found = check(
        doc("The vote took place on Monday, March 3, 2025.", date(2025, 3, 5)), test_ruleset
    )
    assert found == []
    found = check(
        doc("The vote took place on Sunday, March 3, 2025.", date(2025, 3, 5)), test_ruleset
    )
    assert [f.quote for f in found] == ["Sunday, March 3, 2025"]
    assert found[0].suggestion == "Monday, March 3, 2025"


def test_impossible_dates(test_ruleset, doc) -> None:
    day = date(2025, 3, 1)
    assert _quotes(test_ruleset, doc("Results are due on April 31.", day)) == ["April 31"]
    assert _quotes(test_ruleset, doc("It began on February 29, 2025.", day)) == [
        "February 29, 2025"
    ]
    assert _quotes(test_ruleset, doc("It began on February 29, 2024.", day)) == []


def test_may_as_a_verb_is_not_a_date(test_ruleset, doc) -> None:
    assert _quotes(test_ruleset, doc("Officials may 31 times revise it.", date(2025, 3, 1))) == []


def test_duration_contradiction_points_at_the_first_mention(test_ruleset, doc) -> None:
    text = "Both sides agreed a 60-day pause. Officials said the 90-day pause would help."
    found = check(doc(text, date(2025, 5, 1)), test_ruleset)
    assert [f.quote for f in found] == ["90-day"]
    assert "60-day" in found[0].message


def test_deadline_contradiction(test_ruleset, doc) -> None:
    text = "The exemption expires on May 9. Exporters want clarity before the deadline of May 19."
    assert _quotes(test_ruleset, doc(text, date(2025, 5, 1))) == ["May 19"]


def test_boilerplate_lines_only(test_ruleset, doc) -> None:
    text = (
        "Markets fell.\n\nRead more: Oil prices slide\n\n"
        "Share this article with a friend, she urged.\n"
    )
    assert _quotes(test_ruleset, doc(text, date(2025, 5, 1))) == ["Read more: Oil prices slide"]


def test_cross_source_flags_the_odd_article_and_cites_the_others(test_ruleset, doc) -> None:
    day = date(2025, 3, 1)
    docs = [
        doc("Negotiators in Nairobi said the ceasefire expires on March 14.", day, "a.txt"),
        doc("The Nairobi ceasefire expires on March 14, negotiators said.", day, "b.txt"),
        doc("In Nairobi, negotiators said the ceasefire expires on March 16.", day, "c.txt"),
    ]
    results = check_batch(docs, test_ruleset)
    assert [[f.quote for f in r] for r in results] == [[], [], ["March 16"]]
    evidence = "; ".join(map(str, results[2][0].evidence))
    assert "a.txt" in evidence and "b.txt" in evidence


def test_cross_source_ignores_articles_on_other_stories(test_ruleset, doc) -> None:
    day = date(2025, 3, 1)
    docs = [
        doc("Negotiators in Nairobi said the ceasefire expires on March 14.", day, "a.txt"),
        doc("The Nairobi ceasefire expires on March 14, negotiators said.", day, "b.txt"),
        doc("A Lisbon football club said its stadium lease expires on March 16.", day, "c.txt"),
    ]
    assert [r for r in check_batch(docs, test_ruleset) if r] == []


def test_offsets_are_into_the_source_for_mrkdwn(test_ruleset) -> None:
    from bot.document import load_document

    source = "*Update:* &amp; the vote was on <https://x.example|Sunday, March 3, 2025>."
    document = load_document(
        source,
        name="slack",
        media_type="text/x-slack-mrkdwn",
        story_date=date(2025, 3, 5),
        today=date(2025, 3, 5),
    )
    found = check(document, test_ruleset)
    assert [f.quote for f in found] == ["Sunday, March 3, 2025"]
    assert source[found[0].start : found[0].end] == found[0].quote


def test_mojibake_is_flagged_with_the_repair(test_ruleset, doc) -> None:
    found = check(doc("Owners of the CafÃ© said prices rose.", date(2025, 3, 1)), test_ruleset)
    assert [(f.quote, f.suggestion) for f in found] == [("CafÃ©", "Café")]
    clean = "Café owners in Zürich and São Paulo said «non» to a ±5% rise; 이재명 agreed."
    assert _quotes(test_ruleset, doc(clean, date(2025, 3, 1))) == []


def test_clean_text_never_loads_ftfy(test_rules_dir) -> None:
    import subprocess
    import sys

    probe = (
        "import sys; from datetime import date; from pathlib import Path;"
        "from bot.document import load_document; from bot.engine import check, build_ruleset;"
        f"rs = build_ruleset(Path({str(test_rules_dir)!r}));"
        "check(load_document('Café owners in Zürich met on Monday.', name='x',"
        " story_date=date(2025, 3, 3), today=date(2025, 3, 3)), rs);"
        "print('ftfy' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_duration_written_after_the_noun(test_ruleset, doc) -> None:
    text = "They agreed a truce lasting 90 days. Officials said the 60-day truce was fragile."
    assert _quotes(test_ruleset, doc(text, date(2025, 5, 1))) == ["60-day"]
