"""A flat list of reference nodes (bookmarks, nodes with notes) as a Qt list model."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from pkdesk.ui.reference.reference_model import NODE_ID_ROLE
from pkdesk.ui.common.plain_tip import plain_tip

_Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class NodeItem:
    node_id: str
    title: str
    detail: str = ""   # plain text shown as the tool tip (e.g. the start of a note)


class NodeListModel(QAbstractListModel):
    def __init__(self, parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._items: list[NodeItem] = []

    def set_items(self, items: Sequence[NodeItem]) -> None:
        self.beginResetModel()
        self._items = list(items)
        self.endResetModel()

    def items(self) -> list[NodeItem]:
        return list(self._items)

    def node_id(self, index: _Index) -> str | None:
        return self._items[index.row()].node_id if index.isValid() else None

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._items)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        item = self._items[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return item.title
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tip(item.detail or item.title)
        if role == NODE_ID_ROLE:
            return item.node_id
        return None
