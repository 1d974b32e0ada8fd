"""A cancelled session in the week and agenda views: marked "(cancelled)" and struck through."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt

from paddock_desk.services.importing import import_files
from paddock_desk.store.database import Database
from paddock_desk.ui.calendar_agenda import Column
from paddock_desk.ui.calendar_data import session_line
from paddock_desk.ui.calendar_week import card_lines
from paddock_desk.ui.document import SeasonDocument
from paddock_desk.ui.main_window import MainWindow
from paddock_desk.ui.view_actions import go_to_date

BGTA = "Blancpain GT Series Asia"
SEPANG = date(2018, 4, 14)


@pytest.fixture
def window(qtbot, demo_db: Database, tmp_path: Path):
    """The main window on the demo season, Sepang's Race 2 cancelled (Race 1 scheduled)."""
    sessions = tmp_path / "sessions.csv"
    sessions.write_text(
        "series,round,session,start,end,status\n"
        f"{BGTA},1,Race 1,2018-04-14T16:00,2018-04-14T17:00,scheduled\n"
        f"{BGTA},1,Race 2,2018-04-14T18:00,2018-04-14T19:00,cancelled\n"
    )
    import_files(demo_db, [sessions])
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    win = MainWindow(SeasonDocument(demo_db), settings)
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    return win


def test_the_week_view_strikes_a_cancelled_session_and_says_so(qtbot, window) -> None:
    qtbot.keyClick(window, Qt.Key.Key_6, Qt.KeyboardModifier.ControlModifier)
    go_to_date(window, SEPANG)
    week = window.week_page.week_view
    rows = {r.session.name: r for r in week.day_rows(SEPANG) if r.meeting.series == BGTA}
    race1, race1_struck = card_lines(rows["Race 1"])
    race2, race2_struck = card_lines(rows["Race 2"])
    assert race1[0].startswith("Race 1 · ") and not race1_struck
    assert race2[0].startswith("Race 2 (cancelled) · ") and race2_struck
    assert race2[1] == "18:00-19:00 +08"  # its times are still shown
    window.grab().save("/tmp/session-status-week.png")
    race2_line = session_line(rows["Race 2"].session, "Asia/Kuala_Lumpur")
    assert race2_line == "Race 2 (cancelled): Sat 14 Apr 18:00-19:00 +08"  # the meeting's list


def test_the_agenda_strikes_a_cancelled_session_and_says_so(qtbot, window) -> None:
    qtbot.keyClick(window, Qt.Key.Key_7, Qt.KeyboardModifier.ControlModifier)
    go_to_date(window, SEPANG)
    model = window.agenda_page.view.table.model()
    found = {}
    for r in range(model.rowCount()):
        meeting = model.index(r, Column.MEETING).data()
        if meeting.startswith(f"{BGTA} 1:"):
            found[model.index(r, Column.SESSION).data()] = r
    assert set(found) == {"Race 1", "Race 2 (cancelled)"}

    def struck(row: int, column: Column) -> bool:
        font = model.index(row, column).data(Qt.ItemDataRole.FontRole)
        return font is not None and font.strikeOut()

    cancelled, scheduled = found["Race 2 (cancelled)"], found["Race 1"]
    assert struck(cancelled, Column.SESSION) and struck(cancelled, Column.LOCAL)
    assert not struck(cancelled, Column.DAY)
    assert not struck(scheduled, Column.SESSION) and not struck(scheduled, Column.LOCAL)
    window.grab().save("/tmp/session-status-agenda.png")


def test_the_refresh_preview_offers_to_cancel_a_session_the_feed_dropped(
    qtbot, demo_db: Database, tmp_path: Path
) -> None:
    from http_support import serve, serving
    from sqlalchemy import select
    from test_calendar_follow_sessions import without

    from paddock_desk.services.calendar_follow import fetch_sources
    from paddock_desk.store.schema import SessionRow
    from paddock_desk.ui.import_refresh_dialog import RefreshDialog
    from paddock_desk.ui.tasks import run_now

    def status() -> str:
        with demo_db.session() as session:
            return session.scalars(select(SessionRow.status).where(
                SessionRow.source_uid == "wec2025-003@wec-calendar")).one()

    feed = (Path(__file__).parent / "data" / "ics" / "wec_2025.ics").read_text(encoding="utf-8")
    with serving(tmp_path / "www") as (base, feeds):
        serve(feeds, "wec.ics", feed)
        import_files(demo_db, fetch_sources([base + "/wec.ics"], tmp_path))
        serve(feeds, "wec.ics", without(feed, "wec2025-003@wec-calendar"))
        document = SeasonDocument(demo_db)
        dialog = RefreshDialog(document, runner=run_now)
        qtbot.addWidget(dialog)
        dialog.show()
        dialog.start()
    assert "gone: FIA WEC 2025 round 1 Qatar 1812km 2025, Qualifying" in (
        dialog.preview.toPlainText())
    assert "sessions" in dialog.cancel_missing.text()
    dialog.cancel_missing.click()
    assert "cancelled: FIA WEC 2025 round 1 Qatar 1812km 2025, Qualifying" in (
        dialog.preview.toPlainText())
    dialog.grab().save("/tmp/session-status-refresh.png")
    assert status() == "scheduled"  # a preview changes nothing
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert status() == "cancelled"
    document.undo_stack.undo()
    assert status() == "scheduled"
