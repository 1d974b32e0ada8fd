"""Subscription feeds: a secret token per driver, team or series feed, and feed settings.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from paddock_desk.store.types import UTCDateTime

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "feeds",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("ref_id", sa.Integer(), nullable=False),
        sa.Column("token", sa.String(100), nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=True),
        sa.Column("modified", UTCDateTime(), nullable=True),
        sa.UniqueConstraint("kind", "ref_id", name="uq_feeds_kind"),
        sa.UniqueConstraint("token", name="uq_feeds_token"),
    )
    op.create_table(
        "feed_settings",
        sa.Column("key", sa.String(40), primary_key=True),
        sa.Column("value", sa.String(1000), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("feed_settings")
    op.drop_table("feeds")
