"""Argument types shared by the command modules."""

from __future__ import annotations

import argparse
from datetime import date


def iso_date(value: str) -> date:
    """A YYYY-MM-DD argument; argparse turns the error into a usage message (exit 2)."""
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a date: {value!r} (use YYYY-MM-DD)") from exc
