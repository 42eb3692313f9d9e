"""`/copydesk`: a private check of text or a link, help, and the channel's mode."""

from __future__ import annotations

from tests.slack.articles import LIBRARY_BUDGET, LIBRARY_BUDGET_FLAGS
from tests.slack.conftest import ArticleServer, Harness
from tests.slack.helpers import (
    section_text,
)


def test_slash_command_checks_text_privately(harness: Harness) -> None:
    response = harness.command(LIBRARY_BUDGET)
    assert response.status_code == 200
    assert response.json() == {"response_type": "ephemeral", "text": "Checking…"}
    harness.fake.wait_for(lambda: harness.fake.responses, message="the response_url post")
    harness.wait_idle()
    (answer,) = harness.fake.responses
    assert answer["response_type"] == "ephemeral"
    text = section_text(answer)
    for quote in LIBRARY_BUDGET_FLAGS:
        assert f"*{quote}*" in text
    assert harness.fake.calls_to("chat.postMessage") == []  # nothing public


def test_slash_command_fetches_a_link(harness: Harness, article_server: ArticleServer) -> None:
    harness.command(f"<{article_server.url('/news/library-budget')}>")
    harness.fake.wait_for(lambda: harness.fake.responses, message="the response_url post")
    assert "*April 31*" in section_text(harness.fake.responses[0])


def test_slash_command_help_and_unknown_settings(harness: Harness) -> None:
    for text in ("", "help"):
        assert "Copydesk checks news copy" in harness.command(text).json()["text"]
    answer = harness.command("settings sometimes").json()["text"]
    assert "Unknown mode `sometimes`" in answer
    assert harness.fake.responses == []
