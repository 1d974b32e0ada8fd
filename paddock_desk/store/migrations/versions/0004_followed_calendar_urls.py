"""The calendar URL a series follows, with the HTTP validators of its last fetch.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("series") as batch:
        batch.add_column(sa.Column("source_url", sa.String(2000), nullable=True))
        batch.add_column(sa.Column("etag", sa.String(500), nullable=True))
        batch.add_column(sa.Column("last_modified", sa.String(100), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("series") as batch:
        batch.drop_column("last_modified")
        batch.drop_column("etag")
        batch.drop_column("source_url")
