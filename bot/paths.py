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
    """The rules shipped with Copydesk: `bot/rules` in an installed package (pyproject maps
    the repository's `rules/` there), else the repository's `rules/` beside `bot/`."""
    package = Path(__file__).resolve().parent
    installed = package / "rules"
    return installed if installed.is_dir() else package.parent / "rules"


def checked_rules_dir(given: Path | None = None) -> Path:
    """The rules folder to use: `given` (`--rules`), else COPYDESK_RULES_DIR, else the bundled
    rules. It must exist: without rules every article would come back "nothing to flag", so a
    missing folder is an error that names it and where it came from."""
    from bot.errors import ConfigError

    configured = os.environ.get("COPYDESK_RULES_DIR")
    if given is not None:
        path, fix = given, "check the --rules argument"
    elif configured:
        path = Path(configured)
        fix = "COPYDESK_RULES_DIR is set to it; correct it, or unset it to use the bundled rules"
    else:
        path = bundled_rules_dir()
        fix = "the rules bundled with Copydesk are missing; reinstall Copydesk"
    if not path.is_dir():
        raise ConfigError(f"{path}: no such rules folder ({fix})")
    return path


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
