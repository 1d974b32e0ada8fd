"""Line-up rules (categories per car class) and drivers' documents (licence, medical, visa).

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "lineup_rules",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "series_id",
            sa.Integer(),
            sa.ForeignKey(
                "series.id", ondelete="CASCADE", name="fk_lineup_rules_series_id_series"
            ),
            nullable=False,
        ),
        sa.Column("car_class", sa.String(40), nullable=False),
        sa.Column("categories", sa.String(100), nullable=False),
        sa.Column("min_count", sa.Integer(), nullable=True),
        sa.Column("max_count", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.UniqueConstraint(
            "series_id", "car_class", "categories", name="uq_lineup_rules_series_id"
        ),
    )
    op.create_index("ix_lineup_rules_series_id", "lineup_rules", ["series_id"])
    op.create_table(
        "documents",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "driver_id",
            sa.Integer(),
            sa.ForeignKey("drivers.id", ondelete="CASCADE", name="fk_documents_driver_id_drivers"),
            nullable=False,
        ),
        sa.Column("document", sa.String(100), nullable=False),
        sa.Column("expires", sa.Date(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.UniqueConstraint("driver_id", "document", name="uq_documents_driver_id"),
    )
    op.create_index("ix_documents_driver_id", "documents", ["driver_id"])


def downgrade() -> None:
    op.drop_index("ix_documents_driver_id", table_name="documents")
    op.drop_table("documents")
    op.drop_index("ix_lineup_rules_series_id", table_name="lineup_rules")
    op.drop_table("lineup_rules")
