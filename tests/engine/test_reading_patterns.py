"""How news copy refers to time, pattern by pattern, against the bundled knowledge base: each
case is our own sentence, the finding expected (or none) and the cue that decides it.

The cue is checked through `copydesk check --explain`'s data (`bot.engine.explain`), so a case
fails when the right answer comes for the wrong reason.
"""

from __future__ import annotations

import functools
from datetime import date

import pytest

from bot.document import load_document
from bot.engine import Decision, Ruleset, build_ruleset, check, explain
from bot.engine.finding import Finding
from bot.engine.ruleset import default_rules_dir

# Two opening paragraphs keep a sentence out of the lede, where a past verb is the news.
LEDE = "Talks resumed in Geneva.\n\nDelegates arrived early.\n\n"


@functools.cache
def _ruleset() -> Ruleset:
    return build_ruleset(default_rules_dir())


def _read(text: str, day: date, quote: str) -> tuple[list[str], Decision | None]:
    document = load_document(text, name="case", story_date=day, today=day)
    ruleset = _ruleset()
    flagged = [f.quote for f in check(document, ruleset)]
    start = text.index(quote)
    decision = next((d for d in explain([document], ruleset)[0] if d.start <= start < d.end), None)
    return flagged, decision


# (story date, text, the mention, flagged?, the cue that decides)
CASES = [
    # 1. words between "former" and the title
    (
        date(2019, 3, 4),
        "The former Democratic President Barack Obama said on Monday that he backed the plan.",
        "President Barack Obama",
        False,
        "former-title",
    ),
    (
        date(2014, 4, 21),
        "The country's former pro-Russia President Viktor Yanukovych said on Sunday he'd return.",
        "President Viktor Yanukovych",
        False,
        "former-title",
    ),
    # 2. a title for an act at its time
    (
        date(2016, 5, 2),
        "The rule, introduced by President George W. Bush, was struck down on Tuesday.",
        "President George W. Bush",
        False,
        "act-by-then-holder",
    ),
    (
        date(2018, 3, 2),
        "Senators voted on Tuesday to keep Democratic President Barack Obama's policy on drones.",
        "President Barack Obama",
        False,
        "era-of-holder",
    ),
    (
        date(2017, 2, 24),
        "The guidance issued by the Obama administration was withdrawn on Friday.",
        "Obama administration",
        False,
        "act-by-then-holder",
    ),
    # 3. leaving office
    (
        date(2019, 1, 10),
        "Representative Paul Ryan and two other members retired last week.",
        "Representative Paul Ryan",
        False,
        "left-office",
    ),
    # 4. quotations are the speaker's words
    (
        date(2023, 5, 2),
        "“We don't think President Trump broke the law,” a congressman said on Tuesday.",
        "President Trump",
        False,
        "direct-quote",
    ),
    # a title in a quotation is the speaker's courtesy for a person the story is about
    (
        date(2018, 5, 2),
        "Former President Barack Obama toured the port on Monday. “President Obama is a friend "
        "of this city,” the mayor said on Tuesday.",
        "President Obama",
        False,
        "direct-quote",
    ),
    # a month without a year is this year's news, judged on the whole month
    (
        date(2017, 10, 23),
        LEDE + "In August, President Barack Obama pressed for a new college ranking.",
        "President Barack Obama",
        True,
        "recent-month",
    ),
    (
        date(2017, 6, 23),
        LEDE + "In January, President Barack Obama pressed for a new college ranking.",
        "President Barack Obama",
        False,
        "recent-month",
    ),
    # a quotation closed by a double prime (″), as some publishing systems write it, ends there
    (
        date(2018, 5, 9),
        "“The field stays stacked against workers,″ said Sen. Mark Pocan, D-Wis.",
        "Sen. Mark Pocan",
        True,
        None,
    ),
    # 5. present anchors make a past-tense sentence current
    (
        date(2025, 7, 29),
        "Officials in the Biden administration said on Tuesday that talks would go on.",
        "Biden administration",
        True,
        "present-anchor",
    ),
    (
        date(2025, 7, 29),
        LEDE + "A spokesperson for the Biden administration said this week that talks would go on.",
        "Biden administration",
        True,
        "present-anchor",
    ),
    (
        date(2025, 7, 29),
        LEDE + "President Joe Biden told reporters the talks would go on.",
        "President Joe Biden",
        True,
        "present-anchor",
    ),
    (
        date(2025, 7, 29),
        LEDE + "President Joe Biden signed the order.",
        "President Joe Biden",
        False,
        "past-verb",
    ),
    # a clause opened by "that" reads by its own verb; a determiner "that" opens nothing
    (
        date(2019, 9, 9),
        LEDE + "Staff praised a forecaster that contradicted President Barack Obama's warning.",
        "President Barack Obama",
        False,
        "past-verb",
    ),
    (
        date(2019, 9, 9),
        LEDE + "It is a rule that even President Barack Obama didn't want to sign.",
        "President Barack Obama",
        False,
        "past-verb",
    ),
    (
        date(2019, 9, 9),
        LEDE + "Aides warned that framing the race around President Barack Obama is risky.",
        "President Barack Obama",
        True,
        "present-verb",
    ),
    # between the election and the inauguration the winner's team is already the administration
    (
        date(2016, 12, 5),
        LEDE + "Ben Carson was picked on Monday for a post in the Trump administration.",
        "Trump administration",
        False,
        None,
    ),
    # the comma in a number sets off nothing: the that-clause stays subordinate
    (
        date(2018, 9, 2),
        "A senator said that holding back 100,000 pages of his work in the George W. Bush "
        "administration was wrong.",
        "George W. Bush administration",
        False,
        None,
    ),
    # a possessed role with a name set off by commas: the role's verb dates the title
    (
        date(2019, 1, 10),
        LEDE + "President Barack Obama's attorney general nominee, William Barr, is assuring "
        "senators that he will not interfere.",
        "President Barack Obama",
        True,
        "present-verb",
    ),
    # 6. a year qualifies its own phrase
    (
        date(2025, 7, 28),
        "Secretary of State Antony Blinken said on Monday that the 2024 deal had failed.",
        "Secretary of State Antony Blinken",
        True,
        "present-anchor",
    ),
    (
        date(2025, 7, 28),
        "Secretary of State Antony Blinken said in 2024 that the deal had failed.",
        "Secretary of State Antony Blinken",
        False,
        "earlier-time",
    ),
    # 7. successor clauses are history
    (
        date(2023, 2, 7),
        "Sunak, who succeeded Prime Minister Liz Truss in October, spoke in Leeds on Monday.",
        "Prime Minister Liz Truss",
        False,
        "succeeded-holder",
    ),
    # 8. the dead
    (
        date(2023, 11, 7),
        "Queen Elizabeth II on Tuesday opened the new session of Parliament.",
        "Queen Elizabeth II",
        True,
        "present-anchor",
    ),
    (
        date(2023, 9, 8),
        "Mourners laid flowers for Queen Elizabeth II on Friday, a year after her funeral.",
        "Queen Elizabeth II",
        False,
        "remembrance",
    ),
    # 5b. a title with a name is a label of the office now, when nothing in the sentence
    # dates it; anything that looks back (a year, another month, "former" nearby) silences it
    (
        date(2019, 7, 4),
        LEDE + "The plan draws praise from Republicans, including Secretary of State Rex "
        "Tillerson, and from business groups.",
        "Secretary of State Rex Tillerson",
        True,
        "title-as-label",
    ),
    (
        date(2019, 7, 4),
        LEDE + "The 2017 plan draws praise from Republicans, including Secretary of State Rex "
        "Tillerson, and from business groups.",
        "Secretary of State Rex Tillerson",
        False,
        None,
    ),
    (
        date(2019, 7, 4),
        LEDE + "The plan draws praise from former aides and Secretary of State Rex Tillerson, "
        "and from business groups.",
        "Secretary of State Rex Tillerson",
        False,
        None,
    ),
    # last month and the next two are the news; a yearless date a month ahead is this year's
    (
        date(2019, 7, 4),
        LEDE + "The June jobs numbers let Secretary of State Rex Tillerson argue that trade "
        "is growing.",
        "Secretary of State Rex Tillerson",
        True,
        "title-as-label",
    ),
    (
        date(2019, 7, 4),
        LEDE + "Aides prepare a planned Aug. 20 meeting between Chinese officials and Secretary "
        "of State Rex Tillerson.",
        "Secretary of State Rex Tillerson",
        True,
        "title-as-label",
    ),
    (
        date(2019, 7, 4),
        LEDE + "The March jobs numbers let Secretary of State Rex Tillerson argue that trade "
        "is growing.",
        "Secretary of State Rex Tillerson",
        False,
        None,
    ),
    # officials named in one list, joined by "and" or "or", are contemporaries
    (
        date(2020, 4, 22),
        LEDE + "The task for leaders like President Barack Obama or President Emmanuel Macron "
        "will be to restart the economy.",
        "President Barack Obama",
        True,
        "listed-with-holders",
    ),
    # 11. a suggestion never puts a false fact into copy: these stay silent
    (
        date(2024, 5, 6),
        LEDE + "Harper, who worked with President George W. Bush, praised him.",
        "President George W. Bush",
        False,
        None,
    ),
    (
        date(2025, 6, 10),
        LEDE + "The court removed President Yoon Suk Yeol from office on April 4, 2025.",
        "President Yoon Suk Yeol",
        False,
        "succeeded-holder",
    ),
]


@pytest.mark.parametrize(
    ("day", "text", "quote", "flagged", "cue"),
    CASES,
    ids=[c[2] + f"-{i}" for i, c in enumerate(CASES)],
)
def test_reading_pattern(day: date, text: str, quote: str, flagged: bool, cue: str | None) -> None:
    found, decision = _read(text, day, quote)
    assert any(quote in f or f in quote for f in found) is flagged, (found, decision)
    if cue is not None:
        assert decision is not None, f"{quote!r} was not weighed"
        assert f": {cue}" in decision.reading, decision.reading


# 9. names: another first name is another person; possessives and formal first names are the
# same person; a one-letter slip is caught, also in a possessive
NAMES = [
    (date(2019, 6, 4), "Rep. Dan Johnson said on Tuesday the plan would fail.", []),
    (date(2019, 6, 4), "Kenji Fujimori said on Tuesday he would run again.", []),
    (date(2019, 6, 4), "William O'Reilly said on Tuesday he would sue.", []),
    (date(2019, 6, 4), "Donald Trump Jr said on Tuesday he would campaign in Ohio.", []),
    (date(2019, 6, 4), "Treasury Secretary Steven Mnuchin's plan was released on Tuesday.", []),
    (
        date(2019, 6, 4),
        "Treasury Secretary Steven Mnuchn's plan was released on Tuesday.",
        ["Steven Mnuchn"],
    ),
    (date(2019, 6, 4), "The plan draws praise from Nancy Pelossi on Tuesday.", ["Nancy Pelossi"]),
    # "state" ending the paragraph before does not make the next title a state senator's
    (
        date(2013, 11, 17),
        "Candidates flock to the state.\n\nSen. Ted Criz visited last month.",
        ["Ted Criz"],
    ),
]


@pytest.mark.parametrize(("day", "text", "quotes"), NAMES, ids=[n[1][:30] for n in NAMES])
def test_names(day: date, text: str, quotes: list[str]) -> None:
    document = load_document(text, name="case", story_date=day, today=day)
    found = [f.quote for f in check(document, _ruleset())]
    assert [q for q in found if any(q.startswith(x) for x in quotes)] == quotes
    assert len(found) == len(quotes), found


def test_a_capitalised_headline_word_is_no_first_name() -> None:
    # "Rescind Obama" in a title-case headline is not another Obama, whose surname would then
    # stand for someone else all through the story
    text = (
        "Agency To Rescind Obama-Era Rules On School Discipline\n\n"
        "The agency acted on Monday.\n\nMarkets rose.\n\n"
        "President Obama created the school safety commission on Tuesday."
    )
    found = _check(text, date(2018, 12, 18))
    assert [(f.rule, f.quote) for f in found] == [("people.title-out-of-term", "President Obama")]


def test_a_title_tells_a_surname_from_another_person_of_that_name() -> None:
    # "Colbert Bush" makes a later bare "Bush" hers; "President Bush" is still a president
    text = (
        "Rival Colbert Bush made some gains.\n\nThe race tightened.\n\nMarkets rose.\n\n"
        "President Bush signed the bill on Tuesday."
    )
    found = _check(text, date(2013, 5, 8))
    assert [(f.rule, f.quote) for f in found] == [("people.title-out-of-term", "President Bush")]


# 10. wrong titles: an office of the same government the person never held
TITLES = [
    (
        date(2019, 6, 4),
        "Sen. Alexandria Ocasio-Cortez said on Tuesday the bill was too timid.",
        "Sen. Alexandria Ocasio-Cortez",
    ),
    (date(2019, 6, 4), "Rep. Ted Cruz said on Tuesday the bill was too costly.", "Rep. Ted Cruz"),
    # "defeated" here is a verb: it dates nothing and vouches for no title
    (
        date(2017, 2, 27),
        "Tom Perez defeated Sen. Keith Ellison in the race for party chair on Saturday.",
        "Sen. Keith Ellison",
    ),
    # a Senate seat left empty by a death (John McCain, 2018-08-25) still leaves the chamber known
    (
        date(2018, 8, 29),
        "Florida Sen. Ron DeSantis said on Wednesday that he would win.",
        "Sen. Ron DeSantis",
    ),
    # a photo credit on the line before is no organisation whose office the title names
    (
        date(2018, 4, 30),
        "A march in Tijuana. (Photo: AP)\n\nHousing Secretary Jeff Sessions said on Monday "
        "that the march was a threat.",
        "Housing Secretary Jeff Sessions",
    ),
    # a party label before the title describes the person, it names no other body
    (
        date(2019, 6, 4),
        "“It will pass,” GOP Rep. Ted Cruz of Texas told reporters on Tuesday.",
        "Rep. Ted Cruz",
    ),
    (
        date(2013, 10, 18),
        "The deficit is falling, but Republican Rep. Marco Rubio said on Thursday it was too high.",
        "Rep. Marco Rubio",
    ),
    (
        date(2019, 6, 4),
        "Florida Rep. Marco Rubio said on Tuesday the bill was too costly.",
        "Florida Rep. Marco Rubio",
    ),
    (
        date(2019, 6, 4),
        "Treasury Secretary Jerome Powell said on Tuesday that rates would hold.",
        "Treasury Secretary Jerome Powell",
    ),
    (
        date(2023, 5, 2),
        "U.S. Commerce Secretary Antony Blinken arrived in Beijing on Tuesday.",
        "Commerce Secretary Antony Blinken",
    ),
]


@pytest.mark.parametrize(("day", "text", "quote"), TITLES, ids=[t[2] for t in TITLES])
def test_wrong_titles(day: date, text: str, quote: str) -> None:
    document = load_document(text, name="case", story_date=day, today=day)
    found = check(document, _ruleset())
    assert [f.category.value for f in found if quote in f.quote] == ["title"], found


# 12. no cascades: one error, one finding for later mentions, a note for the rest
def test_a_quoted_administration_speaking_of_now_is_a_check_without_suggestion() -> None:
    text = "“The Obama administration will have to answer for this,” the senator said on Monday."
    document = load_document(text, name="q", story_date=date(2018, 4, 9), today=date(2018, 4, 9))
    found = check(document, _ruleset())
    assert [(f.rule, f.quote, f.severity.value, f.suggestion) for f in found] == [
        ("people.quoted-administration-out-of-term", "Obama administration", "warning", None)
    ]
    assert found[0].message.startswith("Check the quote:")
    assert "future-verb «will have to»" in found[0].evidence[-1].fact


def test_a_quoted_former_holder_acting_now_is_a_check_without_suggestion() -> None:
    text = LEDE + "“President Obama is doing all he can for the troops,” the press secretary said."
    day = date(2018, 4, 9)
    found = _check(text, day)
    assert [(f.rule, f.quote, f.severity.value, f.suggestion) for f in found] == [
        ("people.quoted-title-out-of-term", "President Obama", "warning", None)
    ]
    assert "present-verb «is»" in found[0].evidence[-1].fact


def test_a_courtesy_title_for_the_person_the_story_is_about_stays_silent() -> None:
    story = (
        "Former President Barack Obama campaigned in Ohio on Monday. “President Obama is doing "
        "all he can for the party,” an aide said."
    )
    assert _check(LEDE + story, date(2018, 4, 9)) == []


@pytest.mark.parametrize(
    ("day", "flagged"), [(date(2017, 3, 20), ["Secretary of State Kerry"]), (date(2015, 3, 20), [])]
)
def test_a_title_ending_in_a_capitalised_word_is_no_first_name(
    day: date, flagged: list[str]
) -> None:
    # "State" ends the title; it is not a first name that would make "State Kerry" someone else
    text = LEDE + "On Friday, Secretary of State Kerry said the talks would go on."
    found = _check(text, day)
    assert [f.quote for f in found] == flagged


def test_a_misspelling_is_corrected_in_the_form_the_copy_writes() -> None:
    text = "Homeland Security Secretary Kristi Noam visited the border on Tuesday."
    day = date(2025, 7, 29)
    found = _check(text, day)
    assert [(f.quote, f.suggestion) for f in found] == [("Kristi Noam", "Kristi Noem")]


def test_no_cascade_from_one_error() -> None:
    text = (
        "President Joe Biden met envoys in Riyadh on Monday. Biden on Tuesday praised the "
        "talks. Biden said on Wednesday they would resume. Biden later flew home."
    )
    document = load_document(text, name="case", story_date=date(2025, 6, 5), today=date(2025, 6, 5))
    found = check(document, _ruleset())
    assert [f.quote for f in found] == ["President Joe Biden", "Biden"]
    assert "once more below" in found[1].message


def test_a_doubtful_first_mention_does_not_cascade() -> None:
    text = LEDE + (
        "The talks may lead to a meeting between Vice President Biden and the king. Biden has "
        "long backed such talks. Biden thinks they will go on."
    )
    day = date(2020, 5, 9)
    document = load_document(text, name="case", story_date=day, today=day)
    quotes = [f.quote for f in check(document, _ruleset())]
    assert quotes.count("Biden") == 0, quotes


def test_a_title_read_as_now_from_the_title_alone_suggests_only_former() -> None:
    """The sentence may still speak of the past: the fix keeps the person and adds "former",
    never the present holder's name; and a doubtful first mention does not cascade."""
    text = LEDE + (
        "The plan draws praise from Republicans, including Secretary of State Rex Tillerson, and "
        "from business groups. Tillerson has long backed such plans."
    )
    day = date(2019, 7, 4)
    document = load_document(text, name="case", story_date=day, today=day)
    found = check(document, _ruleset())
    assert [(f.quote, f.suggestion) for f in found] == [
        ("Secretary of State Rex Tillerson", "former Secretary of State Rex Tillerson")
    ]


def test_a_title_held_only_years_later_by_a_namesake_is_silent() -> None:
    """A state legislator "Rep. Tim Moore" in 2017 is not the Tim Moore who entered Congress in
    2025: a title first held years after the story, by someone who then held no office the KB
    knows, names a namesake; a title held soon after is still an anachronism."""
    day = date(2017, 3, 30)
    text = "Rep. Tim Moore said in a statement late Wednesday that the bill would pass."
    document = load_document(text, name="case", story_date=day, today=day)
    assert check(document, _ruleset()) == []
    early = date(2016, 3, 30)
    text = "President Donald Trump said in a statement late Wednesday that the wall would rise."
    document = load_document(text, name="case", story_date=early, today=early)
    assert [f.quote for f in check(document, _ruleset())] == ["President Donald Trump"]


def test_a_surname_of_two_former_holders_names_both_and_suggests_nothing() -> None:
    text = LEDE + (
        "Secretary of State John Kerry met his counterpart on Monday, and President Barack "
        'Obama urged patience.\n\n"This is the deal we sought," Clinton said on Tuesday.'
    )
    day = date(2015, 7, 14)
    found = _check(text, day)
    assert [(f.rule, f.quote, f.suggestion) for f in found] == [
        ("people.surname-of-former-holders-for-holders", "Clinton", None)
    ]
    assert "Bill Clinton (President" in found[0].message
    assert "Hillary Clinton (United States Secretary of State" in found[0].message
    assert "Barack Obama and John Kerry" in found[0].message


def _check(text: str, day: date) -> list[Finding]:
    """Every finding the bundled rules and knowledge base give `text` on `day`."""
    return check(load_document(text, name="case", story_date=day, today=day), _ruleset())
