"""Intake fixtures: the fake Slack Web API (shared files are downloaded from it)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.slack.fake_slack import FakeSlack


@pytest.fixture
def fake_slack() -> Iterator[FakeSlack]:
    with FakeSlack() as fake:
        yield fake
