"""How sure a check's story date was, and who set a channel's mode.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-03

A re-rendered report (after "Not an error") must say how sure its story date was, as the first
reply did: the label and the weakness come from the document, which is gone by then. App Home
lists the channels an editor configured. All three columns are nullable: rows written before
this revision have no value and are read with the defaults.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("checks", sa.Column("date_label", sa.String(length=255), nullable=True))
    op.add_column("checks", sa.Column("date_weak", sa.Boolean(), nullable=True))
    op.add_column("channel_settings", sa.Column("updated_by", sa.String(length=64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("channel_settings") as batch:
        batch.drop_column("updated_by")
    with op.batch_alter_table("checks") as batch:
        batch.drop_column("date_weak")
        batch.drop_column("date_label")
