"""Recurring unavailability (rrule) and the UIDs of imported calendar events.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("unavailability") as batch:
        batch.add_column(sa.Column("rrule", sa.String(300), nullable=True))
    for table in ("meetings", "sessions"):
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("source_uid", sa.String(500), nullable=True))
            batch.create_index(f"ix_{table}_source_uid", ["source_uid"])


def downgrade() -> None:
    for table in ("meetings", "sessions"):
        with op.batch_alter_table(table) as batch:
            batch.drop_index(f"ix_{table}_source_uid")
            batch.drop_column("source_uid")
    with op.batch_alter_table("unavailability") as batch:
        batch.drop_column("rrule")
