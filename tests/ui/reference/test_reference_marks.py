"""Bookmarks, notes and window state outlive the window; start-up errors are shown plainly."""

from __future__ import annotations

import argparse
from pathlib import Path

from PySide6.QtGui import QTextDocument
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from pkdesk.store.db import Database
from pkdesk.store.reference_repo import ReferenceRepository
from pkdesk.ui.app import EXIT_BAD_INPUT, run_gui
from tests.ui.reference_helpers import open_window

NODE = "principles.impartiality"


def test_bookmark_toggle_persists_in_a_new_window(qtbot: QtBot, db: Database,
                                                   tmp_path: Path) -> None:
    window = open_window(qtbot, db, tmp_path)
    page = window.reference
    page.show_node(NODE)
    assert not page.bookmark_action.isChecked()
    qtbot.keyClick(window, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert page.bookmark_action.isChecked()
    page.show_node("principles.consent")
    page.bookmark_action.trigger()  # the toolbar/menu action, this time
    assert [i.node_id for i in page.side.bookmark_model.items()] == [NODE, "principles.consent"]
    page.bookmark_action.trigger()
    window.close()

    again = open_window(qtbot, db, tmp_path / "other-settings")
    assert ReferenceRepository(db).bookmarks() == [NODE]
    items = again.reference.side.bookmark_model.items()
    assert [(i.node_id, i.title) for i in items] == [(NODE, "Impartiality")]
    view = again.reference.side.bookmark_view
    view.activated.emit(again.reference.side.bookmark_model.index(0))
    assert again.reference.current_node == NODE
    assert again.reference.bookmark_action.isChecked()


def test_a_typed_note_is_saved_while_typing_and_kept(qtbot: QtBot, db: Database,
                                                      tmp_path: Path) -> None:
    window = open_window(qtbot, db, tmp_path)
    page = window.reference
    page.show_node(NODE)
    editor = page.notes.edit
    editor.setFocus()
    with qtbot.waitSignal(page.notes.saved, timeout=3000):
        qtbot.keyClicks(editor, "Group X refuses <b>direct</b> talks")
    assert ReferenceRepository(db).note(NODE) == "Group X refuses <b>direct</b> talks"
    assert [i.node_id for i in page.side.note_model.items()] == [NODE]
    assert page.tree_model.index_of(NODE).data() != "Impartiality"  # marked as having a note
    qtbot.keyClicks(editor, ": try the imam")
    page.show_node("principles.consent")  # leaving the node saves at once
    assert ReferenceRepository(db).note(NODE).endswith("try the imam")
    assert editor.toPlainText() == ""
    window.close()

    again = open_window(qtbot, db, tmp_path / "other-settings")
    again.reference.show_node(NODE)
    assert again.reference.notes.edit.toPlainText() == \
        "Group X refuses <b>direct</b> talks: try the imam"
    tip = again.reference.side.note_model.index(0).data(Qt.ItemDataRole.ToolTipRole)
    # What the user sees is the note as typed, markup characters included, never bold.
    shown = QTextDocument()
    shown.setHtml(tip)
    assert shown.toPlainText().startswith("Group X refuses <b>direct</b>")


def test_closing_the_window_flushes_the_note(qtbot: QtBot, db: Database, tmp_path: Path) -> None:
    window = open_window(qtbot, db, tmp_path)
    window.reference.show_node(NODE)
    window.reference.notes.edit.setPlainText("written just before closing")
    window.close()
    assert ReferenceRepository(db).note(NODE) == "written just before closing"


def test_window_reopens_where_the_user_left(qtbot: QtBot, db: Database, tmp_path: Path) -> None:
    window = open_window(qtbot, db, tmp_path)
    # 760×560, not smaller: at 640 wide the planner's badges wrap to many rows and its findings
    # list keeps five rows, which the window's minimum height (about 535) makes room for.
    window.resize(760, 560)
    window.reference.show_node("diplomacy")
    window.reference.splitter.setSizes([230, 410])
    window.close()
    again = open_window(qtbot, db, tmp_path)
    assert again.size().width() == 760 and again.size().height() == 560
    assert again.reference.current_node == "diplomacy"
    assert again.reference.splitter.sizes()[0] == 230


def test_add_page_adds_a_top_level_page(qtbot: QtBot, db: Database, tmp_path: Path) -> None:
    from PySide6.QtWidgets import QLabel, QToolBar

    window = open_window(qtbot, db, tmp_path)
    assert window.pages.count() == 2  # Reference and Planner: the tab bar shows
    assert not window.pages.tabBar().isHidden()
    extra_bar = QToolBar("Extra")
    index = window.add_page("&Extra", QLabel("extra"), extra_bar)
    assert index == 2 and window.pages.count() == 3
    window.pages.setCurrentIndex(2)
    assert extra_bar.isVisible() and not window._toolbars[window.reference].isVisible()
    assert not window._toolbars[window.planner].isVisible()


def test_a_foreign_database_is_refused_in_a_plain_message(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "not-ours.sqlite3"
    path.write_bytes(b"<b>this is not a database</b>")
    seen: list[tuple[str, Qt.TextFormat]] = []

    def close_box() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            seen.append((box.text(), box.textFormat()))
            box.close()
        else:
            QTimer.singleShot(20, close_box)

    QTimer.singleShot(0, close_box)
    assert run_gui(argparse.Namespace(db=str(path))) == EXIT_BAD_INPUT
    assert len(seen) == 1
    text, fmt = seen[0]
    assert "not a pkdesk database" in text and str(path) in text
    assert fmt == Qt.TextFormat.PlainText
    assert path.read_bytes() == b"<b>this is not a database</b>"
