"""`copydesk check`: placeholder until its owner writes it (registered by bot.cli)."""

from __future__ import annotations

import argparse
from typing import Any


def register(subparsers: Any) -> None:
    """Register nothing yet."""
    del subparsers


def _unused(args: argparse.Namespace) -> int:
    return 0
