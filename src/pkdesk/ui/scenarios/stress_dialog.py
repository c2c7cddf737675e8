"""The stress test as a table: each what-if × the principles it breaks × the plan's strategies
that already answer it (and, when none does, the kinds that would)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QDialogButtonBox, QHeaderView, QLabel,
                               QTableView, QVBoxLayout, QWidget)

from pkdesk.core.report_labels import label, principle_label, severity_counts, verdict_label
from pkdesk.core.stress import StressReport, StressRow
from pkdesk.ui.common.i18n import tr, ui_language
from pkdesk.ui.common.plain_tip import plain_tip
from pkdesk.ui.common.row_list_model import RowListModel
from pkdesk.ui.common.severity_style import VERDICT_TONE, tint

_Index = QModelIndex | QPersistentModelIndex
WHATIF, VERDICT, BREAKS, ANSWERS = range(4)
_HEADERS = ("ui.stress.col_whatif", "ui.stress.col_verdict", "ui.stress.col_breaks",
            "ui.stress.col_answers")


def breaks_text(row: StressRow) -> str:
    lang = ui_language()
    parts = []
    for principle, counts in row.breaks.items():
        detail = severity_counts(counts, lang=lang)
        parts.append(f"{principle_label(principle, lang)} ({detail})")
    return "\n".join(parts) or tr("ui.stress.nothing")


def answers_text(row: StressRow) -> str:
    lang = ui_language()
    if row.answering:
        return "\n".join(f"#{n} {label(s.kind, lang)}"
                         + (" " + tr("ui.stress.led_by", lead=s.lead) if s.lead else "")
                         for n, s in row.answering)
    kinds = ", ".join(label(k, lang) for k in row.whatif.answered_by)
    return tr("ui.stress.none_would_be", kinds=kinds) if kinds else tr("ui.stress.none")


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
    def __init__(self, report: StressReport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
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
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(900, 420)
        header.sectionResized.connect(lambda *_: self.table.resizeRowsToContents())
        self.table.resizeRowsToContents()
