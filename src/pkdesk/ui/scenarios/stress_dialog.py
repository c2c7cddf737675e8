"""The stress test as a table: each what-if × the principles it breaks × the plan's strategies
that already answer it (and, when none does, the kinds that would). Export PDF… and Print…
give it on paper in the house style (`core.stress_report`), like the comparison."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QGuiApplication
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QDialogButtonBox, QFileDialog,
                               QHeaderView, QLabel, QPushButton, QTableView, QVBoxLayout, QWidget)

from pkdesk.core.errors import PkdeskError
from pkdesk.core.filenames import safe_file_stem
from pkdesk.core.i18n import translator
from pkdesk.core.report_labels import verdict_label
from pkdesk.core import stress_report
from pkdesk.core.stress import StressReport, StressRow
from pkdesk.ui.common.i18n import tr, trn, ui_language
from pkdesk.ui.common.messages import tell

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    from pkdesk.core.report import Report
    from pkdesk.store.db import Database
from pkdesk.ui.common.plain_tip import plain_tip
from pkdesk.ui.common.print_dialog import open_print_dialog
from pkdesk.ui.common.row_list_model import RowListModel
from pkdesk.ui.common.severity_style import VERDICT_TONE, tint

_Index = QModelIndex | QPersistentModelIndex
WHATIF, VERDICT, BREAKS, ANSWERS = range(4)
_HEADERS = ("ui.stress.col_whatif", "ui.stress.col_verdict", "ui.stress.col_breaks",
            "ui.stress.col_answers")


def breaks_text(row: StressRow) -> str:
    """As the PDF says it (`core.stress_report`), one principle a line."""
    return stress_report.breaks_text(row, ui_language(), "\n")


def answers_text(row: StressRow) -> str:
    """As the PDF says it, one strategy a line."""
    return stress_report.answers_text(row, ui_language(), "\n")


class StressTableModel(RowListModel[StressRow]):
    HEADERS = _HEADERS

    def __init__(self, parent: object = None) -> None:
        super().__init__(parent)
        self._tints: dict[str, QBrush] = {}

    def set_report(self, report: StressReport, tints: dict[str, QBrush] | None = None) -> None:
        self.beginResetModel()
        self._rows = list(report.rows)
        self._tints = tints or {}
        self.endResetModel()

    def row(self, row: int) -> StressRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, column = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == WHATIF:
                return row.whatif.title_in(ui_language())
            if column == VERDICT:
                return verdict_label(row.result.verdict, ui_language())
            return breaks_text(row) if column == BREAKS else answers_text(row)
        if role == Qt.ItemDataRole.ToolTipRole and column == WHATIF:
            return plain_tip(row.whatif.description_in(ui_language()))
        if role == Qt.ItemDataRole.BackgroundRole and column == VERDICT:
            return self._tints.get(VERDICT_TONE.get(row.result.verdict, ""))
        return None


class StressDialog(QDialog):
    def __init__(self, report: StressReport, db: Database | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.report, self.db = report, db
        self.setWindowTitle(tr("ui.stress.title", title=report.plan_title))
        baseline = verdict_label(report.baseline.verdict, ui_language())
        intro = QLabel(tr("ui.stress.intro", title=report.plan_title, verdict=baseline))
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)
        palette = self.palette()
        self.model = StressTableModel(self)
        self.model.set_report(report, {t: QBrush(tint(palette, t))
                                       for t in ("blocker", "warning", "clear")})
        self.table = QTableView()
        self.table.setObjectName("stressTable")
        self.table.setAccessibleName(tr("ui.stress.name"))
        self.table.setModel(self.model)
        self.table.setWordWrap(True)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(WHATIF, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(VERDICT, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(BREAKS, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(ANSWERS, QHeaderView.ResizeMode.Stretch)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.export_button = QPushButton(tr("ui.stress.export"))
        self.export_button.setObjectName("stressExport")
        self.print_button = QPushButton(tr("ui.stress.print"))
        self.print_button.setObjectName("stressPrint")
        for button, slot in ((self.export_button, self.choose_export),
                             (self.print_button, self.choose_printer)):
            button.setEnabled(db is not None)
            button.setAutoDefault(False)
            button.clicked.connect(slot)
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        self.status = QLabel()
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self.resize(900, 420)
        header.sectionResized.connect(lambda *_: self.table.resizeRowsToContents())
        self.table.resizeRowsToContents()

    # On paper -----------------------------------------------------------------------------

    def document(self) -> Report | None:
        """The stress test as a document, or None after telling why not."""
        if self.db is None:
            return None
        from pkdesk.export import stress_document
        from pkdesk.store.reference_repo import ReferenceRepository

        try:
            return stress_document(self.report, ReferenceRepository(self.db))
        except PkdeskError as exc:
            tell(self, tr("ui.pdf.cannot_make"), str(exc))
            return None

    def choose_export(self) -> None:
        title = translator(self.report.lang)("stress.running_title", title=self.report.plan_title)
        name, _ = QFileDialog.getSaveFileName(self, tr("ui.stress.export_title"),
                                              f"{safe_file_stem(title, 'stress-test')}.pdf",
                                              tr("ui.pdf.filter"))
        if name:
            self.export_to(Path(name))

    def export_to(self, path: Path) -> int | None:
        """Write the stress test PDF; its page count, or None after telling why not."""
        from pkdesk.export import write_pdf

        report = self.document()
        if report is None:
            return None
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            pages = write_pdf(report, path)
        except PkdeskError as exc:
            tell(self, tr("ui.pdf.cannot_export"), str(exc), tr("ui.pdf.not_written"))
            return None
        finally:
            QGuiApplication.restoreOverrideCursor()
        self.status.setText(trn("ui.pdf.exported", pages, path=path))
        return pages

    def choose_printer(self, printer: QPrinter | None = None) -> QPrintDialog | None:
        """The system print dialog; `printer` presets its choices."""
        from PySide6.QtPrintSupport import QPrinter

        report = self.document()
        if report is None:
            return None
        chosen = printer or QPrinter(QPrinter.PrinterMode.HighResolution)
        return open_print_dialog(chosen, self, report.title,
                                 lambda: self.print_to(report, chosen))

    def print_to(self, report: Report, printer: QPrinter) -> int | None:
        """Print `report` on `printer`; the page count, or None after telling why not."""
        from pkdesk.export import print_report

        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            pages = print_report(report, printer)
        except (PkdeskError, OSError) as exc:
            tell(self, tr("ui.pdf.cannot_print"), tr("ui.pdf.not_printed", reason=str(exc)),
                 tr("ui.pdf.check_printer"))
            return None
        finally:
            QGuiApplication.restoreOverrideCursor()
        name = printer.printerName() or tr("ui.pdf.the_printer")
        self.status.setText(trn("ui.pdf.sent", pages, printer=name))
        return pages
