"""Table models over a `Comparison`: the scenarios with their verdicts, the fields that differ
(field × scenario), and the findings per principle (principle × scenario)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QFont

from pkdesk.core.compare import Comparison
from pkdesk.core.comparison_report import cell_text
from pkdesk.core.field_names import change_name, readable
from pkdesk.core.findings import SEVERITIES
from pkdesk.core.report_labels import (principle_label, severity_counts, severity_label,
                                       verdict_label)
from pkdesk.ui.common.i18n import tr, ui_language
from pkdesk.ui.common.plain_tip import plain_tip
from pkdesk.ui.common.severity_style import VERDICT_TONE
from pkdesk.ui.scenarios.value_text import value_text

_Index = QModelIndex | QPersistentModelIndex
VALUE_CHARS = 200
_Display = Qt.ItemDataRole.DisplayRole


def shown(value: Any, max_chars: int = VALUE_CHARS) -> str:
    """A field's value as the comparison PDF prints it (enumerations as labels, a party's or
    strategy's fields by name)."""
    return value_text(readable(value, ui_language()), max_chars)


class _ComparisonModel(QAbstractTableModel):
    def __init__(self, comparison: Comparison, parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self.comparison = comparison
        self.tints: dict[str, QBrush] = {}

    def set_tints(self, tints: dict[str, QBrush]) -> None:
        self.tints = tints
        if self.rowCount() and self.columnCount():
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(self.rowCount() - 1, self.columnCount() - 1))

    def _scenario_header(self, section: int) -> str:
        s = self.comparison.scenarios[section]
        return f"{s.label}  {s.plan.title}"


class ScenariosModel(_ComparisonModel):
    """One row per scenario: label, title, verdict, findings, lineage."""

    HEADERS = ("", "ui.cmp.col_scenario", "ui.cmp.col_verdict", "ui.cmp.col_findings",
               "ui.cmp.col_branched")

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.comparison.scenarios)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _Display) -> object:
        if (role == _Display and orientation == Qt.Orientation.Horizontal
                and 0 <= section < len(self.HEADERS)):
            return tr(self.HEADERS[section]) if self.HEADERS[section] else ""
        return None

    def data(self, index: _Index, role: int = _Display) -> object:
        if not index.isValid() or not 0 <= index.row() < self.rowCount():
            return None
        s = self.comparison.scenarios[index.row()]
        column = index.column()
        if role == _Display:
            if column == 0:
                return s.label
            if column == 1:
                return s.plan.title
            if column == 2:
                return verdict_label(s.result.verdict, ui_language())
            if column == 3:
                counts = {sev: sum(1 for f in s.result.findings if f.severity == sev)
                          for sev in SEVERITIES}
                return severity_counts(counts, lang=ui_language()) or tr("ui.cmp.none")
            lineage = s.plan.lineage
            if lineage is None:
                return ""
            who = lineage.parent_title or lineage.parent
            return f"{who}: {lineage.changes}" if lineage.changes else who
        if role == Qt.ItemDataRole.BackgroundRole and column == 2:
            return self.tints.get(VERDICT_TONE.get(s.result.verdict, ""))
        if role == Qt.ItemDataRole.ToolTipRole and column == 1:
            return plain_tip(s.source)
        return None


class _PerScenarioModel(_ComparisonModel):
    """One column per scenario; subclasses say what the rows are and how each is named."""

    def _rows(self) -> Sequence[object]:
        raise NotImplementedError

    def _row_label(self, row: int) -> str:
        raise NotImplementedError

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows())

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.comparison.scenarios)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _Display) -> object:
        if role != _Display:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < self.columnCount():
            return self._scenario_header(section)
        if orientation == Qt.Orientation.Vertical and 0 <= section < self.rowCount():
            return self._row_label(section)
        return None


class DifferencesModel(_PerScenarioModel):
    """Fields that differ: one row per field, one column per scenario; a value that differs
    from scenario A's is tinted and bold."""

    def _rows(self) -> Sequence[object]:
        return self.comparison.differences

    def _row_label(self, row: int) -> str:
        return change_name(self.comparison.differences[row], ui_language())

    def differs(self, row: int, column: int) -> bool:
        values = self.comparison.differences[row].values
        return column > 0 and values[column] != values[0]

    def data(self, index: _Index, role: int = _Display) -> object:
        if not index.isValid() or not 0 <= index.row() < self.rowCount():
            return None
        value = self.comparison.differences[index.row()].values[index.column()]
        if role == _Display:
            return shown(value)
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tip(shown(value, 4000))
        if self.differs(index.row(), index.column()):
            if role == Qt.ItemDataRole.BackgroundRole:
                return self.tints.get("changed")
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setBold(True)
                return font
        return None


class PrincipleFindingsModel(_PerScenarioModel):
    """Findings per principle: one row per principle, one column per scenario; each cell
    counts the findings and names their rules."""

    def _rows(self) -> Sequence[object]:
        return self.comparison.principles

    def _row_label(self, row: int) -> str:
        return principle_label(self.comparison.principles[row], ui_language())

    def data(self, index: _Index, role: int = _Display) -> object:
        if not index.isValid() or not 0 <= index.row() < self.rowCount():
            return None
        cell = self.comparison.matrix[index.row()][index.column()]
        if role == _Display:
            return ("—" if not cell.total
                    else f"{cell_text(cell, ui_language())}\n" + "\n".join(cell.rules))
        if role == Qt.ItemDataRole.ToolTipRole and cell.total:
            principle = self.comparison.principles[index.row()]
            scenario = self.comparison.scenarios[index.column()]
            lang = ui_language()
            return plain_tip("\n".join(
                tr("ui.cmp.finding_line", severity=severity_label(f.severity, lang),
                   rule=f.rule, message=f.message)
                for f in scenario.result.findings if f.principle == principle))
        if role == Qt.ItemDataRole.BackgroundRole:
            return self.tints.get(cell.level if cell.level != "none" else "clear")
        return None
