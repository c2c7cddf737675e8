"""Find in the topic shown: Ctrl+F in the reading pane opens the find bar (elsewhere it still
goes to search), literal matches counted and marked, F3/Shift+F3, Enter/Shift+Enter, Escape."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from pkdesk.store.db import Database
from pkdesk.ui.window.main_window import MainWindow
from tests.ui.reference_helpers import open_window

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def _window(qtbot: QtBot, db: Database, tmp_path: Path) -> MainWindow:
    window = open_window(qtbot, db, tmp_path)
    assert window.reference.show_node("principles.consent")
    return window


def test_ctrl_f_in_the_reading_pane_finds_in_the_topic(qtbot: QtBot, db: Database,
                                                       tmp_path: Path) -> None:
    window = _window(qtbot, db, tmp_path)
    ref = window.reference
    pane, bar = ref.reading, ref.find_bar
    text = pane.toPlainText()
    expected = text.lower().count("consent")
    assert expected >= 3
    pane.setFocus()
    qtbot.keyClick(pane, Qt.Key.Key_F, CTRL)
    assert bar.isVisible() and bar.field.hasFocus()
    assert not ref.search.field.hasFocus()
    qtbot.keyClicks(bar.field, "CONSENT")
    assert len(bar.matches) == expected
    assert bar.count.text() == f"1 of {expected}"
    assert len(pane.extraSelections()) == expected
    first = pane.textCursor().selectionStart()
    assert pane.textCursor().selectedText().lower() == "consent"

    qtbot.keyClick(bar.field, Qt.Key.Key_Return)
    assert bar.count.text() == f"2 of {expected}"
    assert pane.textCursor().selectionStart() > first
    qtbot.keyClick(bar.field, Qt.Key.Key_Return, SHIFT)
    assert pane.textCursor().selectionStart() == first
    qtbot.keyClick(bar.field, Qt.Key.Key_F3, SHIFT)        # wraps round to the last
    assert bar.count.text() == f"{expected} of {expected}"
    qtbot.keyClick(bar.field, Qt.Key.Key_F3)
    assert bar.count.text() == f"1 of {expected}"

    qtbot.keyClick(bar.field, Qt.Key.Key_Escape)
    assert not bar.isVisible() and pane.hasFocus() and pane.extraSelections() == []


def test_literal_text_and_no_match(qtbot: QtBot, db: Database, tmp_path: Path) -> None:
    window = _window(qtbot, db, tmp_path)
    ref = window.reference
    ref.reading.setFocus()
    qtbot.keyClick(ref.reading, Qt.Key.Key_F, CTRL)
    qtbot.keyClicks(ref.find_bar.field, "c.nsent")        # a dot is a dot, not any letter
    assert ref.find_bar.matches == [] and ref.find_bar.count.text() == "No match"
    assert not ref.find_bar.next_button.isEnabled()
    ref.find_bar.field.setText("<b>")
    assert ref.find_bar.matches == []


def test_ctrl_f_elsewhere_still_goes_to_search(qtbot: QtBot, db: Database,
                                               tmp_path: Path) -> None:
    window = _window(qtbot, db, tmp_path)
    ref = window.reference
    ref.side.tree.setFocus()
    qtbot.keyClick(ref.side.tree, Qt.Key.Key_F, CTRL)
    assert ref.search.field.hasFocus() and not ref.find_bar.isVisible()
