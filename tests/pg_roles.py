"""A PostgreSQL login of a staff member who may read and write the season's rows and no more.

The role gets SELECT, INSERT, UPDATE and DELETE on the tables of one database and USAGE on its
sequences: it owns nothing and may not create triggers or functions there (PostgreSQL 15 gives
PUBLIC no CREATE on the public schema). Made and dropped by the test server's superuser.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import create_engine, make_url, text


@contextmanager
def staff_login(db_url: str, prefix: str = "staff") -> Iterator[tuple[str, str]]:
    """(role name, URL of ``db_url``'s database as that role); dropped afterwards."""
    name = f"{prefix}_{uuid.uuid4().hex[:8]}"
    password = uuid.uuid4().hex
    admin = create_engine(db_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"CREATE ROLE {name} LOGIN PASSWORD '{password}'"))
        conn.execute(text(f"REVOKE CREATE ON SCHEMA public FROM PUBLIC, {name}"))
        conn.execute(text(
            f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {name}"))
        conn.execute(text(f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO {name}"))
    url = make_url(db_url).set(username=name, password=password)
    try:
        yield name, url.render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = :name"
            ), {"name": name})
            conn.execute(text(f"DROP OWNED BY {name}"))
            conn.execute(text(f"DROP ROLE {name}"))
        admin.dispose()
