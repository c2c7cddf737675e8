"""The checker's findings as a table: severity, rule, principle, message.

Fed a `CheckResult` from anywhere (the planner's live check now, a scenario comparison
later). An optional principle filter narrows the rows; the result itself is kept whole.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont, QIcon

from pkdesk.core.findings import CheckResult, Finding
from pkdesk.core.report_labels import principle_label, severity_label
from pkdesk.ui.common.i18n import tr, ui_language
from pkdesk.ui.common.plain_tip import plain_tip
from pkdesk.ui.common.row_list_model import RowListModel

_Index = QModelIndex | QPersistentModelIndex
FINDING_ROLE = Qt.ItemDataRole.UserRole + 1
SEVERITY, RULE, PRINCIPLE, MESSAGE = range(4)
_HEADERS = ("ui.findings.col_severity", "ui.findings.col_rule", "ui.findings.col_principle",
            "ui.findings.col_finding")


class FindingsModel(RowListModel[Finding]):
    HEADERS = _HEADERS

    def __init__(self, icons: dict[str, QIcon] | None = None, parent: object = None) -> None:
        super().__init__(parent)
        self._icons = icons or {}
        self._result = CheckResult(plan_title="")
        self._principle: str | None = None
        # Compact: the severity column shows its icon (and ✓) only, its word and the rule id in
        # the tooltip (the panel hides the rule column);
        # the panel sets it when the table is too narrow for the word and the message both.
        self.compact = False

    @property
    def result(self) -> CheckResult:
        return self._result

    @property
    def principle_filter(self) -> str | None:
        return self._principle

    def set_result(self, result: CheckResult) -> None:
        self._result = result
        self._refresh()

    def set_principle_filter(self, principle: str | None) -> None:
        if principle != self._principle:
            self._principle = principle
            self._refresh()

    def _refresh(self) -> None:
        rows = [f for f in self._result.findings
                if self._principle is None or f.principle == self._principle]
        if rows == self._rows:
            return
        if len(rows) == len(self._rows):
            # Same count (the usual case while typing): update in place, keep the selection.
            self._rows = rows
            if rows:
                self.dataChanged.emit(self.index(0, 0), self.index(len(rows) - 1, MESSAGE))
            return
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def set_compact(self, compact: bool) -> None:
        if compact != self.compact:
            self.compact = compact
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, SEVERITY, SEVERITY)
            if self._rows:
                self.dataChanged.emit(self.index(0, SEVERITY),
                                      self.index(len(self._rows) - 1, SEVERITY))

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        compact_severity = (self.compact and section == SEVERITY
                            and orientation == Qt.Orientation.Horizontal)
        if compact_severity and role == Qt.ItemDataRole.DisplayRole:
            return ""           # the icons say it; the word is the header's tooltip
        if compact_severity and role in (Qt.ItemDataRole.ToolTipRole,
                                         Qt.ItemDataRole.AccessibleTextRole):
            return super().headerData(section, orientation)     # and for screen readers
        return super().headerData(section, orientation, role)

    def finding(self, row: int) -> Finding | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, rule: str, subject: str | None = None) -> int | None:
        """The row of the finding of ``rule`` about ``subject`` (None: the rule's first)."""
        return next((i for i, f in enumerate(self._rows) if f.rule == rule
                     and (subject is None or f.subject == subject)), None)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        finding, column = self._rows[index.row()], index.column()
        if role == FINDING_ROLE:
            return finding
        if role == Qt.ItemDataRole.DisplayRole:
            if column == SEVERITY:
                text = "" if self.compact else severity_label(finding.severity, ui_language())
                return f"{text} ✓".strip() if finding.acknowledged is not None else text
            return (finding.rule, principle_label(finding.principle, ui_language()),
                    finding.message)[column - 1]
        if role == Qt.ItemDataRole.DecorationRole and column == SEVERITY:
            return self._icons.get(finding.severity)
        if role == Qt.ItemDataRole.AccessibleTextRole and column == SEVERITY:
            return severity_label(finding.severity, ui_language())
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == SEVERITY and self.compact:
                return f"{severity_label(finding.severity, ui_language())} · {finding.rule}"
            tip = f"{finding.message}\n\n{tr('ui.findings.instead')} {finding.instead}"
            if finding.acknowledged is not None:
                tip += f"\n\n{tr('ui.findings.acknowledged')} {finding.acknowledged}"
            return plain_tip(tip)
        if role == Qt.ItemDataRole.FontRole and finding.acknowledged is not None:
            font = QFont()
            font.setItalic(True)
            return font
        return None
