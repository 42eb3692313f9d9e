"""People and offices at the story date, against the small test KB (tests/engine/fixtures/kb)."""

from __future__ import annotations

from datetime import date

from bot.engine import check


def _flags(ruleset, doc, text: str, day: date) -> list[tuple[str, str]]:
    return [(f.quote, f.category.value) for f in check(doc(text, day), ruleset)]


def test_former_president_with_current_title_is_an_anachronism(test_ruleset, doc) -> None:
    found = check(doc("President Joe Biden spoke on Tuesday.", date(2025, 7, 29)), test_ruleset)
    assert [(f.quote, f.category.value) for f in found] == [("President Joe Biden", "anachronism")]
    finding = found[0]
    assert finding.suggestion == "President Donald Trump"
    assert "January 20, 2025" in finding.message
    evidence = "; ".join(map(str, finding.evidence))
    assert "test-facts" in evidence or "Copydesk test facts" in evidence


def test_same_title_is_right_when_the_story_is_old(test_ruleset, doc) -> None:
    assert (
        _flags(test_ruleset, doc, "President Joe Biden spoke on Tuesday.", date(2023, 5, 16)) == []
    )


def test_historical_markers_keep_silent(test_ruleset, doc) -> None:
    day = date(2025, 7, 29)
    for text in (
        "Former President Joe Biden spoke on Tuesday.",
        "then-President Joe Biden signed it.",
        "The plan was drafted under President Joe Biden.",
        "In 2023, President Joe Biden signed the order.",
        "Katherine Tai, who served under President Joe Biden, criticised it.",
    ):
        assert _flags(test_ruleset, doc, text, day) == [], text


def test_stale_snapshot_is_overridden_by_the_reviewed_end_date(test_ruleset, doc) -> None:
    # the old snapshot says Yellen is "still in office"; the reviewed fact ends her term
    found = _flags(
        test_ruleset,
        doc,
        "Treasury Secretary Janet Yellen met bankers on Tuesday.",
        date(2025, 6, 3),
    )
    assert found == [("Treasury Secretary Janet Yellen", "anachronism")]


def test_wrong_title_names_the_actual_office(test_ruleset, doc) -> None:
    found = check(
        doc("Commerce Secretary Jamieson Greer testified.", date(2025, 4, 10)), test_ruleset
    )
    assert [(f.quote, f.category.value) for f in found] == [
        ("Commerce Secretary Jamieson Greer", "title")
    ]
    assert "Trade Representative" in found[0].message
    assert "Howard Lutnick" in found[0].message
    assert found[0].suggestion == "U.S. Trade Representative Jamieson Greer"


def test_jurisdiction_adjective_pins_the_office(test_ruleset, doc) -> None:
    day = date(2025, 2, 10)
    assert _flags(test_ruleset, doc, "British Prime Minister Rishi Sunak spoke.", day) == [
        ("British Prime Minister Rishi Sunak", "anachronism")
    ]
    assert _flags(test_ruleset, doc, "British Prime Minister Keir Starmer spoke.", day) == []


def test_handover_day_is_not_flagged(test_ruleset, doc) -> None:
    assert _flags(test_ruleset, doc, "German Chancellor Olaf Scholz spoke.", date(2025, 5, 6)) == []
    assert _flags(test_ruleset, doc, "German Chancellor Olaf Scholz spoke.", date(2025, 6, 1)) == [
        ("German Chancellor Olaf Scholz", "anachronism")
    ]


def test_elect_title_after_inauguration(test_ruleset, doc) -> None:
    text = "President-elect Donald Trump named an envoy on Friday."
    assert _flags(test_ruleset, doc, text, date(2024, 12, 1)) == []
    assert _flags(test_ruleset, doc, text, date(2025, 3, 1)) == [
        ("President-elect Donald Trump", "anachronism")
    ]


def test_unknown_people_are_never_wrong(test_ruleset, doc) -> None:
    assert _flags(test_ruleset, doc, "Treasury Secretary Jane Roe spoke.", date(2025, 7, 29)) == []


def test_administration_of_a_former_president(test_ruleset, doc) -> None:
    day = date(2025, 7, 29)
    found = check(
        doc("The talks come as the Biden administration weighs new rules.", day), test_ruleset
    )
    assert [(f.quote, f.suggestion) for f in found] == [
        ("Biden administration", "Trump administration")
    ]
    # past the opening paragraphs a past verb is history; in the lede it is the story's news
    later = (
        "Chip makers met on Monday.\n\nPrices rose.\n\nThe Biden administration imposed the rules."
    )
    assert _flags(test_ruleset, doc, later, day) == []
    assert _flags(test_ruleset, doc, "The Biden administration imposed the rules.", day) == [
        ("Biden administration", "anachronism")
    ]
    assert (
        _flags(test_ruleset, doc, "The rules date from the Biden administration in 2024.", day)
        == []
    )


def test_later_bare_mentions_yield_one_finding_and_a_note(test_ruleset, doc) -> None:
    # one error, one later finding: the second later "Biden" is named in its note
    text = (
        "President Joe Biden met envoys on Monday. Biden on Tuesday denied the report. "
        "Biden said on Wednesday that talks would go on."
    )
    found = check(doc(text, date(2025, 7, 29)), test_ruleset)
    assert [(f.quote, f.rule) for f in found] == [
        ("President Joe Biden", "people.title-out-of-term"),
        ("Biden", "people.later-mention-of-miscast-person"),
    ]
    assert "names them 2 more times below (“Biden”)" in found[0].message
    assert found[1].start == text.index("Biden on Tuesday")
    assert "names them once more below (“Biden”)" in found[1].message


def test_a_later_mention_is_silent_when_the_first_is_not_an_error(test_ruleset, doc) -> None:
    text = "President Joe Biden met envoys in 2023. Biden on Tuesday denied the report."
    assert check(doc(text, date(2025, 7, 29)), test_ruleset) == []


def test_misspelled_name_with_a_fitting_title(test_ruleset, doc) -> None:
    found = check(doc("Treasury Secretary Scott Bessant spoke.", date(2025, 6, 5)), test_ruleset)
    assert [(f.quote, f.category.value, f.suggestion) for f in found] == [
        ("Scott Bessant", "name", "Scott Bessent")
    ]


def test_other_real_people_and_unknown_names_are_not_misspellings(test_ruleset, doc) -> None:
    day = date(2025, 6, 5)
    assert _flags(test_ruleset, doc, "Samsung chairman Lee Jae-yong visited.", day) == []
    assert _flags(test_ruleset, doc, "Scott Bassett, a farmer, spoke to reporters.", day) == []


def test_platform_attribution_resolves_he_to_the_previous_subject(test_ruleset, doc) -> None:
    text = "Xi Jinping met officials. He posted on Truth Social that talks went well."
    assert _flags(test_ruleset, doc, text, date(2025, 7, 29)) == [
        ("posted on Truth Social", "attribution")
    ]
    ok = "Donald Trump met officials. He posted on Truth Social that talks went well."
    assert _flags(test_ruleset, doc, ok, date(2025, 7, 29)) == []


def test_after_the_sources_end_a_former_holder_with_a_successor_is_still_wrong(
    test_ruleset, doc
) -> None:
    # the test facts are complete to 2025-12-31; in 2026 only proven facts may flag
    day = date(2026, 3, 2)
    assert _flags(test_ruleset, doc, "Treasury Secretary Janet Yellen spoke.", day) == [
        ("Treasury Secretary Janet Yellen", "anachronism")
    ]
    # a new appointment after the KB's horizon cannot be excluded: a title error stays silent
    assert _flags(test_ruleset, doc, "Commerce Secretary Jamieson Greer spoke.", day) == []


def test_a_future_holder_is_an_anachronism(test_ruleset, doc) -> None:
    assert _flags(
        test_ruleset, doc, "Treasury Secretary Scott Bessent spoke on Tuesday.", date(2024, 5, 1)
    ) == [("Treasury Secretary Scott Bessent", "anachronism")]
    # a later holder is only wrong where the copy plainly speaks of now
    assert (
        _flags(test_ruleset, doc, "Treasury Secretary Scott Bessent spoke.", date(2024, 5, 1)) == []
    )


def test_short_form_resolves_to_the_one_officeholder_among_namesakes(test_ruleset, doc) -> None:
    text = "Xi Jinping spoke in Beijing, while Trump wrote on Truth Social that talks had stalled."
    assert _flags(test_ruleset, doc, text, date(2025, 7, 29)) == []


def test_qualified_titles_are_other_offices(test_ruleset, doc) -> None:
    day = date(2025, 7, 29)
    for text in (
        "Deputy Prime Minister Rishi Sunak spoke.",
        "Vice Chancellor Olaf Scholz spoke.",
        "Shadow Chancellor Olaf Scholz spoke.",
        "state Sen. Marco Rubio spoke.",
        "Lt. Gov. Gavin Newsom spoke.",
        "U.S. Deputy Secretary of State Marco Rubio spoke.",
    ):
        assert _flags(test_ruleset, doc, text, day) == [], text


def test_a_title_of_another_body_is_not_a_wrong_title(test_ruleset, doc) -> None:
    # "Commerce Secretary" of a company or party is not the U.S. office
    day = date(2025, 4, 10)
    text = "Officials said Acme Commerce Secretary Jamieson Greer spoke."
    assert _flags(test_ruleset, doc, text, day) == []
    assert _flags(
        test_ruleset, doc, "On Tuesday, Commerce Secretary Jamieson Greer spoke.", day
    ) == [("Commerce Secretary Jamieson Greer", "title")]


def test_a_dead_persons_title_is_history(test_ruleset, doc) -> None:
    text = "Mourners gathered for Chinese Premier Li Keqiang on Thursday."
    assert _flags(test_ruleset, doc, text, date(2023, 9, 1)) == [
        ("Chinese Premier Li Keqiang", "anachronism")
    ]
    assert _flags(test_ruleset, doc, text, date(2023, 11, 2)) == []


def test_formal_first_names_and_initials_are_not_misspellings(test_ruleset, doc) -> None:
    day = date(2019, 6, 10)
    for text in (
        "Treasury Secretary Steven Mnuchin said talks would go on.",
        "Treasury Secretary Steven T. Mnuchin said talks would go on.",
        "Treasury Secretary Steve Mnuchin said talks would go on.",
    ):
        assert _flags(test_ruleset, doc, text, day) == [], text
    assert _flags(test_ruleset, doc, "Treasury Secretary Steven Mnuchn said.", day) == [
        ("Steven Mnuchn", "name")
    ]


def test_a_missing_space_after_a_name_is_suggested_as_such(test_ruleset, doc) -> None:
    (finding,) = check(
        doc("Treasury Secretary Scott Bessenton Monday said no.", date(2025, 6, 5)), test_ruleset
    )
    assert (finding.quote, finding.suggestion) == ("Scott Bessenton", "Scott Bessent on")


def test_a_name_window_never_spans_a_sentence_end(test_ruleset, doc) -> None:
    text = (
        "Ursula von der Leyen spoke in Brussels about tariffs from the US.\n"
        "Von der Leyen's comments came after the announcement."
    )
    assert _flags(test_ruleset, doc, text, date(2025, 4, 3)) == []


def test_appositive_titles(test_ruleset, doc) -> None:
    day = date(2025, 6, 20)
    found = check(
        doc("Olaf Scholz, the German chancellor, said on Tuesday that talks failed.", day),
        test_ruleset,
    )
    assert [(f.quote, f.category.value, f.suggestion) for f in found] == [
        (
            "Olaf Scholz, the German chancellor",
            "anachronism",
            "Friedrich Merz, the German chancellor",
        )
    ]
    for text in (
        "Olaf Scholz, the former German chancellor, said on Tuesday that talks failed.",
        "Friedrich Merz, the German chancellor, said on Tuesday that talks failed.",
        "Olaf Scholz, the chancellor's predecessor, said on Tuesday that talks failed.",
    ):
        assert _flags(test_ruleset, doc, text, day) == [], text


def test_title_comma_name_appositive(test_ruleset, doc) -> None:
    day = date(2025, 2, 10)
    assert _flags(test_ruleset, doc, "Britain's prime minister, Rishi Sunak, said no.", day) == [
        ("Britain's prime minister, Rishi Sunak", "anachronism")
    ]
    # a comma that only separates clauses does not attach the title to the name
    assert (
        _flags(test_ruleset, doc, "Asked about the prime minister, Rishi Sunak said no.", day) == []
    )


def test_a_possessive_adjective_pins_the_country_with_either_apostrophe(test_ruleset, doc) -> None:
    day = date(2025, 2, 10)
    for apostrophe in ("'", "’"):
        text = f"Britain{apostrophe}s Prime Minister Rishi Sunak said no on Monday."
        assert _flags(test_ruleset, doc, text, day) == [
            (f"Britain{apostrophe}s Prime Minister Rishi Sunak", "anachronism")
        ], text


def test_a_dead_officeholder_acting_in_the_news_is_still_wrong(test_ruleset, doc) -> None:
    text = "Chinese Premier Li Keqiang said on Tuesday that growth would pick up."
    assert _flags(test_ruleset, doc, text, date(2025, 3, 4)) == [
        ("Chinese Premier Li Keqiang", "anachronism")
    ]
