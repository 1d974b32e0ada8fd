"""The Publish dialog (against a real Radicale) and the Feeds panel, driven with qtbot."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import caldav
import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QGuiApplication
from radicale_server import PASSWORD, USER, radicale_server

from paddock_desk.services.feeds import list_feeds
from paddock_desk.services.importing import import_files
from paddock_desk.ui.document import SeasonDocument
from paddock_desk.ui.feeds_panel import FeedsPanel
from paddock_desk.ui.publish_dialog import SOON_WARNING, PublishDialog, saved_targets
from paddock_desk.ui.tasks import run_now

DEMO = Path(__file__).resolve().parents[1] / "resources" / "demo"


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture(autouse=True)
def no_password_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PADDOCK_DESK_CALDAV_PASSWORD", raising=False)


def _dialog(qtbot, demo_db, settings) -> PublishDialog:
    dialog = PublishDialog(SeasonDocument(demo_db), settings, runner=run_now)
    qtbot.addWidget(dialog)
    return dialog


def _sessions_tomorrow(folder: Path) -> tuple[Path, Path]:
    """A meeting of the demo series starting tomorrow, with one session."""
    day = datetime.now(UTC).date() + timedelta(days=1)
    events = folder / "events.csv"
    events.write_text(
        "series,round,event_name,circuit,start_date,end_date\n"
        f"Blancpain GT Series Asia,9,Extra,Sepang International Circuit,{day},"
        f"{day + timedelta(days=1)}\n", encoding="utf-8")
    sessions = folder / "sessions.csv"
    sessions.write_text(
        "series,round,session,start,end\n"
        f"Blancpain GT Series Asia,9,Race,{day}T15:00:00,{day}T16:00:00\n", encoding="utf-8")
    return events, sessions


def test_publish_checks_shows_the_change_report_then_writes_and_remembers(
    qtbot, demo_db, settings, tmp_path
):
    with radicale_server(tmp_path / "radicale") as server:
        url = server.calendar_url()
        dialog = _dialog(qtbot, demo_db, settings)
        dialog.url.setCurrentText(url)
        dialog.user.setText(USER)
        dialog.password.setText("wrong")
        dialog.kind.setCurrentText("Driver")
        dialog.name.setCurrentText("Alexandre Imperatori")
        dialog.check_button.click()
        assert "refused the login" in dialog.message.text()
        assert not dialog.publish_button.isEnabled()
        dialog.password.setText(PASSWORD)
        dialog.check_button.click()
        assert "13 created" in dialog.report.toPlainText()
        assert dialog.publish_button.isEnabled()
        assert not server.folder.joinpath("collections").exists() or not list(
            server.folder.rglob("*.ics"))  # Check writes nothing
        dialog.publish_button.click()
        assert dialog.published is not None and len(dialog.published.summary()["created"]) == 13
        calendar = caldav.DAVClient(url=url, username=USER, password=PASSWORD).calendar(url=url)
        assert len(calendar.events()) == 13
        (saved,) = saved_targets(settings)
        assert (saved.url, saved.user, saved.kind, saved.name) == (
            url, USER, "driver", "Alexandre Imperatori")
        settings.sync()
        assert PASSWORD not in Path(settings.fileName()).read_text(encoding="utf-8")

        text = (DEMO / "events.csv").read_text(encoding="utf-8").replace(
            "Sepang International Circuit,2018-04-14,2018-04-15",
            "Sepang International Circuit,2018-04-21,2018-04-22")
        (tmp_path / "events.csv").write_text(text, encoding="utf-8")
        import_files(demo_db, [tmp_path / "events.csv"])
        again = _dialog(qtbot, demo_db, settings)
        assert again.url.currentText() == url and again.user.text() == USER  # remembered
        assert again.name.currentText() == "Alexandre Imperatori"
        again.password.setText(PASSWORD)
        again.check_button.click()
        report = again.report.toPlainText()
        assert "Sepang (Races 1-2) moved from 14-15 Apr to 21-22 Apr" in report
        assert "no longer clashes" in report
        assert again.warning.isHidden()
        again.resize(700, 560)
        again.show()
        qtbot.waitExposed(again)
        again.grab().save("/tmp/phones-publish.png")


def test_a_change_within_a_day_of_a_session_is_warned(qtbot, demo_db, settings, tmp_path):
    events, sessions = _sessions_tomorrow(tmp_path)
    import_files(demo_db, [events, sessions])
    with radicale_server(tmp_path / "radicale") as server:
        dialog = _dialog(qtbot, demo_db, settings)
        dialog.url.setCurrentText(server.calendar_url())
        dialog.user.setText(USER)
        dialog.password.setText(PASSWORD)
        dialog.kind.setCurrentText("Series")
        dialog.name.setCurrentText("Blancpain GT Series Asia")
        dialog.check_button.click()
        dialog.publish_button.click()
        assert dialog.published is not None
        moved = sessions.read_text(encoding="utf-8").replace("T15:00", "T17:00").replace(
            "T16:00", "T18:00")
        sessions.write_text(moved, encoding="utf-8")
        import_files(demo_db, [sessions])
        again = _dialog(qtbot, demo_db, settings)
        again.password.setText(PASSWORD)
        again.check_button.click()
        assert "Extra - Race moved from" in again.report.toPlainText()
        assert not again.warning.isHidden()
        assert again.warning.text().startswith(SOON_WARNING)
        assert "subscribers on Google may not see this in time" in again.warning.text()


def test_feeds_panel_shows_address_and_qr_copies_and_resets(qtbot, demo_db):
    panel = FeedsPanel(SeasonDocument(demo_db), confirm=lambda _parent, _question: True)
    qtbot.addWidget(panel)
    first = list_feeds(demo_db)[0]
    assert panel.feeds.count() == len(list_feeds(demo_db)) > 10
    assert panel.address.text() == first.path  # no base URL yet: the path alone
    assert panel.qr.pixmap().isNull()
    panel.base.setText("https://team.example/")
    panel._save_base()
    assert panel.address.text() == "https://team.example" + first.path
    image = panel.qr.pixmap().toImage()
    assert not image.isNull()
    dark = sum(1 for x in range(0, image.width(), 4) for y in range(0, image.height(), 4)
               if image.pixelColor(x, y).lightness() < 100)
    assert dark > 100  # a QR code is drawn, not a blank square
    panel.copy_button.click()
    assert QGuiApplication.clipboard().text() == panel.address.text()
    old = panel.address.text()
    panel.reset_button.click()
    assert panel.address.text() != old
    assert panel.feeds.currentItem().text() == f"{first.name} ({first.kind})"
    assert first.token not in {f.token for f in list_feeds(demo_db)}
    panel.resize(760, 460)
    panel.show()
    qtbot.waitExposed(panel)
    panel.grab().save("/tmp/phones-feeds.png")


def test_the_file_menu_opens_publish_and_feeds(window):
    texts = [a.text() for a in window.menuBar().actions()[0].menu().actions()]
    at = texts.index("&Export iCalendar...")
    assert texts[at + 1: at + 3] == ["&Publish to a calendar server...", "Subscription &feeds..."]
