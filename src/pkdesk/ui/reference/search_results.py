"""Search hits as a list model, and a delegate that draws each hit's title and snippet.

The snippet is plain text with marker characters around the matched words; it is escaped
first, and only then are the markers turned into highlighting.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QSize, Qt
from PySide6.QtGui import (QAbstractTextDocumentLayout, QFont, QPainter, QPalette,
                           QTextDocument)
from PySide6.QtWidgets import (QApplication, QListView, QStyle, QStyledItemDelegate,
                               QStyleOptionViewItem)

from pkdesk.core.search import MARK_END, MARK_START, SearchHit
from pkdesk.ui.common.i18n import tr
from pkdesk.ui.common.list_model import ItemListModel
from pkdesk.ui.reference.reference_model import NODE_ID_ROLE
from pkdesk.ui.common.theme import mark_colours
from pkdesk.ui.common.plain_tip import plain_tip

SNIPPET_ROLE = Qt.ItemDataRole.UserRole + 2

_Index = QModelIndex | QPersistentModelIndex


def snippet_html(snippet: str, mark_style: str) -> str:
    escaped = html.escape(snippet)
    return (escaped.replace(MARK_START, f'<span style="{mark_style}">')
            .replace(MARK_END, "</span>"))


def plain_snippet(snippet: str) -> str:
    return snippet.replace(MARK_START, "").replace(MARK_END, "")


class SearchResultsModel(ItemListModel[SearchHit]):
    def set_hits(self, hits: Sequence[SearchHit]) -> None:
        self._reset_items(hits)

    def hits(self) -> list[SearchHit]:
        return self.items()

    def node_id(self, index: _Index) -> str | None:
        return self._items[index.row()].id if index.isValid() else None

    def item_data(self, hit: SearchHit, row: int, role: int) -> object:
        if role == Qt.ItemDataRole.DisplayRole:
            return tr("ui.search.note_hit", title=hit.title) if hit.in_note else hit.title
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            text = tr("ui.search.hit_tip", title=hit.title, snippet=plain_snippet(hit.snippet))
            return text if role == Qt.ItemDataRole.AccessibleTextRole else plain_tip(text)
        if role == SNIPPET_ROLE:
            return hit.snippet
        if role == NODE_ID_ROLE:
            return hit.id
        return None


class SnippetDelegate(QStyledItemDelegate):
    """Title in bold, then the snippet with its matched words marked, wrapped to the width."""

    PADDING = 4
    KEPT_HEIGHTS = 2000

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # Each hit's height at a width: the list asks for every row's size hint, several
        # times as it lays out, and a rich-text layout per ask was most of the time a
        # keystroke's new results took to show (issue 17).
        self._heights: dict[tuple[str, str, int, bool, str], int] = {}
        self._least: dict[str, int] = {}

    def least_height(self, font: QFont) -> int:
        """No row is lower: a title line and a snippet line, both as short as can be."""
        key = font.key()
        least = self._least.get(key)
        if least is None:
            heights = []
            for text in ("<b>x</b><br>", "<b></b><br>", "x<br>x"):
                doc = QTextDocument()
                doc.setDefaultFont(font)
                doc.setDocumentMargin(self.PADDING)
                doc.setHtml(text)
                heights.append(int(doc.size().height()) + 2)
            least = self._least[key] = max(1, min(heights))
        return least

    def _document(self, option: QStyleOptionViewItem, index: _Index, width: int) -> QTextDocument:
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        pal = option.palette
        if selected:
            mark = "font-weight:bold;text-decoration:underline"
        else:
            background, text = mark_colours(pal)
            mark = f"background-color:{background};color:{text}"
        title = html.escape(str(index.data(Qt.ItemDataRole.DisplayRole) or ""))
        snippet = snippet_html(str(index.data(SNIPPET_ROLE) or ""), mark)
        doc = QTextDocument()
        doc.setDefaultFont(option.font)
        doc.setDocumentMargin(self.PADDING)
        doc.setHtml(f"<b>{title}</b><br>{snippet}")
        doc.setTextWidth(max(width, 50))
        return doc

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        widget = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        opt.text = ""
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        doc = self._document(opt, index, opt.rect.width())
        ctx = QAbstractTextDocumentLayout.PaintContext()
        role = (QPalette.ColorRole.HighlightedText if opt.state & QStyle.StateFlag.State_Selected
                else QPalette.ColorRole.Text)
        ctx.palette.setColor(QPalette.ColorRole.Text, opt.palette.color(role))
        painter.save()
        painter.translate(opt.rect.topLeft())
        painter.setClipRect(opt.rect.translated(-opt.rect.topLeft()))
        doc.documentLayout().draw(painter, ctx)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        widget = option.widget
        width = widget.viewport().width() if widget is not None else 300  # type: ignore[attr-defined]
        key = (str(index.data(Qt.ItemDataRole.DisplayRole) or ""),
               str(index.data(SNIPPET_ROLE) or ""), width,
               bool(option.state & QStyle.StateFlag.State_Selected), option.font.key())
        height = self._heights.get(key)
        if height is None:
            opt = QStyleOptionViewItem(option)
            self.initStyleOption(opt, index)
            height = int(self._document(opt, index, width).size().height()) + 2
            if len(self._heights) >= self.KEPT_HEIGHTS:
                self._heights.clear()
            self._heights[key] = height
        return QSize(width, height)


class HitsView(QListView):
    """The list of hits, laid out a few rows at a time (`QListView.LayoutMode.Batched`), its
    scroll bar shown from the start when the hits cannot fit.

    A first batch lower than the view, in a list taller than it, made Qt hide the scroll
    bar the list needs; the rows, wrapped to the viewport's width, then had 14 px more,
    were laid out again from the first, the scroll bar came back, and so on: up to half a
    second and ~4,500 size hints per keystroke, or without end for some sets of hits
    (`tests/ui/reference/test_search_results_layout.py`). Now, when even rows of the least
    height overfill the view, the scroll bar stays on through the layout (it would be shown
    at its end); else every row is laid out in the first batch."""

    def __init__(self, batch: int) -> None:
        super().__init__()
        self._least_batch = batch
        self.setLayoutMode(QListView.LayoutMode.Batched)
        self.setBatchSize(batch)

    def doItemsLayout(self) -> None:
        delegate = self.itemDelegate()
        model = self.model()
        if isinstance(delegate, SnippetDelegate) and model is not None:
            fit = self.maximumViewportSize().height() // delegate.least_height(self.font())
            overfill = model.rowCount() > fit + 1
            policy = (Qt.ScrollBarPolicy.ScrollBarAlwaysOn if overfill
                      else Qt.ScrollBarPolicy.ScrollBarAsNeeded)
            if self.verticalScrollBarPolicy() != policy:
                self.setVerticalScrollBarPolicy(policy)
            self.setBatchSize(self._least_batch if overfill
                              else max(self._least_batch, fit + 2))
        super().doItemsLayout()
