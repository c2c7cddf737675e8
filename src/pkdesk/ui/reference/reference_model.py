"""The reference tree as a Qt item model: a thin, read-only adapter over `repo.tree()`.

Each node is addressed by its position in one flat list of ids (the index's internalId), so
no Python object pointer ever crosses into Qt.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex

from pkdesk.core.reference import TreeEntry
from pkdesk.ui.common.i18n import tr
from pkdesk.ui.common.plain_tip import plain_tip
from pkdesk.ui.common.qt_values import (ACCESSIBLE_TEXT_ROLE, DISPLAY_ROLE, TOOLTIP_ROLE,
                                         USER_ROLE)

if TYPE_CHECKING:
    from PySide6.QtCore import Qt

NODE_ID_ROLE = USER_ROLE + 1

_Index = QModelIndex | QPersistentModelIndex


class ReferenceTreeModel(QAbstractItemModel):
    def __init__(self, roots: Sequence[str] = (), entries: dict[str, TreeEntry] | None = None,
                 parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._roots: tuple[str, ...] = ()
        self._entries: dict[str, TreeEntry] = {}
        self._ids: list[str] = []
        self._key: dict[str, int] = {}
        self._row: dict[str, int] = {}
        self._noted: frozenset[str] = frozenset()
        self._note_marker = ""
        self.set_tree(roots, entries or {})

    # Loading ---------------------------------------------------------------------------

    def set_tree(self, roots: Sequence[str], entries: dict[str, TreeEntry]) -> None:
        self.beginResetModel()
        self._roots = tuple(r for r in roots if r in entries)
        self._entries = entries
        self._ids = list(entries)
        self._key = {node_id: i for i, node_id in enumerate(self._ids)}
        self._row = {}
        for siblings in [self._roots, *(e.children for e in entries.values())]:
            for row, node_id in enumerate(siblings):
                self._row[node_id] = row
        self.endResetModel()

    def set_noted(self, node_ids: Iterable[str], marker: str = "✎") -> None:
        """Mark the nodes that carry a personal note (shown after the title)."""
        old, self._noted, self._note_marker = self._noted, frozenset(node_ids), marker
        for node_id in old ^ self._noted:
            index = self.index_of(node_id)
            if index.isValid():
                self.dataChanged.emit(index, index, [DISPLAY_ROLE])

    # Lookups ---------------------------------------------------------------------------

    def node_id(self, index: _Index) -> str | None:
        if not index.isValid():
            return None
        return self._ids[index.internalId()]

    def index_of(self, node_id: str) -> QModelIndex:
        key = self._key.get(node_id)
        if key is None:
            return QModelIndex()
        return self.createIndex(self._row[node_id], 0, key)

    def title(self, node_id: str) -> str:
        entry = self._entries.get(node_id)
        return entry.title if entry else node_id

    def _children(self, parent: _Index) -> tuple[str, ...]:
        if not parent.isValid():
            return self._roots
        return self._entries[self._ids[parent.internalId()]].children

    # QAbstractItemModel ----------------------------------------------------------------

    def index(self, row: int, column: int, parent: _Index = QModelIndex()) -> QModelIndex:
        if column != 0 or row < 0 or (parent.isValid() and parent.column() != 0):
            return QModelIndex()
        children = self._children(parent)
        if row >= len(children):
            return QModelIndex()
        return self.createIndex(row, 0, self._key[children[row]])

    def parent(self, child: _Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        if not child.isValid():
            return QModelIndex()
        parent_id = self._entries[self._ids[child.internalId()]].parent
        if parent_id is None or parent_id not in self._key:
            return QModelIndex()
        return self.index_of(parent_id)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self._children(parent))

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 1

    def hasChildren(self, parent: _Index = QModelIndex()) -> bool:
        return self.rowCount(parent) > 0

    def data(self, index: _Index, role: int = DISPLAY_ROLE) -> object:
        if not index.isValid():
            return None
        node_id = self._ids[index.internalId()]
        if role == DISPLAY_ROLE:
            title = self._entries[node_id].title
            return f"{title}  {self._note_marker}" if node_id in self._noted else title
        if role in (TOOLTIP_ROLE, ACCESSIBLE_TEXT_ROLE):
            title = self._entries[node_id].title
            text = tr("ui.tree.has_note", title=title) if node_id in self._noted else title
            return text if role == ACCESSIBLE_TEXT_ROLE else plain_tip(text)
        if role == NODE_ID_ROLE:
            return node_id
        return None

    # No `flags()`: QAbstractItemModel's own gives every valid index ItemIsSelectable and
    # ItemIsEnabled, no more, and a Python one would make the `Qt` namespace at the first
    # paint (`ui.common.qt_values`).

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = DISPLAY_ROLE) -> object:
        from PySide6.QtCore import Qt

        if orientation == Qt.Orientation.Horizontal and role == DISPLAY_ROLE and section == 0:
            return tr("ui.side.contents_name")
        return None
