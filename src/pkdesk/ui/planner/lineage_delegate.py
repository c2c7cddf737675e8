"""Draws the plan list as a family tree: a variant indented under its parent, marked "↳".

The model keeps the plain title as its display text (and says "variant of …" to screen
readers); only the painting here shows the lineage.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem

from pkdesk.ui.planner.plan_list_model import DEPTH_ROLE

_Index = QModelIndex | QPersistentModelIndex
MARK = "↳ "


class LineageDelegate(QStyledItemDelegate):
    def _indent(self, option: QStyleOptionViewItem, index: _Index) -> int:
        depth = index.data(DEPTH_ROLE)
        if not isinstance(depth, int) or depth <= 0:
            return 0
        return min(depth, 6) * option.fontMetrics.horizontalAdvance("MM")

    def initStyleOption(self, option: QStyleOptionViewItem, index: _Index) -> None:
        super().initStyleOption(option, index)
        depth = index.data(DEPTH_ROLE)
        if isinstance(depth, int) and depth > 0:
            option.text = MARK + option.text 

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        indent = self._indent(option, index)
        if indent:
            option = QStyleOptionViewItem(option)
            option.rect = option.rect.adjusted(indent, 0, 0, 0)
        super().paint(painter, option, index)

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        indent = self._indent(option, index)
        if not indent:
            return super().sizeHint(option, index)
        narrowed = QStyleOptionViewItem(option)
        narrowed.rect = narrowed.rect.adjusted(indent, 0, 0, 0)
        size = super().sizeHint(narrowed, index)
        return QSize(size.width() + indent, size.height())
