"""A list model over a plain Python list (reference nodes, search hits, plans, choices): the
list stays the truth; subclasses say what a role of one item shows (`item_data`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Generic, TypeVar

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex

from pkdesk.ui.common.qt_values import DISPLAY_ROLE

T = TypeVar("T")
Index = QModelIndex | QPersistentModelIndex


class ItemListModel(QAbstractListModel, Generic[T]):
    def __init__(self, parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._items: list[T] = []

    def _reset_items(self, items: Sequence[T]) -> None:
        self.beginResetModel()
        self._items = list(items)
        self.endResetModel()

    def items(self) -> list[T]:
        return list(self._items)

    def item(self, row: int) -> T | None:
        return self._items[row] if 0 <= row < len(self._items) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._items)

    def data(self, index: Index, role: int = DISPLAY_ROLE) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        return self.item_data(self._items[index.row()], index.row(), role)

    def item_data(self, item: T, row: int, role: int) -> object:
        raise NotImplementedError
