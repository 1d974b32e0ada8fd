"""The season service the app goes through: URLs without passwords, partial re-reads, diffs."""

from __future__ import annotations

from datetime import date

from paddock_desk.services.credentials import TeamLogin
from paddock_desk.services.editing import ChangeKind
from paddock_desk.services.edits_rows import UpdateRow
from paddock_desk.services.season import (
    display_name,
    read_season,
    read_tables,
    team_database_url,
    url_without_password,
)
from paddock_desk.services.season_diff import diff_seasons

BGSA = "Blancpain GT Series Asia"


def test_urls_shown_or_kept_never_hold_the_password(tmp_path):
    url = team_database_url("db.example", 5433, "team season", "ann@paddock", "p@ss:w/rd")
    assert url_without_password(url) == "postgresql+psycopg://ann%40paddock@db.example:5433/team%20season"
    assert "p%40ss" in url
    assert display_name(url) == url_without_password(url)
    assert display_name(tmp_path / "x" / "2026.db") == "2026.db"
    assert url_without_password(tmp_path / "a.db") == f"sqlite:///{tmp_path / 'a.db'}"
    login = TeamLogin.from_url(url)
    assert login == TeamLogin("db.example", 5433, "team season", "ann@paddock")
    assert login.url("p@ss:w/rd") == url


def test_reading_the_changed_tables_gives_the_whole_season(demo):
    before = read_season(demo)
    suzuka = next(m for m in before.meetings.values() if m.series == BGSA and m.round == "3")
    UpdateRow("meetings", suzuka.id,
              {"start_date": suzuka.start_date, "end_date": suzuka.end_date},
              {"start_date": date(2018, 7, 7), "end_date": date(2018, 7, 8)}).apply(demo)
    partly = read_tables(demo, before, {"meetings"})
    assert partly == read_season(demo)
    assert partly.drivers is before.drivers  # untouched parts are shared, not read again
    diff = diff_seasons(before, partly)
    assert diff.counts == {"meetings": 1}
    assert diff.sentence("ann") == "1 meeting changed by ann"
    assert suzuka.id in diff.change.ids_of(ChangeKind.MEETINGS) and not diff.change.all_drivers


def test_a_renamed_series_reads_its_meetings_and_cars_again(demo):
    before = read_season(demo)
    with demo.session() as session:
        from sqlalchemy import select

        from paddock_desk.store.schema import SeriesRow

        series_id = session.scalars(select(SeriesRow.id).where(SeriesRow.name == BGSA)).one()
    UpdateRow("series", series_id, {"name": BGSA}, {"name": "GT Asia"}).apply(demo)
    partly = read_tables(demo, before, {"series"})
    assert partly == read_season(demo)
    diff = diff_seasons(before, partly)
    assert diff.counts["series"] == 2  # one name gone, one new
    assert diff.counts["meetings"] == 6 and diff.change.all_drivers
    assert diff.sentence("another user").startswith("2 series, 6 meetings and ")
