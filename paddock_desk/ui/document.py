"""The open season: database, domain Season, current clashes and the undo stack.

Views read ``document.season`` and ``document.clashes`` and listen to ``changed(ChangeSet)``,
emitted after every edit, undo, redo and reload, and refresh only what the change set names.
Edits are Qt-free objects (:mod:`paddock_desk.services.editing`); the QUndoStack only presents
them. After an edit only the touched drivers' clashes are checked again.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from paddock_desk.domain.clashes import Clash, ClashEngine
from paddock_desk.domain.errors import PaddockError
from paddock_desk.domain.model import Season
from paddock_desk.services.editing import ChangeSet, Edit, RefusedStep, StaleEditError
from paddock_desk.services.edits_refresh import patch_drivers, patch_rows
from paddock_desk.store.database import Database
from paddock_desk.store.season_loader import load_season, read_season
from paddock_desk.ui import clash_index
from paddock_desk.ui.clash_index import ClashIndex

EVERYTHING = ChangeSet(frozenset({"*"}), frozenset(), frozenset(), True)
"""The change set of a reload: every view refreshes everything."""


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


class SeasonDocument(QObject):
    """The season being edited, shared by every view of the main window."""

    changed = Signal(object)
    """A ChangeSet, after each edit, undo, redo or reload."""
    failed = Signal(str)
    """A message for the user when an undo or redo could not be written."""
    refused = Signal(object)
    """A RefusedStep: an undo or redo met a row someone else changed since; nothing written."""

    def __init__(self, db: Database, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.undo_stack = QUndoStack(self)
        self.undo_stack.setUndoLimit(500)
        self.season = Season()
        self._load()

    # ---- reading ------------------------------------------------------------------------

    @property
    def name(self) -> str:
        return self.db.name

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

    def clashes_for_meeting(self, meeting_id: int) -> list[Clash]:
        return [c for c in self.clashes if meeting_id in clash_index.meeting_ids(c)]

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
        self.changed.emit(EVERYTHING)

    def _run(self, action: Any, text: str = "", *, undo: bool = True) -> bool:
        """Run an undo or redo; on failure reload, tell the user and return False."""
        try:
            result = action(self.db)
        except StaleEditError as exc:
            self._load()
            self.changed.emit(EVERYTHING)
            self.refused.emit(RefusedStep(exc, text, undo))
            return False
        except PaddockError as exc:
            self._load()
            self.changed.emit(EVERYTHING)
            self.failed.emit(str(exc))
            return False
        self._after(result)
        return True

    def _load(self) -> None:
        self.season = read_season(self.db.engine)
        self._index = ClashIndex(self.season)

    def _after(self, result: ChangeSet) -> None:
        """Bring the season and clashes up to date with ``result``, then tell the views."""
        if result.kinds <= {"lineups", "unavailability"} and not result.all_drivers:
            with self.db.engine.connect() as conn:
                patch_drivers(conn, self.season, result.driver_ids)
            self._index.drivers_changed(self.season, result.driver_ids)
        else:
            with self.db.engine.connect() as conn:
                if not patch_rows(conn, self.season, result):
                    self.season = load_season(conn)  # circuits, series, teams: rare edits
                    result = replace(result, all_drivers=True)
            touched = self._index.season_changed(self.season, result)
            if not result.all_drivers:
                result = replace(result, driver_ids=frozenset(touched))
        self.changed.emit(result)
