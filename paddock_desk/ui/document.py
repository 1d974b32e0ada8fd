"""The open season: database, domain Season, current clashes and the undo stack.

Views read ``document.season`` and ``document.clashes`` and listen to ``changed(ChangeSet)``,
emitted after every edit, undo, redo and reload, and refresh only what the change set names.
Edits are Qt-free objects (:mod:`paddock_desk.services.editing`); the QUndoStack only presents
them. After an edit only the touched drivers' clashes are checked again.

The document reaches the database through :mod:`paddock_desk.services.season` only. It can open
a database behind the window (:meth:`open_with`: the database is opened, its season read and its
clashes found on a worker thread, one connection per action), and follow other staff's commits
(:meth:`watch`): each commit heard is read again on a worker thread and compared with the season
shown; only what differs is refreshed, and ``outside_changed`` says what changed and by whom.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from paddock_desk.domain.clashes import Clash, ClashEngine
from paddock_desk.domain.errors import PaddockError
from paddock_desk.domain.model import Season
from paddock_desk.services import season as seasons
from paddock_desk.ui import clash_index
from paddock_desk.ui.clash_index import ClashIndex
from paddock_desk.ui.tasks import Runner, run_in_thread

if TYPE_CHECKING:
    from paddock_desk.services.editing import ChangeSet, Edit
    from paddock_desk.services.season import ChangeFeed, Database, Notice

RETRIES, RETRY_MS = 3, 500
"""A reading of other staff's changes that failed is tried again this often, this much later."""


def everything() -> ChangeSet:
    """The change set of a reload: every view refreshes everything."""
    from paddock_desk.services.editing import ChangeSet

    return ChangeSet.everything()


class _EditCommand(QUndoCommand):
    """One edit on the undo stack; the first redo (on push) is the edit already applied."""

    def __init__(self, document: SeasonDocument, edit: Edit) -> None:
        super().__init__(edit.text)
        self._document = document
        self._edit = edit
        self._pushed = False

    def redo(self) -> None:
        if not self._pushed:
            self._pushed = True
            return
        if not self._document._run(self._edit.apply, self._edit.text, undo=False):
            self.setObsolete(True)

    def undo(self) -> None:
        if not self._document._run(self._edit.revert, self._edit.text, undo=True):
            self.setObsolete(True)


class _Relay(QObject):
    """Carries notices from the change feed's thread to the document's."""

    notices = Signal(object)


class SeasonDocument(QObject):
    """The season being edited, shared by every view of the main window."""

    changed = Signal(object)
    """A ChangeSet, after each edit, undo, redo or reload."""
    failed = Signal(str)
    """A message for the user when an undo or redo could not be written."""
    refused = Signal(object)
    """A RefusedStep: an undo or redo met a row someone else changed since; nothing written."""
    opened = Signal()
    """A database was opened behind the window and its season read (views restore its state)."""
    open_failed = Signal(object)
    """The exception that stopped :meth:`open_with`; the season shown stays."""
    loading = Signal(str)
    """What is being opened or read ("Opening season.db…"); "" when done."""
    outside_changing = Signal()
    """Other staff's changes are about to replace the season (views note selection and scroll)."""
    outside_changed = Signal(str)
    """Other staff's changes were applied: a sentence for the status bar."""

    def __init__(
        self, db: Database | None, parent: QObject | None = None, *, runner: Runner | None = None,
        label: str = "",
    ) -> None:
        super().__init__(parent)
        self._db = db
        self.runner: Runner = runner or run_in_thread
        self.label = seasons.display_name(db.url) if db is not None else label
        """The open database's name (or the one being opened first)."""
        self.url = seasons.url_without_password(db.url) if db is not None else ""
        self.undo_stack = QUndoStack(self)
        self.undo_stack.setUndoLimit(500)
        self.season = Season()
        self._index = ClashIndex(self.season)
        self._relay = _Relay(self)
        self._relay.notices.connect(self._on_notices)
        self._feed: ChangeFeed | None = None
        self._watching = False
        self._generation = 0
        self._reading = False
        self._read_pending = False
        self._heard: list[Notice] = []
        self._failed_reads = 0
        self._stale: set[str] | None = set()
        """The tables to read again (None: every one)."""
        self._changed_by: dict[tuple[str, int], str] = {}
        """Who last changed a row, of other staff's commits applied (where the database said)."""
        if db is not None:
            self._load()

    # ---- reading ------------------------------------------------------------------------

    @property
    def name(self) -> str:
        return self.label

    @property
    def db(self) -> Database:
        """The open database (PaddockError while none is open yet)."""
        if self._db is None:
            raise PaddockError("No season is open yet.")
        return self._db

    @property
    def is_open(self) -> bool:
        return self._db is not None

    @property
    def clashes(self) -> list[Clash]:
        """Every clash and warning, ordered by driver then start."""
        return self._index.ordered

    @property
    def engine(self) -> ClashEngine:
        """The clash engine over the current season (substitutes, previews)."""
        return self._index.engine

    def clashes_for_driver(self, driver_id: int) -> list[Clash]:
        return list(self._index.by_driver.get(driver_id, ()))

    def changed_by(self, kind: str, row_id: int) -> str | None:
        """The database user(s) whose commit, applied here, last changed that row; None when not
        known (SQLite cannot say who wrote, nor can a feed that polls)."""
        return self._changed_by.get((kind, row_id))

    def clashes_for_meeting(self, meeting_id: int) -> list[Clash]:
        return [c for c in self.clashes if meeting_id in clash_index.meeting_ids(c)]

    # ---- opening ------------------------------------------------------------------------

    def open_with(self, opener: Callable[[], Database], label: str) -> None:
        """Open a database with ``opener`` behind the window; its season then replaces this one.

        ``opened`` follows on success, ``open_failed`` (the exception) otherwise.
        """
        if self._db is None:
            self.label = label  # the window names what it is opening
        self.loading.emit(f"Opening {label}…")

        def work() -> tuple[Database, Season, ClashIndex]:
            db = opener()
            try:
                season = seasons.read_season(db)
                return db, season, ClashIndex(season)
            except BaseException:
                db.close()
                raise

        self.runner(work, self._on_opened)

    def open(self, target: str) -> None:
        """Open the database ``target`` (a path or URL, created when new) behind the window."""
        self.open_with(lambda: seasons.open_season_database(target),
                       seasons.display_name(target))

    def _on_opened(self, result: Any) -> None:
        self.loading.emit("")
        if isinstance(result, BaseException):
            self.open_failed.emit(result)
            return
        db, season, index = result
        old = self._db
        self._stop_feed()
        self._db, self.season, self._index = db, season, index
        self.label = seasons.display_name(db.url)
        self.url = seasons.url_without_password(db.url)
        self._generation += 1
        self.undo_stack.clear()
        if old is not None and old is not db:
            old.close()
        if self._watching:
            self._start_feed()
        self.changed.emit(everything())
        self.opened.emit()

    def close(self) -> None:
        """Stop following changes and close the database."""
        self._watching = False
        self._stop_feed()
        if self._db is not None:
            self._db.close()

    # ---- following other staff's commits --------------------------------------------------

    def watch(self) -> None:
        """Show other staff's commits as they happen (until :meth:`close`)."""
        self._watching = True
        if self._feed is None:
            self._start_feed()

    def _start_feed(self) -> None:
        if self._db is None:
            return
        try:
            self._feed = seasons.follow_changes(self.db, self._relay.notices.emit)
        except PaddockError as exc:
            self.outside_changed.emit(str(exc))

    def _stop_feed(self) -> None:
        if self._feed is not None:
            self._feed.stop(wait=0)
            self._feed = None
        self._heard = []
        self._stale = set()

    def _on_notices(self, notices: list[Notice]) -> None:
        foreign = [n for n in notices if not n.ours]
        if foreign and self._db is not None:
            self._heard.extend(foreign)
            self._mark_stale({n.table for n in foreign})
            self._read_again()

    def _mark_stale(self, tables: set[str | None] | None) -> None:
        if tables is None or None in tables or self._stale is None:
            self._stale = None
        else:
            self._stale |= {t for t in tables if t is not None}

    def _read_again(self) -> None:
        """Read the season on a worker thread (once more if a commit arrives meanwhile)."""
        if self._reading:
            self._read_pending = True
            return
        self._reading, self._read_pending = True, False
        db, generation, season = self.db, self._generation, self.season
        tables, self._stale = self._stale, set()
        self.runner(lambda: seasons.read_tables(db, season, tables),
                    lambda result: self._on_read(result, db, generation, tables))

    def _on_read(self, result: Any, db: Database, generation: int,
                 tables: set[str] | None) -> None:
        self._reading = False
        if db is not self._db:
            return
        if self._read_pending or generation != self._generation:
            self._mark_stale(None if tables is None else set(tables))
            self._read_again()  # an edit of ours or another commit came in meanwhile
            return
        if isinstance(result, BaseException):
            self._mark_stale(None)
            self._failed_reads += 1
            if self._failed_reads < RETRIES:  # e.g. a commit landed between two tables
                QTimer.singleShot(RETRY_MS, self._read_again)
            else:
                self.outside_changed.emit(f"Other staff's changes could not be read: {result}")
            return
        self._failed_reads = 0
        self._apply_outside(result)

    def _apply_outside(self, season: Season) -> None:
        from paddock_desk.services.season_diff import diff_seasons

        diff = diff_seasons(self.season, season)
        heard, self._heard = self._heard, []
        if diff.empty:
            return  # our own commits, already shown
        self.outside_changing.emit()
        self.season = season
        change = diff.change
        touched = self._index.season_changed(season, change)
        if not change.all_drivers:
            change = replace(change, driver_ids=frozenset(touched))
        me = self._feed.user if self._feed is not None else None
        names = ", ".join(seasons.users_named(heard, me))
        for key in change.ids:
            if names:
                self._changed_by[key] = names
            else:
                self._changed_by.pop(key, None)
        self.changed.emit(change)
        sentence = diff.sentence(names or "another user")
        if touched:
            drivers = len(touched)
            sentence += f"; clashes checked again for {drivers} driver{'s' * (drivers != 1)}"
        self.outside_changed.emit(sentence + ".")

    # ---- changing -----------------------------------------------------------------------

    def execute(self, edit: Edit) -> ChangeSet:
        """Apply ``edit`` now and put it on the undo stack; PaddockError if it was refused."""
        result = edit.apply(self.db)
        self._after(result)
        self.undo_stack.push(_EditCommand(self, edit))
        return result

    def reload(self) -> None:
        """Read the whole season again (after someone else changed the database)."""
        self.undo_stack.clear()
        self._load()
        self.changed.emit(everything())

    def _run(self, action: Any, text: str = "", *, undo: bool = True) -> bool:
        """Run an undo or redo; on failure reload, tell the user and return False."""
        from paddock_desk.services.editing import RefusedStep, StaleEditError

        try:
            result = action(self.db)
        except StaleEditError as exc:
            self._load()
            self.changed.emit(everything())
            self.refused.emit(RefusedStep(exc, text, undo))
            return False
        except PaddockError as exc:
            self._load()
            self.changed.emit(everything())
            self.failed.emit(str(exc))
            return False
        self._after(result)
        return True

    def _load(self) -> None:
        if self._db is None:
            return
        self._generation += 1
        self.season = seasons.read_season(self.db)
        self._index = ClashIndex(self.season)

    def _after(self, result: ChangeSet) -> None:
        """Bring the season and clashes up to date with ``result``, then tell the views."""
        self._generation += 1
        if result.assignments_only:
            seasons.refresh_drivers(self.db, self.season, result.driver_ids)
            self._index.drivers_changed(self.season, result.driver_ids)
        else:
            whole = seasons.refresh_rows(self.db, self.season, result)
            if whole is not None:
                self.season = whole
                result = replace(result, all_drivers=True)
            touched = self._index.season_changed(self.season, result)
            if not result.all_drivers:
                result = replace(result, driver_ids=frozenset(touched))
        self.changed.emit(result)
