"""Undoable edits on real databases (SQLite, and PostgreSQL when configured)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from paddock_desk.domain.errors import PaddockError
from paddock_desk.services.editing import (
    ChangeKind,
    EditGroup,
    StaleEditError,
    enter_driver,
    remove_driver,
)
from paddock_desk.services.edits_rows import CreateRow, DeleteRow, UpdateRow
from paddock_desk.store.database import Database, open_database
from paddock_desk.store.schema import CircuitRow, DriverRow, LineupRow, MeetingRow
from paddock_desk.store.season_loader import load_season

BGTA = "Blancpain GT Series Asia"


def season(db: Database):
    with db.engine.connect() as conn:
        return load_season(conn)


def ids(db: Database, driver: str, series: str, number: str) -> tuple[int, int]:
    s = season(db)
    found = s.driver_named(driver)
    assert found is not None
    car = next(c for c in s.cars.values() if c.series == series and c.number == number)
    return found.id, car.id


def rounds(db: Database, driver_id: int, car_id: int):
    with db.session() as session:
        row = session.scalars(
            select(LineupRow).where(LineupRow.driver_id == driver_id, LineupRow.car_id == car_id)
        ).one_or_none()
        return "absent" if row is None else row.rounds


def test_remove_then_enter_rounds_and_undo_all(demo):
    imperatori, car = ids(demo, "Alexandre Imperatori", BGTA, "18")
    matsuda, _ = ids(demo, "Tsugio Matsuda", BGTA, "18")
    assert rounds(demo, imperatori, car) is None
    out = remove_driver(imperatori, car, ["1", "2"])
    change = out.apply(demo)
    assert change.driver_ids == {imperatori} and change.kinds == {ChangeKind.LINEUPS}
    assert rounds(demo, imperatori, car) == "3;4;5;6"
    seat = EditGroup([enter_driver(matsuda, car, ["1"]), enter_driver(matsuda, car, ["2"])])
    seat.apply(demo)
    assert rounds(demo, matsuda, car) == "1;2"
    seat.revert(demo)
    assert rounds(demo, matsuda, car) == "absent"
    out.revert(demo)
    assert rounds(demo, imperatori, car) is None
    out.apply(demo)
    assert rounds(demo, imperatori, car) == "3;4;5;6"


def test_removing_the_last_round_deletes_the_line_up_and_undo_restores_it(demo):
    imperatori, car = ids(demo, "Alexandre Imperatori", "European Le Mans Series", "26")
    edit = remove_driver(imperatori, car, ["1"])
    edit.apply(demo)
    assert rounds(demo, imperatori, car) == "absent"
    edit.revert(demo)
    assert rounds(demo, imperatori, car) == "1"


def test_undo_refuses_to_overwrite_someone_elses_change(demo, db_url):
    imperatori, car = ids(demo, "Alexandre Imperatori", BGTA, "18")
    edit = remove_driver(imperatori, car, ["1"])
    edit.apply(demo)
    other = open_database(db_url)  # a colleague's app on the same database
    try:
        remove_driver(imperatori, car, ["6"]).apply(other)
    finally:
        other.close()
    with pytest.raises(StaleEditError, match="Someone else changed this line-up"):
        edit.revert(demo)
    assert rounds(demo, imperatori, car) == "2;3;4;5"


def test_create_edit_delete_driver_with_cascade_and_undo(demo):
    create = CreateRow("drivers", {"name": "Mitsunori Takaboshi", "nationality": "JP",
                                   "home_tz": "Asia/Tokyo"})
    create.apply(demo)
    new_id = create.row_id
    assert season(demo).drivers[new_id].home_tz == "Asia/Tokyo"
    _imperatori, car = ids(demo, "Alexandre Imperatori", BGTA, "18")
    enter_driver(new_id, car, ["3"]).apply(demo)
    rename = UpdateRow("drivers", new_id, {"name": "Mitsunori Takaboshi"},
                       {"name": "M. Takaboshi"})
    rename.apply(demo)
    assert season(demo).drivers[new_id].name == "M. Takaboshi"
    gone = DeleteRow("drivers", new_id)
    change = gone.apply(demo)
    assert change.driver_ids == {new_id} and change.lineups
    assert new_id not in season(demo).drivers
    assert rounds(demo, new_id, car) == "absent"
    gone.revert(demo)
    assert season(demo).drivers[new_id].name == "M. Takaboshi"
    assert rounds(demo, new_id, car) == "3"
    rename.revert(demo)
    assert season(demo).drivers[new_id].name == "Mitsunori Takaboshi"


def test_duplicate_name_is_refused_and_nothing_written(demo):
    before = len(season(demo).drivers)
    with pytest.raises(PaddockError, match="could not be saved"):
        CreateRow("drivers", {"name": "Tsugio Matsuda", "nationality": "JP"}).apply(demo)
    assert len(season(demo).drivers) == before


def test_circuit_in_use_cannot_be_deleted(demo):
    with demo.session() as session:
        sepang = session.scalars(
            select(CircuitRow.id).where(CircuitRow.name == "Sepang International Circuit")
        ).one()
    with pytest.raises(PaddockError, match="used by 2 meetings"):
        DeleteRow("circuits", sepang).apply(demo)
    assert "Sepang International Circuit" in season(demo).circuits


def test_moving_a_meeting_raises_its_sequence_and_names_its_drivers(demo):
    s = season(demo)
    suzuka = next(m for m in s.meetings.values() if m.series == BGTA and m.round == "3")
    imperatori = s.driver_named("Alexandre Imperatori")
    move = UpdateRow(
        "meetings", suzuka.id,
        {"start_date": suzuka.start_date, "end_date": suzuka.end_date},
        {"start_date": date(2018, 7, 7), "end_date": date(2018, 7, 8)},
    )
    change = move.apply(demo)
    assert ("meetings", suzuka.id) in change.ids
    with demo.session() as session:
        row = session.get(MeetingRow, suzuka.id)
        assert row is not None
        assert (row.start_date, row.sequence) == (date(2018, 7, 7), 1)
    move.revert(demo)
    assert season(demo).meetings[suzuka.id].start_date == suzuka.start_date
    assert imperatori is not None


def test_update_refuses_a_row_changed_since_it_was_read(demo):
    with demo.session() as session:
        matsuda = session.scalars(select(DriverRow).where(DriverRow.name == "Tsugio Matsuda")).one()
    stale = UpdateRow("drivers", matsuda.id, {"nationality": "FR"}, {"nationality": "JP"})
    with pytest.raises(StaleEditError):
        stale.apply(demo)
