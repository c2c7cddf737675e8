"""The findings column at the default window size: the message readable, the what-ifs foldable."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from pkdesk.store.db import Database
from pkdesk.ui.planner.findings.findings_model import MESSAGE, PRINCIPLE
from tests.ui.planner_helpers import import_example, open_planner


def test_the_message_column_takes_the_room_and_wraps(qtbot: QtBot, db: Database,
                                                     tmp_path: Path) -> None:
    import_example(db, "rwanda-1993.pkplan.json")
    window = open_planner(qtbot, db, tmp_path)
    window.resize(1100, 720)
    table = window.planner.findings.table
    qtbot.waitUntil(lambda: table.model().rowCount() > 0)
    assert table.isColumnHidden(PRINCIPLE)          # the badges and the detail name it
    assert table.columnWidth(MESSAGE) >= table.viewport().width() * 0.4
    model, line = table.model(), table.fontMetrics().lineSpacing()
    longest = max(range(model.rowCount()),
                  key=lambda r: len(model.index(r, MESSAGE).data()))
    assert table.rowHeight(longest) >= 2 * line      # wrapped, not cut to "No s…"


def test_the_whatifs_have_a_tab_beside_the_detail_and_say_how_many_are_on(
        qtbot: QtBot, db: Database, tmp_path: Path) -> None:
    import_example(db, "one-sided.pkplan.json")
    window = open_planner(qtbot, db, tmp_path)
    column, findings = window.planner.whatif, window.planner.findings
    whatifs = column.whatifs
    assert not whatifs.is_expanded() and not whatifs.list.isVisible()     # folded at first
    assert findings.detail.isVisible()
    column.tabs.setCurrentIndex(column.tab)             # the tab opens the what-ifs
    assert whatifs.is_expanded() and whatifs.list.isVisible()
    assert findings.table.isVisible()                   # beside the findings they change
    whatifs.model.setData(whatifs.model.index(1), Qt.CheckState.Checked,
                          Qt.ItemDataRole.CheckStateRole)
    assert whatifs.active_count.text() == "(1 on)"
    assert column.tabs.tabText(column.tab).endswith("(1 on)")
    column.tabs.setCurrentIndex(0)                      # the detail folds them
    assert not whatifs.is_expanded() and not whatifs.list.isVisible()
    assert column.tabs.tabText(column.tab).endswith("(1 on)")
    assert window.planner.whatif.banner.isVisible()   # still says a what-if is on
    # A refused override opens the what-ifs so its reason is seen.
    whatifs.field.setCurrentIndex(whatifs.field.findData("partners"))
    whatifs.value.setText("x" * 500)
    assert whatifs.is_expanded() and whatifs.problem.isVisible()
    assert column.tabs.currentIndex() == column.tab
