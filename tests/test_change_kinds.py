"""What an edit says it changed: typed kinds, the per-driver case and the reload's 'everything'."""

from __future__ import annotations

from sqlalchemy import select

from paddock_desk.services.editing import (
    PER_DRIVER,
    ChangeKind,
    ChangeSet,
    remove_driver,
)
from paddock_desk.services.edits_rows import UpdateRow
from paddock_desk.store.database import Database
from paddock_desk.store.schema import Base, CircuitRow
from paddock_desk.store.season_loader import load_season

BGTA = "Blancpain GT Series Asia"


def _season(db: Database):
    with db.engine.connect() as conn:
        return load_season(conn)


def test_every_table_of_the_season_is_a_kind_of_change() -> None:
    for table in Base.metadata.sorted_tables:
        assert ChangeKind(table.name) == table.name


def test_a_line_up_edit_is_per_driver_and_touches_only_assignments(demo: Database) -> None:
    season = _season(demo)
    driver = season.driver_named("Alexandre Imperatori")
    assert driver is not None
    car = next(c for c in season.cars.values() if c.series == BGTA and c.number == "18")
    change = remove_driver(driver.id, car.id, ["1"]).apply(demo)
    assert change.lineups and not change.meetings and not change.drivers
    assert change.per_driver and change.assignments_only
    assert change.driver_ids == {driver.id} and not change.is_everything


def test_a_driver_rename_is_per_driver_but_not_only_assignments(demo: Database) -> None:
    driver = _season(demo).driver_named("Tsugio Matsuda")
    assert driver is not None
    rename = UpdateRow("drivers", driver.id, {"name": driver.name}, {"name": "T. Matsuda"})
    change = rename.apply(demo)
    assert change.drivers and change.ids_of(ChangeKind.DRIVERS) == {driver.id}
    assert change.per_driver and not change.assignments_only
    assert _season(demo).drivers[driver.id].name == "T. Matsuda"


def test_a_circuit_edit_moves_every_drivers_clashes(demo: Database) -> None:
    with demo.session() as session:
        circuit_id, name = session.execute(select(CircuitRow.id, CircuitRow.name)).first()
    edit = UpdateRow("circuits", circuit_id, {"name": name}, {"name": "Renamed circuit"})
    change = edit.apply(demo)
    assert change.circuits and change.all_drivers
    assert not change.per_driver and not change.assignments_only


def test_everything_names_every_kind_and_every_driver() -> None:
    every = ChangeSet.everything()
    assert every.is_everything and every.all_drivers
    assert every.meetings and every.lineups and every.drivers and every.documents
    assert not every.per_driver and not every.assignments_only
    assert not ChangeSet(frozenset(PER_DRIVER)).is_everything
    assert (ChangeSet() | every).is_everything
