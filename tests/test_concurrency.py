"""Several staff on one database: racing saves, write skew, loads during commits, imports at once.

Real processes and connections race on a real SQLite file and a real PostgreSQL server.
"""

from __future__ import annotations

import multiprocessing
import threading
import time
from datetime import date
from pathlib import Path

import pytest
from race_workers import BGTA, importer, opener, racing_setter
from sqlalchemy import select, text

from paddock_desk.domain.errors import PaddockError
from paddock_desk.services.editing import StaleEditError
from paddock_desk.services.edits_rows import UpdateRow, overwrite
from paddock_desk.services.importing import import_files, lock_imports
from paddock_desk.services.scripted_edits import set_row, show_row
from paddock_desk.store.database import Database, open_database
from paddock_desk.store.schema import CircuitRow, MeetingRow, SeriesRow
from paddock_desk.store.season_loader import read_season

SPAWN = multiprocessing.get_context("spawn")
TRIES = 200


def meeting_id(db: Database, series: str = BGTA, round_label: str = "1") -> int:
    with db.session() as session:
        return int(session.scalar(
            select(MeetingRow.id).join(SeriesRow)
            .where(SeriesRow.name == series, MeetingRow.round == round_label)
        ))


def test_two_processes_racing_set_if_version_never_lose_a_save(demo, db_url, capsys):
    barrier = SPAWN.Barrier(2)
    results = SPAWN.Queue()
    workers = [
        SPAWN.Process(target=racing_setter, args=(db_url, me, TRIES, barrier, results))
        for me in ("first", "second")
    ]
    for worker in workers:
        worker.start()
    rows = [results.get(timeout=120) for _ in range(2 * TRIES)]
    for worker in workers:
        worker.join(timeout=30)
    by_try: dict[int, list[tuple]] = {}
    for attempt, me, version, status, out, err, holds_mine in rows:
        by_try.setdefault(attempt, []).append((me, version, status, out, err, holds_mine))
    successes = lost = 0
    for attempt, pair in sorted(by_try.items()):
        assert pair[0][1] == pair[1][1], "both started from one version"
        won = [p for p in pair if p[2] == 0]
        refused = [p for p in pair if p[2] != 0]
        assert len(won) == 1, f"try {attempt}: {pair}"
        successes += 1
        me, version, _status, out, _err, holds_mine = won[0]
        assert int(out) > version
        lost += not holds_mine
        (_me, _v, status, _out, err, _holds) = refused[0]
        assert status == 1
        assert f"was changed by someone else since version {version}" in err
        assert f"event_name={me} {attempt}" in err  # what it is now: the winner's value
    assert lost == 0
    with capsys.disabled():
        print(f"\n[{db_url.split(':')[0]}] set --if-version race: {TRIES} tries, "
              f"{successes} saved (one per try), {successes} refused, {lost} lost saves")
    assert show_row(demo, "meeting", [BGTA, "1"])["version"] == 1 + TRIES


def test_two_databases_editing_one_row_from_one_version(demo, db_url):
    row_id = meeting_id(demo)
    colleague = open_database(db_url)
    try:
        seen = show_row(demo, "meeting", [BGTA, "1"])["version"]
        mine = UpdateRow("meetings", row_id, {"name": "Sepang (Races 1-2)"},
                         {"name": "Sepang 1"}, version=seen)
        theirs = UpdateRow("meetings", row_id, {"name": "Sepang (Races 1-2)"},
                           {"name": "Sepang 2"}, version=seen)
        theirs.apply(colleague)
        with pytest.raises(StaleEditError) as refused:
            mine.apply(demo)
    finally:
        colleague.close()
    assert refused.value.seen == seen
    assert refused.value.version == seen + 1
    assert refused.value.theirs is not None and refused.value.theirs["name"] == "Sepang 2"
    assert refused.value.mine == {"name": "Sepang 1"}
    assert show_row(demo, "meeting", [BGTA, "1"])["event_name"] == "Sepang 2"
    over = overwrite(refused.value)
    assert over is not None
    over.apply(demo)  # Overwrite: mine, written over the version they saved
    assert show_row(demo, "meeting", [BGTA, "1"])["event_name"] == "Sepang 1"
    over.revert(demo)
    assert show_row(demo, "meeting", [BGTA, "1"])["event_name"] == "Sepang 2"


def test_write_skew_two_valid_saves_never_store_an_invalid_meeting(demo, db_url):
    """Over 10-20 Apr, one moves the start to the 18th, the other the end to the 12th: each save
    is valid alone, both together are not."""
    colleague = open_database(db_url)
    refusals = 0
    try:
        for attempt in range(15):
            set_row(demo, "meeting", [BGTA, "1"], ["start_date=2018-04-10", "end_date=2018-04-20"],
                    None)
            barrier = threading.Barrier(2)
            outcomes: list[str] = []
            threads = [
                threading.Thread(target=_move, args=(demo, "start_date=2018-04-18", barrier,
                                                     outcomes)),
                threading.Thread(target=_move, args=(colleague, "end_date=2018-04-12", barrier,
                                                     outcomes)),
            ]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=20)
            shown = show_row(demo, "meeting", [BGTA, "1"])
            assert shown["end_date"] >= shown["start_date"], f"try {attempt}: {shown}"
            assert outcomes.count("saved") == 1, outcomes
            refusal = next(o for o in outcomes if o != "saved")
            assert "was not saved" in refusal and "before" in refusal
            refusals += 1
    finally:
        colleague.close()
    assert refusals == 15


def _move(db: Database, pair: str, barrier: threading.Barrier, outcomes: list[str]) -> None:
    barrier.wait()
    try:
        set_row(db, "meeting", [BGTA, "1"], [pair], None)
        outcomes.append("saved")
    except PaddockError as exc:
        outcomes.append(str(exc))


def test_a_load_during_a_stream_of_commits_never_fails(db, db_url):
    """Each commit adds a circuit and a meeting there; a load always sees both or neither."""
    with db.session() as session, session.begin():
        session.add(SeriesRow(name="Stream", colour=None, arrival_days=0))
    stop = threading.Event()
    committed = [0]

    def commit_stream() -> None:
        writer = open_database(db_url)
        try:
            with writer.session() as session:
                series = session.scalars(select(SeriesRow)).one()
                while not stop.is_set():
                    n = committed[0] + 1
                    circuit = CircuitRow(name=f"Circuit {n}", country="", lat=0.0,
                                         lon=float(n % 180), tz="UTC")
                    session.add(MeetingRow(
                        series=series, round=str(n), name=f"Meeting {n}", circuit=circuit,
                        start_date=date(2030, 1, 1), end_date=date(2030, 1, 2),
                        cancelled=False, sequence=0,
                    ))
                    session.commit()
                    committed[0] = n
        finally:
            writer.close()

    thread = threading.Thread(target=commit_stream)
    thread.start()
    loads = 0
    try:
        deadline = time.monotonic() + 3
        while time.monotonic() < deadline:
            season = read_season(db.engine)
            assert len(season.meetings) == len(season.circuits)
            loads += 1
    finally:
        stop.set()
        thread.join(timeout=20)
    assert loads > 5 and committed[0] > 5


def test_an_import_waits_for_the_running_one_then_says_so(demo, db_url, season2018):
    files = sorted(season2018.glob("*.csv"))
    holder = open_database(db_url)
    try:
        with holder.session() as session:
            lock_imports(session.connection())  # an import in progress
            started = time.monotonic()
            with pytest.raises(PaddockError, match="another import is running"):
                import_files(demo, files, lock_wait=0.5)
            assert time.monotonic() - started >= 0.4  # it waited before giving up
            session.rollback()
    finally:
        holder.close()
    report = import_files(demo, files, lock_wait=0.5)
    assert not report.changed


def test_two_import_processes_at_once_never_show_database_text(db_url, season2018):
    files = [str(p) for p in sorted(season2018.glob("*.csv"))]
    open_database(db_url).close()
    start = SPAWN.Event()
    results = SPAWN.Queue()
    workers = [SPAWN.Process(target=importer, args=(db_url, files, start, results))
               for _ in range(2)]
    for worker in workers:
        worker.start()
    time.sleep(1.5)  # both processes have started and imported Paddock Desk
    start.set()
    outcomes = [results.get(timeout=120) for _ in workers]
    for worker in workers:
        worker.join(timeout=30)
    for status, out, err in outcomes:
        assert status == 0 or "another import is running" in err, (status, out, err)
        assert "UPDATE statement" not in err and "already exists" not in err
        assert "Traceback" not in err
    assert any(status == 0 for status, _out, _err in outcomes)
    db = open_database(db_url)
    try:
        assert len(read_season(db.engine).meetings) == 40
    finally:
        db.close()


def test_two_processes_creating_one_new_database_at_once(db_url, tmp_path: Path):
    start = SPAWN.Event()
    results = SPAWN.Queue()
    workers = [SPAWN.Process(target=opener, args=(db_url, start, results)) for _ in range(2)]
    for worker in workers:
        worker.start()
    time.sleep(1.5)
    start.set()
    outcomes = [results.get(timeout=120) for _ in workers]
    for worker in workers:
        worker.join(timeout=30)
    assert [status for status, _out, _err in outcomes] == [0, 0], outcomes
    assert all(out.strip() == "[]" for _status, out, _err in outcomes)


def test_check_constraints_refuse_bad_rows_written_directly(demo):
    bad = [
        "UPDATE meetings SET end_date = '2018-01-01' WHERE id = 1",
        "UPDATE series SET arrival_days = -1",
        "UPDATE circuits SET lat = 95",
        "UPDATE circuits SET lon = -181",
        "INSERT INTO unavailability (driver_id, start_date, end_date, reason, version) "
        "VALUES (1, '2018-06-03', '2018-06-01', 'test', 1)",
        'INSERT INTO sessions (meeting_id, name, start, "end", sequence, version) '
        "VALUES (1, 'Race', '2018-04-14 10:00:00', '2018-04-14 09:00:00', 0, 1)",
    ]
    for statement in bad:
        with demo.engine.connect() as conn:
            with pytest.raises(Exception, match="(?i)check"):
                conn.execute(text(statement))
            conn.rollback()
    assert show_row(demo, "meeting", [BGTA, "1"])["end_date"] == "2018-04-15"
