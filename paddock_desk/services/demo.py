"""The demo season: the real 2018 calendars and line-ups of the Imperatori story."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from paddock_desk.services.importing import ImportReport, import_files
from paddock_desk.store.database import Database

DEMO_FILES = ("circuits.csv", "series.csv", "drivers.csv", "events.csv", "roster.csv")


def load_demo(db: Database) -> ImportReport:
    """Import the demo season into ``db`` (again: changes nothing)."""
    folder = resources.files("paddock_desk.resources.demo")
    with resources.as_file(folder) as path:
        return import_files(db, [Path(path) / name for name in DEMO_FILES])
