"""Undoable edits of the season database, without Qt.

An edit is a small object with ``apply(db)`` and ``revert(db)``; each runs in one SQLAlchemy
Session of its own and returns a :class:`ChangeSet` naming what changed, so that views refresh
only that. ``apply`` may be called again after ``revert`` (redo). A write that meets a row changed
by someone else since (the version counter moved) is refused with :class:`StaleEditError`.

The line-up edits (enter a driver in a car for a round, take them out of it) live here; edits of
single rows of any kind (create, change, delete) live in :mod:`paddock_desk.services.edits_rows`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Protocol, TypeVar

from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from paddock_desk.domain.errors import PaddockError
from paddock_desk.domain.rounds import format_rounds, parse_rounds
from paddock_desk.services.row_rules import constraint_message
from paddock_desk.store.database import Database
from paddock_desk.store.schema import Base, CarRow, DriverRow, MeetingRow
from paddock_desk.store.transactions import begin_write
from paddock_desk.store.versioned import VersionMismatch, delete_row, update_row

T = TypeVar("T")


class StaleEditError(PaddockError):
    """Someone else saved the row since the person saw it; nothing was written.

    ``seen`` is the version the edit started from, ``version`` the row's version now (None when
    it was deleted); ``theirs`` holds the row's columns as saved now (None when deleted) and
    ``mine`` the columns this edit meant to write (empty when it meant to delete the row), so
    that a view can set them side by side, and Overwrite can write mine over theirs.
    """

    def __init__(
        self,
        message: str,
        *,
        kind: str = "",
        row_id: int | None = None,
        seen: int | None = None,
        theirs: dict[str, Any] | None = None,
        mine: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(message)
        self.kind = kind
        self.row_id = row_id
        self.seen = seen
        self.theirs = theirs
        self.mine = dict(mine or {})

    @property
    def version(self) -> int | None:
        return None if self.theirs is None else int(self.theirs["version"])


@dataclass(frozen=True)
class RefusedStep:
    """An undo or redo of ``text`` that met a row someone else changed since (``undo``: which)."""

    error: StaleEditError
    text: str
    undo: bool


def stale(what: str, mismatch: VersionMismatch, mine: dict[str, Any]) -> StaleEditError:
    """The StaleEditError of a write that found the row at another version than it saw."""
    return StaleEditError(
        STALE_MESSAGE.format(what=what), kind=mismatch.table, row_id=mismatch.row_id,
        seen=mismatch.seen, theirs=mismatch.current, mine=mine,
    )


class ChangeKind(StrEnum):
    """A kind of row an edit changes: one per season table, valued by the table's name.

    ``ChangeKind(table.name)`` names the kind of a table's rows (an import's, the change feed's).
    """

    CIRCUITS = "circuits"
    SERIES = "series"
    MEETINGS = "meetings"
    SESSIONS = "sessions"
    TEAMS = "teams"
    CARS = "cars"
    DRIVERS = "drivers"
    LINEUPS = "lineups"
    UNAVAILABILITY = "unavailability"
    LINEUP_RULES = "lineup_rules"
    DOCUMENTS = "documents"
    FEEDS = "feeds"
    FEED_SETTINGS = "feed_settings"


PER_DRIVER = frozenset({ChangeKind.LINEUPS, ChangeKind.UNAVAILABILITY, ChangeKind.DRIVERS})
"""Kinds whose edits move the clashes of the drivers they name and of no one else.

A change of only these (and not of every driver) is re-checked and re-marked driver by driver.
A driver's own row is among them: its edit names that driver, though the document reads the row
again with the season's other rows (see :attr:`ChangeSet.assignments_only`).
"""

EVERY_KIND = frozenset(ChangeKind)


@dataclass(frozen=True)
class ChangeSet:
    """What an edit changed: kinds of row, (kind, id) pairs, and the drivers whose clashes move.

    ``driver_ids`` are the drivers whose clashes may have changed; ``all_drivers`` says every
    driver's may have. A view asks a typed flag (``change.meetings``), never a table's name.
    """

    kinds: frozenset[ChangeKind] = frozenset()
    ids: frozenset[tuple[ChangeKind, int]] = frozenset()
    driver_ids: frozenset[int] = frozenset()
    all_drivers: bool = False

    @classmethod
    def everything(cls) -> ChangeSet:
        """The change set of a reload: every kind, every driver; each view refreshes all."""
        return cls(EVERY_KIND, frozenset(), frozenset(), True)

    def __or__(self, other: ChangeSet) -> ChangeSet:
        return ChangeSet(
            self.kinds | other.kinds,
            self.ids | other.ids,
            self.driver_ids | other.driver_ids,
            self.all_drivers or other.all_drivers,
        )

    @property
    def empty(self) -> bool:
        return not self.kinds

    @property
    def is_everything(self) -> bool:
        return self.all_drivers and self.kinds == EVERY_KIND

    @property
    def per_driver(self) -> bool:
        """Only kinds of :data:`PER_DRIVER` changed: the clashes of ``driver_ids`` alone move."""
        return self.kinds <= PER_DRIVER and not self.all_drivers

    @property
    def assignments_only(self) -> bool:
        """Only line-ups and unavailability of ``driver_ids`` changed; every other row stands."""
        return self.per_driver and not self.drivers

    def ids_of(self, kind: ChangeKind) -> frozenset[int]:
        """The ids of the rows of ``kind`` this change names."""
        return frozenset(i for k, i in self.ids if k == kind)

    # ---- one flag per kind, like the kinds -------------------------------------------------
    @property
    def circuits(self) -> bool:
        return ChangeKind.CIRCUITS in self.kinds

    @property
    def series(self) -> bool:
        return ChangeKind.SERIES in self.kinds

    @property
    def meetings(self) -> bool:
        return ChangeKind.MEETINGS in self.kinds

    @property
    def sessions(self) -> bool:
        return ChangeKind.SESSIONS in self.kinds

    @property
    def teams(self) -> bool:
        return ChangeKind.TEAMS in self.kinds

    @property
    def cars(self) -> bool:
        return ChangeKind.CARS in self.kinds

    @property
    def drivers(self) -> bool:
        return ChangeKind.DRIVERS in self.kinds

    @property
    def lineups(self) -> bool:
        return ChangeKind.LINEUPS in self.kinds

    @property
    def unavailability(self) -> bool:
        return ChangeKind.UNAVAILABILITY in self.kinds

    @property
    def lineup_rules(self) -> bool:
        return ChangeKind.LINEUP_RULES in self.kinds

    @property
    def documents(self) -> bool:
        return ChangeKind.DOCUMENTS in self.kinds


class Edit(Protocol):
    """An undoable change of the database; ``text`` names it in the Edit menu."""

    @property
    def text(self) -> str: ...

    def apply(self, db: Database) -> ChangeSet: ...

    def revert(self, db: Database) -> ChangeSet: ...


STALE_MESSAGE = (
    "Someone else changed this {what} since the season was loaded; nothing was written. "
    "Reload the season (View > Reload) and try again."
)


@contextmanager
def edit_session(db: Database, what: str = "entry") -> Iterator[Session]:
    """One Session and transaction for one action; stale and conflicting writes as PaddockError."""
    try:
        with db.session() as session, session.begin():
            begin_write(session.connection())
            yield session
    except StaleDataError as exc:
        raise StaleEditError(STALE_MESSAGE.format(what=what)) from exc
    except OperationalError as exc:
        if "locked" not in str(exc.orig):
            raise
        raise PaddockError(f"The {what} was not saved: the database is busy with another save "
                           "or an import. Try again in a moment.") from exc
    except IntegrityError as exc:
        reason = constraint_message(str(exc.orig))
        if reason is not None:
            raise PaddockError(f"The {what} was not saved: {reason}.") from exc
        raise PaddockError(f"The {what} could not be saved: it conflicts with another entry "
                           f"({type(exc.orig).__name__}).") from exc


def run(db: Database, what: str, action: Callable[[Session], T]) -> T:
    """Run ``action`` in one edit session."""
    with edit_session(db, what) as session:
        return action(session)


# ---- line-ups ---------------------------------------------------------------------------------

_ABSENT = "absent"
"""The state of a line-up that has no row (the driver is not in the car at all)."""

LineupState = frozenset[str] | None | str


def series_rounds(session: Session, series_id: int) -> frozenset[str]:
    """Every round label of a series."""
    rows = session.scalars(select(MeetingRow.round).where(MeetingRow.series_id == series_id))
    return frozenset(rows)


@dataclass
class SetLineup:
    """Put a driver in a car for exactly ``rounds`` (None: every round; ``"absent"``: not at all).

    The primitive behind entering and removing: the state to write is worked out when the edit
    is first applied (:meth:`target`), from the line-up as it is then, in the same transaction.
    The edit remembers the state it replaced and the state it left; undo and redo check that the
    line-up still holds it and write naming the version they read it at, in one transaction, so
    a line-up that someone else changed meanwhile is refused, never overwritten. (States, not
    versions, because the steps of one group may change one line-up in turn.)
    """

    driver_id: int
    car_id: int
    rounds: LineupState
    text: str = "Change line-up"
    _before: LineupState = field(default=_ABSENT, init=False)
    _after: LineupState = field(default=_ABSENT, init=False)
    _applied: bool = field(default=False, init=False)

    def target(self, current: LineupState, every: frozenset[str]) -> LineupState:
        """The state to write, given the current one and every round of the series."""
        return self.rounds

    def apply(self, db: Database) -> ChangeSet:
        run(db, "line-up", self._apply)
        return self._changes()

    def _apply(self, session: Session) -> None:
        current, version, every = _read_lineup(session, self.driver_id, self.car_id)
        if self._applied:
            self._require(session, current, self._before, self._after)
        else:
            self._before, self._after = current, self.target(current, every)
            self._applied = True
        self._write(session, self._after, version)

    def revert(self, db: Database) -> ChangeSet:
        run(db, "line-up", self._revert)
        return self._changes()

    def _revert(self, session: Session) -> None:
        current, version, _every = _read_lineup(session, self.driver_id, self.car_id)
        self._require(session, current, self._after, self._before)
        self._write(session, self._before, version)

    def _require(
        self, session: Session, current: LineupState, expected: LineupState, mine: LineupState
    ) -> None:
        """Refuse when the line-up no longer holds what this edit left in it."""
        if current != expected:
            row = _lineup_row(session, self.driver_id, self.car_id)
            raise StaleEditError(
                STALE_MESSAGE.format(what="line-up"), kind="lineups",
                row_id=None if row is None else int(row["id"]), theirs=row,
                mine={} if isinstance(mine, str) else {"rounds": format_rounds(mine)},
            )

    def _write(self, session: Session, state: LineupState, seen: int | None) -> int | None:
        try:
            return _write_lineup(session, self.driver_id, self.car_id, state, seen)
        except VersionMismatch as exc:
            mine = {} if isinstance(state, str) else {"rounds": format_rounds(state)}
            raise stale("line-up", exc, mine) from exc

    def _changes(self) -> ChangeSet:
        return ChangeSet(frozenset({ChangeKind.LINEUPS}), frozenset(), frozenset({self.driver_id}))


@dataclass
class ChangeRounds(SetLineup):
    """Enter a driver in a car for ``add`` rounds and take them out of ``remove`` rounds."""

    rounds: LineupState = None
    add: frozenset[str] = frozenset()
    remove: frozenset[str] = frozenset()

    def target(self, current: LineupState, every: frozenset[str]) -> LineupState:
        if current is None and not self.remove:
            return None
        base: frozenset[str] = (
            frozenset() if current == _ABSENT else every if current is None
            else frozenset(current)
        )
        left = (base | self.add) - self.remove
        if current is None and left >= every:
            return None
        return left if left else _ABSENT


def _lineup_row(session: Session, driver_id: int, car_id: int) -> dict[str, Any] | None:
    lineups = Base.metadata.tables["lineups"]
    found = session.execute(
        select(lineups).where(lineups.c.driver_id == driver_id, lineups.c.car_id == car_id)
    ).mappings().one_or_none()
    return dict(found) if found is not None else None


def _read_lineup(
    session: Session, driver_id: int, car_id: int
) -> tuple[LineupState, int | None, frozenset[str]]:
    """The driver's rounds in the car and the line-up's version (None when there is none), and
    every round of the car's series."""
    car = session.get(CarRow, car_id)
    if car is None or session.get(DriverRow, driver_id) is None:
        raise StaleEditError(STALE_MESSAGE.format(what="car or driver"), kind="lineups")
    row = _lineup_row(session, driver_id, car_id)
    if row is None:
        return _ABSENT, None, series_rounds(session, car.series_id)
    return parse_rounds(row["rounds"]), int(row["version"]), series_rounds(session, car.series_id)


def _write_lineup(
    session: Session, driver_id: int, car_id: int, state: LineupState, seen: int | None
) -> int | None:
    """Write ``state`` over the line-up at version ``seen``; its new version (None: absent)."""
    lineups = Base.metadata.tables["lineups"]
    row = _lineup_row(session, driver_id, car_id)
    if state == _ABSENT:
        if row is not None:
            delete_row(session, lineups, int(row["id"]), seen)
        return None
    assert not isinstance(state, str)
    if row is None:
        session.execute(insert(lineups).values(
            driver_id=driver_id, car_id=car_id, rounds=format_rounds(state), version=1
        ))
        return 1
    return update_row(session, lineups, int(row["id"]), {"rounds": format_rounds(state)}, seen)


def enter_driver(driver_id: int, car_id: int, rounds: Iterable[str]) -> ChangeRounds:
    """The edit that enters a driver in a car for ``rounds`` as well as those they have."""
    wanted = frozenset(rounds)
    label = ", ".join(sorted(wanted))
    return ChangeRounds(
        driver_id, car_id, text=f"Enter driver for round {label}", add=wanted
    )


def remove_driver(driver_id: int, car_id: int, rounds: Iterable[str]) -> ChangeRounds:
    """The edit that takes a driver out of a car for ``rounds`` (keeping their other rounds)."""
    unwanted = frozenset(rounds)
    label = ", ".join(sorted(unwanted))
    return ChangeRounds(
        driver_id, car_id, text=f"Remove driver from round {label}", remove=unwanted
    )


@dataclass
class EditGroup:
    """Several edits as one undoable step (applied in order, reverted in reverse)."""

    edits: list[Edit]
    text: str = "Edit"

    def apply(self, db: Database) -> ChangeSet:
        done: list[Edit] = []
        result = ChangeSet()
        try:
            for edit in self.edits:
                result |= edit.apply(db)
                done.append(edit)
        except PaddockError:
            for edit in reversed(done):
                edit.revert(db)
            raise
        return result

    def revert(self, db: Database) -> ChangeSet:
        result = ChangeSet()
        for edit in reversed(self.edits):
            result |= edit.revert(db)
        return result
