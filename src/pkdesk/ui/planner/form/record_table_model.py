"""A small list of records as an editable table (benchmarks, protection sites, parallel
forces, national caveats): text, whole-number, month and yes/no columns.

Like the party table, the model never changes its list: an edit is offered as
`list_edited(new_list)` (the form makes it one undoable field edit) and the page hands the
new list back through `set_items`.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal

from pkdesk.core.plan.file import NAME_CHARS
from pkdesk.ui.common.i18n import tr
from pkdesk.ui.common.plain_tip import plain_tip
from pkdesk.ui.common.row_list_model import RowListModel
from pkdesk.ui.planner.form.choice_list_model import is_checked

_Index = QModelIndex | QPersistentModelIndex
_MONTH = re.compile(r"[0-9]{4}-(0[1-9]|1[0-2])")


@dataclass(frozen=True)
class Column:
    attr: str
    kind: str               # text (required), note (may be empty), int, month or bool
    limit: int = NAME_CHARS     # longest text, or largest number


class RecordTableModel(RowListModel[Any]):
    ROW_NUMBERS = True
    list_edited = Signal(object)
    refused = Signal(str)

    def __init__(self, headers: tuple[str, ...], columns: tuple[Column, ...],
                 make: Callable[[], Any], parent: object = None) -> None:
        super().__init__(parent)
        self.HEADERS = headers
        self.columns = columns
        self.make = make            # a new record, for Add

    def set_items(self, rows: Sequence[Any]) -> None:
        self._replace_rows(rows)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.columns[index.column()].kind == "bool":
            return base | Qt.ItemFlag.ItemIsUserCheckable
        return base | Qt.ItemFlag.ItemIsEditable

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        column = self.columns[index.column()]
        value = getattr(self._rows[index.row()], column.attr)
        if column.kind == "bool":
            if role == Qt.ItemDataRole.CheckStateRole:
                return Qt.CheckState.Checked if value else Qt.CheckState.Unchecked
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{value:,}" if column.kind == "int" else value
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tip(str(value)) if column.kind != "int" else None
        if role == Qt.ItemDataRole.EditRole:
            return value
        return None

    def setData(self, index: _Index, value: object,
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return False
        row = index.row()
        column = self.columns[index.column()]
        record = self._rows[row]
        if column.kind == "bool":
            if role != Qt.ItemDataRole.CheckStateRole:
                return False
            new_value: object = is_checked(value)
        elif role != Qt.ItemDataRole.EditRole:
            return False
        elif column.kind == "int":
            if type(value) is not int:
                return False
            new_value = min(max(0, value), column.limit)
        elif not isinstance(value, str):
            return False
        else:
            text = value.strip()[:column.limit]
            if column.kind == "text" and not text:
                self.refused.emit(tr("ui.form.needs_text"))
                return False
            if column.kind == "month" and text and not _MONTH.fullmatch(text):
                self.refused.emit(tr("ui.form.bad_month"))
                return False
            new_value = text
        new = dataclasses.replace(record, **{column.attr: new_value})
        if new != record:
            rows = list(self._rows)
            rows[row] = new
            self.list_edited.emit(rows)
        return True

    def inserted(self, row: int) -> list[Any]:
        rows = list(self._rows)
        rows.insert(row, self.make())
        return rows

    def removed(self, row: int) -> list[Any]:
        return self._rows[:row] + self._rows[row + 1:]
