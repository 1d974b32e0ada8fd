"""The dock beside the views: the series legend and the driver and team filters."""

from __future__ import annotations

from PySide6.QtWidgets import QDockWidget, QLabel, QVBoxLayout, QWidget

from paddock_desk.ui.filters import FilterBar
from paddock_desk.ui.legend import SeriesLegend


class SidePanel(QDockWidget):
    def __init__(self, legend: SeriesLegend, filters: FilterBar, parent: QWidget | None = None):
        super().__init__("Series and filters", parent)
        self.setObjectName("SeriesDock")
        self.setAccessibleName("Series and filters")
        self.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetClosable
        )
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(6, 6, 6, 6)
        series = QLabel("Series sho&wn")
        series.setBuddy(legend)
        layout.addWidget(series)
        layout.addWidget(legend, 1)
        layout.addWidget(QLabel("Narrow every view to"))
        layout.addWidget(filters)
        self.setWidget(body)
        self.setMinimumWidth(240)
