"""Ship the rules and knowledge base inside the package (everything else is in pyproject.toml).

The repository's `rules/` folder stays the source of truth; building a wheel copies it to
`bot/rules`, where an installed Copydesk finds it (`bot.paths.bundled_rules_dir`). An editable
install reads `rules/` in place.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

RULES = Path(__file__).resolve().parent / "rules"


class BuildWithRules(build_py):
    """build_py, plus a copy of rules/ as package data under bot/rules."""

    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False) or not RULES.is_dir():
            return  # an editable install reads rules/ in place; an image may copy it apart
        target = Path(self.build_lib) / "bot" / "rules"
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(RULES, target, ignore=shutil.ignore_patterns(".*", "__pycache__"))


setup(cmdclass={"build_py": BuildWithRules})
