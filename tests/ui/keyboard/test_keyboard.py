"""Keyboard use of the planner: Ctrl+Enter accepts the dialogs with a multi-line box, the
What-if section opens from the keyboard, Escape closes the tool windows, multi-line boxes
show where the focus is, and Help › Keyboard Shortcuts lists the real actions' keys."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QMenu, QPlainTextEdit, QTextBrowser, QWidget
from pytestqt.qtbot import QtBot

from pkdesk.core.findings import Finding
from pkdesk.store.db import Database
from pkdesk.ui.help.shortcuts_sheet import ShortcutsSheet, plain
from pkdesk.ui.planner.findings.acknowledge_dialog import AcknowledgeDialog
from pkdesk.ui.scenarios.branch_dialog import BranchDialog
from pkdesk.ui.scenarios.comparison_view import ComparisonView
from pkdesk.ui.window.main_window import MainWindow
from tests.ui.i18n_helpers import speaking
from tests.ui.planner_helpers import import_example, open_planner
from tests.ui.reference_helpers import settings_at

FINDING = Finding(rule="CONSENT-001", principle="consent", severity="blocker",
                  message="Host consent is withheld.", instead="")


def _focus(qtbot: QtBot, widget: QWidget) -> None:
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow)


def test_ctrl_enter_accepts_the_acknowledge_dialog(qtbot: QtBot) -> None:
    dialog = AcknowledgeDialog(FINDING)
    qtbot.addWidget(dialog)
    dialog.show()
    _focus(qtbot, dialog)
    dialog.reason.setFocus()
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.isVisible(), "no reason typed: Ctrl+Enter must not accept"
    qtbot.keyClicks(dialog.reason, "Agreed with the host")
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)         # a line break, still open
    assert dialog.isVisible() and "\n" in dialog.reason.toPlainText()
    with qtbot.waitSignal(dialog.accepted, timeout=1000):
        qtbot.keyClick(dialog.reason, Qt.Key.Key_Enter, Qt.KeyboardModifier.ControlModifier)
    assert dialog.result() == AcknowledgeDialog.DialogCode.Accepted
    assert dialog.reason_text() == "Agreed with the host"


def test_ctrl_enter_accepts_the_branch_dialog(qtbot: QtBot) -> None:
    dialog = BranchDialog("Plan A")
    qtbot.addWidget(dialog)
    dialog.show()
    _focus(qtbot, dialog)
    dialog.changes.setFocus()
    qtbot.keyClicks(dialog.changes, "consent withdrawn")
    with qtbot.waitSignal(dialog.accepted, timeout=1000):
        qtbot.keyClick(dialog.changes, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)


def test_whatif_section_opens_and_closes_from_the_keyboard(qtbot: QtBot, db: Database,
                                                           tmp_path: Path) -> None:
    import_example(db, "rwanda-1993.pkplan.json")
    window = open_planner(qtbot, db, tmp_path)
    panel = window.planner.whatif.whatifs
    panel.set_expanded(False)
    window.planner.form.title.setFocus()
    qtbot.keyClick(window.planner.form.title, Qt.Key.Key_W,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert panel.is_expanded()
    assert QApplication.focusWidget() is panel.list        # ready to check a what-if
    qtbot.keyClick(panel.list, Qt.Key.Key_W,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert not panel.is_expanded()
    # Folded into the column's tabs (the what-ifs are a tab beside the finding's detail):
    # focus stays in the column, on its tab bar, where the keyboard can open them again.
    tabs = window.planner.whatif.tabs
    assert QApplication.focusWidget() is tabs.tabBar()
    assert tabs.currentIndex() != window.planner.whatif.tab
    qtbot.keyClick(tabs.tabBar(), Qt.Key.Key_W,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert panel.is_expanded() and tabs.currentIndex() == window.planner.whatif.tab


def test_escape_closes_the_compare_window(qtbot: QtBot, db: Database, tmp_path: Path) -> None:
    import_example(db, "rwanda-1993.pkplan.json")
    import_example(db, "unoci-2004.pkplan.json")
    window = open_planner(qtbot, db, tmp_path)
    window.planner.list_view.selectAll()
    window.scenario.compare.trigger()
    view = next(w for w in QApplication.topLevelWidgets()
                if isinstance(w, ComparisonView) and w.isVisible())
    _focus(qtbot, view)
    qtbot.keyClick(view.tabs, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not view.isVisible(), timeout=1000)


def test_escape_closes_the_history_and_guide_windows(qtbot: QtBot, db: Database,
                                                     tmp_path: Path) -> None:
    import_example(db, "rwanda-1993.pkplan.json")
    window = open_planner(qtbot, db, tmp_path)
    window.scenario.history.trigger()
    history = window.scenario.history_panel
    assert history is not None and history.isVisible()
    guide = window.show_guide()
    for tool in (history, guide):
        _focus(qtbot, tool)
        qtbot.keyClick(tool.focusWidget() or tool, Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda t=tool: not t.isVisible(), timeout=1000)


def test_multiline_boxes_show_a_focus_frame(qtbot: QtBot, db: Database, tmp_path: Path) -> None:
    import_example(db, "rwanda-1993.pkplan.json")
    window = open_planner(qtbot, db, tmp_path)
    form = window.planner.form
    boxes = form.findChildren(QPlainTextEdit)
    assert len(boxes) >= 4
    form.title.setFocus()
    qtbot.waitUntil(form.title.hasFocus)
    for box in boxes:
        form.ensureWidgetVisible(box)
        unfocused = box.grab().toImage()
        box.setFocus()
        qtbot.waitUntil(box.hasFocus)
        focused = box.grab().toImage()
        # The frame's top-left pixels take the highlight colour only while focused.
        highlight = box.palette().highlight().color()
        assert focused.pixelColor(box.width() // 2, 0).name() == highlight.name(), box.objectName()
        assert unfocused.pixelColor(box.width() // 2, 0).name() != highlight.name()
        form.title.setFocus()
        qtbot.waitUntil(form.title.hasFocus)


def _menu_actions(menu: QMenu) -> list[QAction]:
    out = []
    for action in menu.actions():
        sub = action.menu()
        if isinstance(sub, QMenu):
            out += _menu_actions(sub)
        elif not action.isSeparator():
            out.append(action)
    return out


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_shortcuts_sheet_lists_every_menu_shortcut(qtbot: QtBot, db: Database, tmp_path: Path,
                                                   lang: str) -> None:
    import_example(db, "rwanda-1993.pkplan.json")
    with speaking(lang):
        window = open_planner(qtbot, db, tmp_path)
        window.pages.setCurrentWidget(window.reference)   # planner keys still listed
        window.keys_action.trigger()
        sheet = next(w for w in window.findChildren(ShortcutsSheet) if w.isVisible())
        rows = sheet.texts()
        assert rows[0] == (plain(window.menuBar().actions()[0].text()),)
        listed = {row[0]: row[1] for row in rows if len(row) == 3}
        expected = {}
        for top in window.menuBar().actions():
            menu = top.menu()
            assert isinstance(menu, QMenu)
            for action in _menu_actions(menu):
                scoped = window.page_shortcuts.is_scoped(action)
                keys = window.page_shortcuts.keys(action) if scoped else action.shortcuts()
                if keys:
                    expected[plain(action.text())] = ", ".join(
                        k.toString(QKeySequence.SequenceFormat.NativeText) for k in keys)
        assert listed == expected
        undo = window.planner.undo_action
        assert QKeySequence(QKeySequence.StandardKey.Undo).toString(
            QKeySequence.SequenceFormat.NativeText) in listed[plain(undo.text())]
        toggle = plain(window.planner.whatif.whatifs.toggle_action.text())
        assert listed[toggle] == ("Ctrl+Shift+W" if lang == "en" else
                                  QKeySequence("Ctrl+Shift+W").toString(
                                      QKeySequence.SequenceFormat.NativeText))
        pages = {row[0]: row[2] for row in rows if len(row) == 3}
        assert pages[toggle] == plain(window.pages.tabText(window.pages.indexOf(window.planner)))
        sheet.close()


@pytest.mark.parametrize("lang, words", [("en", "Acknowledge"), ("fr", "Prendre en compte")])
def test_guide_is_shown_in_the_window_language(qtbot: QtBot, db: Database, tmp_path: Path,
                                               lang: str, words: str) -> None:
    with speaking(lang):
        window = MainWindow.for_database(db, settings_at(tmp_path))
        qtbot.addWidget(window)
        guide = window.show_guide()
        text = guide.findChild(QTextBrowser).toPlainText()
        assert words in text and "Ctrl+Shift+W" in text.replace("Ctrl+Maj+W", "Ctrl+Shift+W")
        assert guide.findChild(QTextBrowser).isReadOnly()
        guide.close()
