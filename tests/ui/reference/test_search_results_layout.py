"""The list of hits asks each row's size once or twice per set of hits, not thousands of times
(issue 17): with rows laid out a few at a time (`QListView.LayoutMode.Batched`), a first batch
shorter than the list hid the scroll bar the whole list needs, the width changed, every row was
laid out again, the scroll bar came back, and so on for up to half a second per keystroke."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize
from PySide6.QtWidgets import QStyleOptionViewItem
from pytestqt.qtbot import QtBot

from pkdesk.core.search import MARK_END, MARK_START, SearchHit
from pkdesk.ui.reference.search_panel import SearchPanel
from pkdesk.ui.reference.search_results import SnippetDelegate


class CountingDelegate(SnippetDelegate):
    """The real delegate, counting the size hints the view asks of it, and the widths."""

    def __init__(self) -> None:
        super().__init__()
        self.asks = 0
        self.widths: set[int] = set()

    def sizeHint(self, option: QStyleOptionViewItem,
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        self.asks += 1
        size = super().sizeHint(option, index)
        self.widths.add(size.width())
        return size


def _hits(word: str, count: int) -> list[SearchHit]:
    body = ("the parties consent to the presence of the mission and its mandate, "
            "which the council renews each year after the report")
    return [SearchHit(f"{word}-{i}", f"{word.title()} {i}",
                      f"{body[:40 + i % 5 * 10]} {MARK_START}{word}{MARK_END} {body[:30]}", 1.0)
            for i in range(count)]


def _settled(qtbot: QtBot, delegate: CountingDelegate) -> int:
    """Until the view stops asking (its delayed layouts wait 100 ms), or 4 s; the asks."""
    before = -1
    for _ in range(10):
        if delegate.asks == before:
            break
        before = delegate.asks
        qtbot.wait(400)
    return delegate.asks


def test_a_set_of_hits_is_laid_out_without_asking_each_row_again_and_again(
        qtbot: QtBot) -> None:
    panel = SearchPanel(None)
    qtbot.addWidget(panel)
    panel.resize(420, 760)
    panel.show()
    qtbot.waitExposed(panel)
    view = panel.view
    delegate = CountingDelegate()
    view.setItemDelegate(delegate)
    for word in ("consent", "mandate", "council"):
        hits = _hits(word, 50)
        delegate.asks = 0
        delegate.widths.clear()
        panel.model.set_hits(hits)
        asks = _settled(qtbot, delegate)
        # One pass at one width: each row about once, the first rows once more (the view's
        # scroll step, the painted rows). Before: 138,109 asks in 4 s, still asking.
        assert asks <= 2 * len(hits), (word, asks)
        # The whole list is laid out, taller than the view: the scroll bar is shown and the
        # rows are wrapped to the width left beside it.
        last = view.visualRect(panel.model.index(len(hits) - 1))
        assert last.height() > 0
        assert view.verticalScrollBar().isVisible()
        assert view.verticalScrollBar().maximum() > 0
        assert view.viewport().width() in delegate.widths
        first = view.visualRect(panel.model.index(0))
        assert first.width() == view.viewport().width()
    panel.model.set_hits(_hits("few", 2))      # no scroll bar: the full width
    _settled(qtbot, delegate)
    assert not view.verticalScrollBar().isVisible()
    assert view.visualRect(panel.model.index(0)).width() == view.viewport().width()
