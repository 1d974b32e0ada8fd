"""A delete that names the version the person saw, racing another person's save, many times.

Two Database objects (two engines, two connections) on one SQLite file or one PostgreSQL
database, as two people's apps have them; each try both start from one version and a barrier lets
them go at once. Nothing committed may be lost: of a delete and an edit of the same row exactly one
goes through, a delete of a row whose session was edited first keeps that edit for its undo, and
of two deletes one deletes and the other says the row was already deleted.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from paddock_desk.services.editing import ChangeSet, StaleEditError
from paddock_desk.services.edits_rows import CreateRow, DeleteRow, UpdateRow, read_row
from paddock_desk.store.database import Database, open_database
from paddock_desk.store.schema import MeetingRow, SeriesRow

BGTA = "Blancpain GT Series Asia"
TRIES = 150
RIVALS = ("edit", "edit a session", "delete")

Outcome = ChangeSet | StaleEditError


@pytest.fixture
def colleague(demo: Database, db_url: str) -> Iterator[Database]:
    other = open_database(db_url)
    yield other
    other.close()


def sepang(db: Database) -> int:
    with db.session() as session:
        return int(session.scalar(
            select(MeetingRow.id).join(SeriesRow)
            .where(SeriesRow.name == BGTA, MeetingRow.round == "1")
        ))


def row(db: Database, kind: str, row_id: int) -> dict | None:
    with db.session() as session:
        return read_row(session, kind, row_id)


def race(first: Callable[[], Outcome], second: Callable[[], Outcome]) -> list[Outcome]:
    """Run both at once (after a barrier); what each returned or raised."""
    barrier = threading.Barrier(2)
    found: list[Outcome | None] = [None, None]

    def go(at: int, action: Callable[[], Outcome]) -> None:
        barrier.wait()
        try:
            found[at] = action()
        except StaleEditError as exc:
            found[at] = exc

    threads = [threading.Thread(target=go, args=(i, a)) for i, a in enumerate((first, second))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert all(f is not None for f in found), found
    return [f for f in found if f is not None]


def test_a_delete_racing_an_edit_or_a_delete_never_loses_a_change(demo, colleague, capsys):
    meeting = sepang(demo)
    race_session = CreateRow("sessions", {
        "meeting_id": meeting, "name": "Race 1",
        "start": datetime(2018, 4, 14, 8, tzinfo=UTC), "end": datetime(2018, 4, 14, 9, tzinfo=UTC),
    })
    race_session.apply(demo)
    session_id = race_session.row_id
    assert session_id is not None
    tally = {"deleted": 0, "edit kept": 0, "refused": 0, "lost": 0}
    for attempt in range(TRIES):
        rival = RIVALS[attempt % len(RIVALS)]
        seen, seen_session = row(demo, "meetings", meeting), row(demo, "sessions", session_id)
        assert seen is not None and seen_session is not None
        mine = DeleteRow("meetings", meeting, version=seen["version"])
        theirs: DeleteRow | UpdateRow
        if rival == "edit":
            theirs = UpdateRow("meetings", meeting, None, {"name": f"Sepang {attempt}"},
                               version=seen["version"])
        elif rival == "edit a session":
            theirs = UpdateRow("sessions", session_id, None, {"name": f"Race {attempt}"},
                               version=seen_session["version"])
        else:
            theirs = DeleteRow("meetings", meeting, version=seen["version"])
        my_outcome, their_outcome = race(lambda m=mine: m.apply(demo),
                                         lambda t=theirs: t.apply(colleague))
        deleted = not isinstance(my_outcome, StaleEditError)
        they_saved = not isinstance(their_outcome, StaleEditError)
        where = f"try {attempt} ({rival}): mine {my_outcome!r}, theirs {their_outcome!r}"
        if rival == "edit a session":
            assert deleted, where  # the meeting itself was not changed
            if not they_saved:
                assert isinstance(their_outcome, StaleEditError) and their_outcome.theirs is None
        else:
            assert deleted != they_saved, where  # exactly one of the two went through
            refused = their_outcome if deleted else my_outcome
            assert isinstance(refused, StaleEditError)
            tally["refused"] += 1
            if rival == "delete" or deleted:
                assert refused.theirs is None, where
                if rival == "delete":
                    assert "already deleted" in str(refused), where
            else:
                assert refused.seen == seen["version"], where
                assert refused.theirs is not None, where
                assert refused.theirs["name"] == f"Sepang {attempt}", where
                assert "nothing was deleted" in str(refused), where
        if rival == "delete" and they_saved:
            assert isinstance(theirs, DeleteRow)
            mine = theirs
            deleted = True
        if deleted:
            tally["deleted"] += 1
            assert row(demo, "meetings", meeting) is None, where
            mine.revert(demo)  # undo of the delete puts back what it deleted
        now, now_session = row(demo, "meetings", meeting), row(demo, "sessions", session_id)
        assert now is not None and now_session is not None, where
        if they_saved and rival == "edit":
            tally["edit kept"] += 1
            tally["lost"] += now["name"] != f"Sepang {attempt}"
        elif they_saved and rival == "edit a session":
            tally["edit kept"] += 1
            tally["lost"] += now_session["name"] != f"Race {attempt}"
        else:
            tally["lost"] += now != seen or now_session != seen_session
    with capsys.disabled():
        print(f"\n[{demo.engine.dialect.name}] delete race, {TRIES} tries: "
              + ", ".join(f"{n} {what}" for what, n in tally.items()))
    assert tally["lost"] == 0
    assert tally["refused"] == 2 * TRIES // 3
