"""A session's status: scheduled or cancelled (a followed calendar that dropped it, or the user).

Every session already stored is scheduled. A CHECK constraint holds the two values.

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

STATUS_CHECK = "status IN ('scheduled', 'cancelled')"


def upgrade() -> None:
    with op.batch_alter_table("sessions") as batch:
        batch.add_column(
            sa.Column("status", sa.String(10), nullable=False, server_default="scheduled")
        )
        batch.create_check_constraint(op.f("ck_sessions_status"), STATUS_CHECK)


def downgrade() -> None:
    with op.batch_alter_table("sessions") as batch:
        batch.drop_constraint(op.f("ck_sessions_status"), type_="check")
        batch.drop_column("status")
