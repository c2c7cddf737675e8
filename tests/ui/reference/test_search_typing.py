"""Search as the user types (issue 17): keystrokes closer together than the debounce ask one
search, for the text the field finally holds; a pause asks it at once. The searches run off
the GUI thread (`tests/ui/reference/test_search_interrupt.py`)."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from pkdesk.store.db import Database
from pkdesk.store.reference_repo import ReferenceRepository
from pkdesk.ui.reference.search_panel import DEBOUNCE_MS, SearchPanel
from tests.ui.reference_helpers import search_for, settled


def test_a_burst_of_keystrokes_runs_one_search_for_the_last_text(qtbot: QtBot,
                                                                  db: Database) -> None:
    panel = SearchPanel(ReferenceRepository(db))
    qtbot.addWidget(panel)
    asked: list[str] = []
    panel.asked.connect(asked.append)
    panel.show()
    qtbot.keyClicks(panel.field, "impartiality")      # 12 keystrokes, no pause between them
    assert asked == []                                # none has run yet: all superseded
    qtbot.waitUntil(lambda: asked != [], timeout=2000)
    qtbot.wait(DEBOUNCE_MS * 2)
    assert asked == ["impartiality"]
    settled(qtbot, panel)
    assert panel.model.rowCount() > 0 and panel.query == "impartiality"

    # The user pauses, then types one more word: one more search.
    qtbot.keyClicks(panel.field, " consent")
    qtbot.waitUntil(lambda: len(asked) == 2, timeout=2000)
    qtbot.wait(DEBOUNCE_MS * 2)
    assert asked == ["impartiality", "impartiality consent"]
    settled(qtbot, panel)
    assert panel.query == "impartiality consent"
    panel.stop()


def test_the_hits_heights_are_kept_per_width_and_follow_a_resize(qtbot: QtBot,
                                                                 db: Database) -> None:
    """The delegate keeps each hit's height at a width (laid out once, not at every ask),
    and lays it out again at another width: a narrower list wraps to taller rows."""
    from PySide6.QtWidgets import QStyleOptionViewItem

    from pkdesk.ui.reference.search_results import SnippetDelegate

    panel = SearchPanel(ReferenceRepository(db))
    qtbot.addWidget(panel)
    panel.resize(600, 600)
    panel.show()
    search_for(qtbot, panel, "consent of the parties")
    delegate = panel.view.itemDelegate()
    assert isinstance(delegate, SnippetDelegate)
    option = QStyleOptionViewItem()
    option.initFrom(panel.view)
    option.widget = panel.view
    index = panel.model.index(0)
    wide = delegate.sizeHint(option, index)
    assert delegate.sizeHint(option, index) == wide
    fresh = SnippetDelegate()
    assert fresh.sizeHint(option, index) == wide        # what a layout now gives
    panel.resize(260, 600)
    qtbot.waitUntil(lambda: panel.view.viewport().width() < 300, timeout=2000)
    narrow = delegate.sizeHint(option, index)
    assert narrow.width() == panel.view.viewport().width()
    assert narrow.height() > wide.height()
