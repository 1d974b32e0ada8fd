"""File > Subscription feeds: every feed's address as text and as a QR code to scan with a phone.

Copy puts the address on the clipboard; Reset token gives the feed a new address (the old one
stops working at once). The addresses start with the feeds' base URL ("Served at"), kept in the
database as ``serve --base-url`` keeps it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QByteArray, QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from paddock_desk.domain.errors import PaddockError
from paddock_desk.services.feeds import (
    Feed,
    base_url,
    list_feeds,
    qr_svg,
    reset_feed,
    set_base_url,
)
from paddock_desk.ui.document import SeasonDocument
from paddock_desk.ui.publish_dialog import named

QR_SIZE = 232
Confirm = Callable[[QWidget, str], bool]


def ask(parent: QWidget, question: str) -> bool:
    answer = QMessageBox.question(parent, "Reset feed address", question)
    return answer == QMessageBox.StandardButton.Yes


def qr_pixmap(text: str, size: int = QR_SIZE) -> QPixmap:
    """The QR code of ``text`` drawn from its SVG, black on white, ``size`` pixels square."""
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor("white"))
    renderer = QSvgRenderer(QByteArray(qr_svg(text)))
    painter = QPainter(pixmap)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    return pixmap


class FeedsPanel(QDialog):
    """The list of feeds; the chosen one's address, QR code, Copy and Reset token."""

    def __init__(
        self, document: SeasonDocument, parent: QWidget | None = None, confirm: Confirm = ask
    ) -> None:
        super().__init__(parent)
        self.document, self.confirm = document, confirm
        self.setWindowTitle("Subscription feeds")
        self.resize(720, 460)
        self._build()
        self.refresh()

    def _build(self) -> None:
        self.base = named(QLineEdit(placeholderText="https://team.example/ (where serve is "
                                    "reached)"), "Served at")
        save = QPushButton("Save")
        save.clicked.connect(self._save_base)
        top = QHBoxLayout()
        top.addWidget(QLabel("Served at:"))
        top.addWidget(self.base, 1)
        top.addWidget(save)
        self.feeds = named(QListWidget(), "Feeds")
        self.feeds.currentRowChanged.connect(lambda _r: self._show())
        self.qr = named(QLabel(alignment=Qt.AlignmentFlag.AlignCenter), "QR code")
        self.qr.setFixedSize(QR_SIZE + 8, QR_SIZE + 8)
        self.address = named(QLineEdit(readOnly=True), "Feed address")
        self.copy_button = QPushButton("&Copy")
        self.copy_button.clicked.connect(self.copy)
        self.reset_button = QPushButton("&Reset token")
        self.reset_button.clicked.connect(self.reset)
        self.page = named(QLabel(wordWrap=True), "Feed page")
        self.page.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message = QLabel(wordWrap=True)
        side = QVBoxLayout()
        side.addWidget(self.qr, 0, Qt.AlignmentFlag.AlignHCenter)
        form = QFormLayout()
        form.addRow("Address:", self.address)
        form.addRow("Page:", self.page)
        side.addLayout(form)
        row = QHBoxLayout()
        row.addWidget(self.copy_button)
        row.addWidget(self.reset_button)
        row.addStretch(1)
        side.addLayout(row)
        side.addWidget(self.message)
        side.addStretch(1)
        middle = QHBoxLayout()
        middle.addWidget(self.feeds, 1)
        middle.addLayout(side, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(middle, 1)
        layout.addWidget(buttons)

    def refresh(self, keep: tuple[str, str] | None = None) -> None:
        db = self.document.db
        self.items: list[Feed] = list_feeds(db)
        self.base_url = base_url(db)
        self.base.setText(self.base_url or "")
        self.feeds.clear()
        for feed in self.items:
            QListWidgetItem(f"{feed.name} ({feed.kind})", self.feeds)
        chosen = next((i for i, f in enumerate(self.items) if (f.kind, f.name) == keep), 0)
        self.feeds.setCurrentRow(chosen if self.items else -1)
        self._show()

    def current(self) -> Feed | None:
        row = self.feeds.currentRow()
        return self.items[row] if 0 <= row < len(self.items) else None

    def url(self, feed: Feed) -> str:
        return feed.url(self.base_url) or feed.path

    def _show(self) -> None:
        feed = self.current()
        for w in (self.copy_button, self.reset_button):
            w.setEnabled(feed is not None)
        if feed is None:
            self.address.clear()
            self.qr.clear()
            return
        self.address.setText(self.url(feed))
        self.address.setCursorPosition(0)
        page = feed.url(self.base_url)
        self.page.setText(page.replace(".ics", ".html") if page else feed.page_path)
        if self.base_url:
            self.qr.setPixmap(qr_pixmap(self.url(feed)))
            self.message.setText("Scan with the phone's camera to subscribe.")
        else:
            self.qr.setText("Give the address the feeds are served at\nto show a QR code.")
            self.message.setText("")

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.address.text())
        self.message.setText("Address copied.")

    def reset(self) -> None:
        feed = self.current()
        if feed is None or not self.confirm(
            self, f"Give the feed of {feed.name} a new address? The old address stops working "
            "at once; everyone subscribed must subscribe again."
        ):
            return
        try:
            reset_feed(self.document.db, feed.name)
        except PaddockError as exc:
            self.message.setText(str(exc))
            return
        self.refresh(keep=(feed.kind, feed.name))
        self.message.setText(f"New address for {feed.name}; the old one no longer works.")

    def _save_base(self) -> None:
        try:
            set_base_url(self.document.db, self.base.text().strip())
        except PaddockError as exc:
            self.message.setText(str(exc))
            return
        current = self.current()
        self.refresh(keep=(current.kind, current.name) if current else None)


def open_feeds_panel(document: SeasonDocument, parent: QWidget | None) -> FeedsPanel:
    panel = FeedsPanel(document, parent)
    panel.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    panel.open()
    return panel
