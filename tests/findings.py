"""Findings for tests that need one without running the engine: typed, as the engine makes them."""

from __future__ import annotations

from typing import Any

from bot.engine.finding import Category, Evidence, Finding, Severity


def make_finding(
    rule: str, quote: str, start: int = 0, category: str = "title", **overrides: Any
) -> Finding:
    """A finding of `rule` on `quote` at `start`; any field can be overridden."""
    values: dict[str, Any] = {
        "rule": rule,
        "category": Category(category),
        "severity": Severity.ERROR,
        "start": start,
        "end": start + len(quote),
        "quote": quote,
        "sentence": f"... {quote} ...",
        "message": f"{quote!r} is wrong here",
        "suggestion": None,
        "evidence": (),
    }
    values.update(overrides)
    if isinstance(values["severity"], str):
        values["severity"] = Severity(values["severity"])
    values["evidence"] = tuple(
        e if isinstance(e, Evidence) else Evidence(*e) for e in values["evidence"]
    )
    return Finding(**values)
