"""View › Zoom In / Zoom Out / Actual Size: in the menu, in Help › Keyboard Shortcuts with
their keys, and acting on the page shown (the reading pane, the findings) from any focus."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMenu
from pytestqt.qtbot import QtBot

from pkdesk.core.i18n import catalog
from pkdesk.store.db import Database
from pkdesk.ui.help.shortcuts_sheet import ShortcutsSheet, plain
from pkdesk.ui.window.main_window import MainWindow
from tests.ui.i18n_helpers import speaking
from tests.ui.planner_helpers import import_example, open_planner

CTRL = Qt.KeyboardModifier.ControlModifier


def _native(keys: str) -> str:
    return QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText)


def _view_menu(window: MainWindow) -> QMenu:
    menu = window.menuBar().actions()[2].menu()
    assert isinstance(menu, QMenu)
    return menu


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_zoom_actions_are_in_the_view_menu_and_the_shortcuts_sheet(
        qtbot: QtBot, db: Database, tmp_path: Path, lang: str) -> None:
    import_example(db, "rwanda-1993.pkplan.json")
    with speaking(lang):
        window = open_planner(qtbot, db, tmp_path)
        words = catalog(lang)
        names = [plain(words[f"ui.zoom.{k}"]) for k in ("in", "out", "reset")]
        view = _view_menu(window)
        assert plain(view.title()) == plain(words["ui.menu.view"])
        assert [n for n in (plain(a.text()) for a in view.actions()) if n in names] == names
        window.keys_action.trigger()
        sheet = next(w for w in window.findChildren(ShortcutsSheet) if w.isVisible())
        rows = {row[0]: row[1] for row in sheet.texts() if len(row) == 3}
        assert _native("Ctrl+0") == rows[names[2]]
        assert _native("Ctrl++") in rows[names[0]]
        assert _native("Ctrl+-") in rows[names[1]]
        sheet.close()
        window.close()


def test_the_zoom_keys_act_on_the_page_shown_wherever_the_focus_is(
        qtbot: QtBot, db: Database, tmp_path: Path) -> None:
    plan_id = import_example(db, "rwanda-1993.pkplan.json")
    window = open_planner(qtbot, db, tmp_path)
    window.planner.select_plan(plan_id)
    findings, reading = window.planner.findings, window.reference.reading
    base_findings, base_reading = findings.detail.font().pointSizeF(), reading.font().pointSizeF()
    title = window.planner.form.title
    title.setFocus()                                   # the form, not the findings
    qtbot.keyClick(title, Qt.Key.Key_Plus, CTRL)
    assert findings.detail.font().pointSizeF() > base_findings
    assert reading.font().pointSizeF() == base_reading
    window.zoom.reset.trigger()                        # View › Actual Size
    assert findings.detail.font().pointSizeF() == base_findings

    window.pages.setCurrentWidget(window.reference)
    window.reference.show_node("principles.consent")
    window.zoom.zoom_in.trigger()                      # View › Zoom In
    assert reading.font().pointSizeF() > base_reading
    assert findings.detail.font().pointSizeF() == base_findings
    for _ in range(20):
        window.zoom.zoom_out.trigger()
    assert not window.zoom.zoom_out.isEnabled()        # the smallest size reached
    assert window.zoom.zoom_in.isEnabled()
    window.close()
