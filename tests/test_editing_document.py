"""The season document: edits, undo and redo across views, and a colleague's change meanwhile."""

from __future__ import annotations

from paddock_desk.services.editing import remove_driver
from paddock_desk.services.edits_rows import UpdateRow
from paddock_desk.store.database import open_database
from paddock_desk.ui.document import SeasonDocument

BGTA = "Blancpain GT Series Asia"


def seat(document: SeasonDocument, driver: str) -> tuple[int, int]:
    found = document.season.driver_named(driver)
    assert found is not None
    car = next(c for c in document.season.cars.values() if c.series == BGTA)
    return found.id, car.id


def test_each_edit_says_what_changed_and_clashes_follow(qtbot, demo):
    document = SeasonDocument(demo)
    imperatori, car = seat(document, "Alexandre Imperatori")
    assert len(document.clashes_for_driver(imperatori)) == 2
    with qtbot.waitSignal(document.changed) as signal:
        document.execute(remove_driver(imperatori, car, ["1"]))
    assert signal.args[0].driver_ids == {imperatori}
    assert [c.second.meeting.round for c in document.clashes_for_driver(imperatori)] == ["2"]
    sepang = next(m.id for m in document.season.meetings.values()
                  if m.series == BGTA and m.round == "1")
    assert document.clashes_for_meeting(sepang) == []
    document.undo_stack.undo()
    assert len(document.clashes_for_meeting(sepang)) == 1
    document.undo_stack.redo()
    assert document.clashes_for_meeting(sepang) == []


def test_a_meeting_moved_off_the_clash_weekend_clears_it(qtbot, demo):
    document = SeasonDocument(demo)
    chang = next(m for m in document.season.meetings.values()
                 if m.series == BGTA and m.round == "2")
    from datetime import date

    document.execute(UpdateRow(
        "meetings", chang.id, {"start_date": chang.start_date, "end_date": chang.end_date},
        {"start_date": date(2018, 5, 19), "end_date": date(2018, 5, 20)},
    ))
    assert document.clashes_for_meeting(chang.id) == []
    assert len(document.clashes) == 1
    document.undo_stack.undo()
    assert len(document.clashes_for_meeting(chang.id)) == 1


def test_undo_after_a_colleagues_change_is_refused_and_the_season_reloaded(qtbot, demo, db_url):
    document = SeasonDocument(demo)
    imperatori, car = seat(document, "Alexandre Imperatori")
    document.execute(remove_driver(imperatori, car, ["1"]))
    colleague = open_database(db_url)
    try:
        remove_driver(imperatori, car, ["2"]).apply(colleague)
    finally:
        colleague.close()
    with qtbot.waitSignal(document.refused) as refused:
        document.undo_stack.undo()
    step = refused.args[0]
    assert (step.undo, step.text) == (True, "Remove driver from round 1")
    assert step.error.kind == "lineups" and step.error.theirs["rounds"] == "3;4;5;6"
    assert step.error.mine == {"rounds": None}  # what the undo meant to write: every round
    assert document.clashes_for_driver(imperatori) == []  # the colleague's state, reloaded
    assert document.undo_stack.count() == 0  # the refused step is dropped, not redone


def test_new_meeting_enters_every_round_drivers_and_deleting_a_driver_drops_his_clashes(
    qtbot, demo
):
    from datetime import date

    from paddock_desk.services.edits_rows import CreateRow, DeleteRow
    from paddock_desk.store.schema import CircuitRow, SeriesRow

    document = SeasonDocument(demo)
    imperatori, _car = seat(document, "Alexandre Imperatori")
    with demo.session() as session:
        series = session.query(SeriesRow).filter_by(name=BGTA).one().id
        macau = session.query(CircuitRow).filter_by(name="Guia Circuit").one().id
    # an extra Blancpain round on the FIA GT World Cup weekend at Macau: same circuit,
    # another series, so a double-duty warning for Imperatori
    document.execute(CreateRow("meetings", {
        "series_id": series, "round": "7", "name": "Macau support race", "circuit_id": macau,
        "start_date": date(2018, 11, 17), "end_date": date(2018, 11, 18), "cancelled": False,
    }))
    kinds = {c.kind for c in document.clashes_for_driver(imperatori)}
    assert kinds == {"overlap", "double_duty"}
    document.execute(DeleteRow("drivers", imperatori))
    assert document.clashes == []
    assert imperatori not in document.season.drivers
    document.undo_stack.undo()
    assert len(document.clashes_for_driver(imperatori)) == 3
    document.undo_stack.undo()
    assert len(document.clashes) == 2


def test_a_session_id_is_never_taken_for_a_meeting_id(demo):
    from paddock_desk.services.editing import ChangeKind, ChangeSet
    from paddock_desk.store.season_loader import load_season
    from paddock_desk.ui.clash_index import ClashIndex

    with demo.engine.connect() as conn:
        season = load_season(conn)
    index = ClashIndex(season)
    sepang = next(m for m in season.meetings.values() if m.series == BGTA)
    sessions, meetings = ChangeKind.SESSIONS, ChangeKind.MEETINGS
    renamed = ChangeSet(frozenset({sessions}), frozenset({(sessions, sepang.id)}))
    assert index.season_changed(season, renamed) == set()
    moved = ChangeSet(frozenset({meetings}), frozenset({(meetings, sepang.id)}))
    assert index.season_changed(season, moved)  # its drivers are checked again
