"""What File > Print and Export PDF put on paper: an itinerary, the season grid, the clash list.

The itinerary and the clash list are the services' printable text (the same as the command
line's `print`); the season grid is the season view itself painted onto landscape pages, a year
and at most :data:`LANES_PER_PAGE` series per page, in a light palette whatever the screen's.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QPagedPaintDevice,
    QPageLayout,
    QPainter,
    QPalette,
)

from paddock_desk.domain.clashes import Clash, ClashEngine
from paddock_desk.domain.model import Meeting, Season
from paddock_desk.printing.pages import PagePainter, print_document, print_pages, set_layout
from paddock_desk.services.printing import (
    Paper,
    clash_list_html,
    local_today,
    printed_stamp,
    printout_of,
)
from paddock_desk.ui.calendar_season import SeasonView, lane_order
from paddock_desk.ui.clash_marks import MeetingMarks

LANES_PER_PAGE = 22


@dataclass(frozen=True)
class PrintJob:
    """What to print: ``kind`` "itinerary", "grid" or "clashes"; for an itinerary, whose (``whom``:
    "driver", "team", "series" or "all", and ``name``)."""

    kind: str = "itinerary"
    whom: str = "all"
    name: str = ""

    def landscape(self) -> bool:
        return self.kind == "grid"


@dataclass(frozen=True)
class PrintSource:
    """The season as the window shows it: what the grid and the clash list print."""

    engine: ClashEngine
    meetings: Sequence[Meeting]
    marks: MeetingMarks
    clashes: Sequence[Clash]
    clash_title: str = "Clashes"


def paper_palette() -> QPalette:
    pal = QPalette()
    for role, colour in ((QPalette.ColorRole.Base, "#ffffff"),
                         (QPalette.ColorRole.Window, "#ffffff"),
                         (QPalette.ColorRole.AlternateBase, "#eeeeee"),
                         (QPalette.ColorRole.Text, "#000000"),
                         (QPalette.ColorRole.WindowText, "#000000"),
                         (QPalette.ColorRole.PlaceholderText, "#777777"),
                         (QPalette.ColorRole.Mid, "#b0b0b0"),
                         (QPalette.ColorRole.Highlight, "#1d5fbf")):
        pal.setColor(role, QColor(colour))
    return pal


def render(job: PrintJob, source: PrintSource, device: QPagedPaintDevice,
           paper: Paper | None) -> int:
    """Lay out and paint ``job`` on ``device``; returns the number of pages.

    ``paper`` None keeps the paper the device has (one picked in the print dialog).
    """
    if paper is None:
        device.setPageOrientation(QPageLayout.Orientation.Landscape if job.landscape()
                                  else QPageLayout.Orientation.Portrait)
    else:
        set_layout(device, paper, landscape=job.landscape())
    stamp = printed_stamp(local_today())
    if job.kind == "clashes":
        return print_document(device, clash_list_html(source.clashes, source.clash_title),
                              source.clash_title, stamp)
    if job.kind == "grid":
        return print_pages(device, grid_pages(source), "Season grid", stamp)
    name = job.name or None
    printout = printout_of(source.engine, driver=name if job.whom == "driver" else None,
                           team=name if job.whom == "team" else None,
                           series=name if job.whom == "series" else None,
                           everything=job.whom == "all")
    return print_document(device, printout.html(), printout.title, stamp)


def grid_pages(source: PrintSource) -> list[PagePainter]:
    """One painter per page: each year of the shown meetings, its series in chunks."""
    season = source.engine.season
    pages: list[PagePainter] = []
    years = sorted({m.start_date.year for m in source.meetings}
                   | {m.end_date.year for m in source.meetings})
    for year in years:
        shown = [m for m in source.meetings
                 if m.start_date <= date(year, 12, 31) and m.end_date >= date(year, 1, 1)]
        lanes = lane_order(shown)
        for first in range(0, len(lanes), LANES_PER_PAGE):
            chunk = set(lanes[first:first + LANES_PER_PAGE])
            part = [m for m in shown if m.series in chunk]
            pages.append(_grid_page(season, part, source.marks, year))
    return pages


def _grid_page(season: Season, meetings: list[Meeting], marks: MeetingMarks,
               year: int) -> PagePainter:
    def paint(painter: QPainter, body: QRectF) -> None:
        view = SeasonView()
        view.setPalette(paper_palette())
        view.set_year(year)
        view.set_data(season, meetings, marks)
        scale = painter.device().logicalDpiX() / 96.0
        painter.translate(body.topLeft())
        painter.scale(scale, scale)
        font = QFont(view.font())
        font.setBold(True)
        font.setPixelSize(int(view.fontMetrics().height() * 1.3))
        painter.setFont(font)
        painter.setPen(QColor("#000000"))
        title_h = painter.fontMetrics().height() + 6
        painter.drawText(QRectF(0, 0, body.width() / scale, title_h),
                         int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                         f"Season {year}")
        painter.translate(0, title_h)
        height = min(body.height() / scale - title_h, len(lane_order(meetings)) * 44.0
                     + view.header_height() + 4)
        view.resize(int(body.width() / scale), int(max(height, view.natural_height(1))))
        view.paint_to(painter)
        view.deleteLater()

    return paint
