"""Initial schema: circuits, series, meetings, sessions, teams, cars, drivers, line-ups,
unavailability.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from paddock_desk.store.types import UTCDateTime

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _version() -> sa.Column[int]:
    return sa.Column("version", sa.Integer(), nullable=False)


def upgrade() -> None:
    op.create_table(
        "circuits",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("country", sa.String(8), nullable=False),
        sa.Column("lat", sa.Float(), nullable=False),
        sa.Column("lon", sa.Float(), nullable=False),
        sa.Column("tz", sa.String(64), nullable=False),
        _version(),
        sa.UniqueConstraint("name", name="uq_circuits_name"),
    )
    op.create_table(
        "series",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("colour", sa.String(7), nullable=True),
        sa.Column("arrival_days", sa.Integer(), nullable=False),
        _version(),
        sa.UniqueConstraint("name", name="uq_series_name"),
    )
    op.create_table(
        "teams",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        _version(),
        sa.UniqueConstraint("name", name="uq_teams_name"),
    )
    op.create_table(
        "drivers",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("nationality", sa.String(8), nullable=False),
        sa.Column("home_tz", sa.String(64), nullable=True),
        sa.Column("category", sa.String(20), nullable=True),
        _version(),
        sa.UniqueConstraint("name", name="uq_drivers_name"),
    )
    op.create_table(
        "meetings",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "series_id",
            sa.Integer(),
            sa.ForeignKey("series.id", ondelete="CASCADE", name="fk_meetings_series_id_series"),
            nullable=False,
        ),
        sa.Column("round", sa.String(40), nullable=False),
        sa.Column("name", sa.String(300), nullable=False),
        sa.Column(
            "circuit_id",
            sa.Integer(),
            sa.ForeignKey("circuits.id", name="fk_meetings_circuit_id_circuits"),
            nullable=False,
        ),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=False),
        sa.Column("cancelled", sa.Boolean(), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        _version(),
        sa.UniqueConstraint("series_id", "round", name="uq_meetings_series_id"),
    )
    op.create_index("ix_meetings_series_id", "meetings", ["series_id"])
    op.create_index("ix_meetings_circuit_id", "meetings", ["circuit_id"])
    op.create_table(
        "sessions",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "meeting_id",
            sa.Integer(),
            sa.ForeignKey(
                "meetings.id", ondelete="CASCADE", name="fk_sessions_meeting_id_meetings"
            ),
            nullable=False,
        ),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("start", UTCDateTime(), nullable=False),
        sa.Column("end", UTCDateTime(), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        _version(),
        sa.UniqueConstraint("meeting_id", "name", name="uq_sessions_meeting_id"),
    )
    op.create_index("ix_sessions_meeting_id", "sessions", ["meeting_id"])
    op.create_table(
        "cars",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "series_id",
            sa.Integer(),
            sa.ForeignKey("series.id", ondelete="CASCADE", name="fk_cars_series_id_series"),
            nullable=False,
        ),
        sa.Column(
            "team_id",
            sa.Integer(),
            sa.ForeignKey("teams.id", ondelete="CASCADE", name="fk_cars_team_id_teams"),
            nullable=False,
        ),
        sa.Column("number", sa.String(20), nullable=False),
        sa.Column("car_class", sa.String(40), nullable=True),
        _version(),
        sa.UniqueConstraint("series_id", "team_id", "number", name="uq_cars_series_id"),
    )
    op.create_index("ix_cars_series_id", "cars", ["series_id"])
    op.create_index("ix_cars_team_id", "cars", ["team_id"])
    op.create_table(
        "lineups",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "driver_id",
            sa.Integer(),
            sa.ForeignKey("drivers.id", ondelete="CASCADE", name="fk_lineups_driver_id_drivers"),
            nullable=False,
        ),
        sa.Column(
            "car_id",
            sa.Integer(),
            sa.ForeignKey("cars.id", ondelete="CASCADE", name="fk_lineups_car_id_cars"),
            nullable=False,
        ),
        sa.Column("rounds", sa.Text(), nullable=True),
        _version(),
        sa.UniqueConstraint("driver_id", "car_id", name="uq_lineups_driver_id"),
    )
    op.create_index("ix_lineups_driver_id", "lineups", ["driver_id"])
    op.create_index("ix_lineups_car_id", "lineups", ["car_id"])
    op.create_table(
        "unavailability",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "driver_id",
            sa.Integer(),
            sa.ForeignKey(
                "drivers.id", ondelete="CASCADE", name="fk_unavailability_driver_id_drivers"
            ),
            nullable=False,
        ),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=False),
        sa.Column("reason", sa.String(300), nullable=False),
        _version(),
        sa.UniqueConstraint(
            "driver_id", "start_date", "end_date", name="uq_unavailability_driver_id"
        ),
    )
    op.create_index("ix_unavailability_driver_id", "unavailability", ["driver_id"])


def downgrade() -> None:
    for table in (
        "unavailability",
        "lineups",
        "cars",
        "sessions",
        "meetings",
        "drivers",
        "teams",
        "series",
        "circuits",
    ):
        op.drop_table(table)
