"""App Home: published on app_home_opened through the fake Slack Web API (views.publish)."""

from __future__ import annotations

from typing import Any

from tests.slack.articles import LIBRARY_BUDGET
from tests.slack.conftest import CHANNEL, Harness
from tests.slack.fake_slack import EDITOR
from tests.slack.helpers import dismiss_button, one_reply, press, visible_text

OTHER_EDITOR = "UEDITOR2"


def open_home(harness: Harness, user: str, *, tab: str = "home") -> dict[str, Any]:
    """The editor opens the Home tab; returns the view the bot published for them."""
    before = len(harness.fake.calls_to("views.publish"))
    event = {"type": "app_home_opened", "user": user, "channel": "DHOME", "tab": tab}
    assert harness.event({**event, "event_ts": harness.fake.next_ts()}).status_code == 200
    harness.fake.wait_for(
        lambda: len(harness.fake.calls_to("views.publish")) > before, message="views.publish"
    )
    harness.wait_idle()
    return harness.fake.home_views[user]


def test_home_says_what_copydesk_checks_with_an_example_per_category(harness: Harness) -> None:
    view = open_home(harness, EDITOR)
    text = visible_text(view["blocks"])
    for example in (
        "Anachronism: “President Joe Biden spoke with reporters on Tuesday.” (a story dated "
        "July 29, 2025)",
        "Date: “The summit opened on Thursday, March 7, 2025, in Brussels.”",
        "Web-page residue: “Lawmakers passed the budget late on Friday. Share this story The vote",
        "Name: “Treasury Secretary Scott Bessant said talks would resume.”",
        "Attribution: “Chinese President Xi Jinping wrote on Truth Social that talks went well.”",
    ):
        assert example in text, example
    body = str(view["blocks"])
    assert "*President Joe Biden*" in body and "*wrote on Truth Social*" in body


def test_home_gives_the_knowledge_base_as_of_date_per_group(harness: Harness) -> None:
    text = visible_text(open_home(harness, EDITOR)["blocks"])
    freshness = text.split("How fresh its knowledge is\n", 1)[1].split("\nYour channels", 1)[0]
    lines = freshness.splitlines()
    assert any(line.startswith("• Head of state: as of ") for line in lines), lines
    assert lines[-1] == f"Knowledge base version {harness.bot.ruleset.kb_version}."


def test_home_shows_the_channels_each_editor_set_and_the_default(harness: Harness) -> None:
    assert harness.command("settings on-request", user=EDITOR).status_code == 200
    mine = visible_text(open_home(harness, EDITOR)["blocks"])
    assert f"Channels you set:\n• #{CHANNEL}: checks only when asked" in mine
    theirs = visible_text(open_home(harness, OTHER_EDITOR)["blocks"])
    assert "You have not changed any channel's setting." in theirs
    assert "By default Copydesk checks pasted articles automatically" in theirs
    assert f"Set to check only when asked: #{CHANNEL}." in theirs


def test_home_counts_flags_and_dismissals_of_the_last_30_days(harness: Harness) -> None:
    before = visible_text(open_home(harness, EDITOR)["blocks"])
    assert "Nothing flagged since" in before
    reply = one_reply(harness, harness.paste(LIBRARY_BUDGET))
    press(harness, reply, dismiss_button(reply, "April 31"))
    harness.fake.wait_for(lambda: harness.fake.calls_to("chat.update"), message="an update")
    harness.wait_idle()
    text = visible_text(open_home(harness, EDITOR)["blocks"])
    assert "• Date: Impossible date: 1 flagged, 1 marked not an error (100%)" in text
    assert "• Date: Weekday does not match date: 1 flagged, 0 marked not an error (0%)" in text
    assert "dates.impossible-date" not in text  # rules by what they check, not their ids


def test_home_says_how_to_ask_and_only_the_home_tab_is_published(harness: Harness) -> None:
    text = visible_text(open_home(harness, EDITOR)["blocks"])
    assert "How to ask for a check" in text and "@Copydesk check" in text
    published = len(harness.fake.calls_to("views.publish"))
    event = {"type": "app_home_opened", "user": EDITOR, "channel": "DHOME", "tab": "messages"}
    assert harness.event({**event, "event_ts": harness.fake.next_ts()}).status_code == 200
    harness.wait_idle()
    assert len(harness.fake.calls_to("views.publish")) == published
