"""CHECK constraints: ends not before starts, arrival days 0 or more, coordinates in range.

A database holding a row that breaks one of them is not migrated: nothing is changed, and the
refusal names every such row so that the user can correct it first (with the Paddock Desk that
wrote the database). Changing a date or a coordinate on the user's behalf could only guess.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from paddock_desk.store.database import DatabaseError

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

CHECKS = (
    ("circuits", "ck_circuits_lat_range", "lat >= -90 AND lat <= 90"),
    ("circuits", "ck_circuits_lon_range", "lon >= -180 AND lon <= 180"),
    ("series", "ck_series_arrival_days", "arrival_days >= 0"),
    ("meetings", "ck_meetings_end_after_start", "end_date >= start_date"),
    ("sessions", "ck_sessions_end_after_start", '"end" >= start'),
    ("unavailability", "ck_unavailability_end_after_start", "end_date >= start_date"),
)

BAD_ROWS = (
    ("SELECT name, lat FROM circuits WHERE NOT (lat >= -90 AND lat <= 90)",
     "circuit '{0}' has latitude {1} (it must be from -90 to 90)"),
    ("SELECT name, lon FROM circuits WHERE NOT (lon >= -180 AND lon <= 180)",
     "circuit '{0}' has longitude {1} (it must be from -180 to 180)"),
    ("SELECT name, arrival_days FROM series WHERE NOT (arrival_days >= 0)",
     "series '{0}' has {1} arrival days (it must be 0 or more)"),
    ("SELECT s.name, m.round, m.name, m.start_date, m.end_date FROM meetings m "
     "JOIN series s ON s.id = m.series_id WHERE NOT (m.end_date >= m.start_date)",
     "meeting '{0}' round {1} ({2}) ends on {4}, before it starts on {3}"),
    ('SELECT s.name, m.round, x.name, x.start, x."end" FROM sessions x '
     "JOIN meetings m ON m.id = x.meeting_id JOIN series s ON s.id = m.series_id "
     'WHERE NOT (x."end" >= x.start)',
     "session '{2}' of '{0}' round {1} ends at {4} UTC, before it starts at {3} UTC"),
    ("SELECT d.name, u.start_date, u.end_date FROM unavailability u "
     "JOIN drivers d ON d.id = u.driver_id WHERE NOT (u.end_date >= u.start_date)",
     "unavailability of '{0}' from {1} ends on {2}, before it starts"),
)


def bad_rows(conn: sa.Connection) -> list[str]:
    """A sentence for every row that breaks one of the new constraints."""
    found: list[str] = []
    for query, sentence in BAD_ROWS:
        found += [sentence.format(*row) for row in conn.execute(sa.text(query))]
    return found


def upgrade() -> None:
    found = bad_rows(op.get_bind())
    if found:
        listed = "\n".join(f"  {line}" for line in found)
        raise DatabaseError(
            f"This database was not brought to the current schema and nothing was changed: "
            f"{len(found)} row(s) break a rule it now enforces:\n{listed}\n"
            "Correct them with the Paddock Desk that wrote this database, then open it again."
        )
    for table in TABLES:
        with op.batch_alter_table(table) as batch:
            for name, condition in _checks(table):
                batch.create_check_constraint(op.f(name), condition)


def downgrade() -> None:
    for table in reversed(TABLES):
        with op.batch_alter_table(table) as batch:
            for name, _condition in _checks(table):
                batch.drop_constraint(op.f(name), type_="check")


TABLES = tuple(dict.fromkeys(table for table, _name, _condition in CHECKS))
"""Each table once, so that SQLite copies it once."""


def _checks(table: str) -> list[tuple[str, str]]:
    return [(name, condition) for t, name, condition in CHECKS if t == table]
