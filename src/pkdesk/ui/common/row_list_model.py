"""A table over a plain Python list (parties, strategies, findings, stress rows): the list
stays the truth.

Subclasses name their column headers and answer `data`/`setData`; this base keeps the rows,
tells views exactly which rows changed when the page hands back a new list, and labels the
headers in the window's language.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from pkdesk.ui.common.i18n import tr

T = TypeVar("T")
_Index = QModelIndex | QPersistentModelIndex


def two_lines(words: str) -> str:
    """``words`` broken at the space nearest their middle ("Consent conditions" ->
    "Consent\nconditions"); one word stays as it is."""
    spaces = [i for i, c in enumerate(words) if c == " "]
    if not spaces:
        return words
    cut = min(spaces, key=lambda i: abs(len(words) - 1 - 2 * i))
    return f"{words[:cut]}\n{words[cut + 1:]}"


class RowListModel(QAbstractTableModel, Generic[T]):
    HEADERS: tuple[str, ...] = ()
    """Catalog ids of the column headers."""
    ROW_NUMBERS = False
    """Number the rows in the vertical header (editable tables, where the row is a handle)."""
    TWO_LINE_HEADERS = False
    """Headers of two words or more on two lines, so a narrow column keeps its words whole
    (the parties' six columns beside the findings on a 1024-pixel screen)."""

    def __init__(self, parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._rows: list[T] = []

    def _replace_rows(self, rows: Sequence[T], *, all_changed: bool = False) -> None:
        """A new list of the same length refreshes only the rows that differ (or all of them,
        when something every row shows has changed); another length resets the view."""
        new = list(rows)
        if len(new) != len(self._rows):
            self.beginResetModel()
            self._rows = new
            self.endResetModel()
            return
        old, self._rows = self._rows, new
        last = len(self.HEADERS) - 1
        for row, (a, b) in enumerate(zip(old, new, strict=True)):
            if a != b or all_changed:
                self.dataChanged.emit(self.index(row, 0), self.index(row, last))

    def items(self) -> list[T]:
        return list(self._rows)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role == Qt.ItemDataRole.ToolTipRole and orientation == Qt.Orientation.Horizontal:
            # A narrowed column's header ends in "…": its tooltip has the words.
            return tr(self.HEADERS[section]) if 0 <= section < len(self.HEADERS) else None
        if role == Qt.ItemDataRole.DisplayRole:
            if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.HEADERS):
                words = tr(self.HEADERS[section])
                return two_lines(words) if self.TWO_LINE_HEADERS else words
            if orientation == Qt.Orientation.Vertical and self.ROW_NUMBERS:
                return str(section + 1)
        return None
