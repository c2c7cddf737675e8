"""Table models for a plan's history: its revisions (newest first) and the changes between two.

Both hold plain summary rows (no documents, no widgets), so a plan with thousands of
revisions lists as fast as the database reads the summary columns.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from pkdesk.core.field_names import change_name, readable
from pkdesk.core.plan.diff import Change
from pkdesk.ui.common.i18n import tr, ui_language
from pkdesk.ui.common.plain_tip import plain_tip
from pkdesk.ui.scenarios.revision_summary import summary_text
from pkdesk.ui.scenarios.value_text import value_text

if TYPE_CHECKING:
    from pkdesk.store.plan_repo import RevisionInfo

_Index = QModelIndex | QPersistentModelIndex
_Display = Qt.ItemDataRole.DisplayRole
NUMBER_ROLE = Qt.ItemDataRole.UserRole + 1
NUMBER, WHEN, WHO, SUMMARY = range(4)
VALUE_CHARS = 300
_KINDS = ("changed", "added", "removed")     # shown as ui.history.kind_<kind>


class RevisionsModel(QAbstractTableModel):
    HEADERS = ("ui.history.col_number", "ui.history.col_when", "ui.history.col_who",
               "ui.history.col_summary")

    def __init__(self, parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._rows: list[RevisionInfo] = []

    def set_revisions(self, revisions: Sequence[RevisionInfo]) -> None:
        """``revisions`` oldest first, as the repository gives them; shown newest first."""
        self.beginResetModel()
        self._rows = list(reversed(revisions))
        self.endResetModel()

    def revision(self, row: int) -> RevisionInfo | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, number: int) -> int | None:
        # Numbers run 1..n without gaps, newest first; fall back to a scan if not.
        guess = len(self._rows) - number
        if 0 <= guess < len(self._rows) and self._rows[guess].number == number:
            return guess
        return next((i for i, r in enumerate(self._rows) if r.number == number), None)

    def latest(self) -> int | None:
        return self._rows[0].number if self._rows else None

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _Display) -> object:
        if (role == _Display and orientation == Qt.Orientation.Horizontal
                and 0 <= section < len(self.HEADERS)):
            return tr(self.HEADERS[section])
        return None

    def data(self, index: _Index, role: int = _Display) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        rev, column = self._rows[index.row()], index.column()
        if role == _Display:
            if column == NUMBER:
                return str(rev.number)
            if column == WHEN:
                return f"{rev.created_at:%Y-%m-%d %H:%M:%S}"
            if column == WHO:
                return rev.author or "—"
            return summary_text(rev.summary)
        if role == Qt.ItemDataRole.ToolTipRole and column == SUMMARY:
            return plain_tip(summary_text(rev.summary))
        if role == Qt.ItemDataRole.TextAlignmentRole and column == NUMBER:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == NUMBER_ROLE:
            return rev.number
        return None


class ChangesModel(QAbstractTableModel):
    """What changed from one revision to another: field, kind, old value, new value."""

    def __init__(self, parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._rows: list[Change] = []
        self._old, self._new = 0, 0

    def set_changes(self, changes: Sequence[Change], old: int, new: int) -> None:
        self.beginResetModel()
        self._rows, self._old, self._new = list(changes), old, new
        self.endResetModel()
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 3)

    def clear(self) -> None:
        self.set_changes([], 0, 0)

    def change(self, row: int) -> Change | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else 4

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _Display) -> object:
        if role != _Display or orientation != Qt.Orientation.Horizontal:
            return None
        old = tr("ui.history.in_revision", number=self._old) if self._old \
            else tr("ui.history.col_old")
        new = tr("ui.history.in_revision", number=self._new) if self._new \
            else tr("ui.history.col_new")
        return ((tr("ui.history.col_field"), tr("ui.history.col_change"), old, new)[section]
                if 0 <= section < 4 else None)

    def data(self, index: _Index, role: int = _Display) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        change, column = self._rows[index.row()], index.column()
        if role in (_Display, Qt.ItemDataRole.ToolTipRole):
            if column == 0:
                text = change_name(change, ui_language())
            elif column == 1:
                text = tr(f"ui.history.kind_{change.kind}") if change.kind in _KINDS \
                    else change.kind
            else:
                value = change.old if column == 2 else change.new
                absent = (change.kind == "added") if column == 2 else (change.kind == "removed")
                text = "—" if absent else value_text(
                    readable(value, ui_language()), VALUE_CHARS if role == _Display else 4000)
            return text if role == _Display else plain_tip(text)
        return None
