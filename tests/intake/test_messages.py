"""Which messages the bot treats as articles when it watches a channel."""

from __future__ import annotations

import pytest

from bot.intake import Link, Paste, SharedFile
from bot.intake.messages import links, looks_like_article, plain_text, shared_link, source_of
from tests.slack.articles import BRIDGE_VISIT, HARBOR_FERRY, LIBRARY_BUDGET

CHAT = [
    "lunch?",
    "Can someone look at the library story before 5? I think the second graf is off.",
    # a long chat message: questions, not copy
    "Has anyone heard back from the council? Do we know when the vote is? Should we hold the "
    "story? Is the photo desk sending someone? What time does the meeting start? Who has the "
    "agenda? Can we get a quote from the mayor? Do we need a sidebar on the branch libraries? "
    "Any word from legal on the budget documents we were sent last week by the source?",
    # a list of items
    "\n".join(
        f"- item {n}: check the spelling of the councillor's name and the vote count"
        for n in range(12)
    ),
    # mostly code
    "```" + "x = compute(budget, year)\n" * 40 + "```\nthat is the script, it fails on line 3.",
]


@pytest.mark.parametrize("article", [LIBRARY_BUDGET, HARBOR_FERRY, BRIDGE_VISIT])
def test_pasted_articles_are_articles(article: str) -> None:
    assert looks_like_article(article)
    assert source_of({"text": article}) == Paste(article)


@pytest.mark.parametrize("text", CHAT)
def test_chat_is_not_an_article(text: str) -> None:
    assert not looks_like_article(text)
    assert source_of({"text": text}) is None


def test_one_long_paragraph_of_prose_is_an_article() -> None:
    assert looks_like_article(" ".join(LIBRARY_BUDGET.split()))


def test_a_link_with_a_short_comment_is_a_link_share() -> None:
    text = "For a second read: <https://news.example/story?id=1&amp;x=2|Council story>"
    assert links(text) == ["https://news.example/story?id=1&x=2"]
    assert shared_link(text) == "https://news.example/story?id=1&x=2"
    assert source_of({"text": text}) == Link("https://news.example/story?id=1&x=2")
    assert shared_link("<https://a.example> and <https://b.example>") is None
    assert shared_link("words " * 30 + "<https://a.example>") is None


def test_files_documents_and_pictures() -> None:
    doc = {"id": "F1", "name": "story.docx", "mimetype": "application/octet-stream"}
    picture = {"id": "F2", "name": "photo.jpg", "mimetype": "image/jpeg", "filetype": "jpg"}
    assert source_of({"text": "", "files": [picture, doc]}) == SharedFile("F1")
    assert source_of({"text": "photo", "files": [picture]}) is None
    # asked explicitly, any file is tried (and a clear error follows if it cannot be read)
    assert source_of({"text": "", "files": [picture]}, explicit=True) == SharedFile("F2")
    assert source_of({"text": "short note"}, explicit=True) == Paste("short note")
    assert source_of({"text": "  "}, explicit=True) is None


def test_slack_markup_is_read_as_a_reader_sees_it() -> None:
    assert plain_text("<@U1> see <https://x.example|the story> &amp; <#C1|desk>") == (
        "  see the story &  "
    )
