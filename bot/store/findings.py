"""Findings as the store keeps them: one JSON object per finding in a check's row, typed again
when read back.

The row is the finding's own fields (evidence as a list of {fact, source, url}) plus its `key`, so
that `copydesk history --json` and SQL can find a finding without Python. Rows written before
evidence was structured hold it as one string; they are read as one fact with no source, so an
old report re-renders with nothing lost.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import msgspec

from bot.engine.finding import Finding
from bot.report.model import finding_key
from bot.store.errors import StoreError


def to_row(finding: Finding) -> dict[str, Any]:
    """The JSON object stored for `finding`."""
    row: dict[str, Any] = msgspec.to_builtins(finding)
    row["key"] = finding_key(finding)
    return row


def from_row(row: Mapping[str, Any]) -> Finding:
    """The finding a stored row describes; StoreError for a row that is not one."""
    data = dict(row)
    evidence = data.get("evidence")
    if isinstance(evidence, str):
        data["evidence"] = [{"fact": evidence, "source": ""}] if evidence else []
    try:
        return msgspec.convert(data, Finding)
    except msgspec.ValidationError as exc:
        raise StoreError(f"a stored finding could not be read: {exc}") from exc
