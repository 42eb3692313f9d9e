"""Where Copydesk finds its rules and keeps its caches: settings every layer may read.

A leaf module (like `bot.errors`): the knowledge base's refresh command and the engine both need
the rules folder, and neither may import the other for it.
"""

from __future__ import annotations

import os
from pathlib import Path


def default_rules_dir() -> Path:
    """COPYDESK_RULES_DIR, else the `rules/` folder shipped beside the package."""
    configured = os.environ.get("COPYDESK_RULES_DIR")
    if configured:
        return Path(configured)
    return bundled_rules_dir()


def bundled_rules_dir() -> Path:
    """The `rules/` folder shipped beside the package."""
    return Path(__file__).resolve().parents[1] / "rules"


def reading_dir(rules_dir: Path) -> Path:
    """The reading cues of a rules folder; a folder of packs and facts without its own cues
    (how English refers to time is not a newsroom's setting) reads with the bundled ones."""
    own = rules_dir / "reading"
    return own if own.is_dir() else bundled_rules_dir() / "reading"


def cache_dir() -> Path:
    """COPYDESK_CACHE_DIR, else copydesk/ under the XDG cache folder (the prebuilt index)."""
    configured = os.environ.get("COPYDESK_CACHE_DIR")
    if configured:
        return Path(configured)
    return Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "copydesk"
