"""Opening a season database: URL from a path, SQLite settings, migrations on open."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session, sessionmaker

from paddock_desk.domain.errors import PaddockError
from paddock_desk.store.failures import check_url, explain, place

HEAD_REVISION = "0007"
"""The schema this version of Paddock Desk writes (the newest migration's revision)."""

KNOWN_REVISIONS = ("0001", "0002", "0003", "0004", "0005", "0006", "0007")


class DatabaseError(PaddockError):
    """A database that cannot be opened; the message is meant for the user."""


class NewerDatabaseError(DatabaseError):
    """The database was written by a newer Paddock Desk; it is left untouched."""


def database_url(db: str | Path) -> str:
    """An SQLAlchemy URL for ``db``: a URL stays as it is, a file path becomes sqlite:///."""
    text_db = str(db)
    if "://" in text_db:
        return text_db
    return "sqlite:///" + str(Path(text_db).expanduser().resolve())


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def make_engine(url: str) -> Engine:
    """An engine for ``url``; SQLite gets WAL and foreign keys on every connection."""
    if url.startswith("sqlite"):
        path = url.split("///", 1)[-1]
        if path and path != ":memory:" and not url.startswith("sqlite://:"):
            _make_folder(Path(path))
        engine = create_engine(url)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    return create_engine(url, pool_pre_ping=True)


def current_revision(engine: Engine) -> str | None:
    """The schema revision stored in the database, or None for a database without one."""
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Run the migrations up to ``revision`` (alembic is imported only when needed)."""
    from alembic import command
    from alembic.config import Config

    from paddock_desk.store.transactions import SCHEMA_LOCK, exclusive

    config = Config()
    config.set_main_option("script_location", "paddock_desk.store:migrations")
    with engine.connect() as conn, _foreign_keys_off(conn):
        with conn.begin():
            exclusive(conn, SCHEMA_LOCK, MIGRATION_WAIT, MIGRATION_BUSY)  # one migrator at once
            config.attributes["connection"] = conn
            command.upgrade(config, revision)
            _check_foreign_keys(conn)


MIGRATION_WAIT = 30.0
MIGRATION_BUSY = (
    "Another Paddock Desk is bringing this database to the current schema; "
    "try again in a minute."
)


@contextmanager
def _foreign_keys_off(conn: Connection) -> Iterator[None]:
    """SQLite copies a table to change its constraints: its cascades must not fire meanwhile."""
    sqlite = conn.dialect.name == "sqlite"
    if sqlite:
        conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
        conn.commit()
    try:
        yield
    finally:
        if sqlite:
            conn.rollback()
            conn.exec_driver_sql("PRAGMA foreign_keys=ON")
            conn.commit()


def _check_foreign_keys(conn: Connection) -> None:
    if conn.dialect.name == "sqlite" and conn.exec_driver_sql("PRAGMA foreign_key_check").first():
        raise DatabaseError("The migration would break links between rows; nothing was changed.")


def migrate(engine: Engine) -> None:
    """Bring the database to the current schema, or refuse one from a newer Paddock Desk."""
    found = current_revision(engine)
    if found == HEAD_REVISION:
        return
    if found is not None and found not in KNOWN_REVISIONS:
        raise NewerDatabaseError(
            f"This database was written by a newer version of Paddock Desk (schema {found}); "
            "it was left untouched. Update Paddock Desk to open it."
        )
    if found is None:
        with engine.connect() as conn:
            tables = set(inspect(conn).get_table_names())
        if tables:
            raise DatabaseError(
                "This database holds tables that are not a Paddock Desk season "
                f"({', '.join(sorted(tables)[:5])}); it was left untouched."
            )
    upgrade(engine)


@dataclass
class Database:
    """An open, migrated season database."""

    url: str
    engine: Engine
    sessions: sessionmaker[Session]

    @property
    def name(self) -> str:
        """A short name for titles: the file name, or the URL without password."""
        if self.engine.dialect.name == "sqlite":
            return Path(self.engine.url.database or "memory").name
        return self.engine.url.render_as_string(hide_password=True)

    def session(self) -> Session:
        return self.sessions()

    def close(self) -> None:
        self.engine.dispose()


def open_database(db: str | Path, *, read_only: bool = False) -> Database:
    """Open (creating and migrating where needed) the database ``db``: a path or a URL.

    ``read_only`` opens an SQLite file that already holds the current schema read-only (see
    :func:`open_read_only`); anything else is opened as usual.
    """
    url = database_url(db)
    check_url(url)
    if read_only:
        found = open_read_only(url)
        if found is not None:
            return found
    engine = make_engine(url)
    try:
        migrate(engine)
    except DatabaseError:
        engine.dispose()
        raise
    except Exception as exc:  # driver errors: unreachable server, not a database file...
        engine.dispose()
        raise _cannot_open(exc, url) from exc
    return Database(url, engine, sessionmaker(engine, expire_on_commit=False))


def _cannot_open(exc: Exception, url: str) -> DatabaseError:
    sentence = explain(exc, url)
    if sentence is None:
        reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
        sentence = f"cannot open the database {place(url)}: {reason}"
    return DatabaseError(sentence)


def _make_folder(path: Path) -> None:
    """The folder a new SQLite file goes in, created when missing."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DatabaseError(
            f"Cannot create the folder {path.parent} for the database {path.name}: "
            f"{exc.strerror or exc}"
        ) from None


def _read_only_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA query_only=ON")
    cursor.close()


def open_read_only(url: str) -> Database | None:
    """The SQLite file of ``url`` opened read-only, or None when it must be opened as usual.

    Reading needs no write access: the file is opened with mode=ro, and with immutable=1 when
    its folder cannot be written (a WAL database then needs no -shm file). None for a server,
    a file that does not exist yet (it is created) and one whose schema is older (migrated).
    """
    if not url.startswith("sqlite:///"):
        return None
    path = Path(url.removeprefix("sqlite:///"))
    if not path.is_file():
        return None
    flags = "mode=ro" if os.access(path.parent, os.W_OK) else "mode=ro&immutable=1"
    uri = f"file:{quote(str(path))}?{flags}"
    engine = create_engine(
        url, creator=lambda: sqlite3.connect(uri, uri=True, check_same_thread=False)
    )
    event.listen(engine, "connect", _read_only_pragmas)
    try:
        found = current_revision(engine)
    except Exception as exc:
        engine.dispose()
        raise _cannot_open(exc, url) from exc
    if found != HEAD_REVISION:  # migrated, or refused as newer or foreign, as usual
        engine.dispose()
        return None
    return Database(url, engine, sessionmaker(engine, expire_on_commit=False))
