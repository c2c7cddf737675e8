"""A flat list of reference nodes (bookmarks, nodes with notes) as a Qt list model."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pkdesk.ui.common.list_model import Index, ItemListModel
from pkdesk.ui.common.plain_tip import plain_tip
from pkdesk.ui.common.qt_values import DISPLAY_ROLE, TOOLTIP_ROLE
from pkdesk.ui.reference.reference_model import NODE_ID_ROLE


@dataclass(frozen=True)
class NodeItem:
    node_id: str
    title: str
    detail: str = ""   # plain text shown as the tool tip (e.g. the start of a note)
    preview: str = ""  # one line shown after the title (a note's first words)


class NodeListModel(ItemListModel[NodeItem]):
    def set_items(self, items: Sequence[NodeItem]) -> None:
        self._reset_items(items)

    def node_id(self, index: Index) -> str | None:
        return self._items[index.row()].node_id if index.isValid() else None

    def item_data(self, item: NodeItem, row: int, role: int) -> object:
        if role == DISPLAY_ROLE:
            return f"{item.title} — {item.preview}" if item.preview else item.title
        if role == TOOLTIP_ROLE:
            return plain_tip(item.detail or item.title)
        if role == NODE_ID_ROLE:
            return item.node_id
        return None
