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
from typing import Protocol, TypeVar

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from paddock_desk.domain.errors import PaddockError
from paddock_desk.store.database import Database
from paddock_desk.store.schema import CarRow, DriverRow, LineupRow, MeetingRow
from paddock_desk.store.season_loader import format_rounds, parse_rounds

T = TypeVar("T")


class StaleEditError(PaddockError):
    """Someone else changed the row since it was read; the season must be reloaded."""


@dataclass(frozen=True)
class ChangeSet:
    """What an edit changed: table kinds, (kind, id) pairs, and the drivers whose clashes move.

    ``kinds`` are table names ("lineups", "meetings", ...). ``driver_ids`` are the drivers whose
    clashes may have changed; ``all_drivers`` says every driver's may have.
    """

    kinds: frozenset[str] = frozenset()
    ids: frozenset[tuple[str, int]] = frozenset()
    driver_ids: frozenset[int] = frozenset()
    all_drivers: bool = False

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

    def touches(self, kind: str) -> bool:
        return kind in self.kinds


def changes(
    kind: str, ids: Iterable[int], drivers: Iterable[int] = (), *, all_drivers: bool = False
) -> ChangeSet:
    """A ChangeSet of one kind."""
    return ChangeSet(
        frozenset({kind}), frozenset((kind, i) for i in ids), frozenset(drivers), all_drivers
    )


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
            yield session
    except StaleDataError as exc:
        raise StaleEditError(STALE_MESSAGE.format(what=what)) from exc
    except IntegrityError as exc:
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
    is first applied (:meth:`target`), from the line-up as it is then; the edit remembers the
    state it replaced, so revert restores it, and a line-up that someone else changed meanwhile
    is refused.
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
        current, every = _read_lineup(session, self.driver_id, self.car_id)
        if self._applied and current != self._before:
            raise StaleEditError(STALE_MESSAGE.format(what="line-up"))
        if not self._applied:
            self._before, self._after = current, self.target(current, every)
            self._applied = True
        _write_lineup(session, self.driver_id, self.car_id, self._after)

    def revert(self, db: Database) -> ChangeSet:
        run(db, "line-up", self._revert)
        return self._changes()

    def _revert(self, session: Session) -> None:
        current, _every = _read_lineup(session, self.driver_id, self.car_id)
        if current != self._after:
            raise StaleEditError(STALE_MESSAGE.format(what="line-up"))
        _write_lineup(session, self.driver_id, self.car_id, self._before)

    def _changes(self) -> ChangeSet:
        return ChangeSet(frozenset({"lineups"}), frozenset(), frozenset({self.driver_id}))


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


def _read_lineup(
    session: Session, driver_id: int, car_id: int
) -> tuple[LineupState, frozenset[str]]:
    """The driver's current rounds in the car, and every round of the car's series."""
    car = session.get(CarRow, car_id)
    if car is None or session.get(DriverRow, driver_id) is None:
        raise StaleEditError(STALE_MESSAGE.format(what="car or driver"))
    found = session.execute(
        select(LineupRow.id, LineupRow.rounds).where(
            LineupRow.driver_id == driver_id, LineupRow.car_id == car_id
        )
    ).one_or_none()
    state = _ABSENT if found is None else parse_rounds(found.rounds)
    return state, series_rounds(session, car.series_id)


def _write_lineup(session: Session, driver_id: int, car_id: int, state: LineupState) -> None:
    row = session.scalars(
        select(LineupRow).where(LineupRow.driver_id == driver_id, LineupRow.car_id == car_id)
    ).one_or_none()
    if state == _ABSENT:
        if row is not None:
            session.delete(row)
        return
    assert not isinstance(state, str)
    if row is None:
        row = LineupRow(driver_id=driver_id, car_id=car_id)
        session.add(row)
    row.rounds = format_rounds(state)


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
