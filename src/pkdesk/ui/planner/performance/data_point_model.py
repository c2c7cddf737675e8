"""The data points of one indicator as a table (date, value, source, note, recorded by),
sorted by date, with an empty last row where a new point is typed.

The model never changes the plan: a finished edit is offered as
`points_edited(points, undo_text, focus)` (the tab makes it one undoable edit and hands the
new list back through `set_points`); ``focus`` is ``(uid, column)`` of the cell the cursor
should be on afterwards (uid "" = the empty last row). Input that is no date or number is
refused with `refused(message)` and the old value stays.

In the last row, the date, source, note and "recorded by" typed are kept as a draft; the
value completes the point (dated today if no date was typed), which is then one undo step.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QFont

from pkdesk.core.plan.file import NAME_CHARS
from pkdesk.core.plan.model import DataPoint
from pkdesk.core.plan.performance_file import NOTE_CHARS
from pkdesk.ui.common.i18n import tr, ui_language
from pkdesk.ui.common.plain_tip import plain_tip
from pkdesk.ui.common.row_list_model import RowListModel
from pkdesk.ui.planner.performance.entry import (EntryError, format_number, parse_date,
                                                 parse_number)

_Index = QModelIndex | QPersistentModelIndex
DATE, VALUE, SOURCE, NOTE, BY = range(5)
_ATTRS = ("date", "value", "source", "note", "recorded_by")
_LIMITS = {SOURCE: NAME_CHARS, NOTE: NOTE_CHARS, BY: NAME_CHARS}


@dataclasses.dataclass
class Draft:
    date: str = ""
    source: str = ""
    note: str = ""
    recorded_by: str = ""


class DataPointModel(RowListModel[DataPoint]):
    HEADERS = ("ui.performance.col_date", "ui.performance.col_value",
               "ui.performance.col_source", "ui.performance.col_note",
               "ui.performance.col_by")
    points_edited = Signal(object, str, object)
    refused = Signal(str)

    def __init__(self, recorded_by: str = "", today: Callable[[], date] = date.today,
                 parent: object = None) -> None:
        super().__init__(parent)
        self.recorded_by = recorded_by      # who a new point is recorded by, unless typed
        self.today = today
        self.draft = Draft()
        self.enabled = False                # an indicator is shown
        self.owner = ""                     # its uid

    def set_points(self, points: list[DataPoint], owner: str = "") -> None:
        """Show ``points`` of the indicator ``owner`` ("" = none: no rows at all). Another
        indicator starts afresh (its own empty draft); the same one changes only the rows
        that changed."""
        if owner != self.owner:
            self.beginResetModel()
            self.owner, self.enabled = owner, bool(owner)
            self._rows = list(points)
            self.draft = Draft()
            self.endResetModel()
            return
        self._replace_rows(points)

    def _replace_rows(self, rows: Sequence[DataPoint], *, all_changed: bool = False) -> None:
        """One point added or removed (an entry, an undo) moves only the rows after it: no
        reset, so the view keeps its layout (a 500-point table re-measures nothing)."""
        new, old = list(rows), self._rows
        grown = len(new) - len(old)
        if abs(grown) == 1:
            longer, shorter = (new, old) if grown > 0 else (old, new)
            at = next((i for i, (a, b) in enumerate(zip(shorter, longer)) if a != b),
                      len(shorter))
            if longer[at + 1:] == shorter[at:]:
                if grown > 0:
                    self.beginInsertRows(QModelIndex(), at, at)
                    self._rows = new
                    self.endInsertRows()
                else:
                    self.beginRemoveRows(QModelIndex(), at, at)
                    self._rows = new
                    self.endRemoveRows()
                return
        super()._replace_rows(new, all_changed=all_changed)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        if parent.isValid() or not self.enabled:
            return 0
        return len(self._rows) + 1

    def is_draft(self, row: int) -> bool:
        return row == len(self._rows)

    def row_of(self, uid: str) -> int:
        """The row of the point ``uid`` ("" or unknown: the empty last row)."""
        return next((r for r, p in enumerate(self._rows) if p.uid == uid), len(self._rows))

    def point(self, row: int) -> DataPoint | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemIsEditable)

    def _text(self, row: int, column: int) -> str:
        point = self.point(row)
        if point is None:
            return "" if column == VALUE else str(getattr(self.draft, _ATTRS[column]))
        if column == VALUE:
            return format_number(point.value, ui_language())
        return str(getattr(point, _ATTRS[column]))

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < self.rowCount():
            return None
        row, column = index.row(), index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._text(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if self.is_draft(row):
                return tr("ui.performance.new_point_tip")
            text = self._text(row, column)
            return plain_tip(text) if text else None
        if role == Qt.ItemDataRole.TextAlignmentRole and column == VALUE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and self.is_draft(row):
            font = QFont()
            font.setItalic(True)
            return font
        return None

    def setData(self, index: _Index, value: object,
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        if (role != Qt.ItemDataRole.EditRole or not index.isValid()
                or not isinstance(value, str) or not 0 <= index.row() < self.rowCount()):
            return False
        row, column = index.row(), index.column()
        try:
            new_value = self._read(column, value)
        except EntryError as exc:
            self.refused.emit(tr(str(exc), text=value.strip()))
            return False
        point = self.point(row)
        if point is None:
            return self._set_draft(index, column, new_value)
        if getattr(point, _ATTRS[column]) == new_value:
            return True
        rows = list(self._rows)
        changes: dict[str, Any] = {_ATTRS[column]: new_value}
        rows[row] = dataclasses.replace(point, **changes)
        below = self._rows[row + 1].uid if row + 1 < len(self._rows) else ""
        self.points_edited.emit(rows, tr("ui.performance.undo.edit_point", date=rows[row].date),
                                (below, column))
        return True

    def _read(self, column: int, text: str) -> object:
        if column == DATE:
            if not text.strip():
                raise EntryError("ui.performance.needs_date")
            return parse_date(text)
        if column == VALUE:
            if not text.strip():
                raise EntryError("ui.performance.needs_value")
            return parse_number(text, ui_language())
        return text.strip()[:_LIMITS[column]]

    def _set_draft(self, index: _Index, column: int, value: object) -> bool:
        if column != VALUE:
            setattr(self.draft, _ATTRS[column], value)
            self.dataChanged.emit(index, index)
            return True
        assert isinstance(value, float)
        draft = self.draft
        point = DataPoint(value=value, date=draft.date or self.today().isoformat(),
                          source=draft.source, note=draft.note,
                          recorded_by=draft.recorded_by or self.recorded_by)
        self.draft = Draft(source=draft.source)     # the next point likely has the same source
        self.points_edited.emit([*self._rows, point],
                                tr("ui.performance.undo.add_point", date=point.date), ("", DATE))
        return True

    def removed(self, rows: list[int]) -> list[DataPoint]:
        gone = set(rows)
        return [p for r, p in enumerate(self._rows) if r not in gone]
