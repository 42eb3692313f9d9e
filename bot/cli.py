"""The `copydesk` console entry point (pyproject's `[project.scripts]`).

The commands themselves are registered and dispatched in `bot.commands`.
"""

from __future__ import annotations

import sys

from bot.commands import EXIT_CLEAN, EXIT_FLAGGED, EXIT_USAGE, build_parser, main

__all__ = ["EXIT_CLEAN", "EXIT_FLAGGED", "EXIT_USAGE", "build_parser", "main"]

if __name__ == "__main__":
    sys.exit(main())
