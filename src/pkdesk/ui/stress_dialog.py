"""The stress test as a table: each what-if × the principles it breaks × the plan's strategies
that already answer it (and, when none does, the kinds that would)."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QDialogButtonBox, QHeaderView, QLabel,
                               QTableView, QVBoxLayout, QWidget)

from pkdesk.core.report_labels import VERDICT_LABELS, label, principle_label
from pkdesk.core.stress import StressReport, StressRow
from pkdesk.ui.plain_tip import plain_tip
from pkdesk.ui.severity_style import VERDICT_TONE, tint

_Index = QModelIndex | QPersistentModelIndex
WHATIF, VERDICT, BREAKS, ANSWERS = range(4)
_HEADERS = ("What-if", "Verdict after", "Principles broken", "Strategies that answer it")


def breaks_text(row: StressRow) -> str:
    parts = []
    for principle, counts in row.breaks.items():
        detail = ", ".join(f"{n} {s}{'s' if n != 1 else ''}" for s, n in counts.items() if n)
        parts.append(f"{principle_label(principle)} ({detail})")
    return "\n".join(parts) or "nothing"


def answers_text(row: StressRow) -> str:
    if row.answering:
        return "\n".join(f"#{n} {label(s.kind)}" + (f" (led by {s.lead})" if s.lead else "")
                         for n, s in row.answering)
    kinds = ", ".join(label(k) for k in row.whatif.answered_by)
    return f"none in the plan (would be: {kinds})" if kinds else "none"


class StressTableModel(QAbstractTableModel):
    def __init__(self, parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._rows: list[StressRow] = []
        self._tints: dict[str, QBrush] = {}

    def set_report(self, report: StressReport, tints: dict[str, QBrush] | None = None) -> None:
        self.beginResetModel()
        self._rows = list(report.rows)
        self._tints = tints or {}
        self.endResetModel()

    def row(self, row: int) -> StressRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(_HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if (role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal
                and 0 <= section < len(_HEADERS)):
            return _HEADERS[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, column = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == WHATIF:
                return row.whatif.title
            if column == VERDICT:
                return VERDICT_LABELS.get(row.result.verdict, row.result.verdict)
            return breaks_text(row) if column == BREAKS else answers_text(row)
        if role == Qt.ItemDataRole.ToolTipRole and column == WHATIF:
            return plain_tip(row.whatif.description)
        if role == Qt.ItemDataRole.BackgroundRole and column == VERDICT:
            return self._tints.get(VERDICT_TONE.get(row.result.verdict, ""))
        return None


class StressDialog(QDialog):
    def __init__(self, report: StressReport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Stress test — {report.plan_title}")
        baseline = VERDICT_LABELS.get(report.baseline.verdict, report.baseline.verdict)
        intro = QLabel(f"“{report.plan_title}” as it is: {baseline}. Each what-if below was "
                       "applied on its own, in memory; the stored plan is unchanged.")
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)
        palette = self.palette()
        self.model = StressTableModel(self)
        self.model.set_report(report, {t: QBrush(tint(palette, t))
                                       for t in ("blocker", "warning", "clear")})
        self.table = QTableView()
        self.table.setObjectName("stressTable")
        self.table.setAccessibleName("Stress test")
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
