"""Store errors: each says what to do, e.g. which command creates the missing tables."""

from __future__ import annotations

from bot.errors import CopydeskError


class StoreError(CopydeskError):
    """The database could not be reached or refused an operation."""


class SchemaError(StoreError):
    """The database has no Copydesk tables or an older schema: run `copydesk db upgrade`."""
