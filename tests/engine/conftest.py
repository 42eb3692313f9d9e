"""Engine fixtures: the small test KB (stable, fast) and the bundled rules and KB (real)."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from bot.document import Document, load_document
from bot.engine import Ruleset, build_ruleset
from bot.engine.ruleset import default_rules_dir

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def test_rules_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled rule packs with the small test knowledge base."""
    root = tmp_path_factory.mktemp("rules")
    shutil.copytree(default_rules_dir() / "packs", root / "packs")
    shutil.copytree(default_rules_dir() / "reading", root / "reading")
    shutil.copytree(FIXTURES / "kb", root / "kb")
    return root


@pytest.fixture(scope="session")
def test_ruleset(test_rules_dir: Path) -> Ruleset:
    return build_ruleset(test_rules_dir)


@pytest.fixture(scope="session")
def bundled_ruleset() -> Ruleset:
    return build_ruleset(default_rules_dir())


@pytest.fixture
def doc() -> Callable[..., Document]:
    def make(text: str, story_date: date = date(2025, 7, 29), name: str = "story.txt") -> Document:
        return load_document(text, name=name, story_date=story_date, today=story_date)

    return make
