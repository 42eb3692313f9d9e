"""Downloading shared files: files.info, the private URL with the bot token, and a size cap."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from slack_sdk import WebClient

from bot.errors import FetchError, InputError
from bot.intake.slack_files import FileDownloader
from tests.slack.fake_slack import BOT_TOKEN, FakeSlack


@pytest.fixture
def downloader(fake_slack: FakeSlack) -> Iterator[FileDownloader]:
    client = WebClient(token=BOT_TOKEN, base_url=fake_slack.api_url)
    files = FileDownloader(client, token=BOT_TOKEN, api_host="127.0.0.1", max_bytes=1000)
    yield files
    files.close()


def test_a_file_is_described_then_downloaded_with_the_bot_token(
    fake_slack: FakeSlack, downloader: FileDownloader
) -> None:
    info = fake_slack.add_file("story.md", b"# Council\n\nText.", "text/markdown", "markdown")
    file = downloader.download(info["id"])
    assert (file.name, file.mimetype, file.content) == (
        "story.md",
        "text/markdown",
        b"# Council\n\nText.",
    )
    assert fake_slack.downloads == [f"/files/{info['id']}/story.md"]


def test_too_large_files_are_refused_before_and_during_download(
    fake_slack: FakeSlack, downloader: FileDownloader
) -> None:
    big = fake_slack.add_file("big.txt", b"x" * 5000, "text/plain", "text")
    with pytest.raises(
        InputError, match=re.escape("'big.txt' is 5 kB; Copydesk reads files up to 1 kB")
    ):
        downloader.download(big["id"])
    assert fake_slack.downloads == []  # refused from files.info's size alone
    liar = fake_slack.add_file("liar.txt", b"y" * 5000, "text/plain", "text")
    fake_slack.files[liar["id"]][0]["size"] = 10
    with pytest.raises(InputError, match=re.escape("'liar.txt'")):
        downloader.download(liar["id"])


def test_the_token_only_goes_to_slack(fake_slack: FakeSlack, downloader: FileDownloader) -> None:
    info = fake_slack.add_file("story.txt", b"text", "text/plain", "text")
    fake_slack.files[info["id"]][0]["url_private_download"] = "http://evil.example/steal"
    with pytest.raises(
        FetchError, match=re.escape("refused to download 'story.txt' from an unexpected host")
    ):
        downloader.download(info["id"])
    fake_slack.files[info["id"]][0]["url_private_download"] = "http://files.slack.com/x"
    with pytest.raises(FetchError, match="unexpected host"):
        downloader.download(info["id"])  # Slack's own host, but not over https


def test_unreadable_files_get_clear_errors(fake_slack: FakeSlack) -> None:
    client = WebClient(token=BOT_TOKEN, base_url=fake_slack.api_url)
    wrong_token = FileDownloader(client, token="xoxb-wrong", api_host="127.0.0.1")
    info = fake_slack.add_file("story.txt", b"text", "text/plain", "text")
    with pytest.raises(
        FetchError, match=re.escape("could not download 'story.txt': Slack answered 403")
    ):
        wrong_token.download(info["id"])
    with pytest.raises(FetchError, match=r"Slack would not describe the file \(file_not_found\)"):
        wrong_token.download("F404")
