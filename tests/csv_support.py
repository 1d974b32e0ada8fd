"""Helpers shared by the CSV import tests: small season files, a database per test, dumps."""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar

from sqlalchemy import select

from paddock_desk.store.database import Database
from paddock_desk.store.schema import Base

SEASON_FILES = ("circuits.csv", "events.csv", "roster.csv", "drivers.csv")
CIRCUITS = """circuit,country,lat,lon,tz
Sepang International Circuit,MY,2.760556,101.7375,Asia/Kuala_Lumpur
Circuit Paul Ricard,FR,43.2506,5.7917,Europe/Paris
"""
EVENTS = """series,round,event_name,circuit,start_date,end_date
GT Asia,1,Sepang,Sepang International Circuit,2018-04-14,2018-04-15
GT Asia,2,Le Castellet,Circuit Paul Ricard,2018-05-12,2018-05-13
GT Asia,3,Sepang again,Sepang International Circuit,2018-06-30,2018-07-01
"""
ROSTER_HEAD = "driver,team,series,car,rounds\n"
UNAVAILABLE_HEAD = "driver,start_date,end_date,reason,rrule\n"
DRIVERS = """driver,nationality,home_tz
Alexandre Imperatori,CH,Asia/Shanghai
"""


def write(folder: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = folder / name
    path.write_bytes(text.encode(encoding))
    return path


def dump(db: Database) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every season table, in id order: the whole content of the database."""
    with db.engine.connect() as conn:
        return {
            table.name: [tuple(r) for r in conn.execute(select(table).order_by(*table.primary_key))]
            for table in Base.metadata.sorted_tables
        }


R = TypeVar("R", bound=Base)


def rows(db: Database, row_type: type[R]) -> list[R]:
    with db.session() as session:
        return list(session.scalars(select(row_type)))


def calendar(folder: Path) -> list[Path]:
    return [write(folder, "circuits.csv", CIRCUITS), write(folder, "events.csv", EVENTS)]


