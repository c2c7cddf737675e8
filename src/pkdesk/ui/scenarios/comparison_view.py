"""A window comparing 2-4 scenarios: their verdicts, the principle × scenario heat map, the
fields that differ and the findings per principle; exportable as the comparison PDF."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QRect, QSettings, QSize, Qt, QTimer
from PySide6.QtGui import QAction, QBrush, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (QAbstractItemView, QFileDialog, QHBoxLayout, QHeaderView, QLabel,
                               QPushButton, QScrollArea, QSplitter, QTableView, QTabWidget, QVBoxLayout,
                               QWidget)

from pkdesk.core.compare import Comparison
from pkdesk.core.errors import PkdeskError
from pkdesk.core.filenames import safe_file_stem
from pkdesk.core.i18n import translator
from pkdesk.ui.scenarios.comparison_models import DifferencesModel, PrincipleFindingsModel, ScenariosModel
from pkdesk.ui.scenarios.heat_map import STRENGTH, HeatMap
from pkdesk.ui.common.i18n import tr, trn, ui_language
from pkdesk.ui.common.keys import close_on_escape
from pkdesk.ui.common.messages import tell
from pkdesk.ui.common.severity_style import tint

if TYPE_CHECKING:
    from pkdesk.store.db import Database

PREFERRED_SIZE = QSize(980, 720)
FRAME_ALLOWANCE = QSize(16, 40)     # the window manager's borders and title bar
SIZE_KEY = "compare/size"


def fitted_size(available: QRect, wanted: QSize | None) -> QSize:
    """The window's size: ``wanted`` (the size it was last closed at) or the preferred one,
    never larger than the screen's available area less the window frame."""
    room = available.size() - FRAME_ALLOWANCE
    size = wanted if wanted is not None and wanted.isValid() else PREFERRED_SIZE
    return size.boundedTo(room)


def _table(name: str, model: object, wrap: bool = True) -> QTableView:
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)  # type: ignore[arg-type]
    view.setWordWrap(wrap)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(False)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    header.setHighlightSections(False)
    header.setTextElideMode(Qt.TextElideMode.ElideRight)
    if wrap:
        # Row heights follow the wrapped text at the columns' real widths, measured when
        # they change (not per paint, and not before the window has its size).
        timer = QTimer(view)      # once per burst of resizes, after the last one
        timer.setSingleShot(True)
        timer.timeout.connect(view.resizeRowsToContents)
        header.sectionResized.connect(lambda *_: timer.start(0))
    return view


class ComparisonView(QWidget):
    def __init__(self, comparison: Comparison, db: Database | None = None,
                 parent: QWidget | None = None, settings: QSettings | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.settings = settings
        self.setObjectName("comparisonView")
        self.comparison, self.db = comparison, db
        titles = " · ".join(s.plan.title for s in comparison.scenarios)
        self.setWindowTitle(tr("ui.cmp.title", titles=titles))
        palette = self.palette()
        tints = {t: QBrush(tint(palette, t, STRENGTH[t]))
                 for t in ("blocker", "warning", "advice", "clear")}
        tints["changed"] = QBrush(tint(palette, "advice", 0.35))

        self.scenarios = ScenariosModel(comparison, self)
        self.differences = DifferencesModel(comparison, self)
        self.principles = PrincipleFindingsModel(comparison, self)
        for model in (self.scenarios, self.differences, self.principles):
            model.set_tints(tints)
        self.scenario_table = _table("scenarioTable", self.scenarios)
        header = self.scenario_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.scenario_table.verticalHeader().hide()
        self.scenario_table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)

        self.heat_map = HeatMap(comparison)
        heat_scroll = QScrollArea()
        heat_scroll.setWidgetResizable(True)
        heat_scroll.setWidget(self.heat_map)
        heat_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.difference_table = _table("differenceTable", self.differences)
        self.principle_table = _table("principleTable", self.principles)
        same = QLabel(translator(ui_language())("cmp.identical"))
        same.setTextFormat(Qt.TextFormat.PlainText)
        same.setWordWrap(True)
        same.setAlignment(Qt.AlignmentFlag.AlignTop)

        self.tabs = QTabWidget()
        self.tabs.addTab(heat_scroll, tr("ui.cmp.heat_map"))
        self.tabs.addTab(self.difference_table if comparison.differences else same,
                         tr("ui.cmp.differences", n=len(comparison.differences)))
        self.tabs.addTab(self.principle_table, tr("ui.cmp.by_principle"))

        self.export_button = QPushButton(tr("ui.cmp.export"))
        self.export_button.setEnabled(db is not None)
        self.export_button.clicked.connect(self.choose_export)
        close_on_escape(self)
        self.status = QLabel()
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.export_button)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.scenario_table)
        splitter.addWidget(self.tabs)
        splitter.setStretchFactor(1, 1)
        lines = self.fontMetrics().lineSpacing()
        splitter.setSizes([(len(comparison.scenarios) * 2 + 2) * lines, 560])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)
        self._fit_screen()

    def _fit_screen(self) -> None:
        """The size it was last closed at, or the preferred one, within the screen."""
        saved = self.settings.value(SIZE_KEY) if self.settings is not None else None
        wanted = saved if isinstance(saved, QSize) else None
        parent = self.parentWidget()
        screen = (parent.screen() if parent is not None else None) or self.screen()
        if screen is None:
            self.resize(wanted or PREFERRED_SIZE)
            return
        available = screen.availableGeometry()
        size = fitted_size(available, wanted)
        rect = QRect(0, 0, size.width(), size.height())
        rect.moveCenter(available.center())
        self.setGeometry(rect)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.settings is not None:
            self.settings.setValue(SIZE_KEY, self.size())
        super().closeEvent(event)

    def choose_export(self) -> None:
        stem = "-vs-".join(s.plan.title for s in self.comparison.scenarios)
        safe = safe_file_stem(stem, "comparison")
        name, _ = QFileDialog.getSaveFileName(self, tr("ui.cmp.export_title"), f"{safe}.pdf",
                                              tr("ui.pdf.filter"))
        if name:
            self.export_to(Path(name))

    def export_to(self, path: Path) -> int | None:
        """Write the comparison PDF; returns its page count, or None after telling why not."""
        if self.db is None:
            return None
        from pkdesk.export import comparison_document, write_pdf
        from pkdesk.store.reference_repo import ReferenceRepository

        try:
            report = comparison_document(self.comparison, ReferenceRepository(self.db),
                                         lang=ui_language())
            pages = write_pdf(report, path)
        except PkdeskError as exc:
            tell(self, tr("ui.cmp.cannot_export"), str(exc))
            return None
        self.status.setText(trn("ui.pdf.exported", pages, path=path))
        return pages
