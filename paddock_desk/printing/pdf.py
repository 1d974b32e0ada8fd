"""A printout as a PDF file, with no screen needed (the command line's `print`)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from paddock_desk.domain.errors import PaddockError
from paddock_desk.services.printing import Paper, Printout, paper_for_locale, printed_stamp


def ensure_gui_application() -> object:
    """The running Qt application, else an offscreen QGuiApplication (no screen needed).

    Fonts and text layout need one; widgets are not needed to print, nor is a screen.
    """
    # The command shows no window, so it draws offscreen whether or not a display is named:
    # that also works where DISPLAY names one that is gone (a stale ssh session).
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    from paddock_desk.identity import keep_dates_in_english

    app = QGuiApplication.instance()
    if app is None:
        app = QGuiApplication(sys.argv[:1])
        keep_dates_in_english()  # the printout's dates in English, like its sentences
    return app


def system_paper() -> Paper:
    """A4 or Letter for where the user is: LC_ALL / LC_PAPER / LANG, else the system locale."""
    paper = paper_for_locale()
    if paper is not None:
        return paper
    from PySide6.QtCore import QLocale

    territory = QLocale.system().territory()
    letter = (QLocale.Territory.UnitedStates, QLocale.Territory.Canada)
    return "Letter" if territory in letter else "A4"


def write_pdf(printout: Printout, path: Path, paper: Paper | None = None) -> int:
    """Write ``printout`` to ``path`` as a PDF; returns the number of pages."""
    ensure_gui_application()
    from PySide6.QtGui import QPdfWriter

    from paddock_desk.printing.pages import print_document, set_layout

    tmp = path.with_name(path.name + ".part")
    if not path.parent.is_dir():
        raise PaddockError(f"Cannot write {path}: the folder {path.parent} does not exist")
    writer = QPdfWriter(str(tmp))
    writer.setResolution(300)
    writer.setTitle(printout.title)
    writer.setCreator("Paddock Desk")
    set_layout(writer, paper or system_paper())
    try:
        pages = print_document(writer, printout.html(), printout.title,
                               printed_stamp(printout.printed_on))
        del writer
        tmp.replace(path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise PaddockError(f"Cannot write {path}: {exc.strerror or exc}") from exc
    return pages
