"""Pages on any paged device (a PDF file or a printer): a title and the date printed on top,
"Page N of M" at the bottom, the body between them.

Rich text (a QTextDocument) is laid out to the page body and painted page by page; a painted
page (the season grid) is drawn by a callback into the body's rectangle.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPen,
    QTextDocument,
)

from paddock_desk.services.printing import Paper

MARGIN_MM = 14.0
BODY_POINT_SIZE = 9.5
PagePainter = Callable[[QPainter, QRectF], None]


def page_size(paper: Paper) -> QPageSize:
    return QPageSize(QPageSize.PageSizeId.Letter if paper == "Letter" else
                     QPageSize.PageSizeId.A4)


def set_layout(device: QPagedPaintDevice, paper: Paper, landscape: bool = False) -> None:
    """Paper size, orientation and margins of ``device``."""
    orientation = (QPageLayout.Orientation.Landscape if landscape
                   else QPageLayout.Orientation.Portrait)
    layout = QPageLayout(page_size(paper), orientation,
                         QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
                         QPageLayout.Unit.Millimeter)
    device.setPageLayout(layout)


class PageFrame:
    """Paints the header and footer of each page and says where the body goes."""

    def __init__(self, painter: QPainter, device: QPagedPaintDevice, title: str,
                 stamp: str) -> None:
        self.painter = painter
        self.device = device
        self.title = title
        self.stamp = stamp
        self.font = QFont("DejaVu Sans")
        self.font.setPointSizeF(8.5)
        painter.setFont(self.font)
        line = painter.fontMetrics().height()
        self.page = QRectF(0, 0, device.width(), device.height())
        self.header_h = line * 2.2
        self.footer_h = line * 2.0
        self.body = QRectF(0, self.header_h, self.page.width(),
                           self.page.height() - self.header_h - self.footer_h)

    def paint(self, number: int, total: int) -> None:
        p = self.painter
        p.save()
        p.setFont(self.font)
        p.setPen(QColor("#333333"))
        top = QRectF(0, 0, self.page.width(), self.header_h * 0.7)
        bold = QFont(self.font)
        bold.setBold(True)
        p.setFont(bold)
        p.drawText(top, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                   self.title)
        p.setFont(self.font)
        p.drawText(top, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                   self.stamp)
        p.setPen(QPen(QColor("#999999"), max(1.0, self.device.logicalDpiX() / 200)))
        p.drawLine(0, int(top.bottom()), int(self.page.width()), int(top.bottom()))
        bottom = QRectF(0, self.page.height() - self.footer_h * 0.8, self.page.width(),
                        self.footer_h * 0.8)
        p.setPen(QColor("#333333"))
        p.drawText(bottom, Qt.AlignmentFlag.AlignCenter, f"Page {number} of {total}")
        p.restore()


def print_document(device: QPagedPaintDevice, html: str, title: str, stamp: str) -> int:
    """Lay ``html`` out on the device's pages with header and footer; returns the page count."""
    painter = QPainter()
    if not painter.begin(device):
        raise OSError("the printer or PDF file could not be opened for writing")
    try:
        frame = PageFrame(painter, device, title, stamp)
        doc = QTextDocument()
        doc.documentLayout().setPaintDevice(device)
        font = QFont("DejaVu Sans")
        font.setPointSizeF(BODY_POINT_SIZE)
        doc.setDefaultFont(font)
        doc.setDocumentMargin(0)
        doc.setHtml(html)
        doc.setPageSize(QSizeF(frame.body.width(), frame.body.height()))
        total = max(doc.pageCount(), 1)
        for page in range(total):
            if page:
                device.newPage()
            frame.paint(page + 1, total)
            painter.save()
            painter.translate(frame.body.left(), frame.body.top() - page * frame.body.height())
            clip = QRectF(0, page * frame.body.height(), frame.body.width(), frame.body.height())
            doc.drawContents(painter, clip)
            painter.restore()
        return total
    finally:
        painter.end()


def print_pages(device: QPagedPaintDevice, pages: Sequence[PagePainter], title: str,
                stamp: str) -> int:
    """Paint each page by its callback into the body; returns the page count."""
    painter = QPainter()
    if not painter.begin(device):
        raise OSError("the printer or PDF file could not be opened for writing")
    try:
        frame = PageFrame(painter, device, title, stamp)
        total = max(len(pages), 1)
        for index, paint in enumerate(pages):
            if index:
                device.newPage()
            frame.paint(index + 1, total)
            painter.save()
            paint(painter, QRectF(frame.body))
            painter.restore()
        if not pages:
            frame.paint(1, 1)
        return total
    finally:
        painter.end()
