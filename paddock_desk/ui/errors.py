"""An error dialog for anything unexpected, instead of a silent exit.

Installed as ``sys.excepthook``: a :class:`PaddockError` (bad data, a stale edit...) shows its own
message; any other exception shows what went wrong with the traceback under "Show Details", is
written to stderr too, and the app keeps running.
"""

from __future__ import annotations

import sys
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from types import TracebackType

from PySide6.QtWidgets import QMessageBox, QWidget

from paddock_desk.domain.errors import PaddockError

ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], object]


@dataclass(frozen=True)
class ErrorReport:
    title: str
    text: str
    details: str
    expected: bool


def describe(exc: BaseException, tb: TracebackType | None) -> ErrorReport:
    """What the dialog says about ``exc``."""
    if isinstance(exc, PaddockError):
        return ErrorReport("Paddock Desk", str(exc), "", True)
    details = "".join(traceback.format_exception(type(exc), exc, tb))
    text = (
        f"Something unexpected went wrong: {type(exc).__name__}: {exc}\n\n"
        "Your season is saved after every edit; you can carry on, or restart the app if it "
        "misbehaves. The details below help to report the problem."
    )
    return ErrorReport("Unexpected error", text, details, False)


def error_box(report: ErrorReport, parent: QWidget | None = None) -> QMessageBox:
    """The dialog for ``report`` (not yet shown)."""
    icon = QMessageBox.Icon.Warning if report.expected else QMessageBox.Icon.Critical
    box = QMessageBox(icon, report.title, report.text, QMessageBox.StandardButton.Ok, parent)
    box.setAccessibleName(report.title)
    if report.details:
        box.setDetailedText(report.details)
    return box


class ErrorHook:
    """The excepthook; shows one dialog at a time, and never raises from inside itself."""

    def __init__(self, parent: Callable[[], QWidget | None], previous: ExceptHook) -> None:
        self._parent = parent
        self._previous = previous
        self._showing = False
        self.last: ErrorReport | None = None

    def __call__(
        self, kind: type[BaseException], exc: BaseException, tb: TracebackType | None
    ) -> None:
        if issubclass(kind, KeyboardInterrupt):
            self._previous(kind, exc, tb)
            return
        report = describe(exc, tb)
        self.last = report
        if not report.expected:
            sys.stderr.write(report.details)
        if self._showing:
            return
        self._showing = True
        try:
            error_box(report, self._parent()).exec()
        finally:
            self._showing = False


def install_error_dialog(parent: Callable[[], QWidget | None]) -> ErrorHook:
    """Route uncaught exceptions to a dialog over ``parent()``; returns the hook."""
    hook = ErrorHook(parent, sys.excepthook)
    sys.excepthook = hook
    return hook
