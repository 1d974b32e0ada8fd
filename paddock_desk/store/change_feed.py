"""Telling an open season that someone else committed a change, without Qt.

PostgreSQL: every statement that changes a season table sends a NOTIFY from a trigger, so a change
made by any writer (another window, the command line, a script, psql) is heard; the payload names
the table, the database user and the writer's ``application_name``. Each :class:`Database` tags
its connections with a token of its own (:func:`tag_connections`), so a window can tell its own
commits from other staff's. A connection of its own LISTENs in a worker thread (blocking in
psycopg's ``notifies()``: no CPU while idle). The trigger function and the triggers are created
when a feed first starts on a database (idempotently, under an advisory lock), not by a migration:
they carry no data and a database without them still works. A login that may not create them (no
ownership of the tables nor the CREATE right on the schema: "permission denied") or a read-only
server makes the feed poll instead (:attr:`ChangeFeed.polling`): a connection of its own, read
only, reads a tally of every season table in one query each second
(:mod:`paddock_desk.store.table_tallies`) and reports the tables whose tally moved; it cannot say
who wrote, nor tell this window's own commits from others' (the app compares what it reads with
what it shows, so its own commits change nothing on screen).

SQLite: a connection of its own reads ``PRAGMA data_version`` every half second; the number moves
when any other connection (this process or another) commits. SQLite cannot say who wrote.

The callback runs on the worker thread with a list of :class:`Notice`; the caller hands it over to
its own thread (the app does so through a Qt signal).
"""

from __future__ import annotations

import sqlite3
import threading
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from sqlalchemy import Engine, event, text
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError

from paddock_desk.store.table_tallies import Tally, moved, read_tallies, tally_query

CHANNEL = "paddock_desk_changes"
SEASON_TABLES = (
    "circuits", "series", "meetings", "sessions", "teams", "cars", "drivers", "lineups",
    "unavailability", "lineup_rules", "documents",
)
POLL_SECONDS = 0.5
"""How often SQLite's change counter is read (DESIGN: changes show within 2 s)."""
LISTEN_WAKE_SECONDS = 1.0
"""How long the PostgreSQL listener blocks before looking whether it was told to stop."""
SERVER_POLL_SECONDS = 1.0
"""How often a PostgreSQL feed that may not create the triggers reads the tables' tallies (a
commit then shows within about 1.3 s: DESIGN asks for 2 s)."""
NO_TRIGGERS = frozenset({"42501", "25006"})
"""SQLSTATEs of a trigger that may not be created: insufficient privilege, read-only transaction."""
GATHER_SECONDS = 0.05
"""After a first notice, how long to wait for the rest of the same commit's notices."""
READY_SECONDS = 2.0
"""How long :meth:`ChangeFeed.start` waits for the worker to listen (or to read the counter)."""

_FUNCTION = f"""
CREATE OR REPLACE FUNCTION paddock_desk_notify() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('{CHANNEL}', TG_TABLE_NAME || ' ' || session_user || ' '
                      || coalesce(current_setting('application_name', true), ''));
    RETURN NULL;
END $$
"""


@dataclass(frozen=True)
class Notice:
    """One committed change heard: the table, the database user and whether it was our own.

    ``table`` and ``user`` are None where the database cannot say (SQLite).
    """

    table: str | None = None
    user: str | None = None
    ours: bool = False


Callback = Callable[[list[Notice]], None]


def tag_connections(engine: Engine) -> str:
    """Give ``engine``'s PostgreSQL connections an application_name of their own; returns it.

    Connections already in the pool are closed so that every later one carries the tag.
    """
    token = f"paddock-desk {uuid.uuid4().hex[:12]}"

    def set_name(_dialect: Any, _record: Any, _args: Any, params: dict[str, Any]) -> None:
        params["application_name"] = token

    event.listen(engine, "do_connect", set_name)
    engine.dispose(close=True)
    return token


def install_triggers(engine: Engine) -> None:
    """Create the NOTIFY trigger on every season table where it is missing (PostgreSQL)."""
    with engine.begin() as conn:
        conn.execute(text("SELECT pg_advisory_xact_lock(hashtext('paddock_desk_notify'))"))
        have = set(conn.execute(text(
            "SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
            "WHERE t.tgname = 'paddock_desk_notify' AND NOT t.tgisinternal"
        )).scalars())
        function = conn.execute(text(
            "SELECT 1 FROM pg_proc WHERE proname = 'paddock_desk_notify'"
        )).first()
        if function is None:
            conn.execute(text(_FUNCTION))
        for table in SEASON_TABLES:
            if table not in have:
                conn.execute(text(
                    f"CREATE TRIGGER paddock_desk_notify AFTER INSERT OR UPDATE OR DELETE "
                    f"OR TRUNCATE ON {table} FOR EACH STATEMENT "
                    f"EXECUTE FUNCTION paddock_desk_notify()"
                ))


def parse_payload(payload: str, own_token: str) -> Notice:
    """A NOTIFY payload ("table user application_name") as a Notice."""
    table, _, rest = payload.partition(" ")
    user, _, app_name = rest.partition(" ")
    return Notice(table or None, user or None, app_name == own_token)


class ChangeFeed:
    """A worker thread that reports other connections' commits to ``callback``."""

    def __init__(self, engine: Engine, callback: Callback, token: str = "") -> None:
        self._url: URL = engine.url
        self._engine = engine
        self._callback = callback
        self._token = token
        self._stop = threading.Event()
        self._ready = threading.Event()
        self._thread: threading.Thread | None = None
        self.user: str | None = engine.url.username
        self.polling = False
        """True when a PostgreSQL feed reads tallies because it may not create the triggers."""
        self.why_polling = ""
        """The server's reason, when polling (e.g. "permission denied for schema public")."""

    @property
    def backend(self) -> str:
        return self._engine.dialect.name

    def start(self) -> None:
        """Start listening (PostgreSQL: the triggers are created first where missing).

        It returns once the worker listens (or has read SQLite's counter), so a commit made
        after it returns is heard; at most :data:`READY_SECONDS` when the server is slow.
        """
        if self.backend == "postgresql":
            target: Callable[[], None] = self._listen
            try:
                install_triggers(self._engine)
            except DBAPIError as exc:
                if getattr(exc.orig, "sqlstate", None) not in NO_TRIGGERS:
                    raise
                self.polling, target = True, self._poll_server
                self.why_polling = str(exc.orig).strip().splitlines()[0]
        else:
            target = self._poll
        self._thread = threading.Thread(target=target, name="season-change-feed", daemon=True)
        self._thread.start()
        self._ready.wait(READY_SECONDS)

    def stop(self, wait: float = 2.0) -> None:
        """Stop the worker; it ends within a second (it is a daemon thread in any case)."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(wait)

    # ---- SQLite ---------------------------------------------------------------------------
    def _poll(self) -> None:
        path = self._url.database or ""
        if not path or path == ":memory:":
            self._ready.set()
            return  # no other connection can see it
        conn = sqlite3.connect(f"file:{quote(path)}?mode=ro", uri=True, check_same_thread=False)
        try:
            last = _data_version(conn)
            self._ready.set()
            while not self._stop.wait(POLL_SECONDS):
                now = _data_version(conn)
                if now is not None and now != last:
                    last = now
                    self._report([Notice()])
        finally:
            conn.close()

    def _report(self, notices: list[Notice]) -> None:
        if not self._stop.is_set():
            self._callback(notices)

    # ---- PostgreSQL -----------------------------------------------------------------------
    def _listen(self) -> None:
        import psycopg

        while not self._stop.is_set():
            try:
                with psycopg.connect(**_connect_args(self._url), autocommit=True) as conn:
                    conn.execute(f"LISTEN {CHANNEL}")
                    self._ready.set()
                    self._receive(conn)
            except psycopg.Error:
                # the server went away: try again, then read everything (notices were missed)
                if self._stop.wait(2.0):
                    return
                self._report([Notice()])

    def _poll_server(self) -> None:
        """Read every season table's tally each second; report the tables whose tally moved."""
        import psycopg

        query = tally_query(SEASON_TABLES)
        last: dict[str, Tally] | None = None
        while not self._stop.is_set():
            try:
                args = _connect_args(self._url, "paddock-desk poller")
                with psycopg.connect(**args, autocommit=True) as conn:
                    conn.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")
                    last = self._compare(last, read_tallies(conn, query))
                    self._ready.set()
                    while not self._stop.wait(SERVER_POLL_SECONDS):
                        last = self._compare(last, read_tallies(conn, query))
            except psycopg.Error:
                # the server went away: connect again; the first tally read then names what
                # changed meanwhile
                if self._stop.wait(2.0):
                    return

    def _compare(self, last: dict[str, Tally] | None, now: dict[str, Tally]) -> dict[str, Tally]:
        changed = moved(last, now) if last is not None else []
        if changed:
            self._report([Notice(table) for table in changed])
        return now

    def _receive(self, conn: Any) -> None:
        while not self._stop.is_set():
            first = list(conn.notifies(timeout=LISTEN_WAKE_SECONDS, stop_after=1))
            if not first:
                continue
            rest = list(conn.notifies(timeout=GATHER_SECONDS))
            self._report(_unique(
                parse_payload(n.payload, self._token) for n in first + rest
            ))


def _data_version(conn: sqlite3.Connection) -> int | None:
    try:
        row = conn.execute("PRAGMA data_version").fetchone()
    except sqlite3.Error:
        return None
    return int(row[0]) if row else None


def _connect_args(url: URL, name: str = "paddock-desk listener") -> dict[str, Any]:
    args: dict[str, Any] = {
        "host": url.host, "port": url.port, "user": url.username, "password": url.password,
        "dbname": url.database, "application_name": name,
    }
    args.update({k: v for k, v in url.query.items() if isinstance(v, str)})
    return {k: v for k, v in args.items() if v is not None}


def _unique(notices: Iterable[Notice]) -> list[Notice]:
    return list(dict.fromkeys(notices))
