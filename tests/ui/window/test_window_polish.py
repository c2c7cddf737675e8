"""Window polish: a page's shortcuts act only on that page, the status bar follows the page
shown, the window reopens on the page, topic and plan it was left on (even without being
closed), and it first opens at a size that suits the screen."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRect, QSize, Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QFileDialog
from pytestqt.qtbot import QtBot

from pkdesk.store.db import Database
from pkdesk.store.reference_repo import ReferenceRepository
from pkdesk.ui.window.main_window import MainWindow
from pkdesk.ui.window.window_state import MAX_DEFAULT_SIZE, default_geometry
from tests.ui.planner_helpers import import_example, open_planner
from tests.ui.reference_helpers import open_window, settings_at


def test_reference_shortcuts_do_nothing_on_the_planner(qtbot: QtBot, db: Database,
                                                       tmp_path: Path) -> None:
    window = open_window(qtbot, db, tmp_path)
    window.reference.show_node("principles")
    window.reference.show_node("principles.consent")
    repo = ReferenceRepository(db)
    window.pages.setCurrentWidget(window.planner)
    qtbot.keyClick(window, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert not repo.is_bookmarked("principles.consent")
    assert window.reference.current_node == "principles.consent"
    assert window.pages.currentWidget() is window.planner

    window.pages.setCurrentWidget(window.reference)
    window.reference.reading.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert repo.is_bookmarked("principles.consent")
    qtbot.keyClick(window, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert window.reference.current_node == "principles"
    window.close()


def test_a_reference_menu_item_chosen_on_the_planner_brings_the_reference_forward(
        qtbot: QtBot, db: Database, tmp_path: Path) -> None:
    window = open_window(qtbot, db, tmp_path)
    window.reference.show_node("principles")
    window.reference.show_node("principles.consent")
    window.pages.setCurrentWidget(window.planner)
    window.reference.back_action.trigger()           # Go › Back from the menu
    assert window.pages.currentWidget() is window.reference
    assert window.reference.current_node == "principles"
    window.close()


def test_ctrl_shift_e_is_my_note_on_the_reference_and_export_plan_on_the_planner(
        qtbot: QtBot, db: Database, tmp_path: Path) -> None:
    plan_id = import_example(db, "no-consent.pkplan.json")
    window = open_planner(qtbot, db, tmp_path)
    window.planner.select_plan(plan_id)
    keys = QKeySequence("Ctrl+Shift+E")
    assert window.page_shortcuts.keys(window.planner.plan_actions.export) == [keys]
    assert window.pdf.export.shortcut() == QKeySequence("Ctrl+E")
    seen: list[str] = []

    def close_file_dialog() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QFileDialog):
            seen.append(dialog.windowTitle())
            dialog.reject()
        else:
            QTimer.singleShot(20, close_file_dialog)

    QTimer.singleShot(0, close_file_dialog)
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    assert seen == ["Export plan"]

    window.pages.setCurrentWidget(window.reference)
    window.activateWindow()                          # back from the file dialog
    qtbot.waitUntil(window.isActiveWindow)
    window.reference.reading.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    assert QApplication.focusWidget() is window.reference.notes.edit
    assert seen == ["Export plan"]                  # not the planner's export this time
    assert window.planner.plan_actions.export.shortcuts() == []
    window.close()


def test_undo_shortcut_acts_only_on_the_planner(qtbot: QtBot, db: Database,
                                                tmp_path: Path) -> None:
    window = open_planner(qtbot, db, tmp_path)
    window.planner.plan_actions.new_plan()
    assert window.planner.list_model.rowCount() == 1
    window.pages.setCurrentWidget(window.reference)
    window.reference.reading.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.planner.list_model.rowCount() == 1      # not undone unseen
    window.pages.setCurrentWidget(window.planner)
    window.planner.list_view.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.planner.list_model.rowCount() == 0
    window.close()


def test_status_bar_and_title_follow_the_page(qtbot: QtBot, db: Database, tmp_path: Path) -> None:
    plan_id = import_example(db, "no-consent.pkplan.json")
    window = open_planner(qtbot, db, tmp_path)
    window.planner.select_plan(plan_id)
    plan = window.planner.plan
    assert plan is not None
    text = window.location.text()
    assert text.startswith(plan.title) and "finding" in text and "saved" in text
    assert " › " not in text
    assert window.windowTitle() == f"{plan.title} — pkdesk"
    window.pages.setCurrentWidget(window.reference)
    window.reference.show_node("principles.consent")
    assert window.location.text() == window.reference.breadcrumb("principles.consent")
    assert plan.title not in window.windowTitle()
    window.close()


def test_the_window_reopens_on_the_page_it_was_closed_on(qtbot: QtBot, db: Database,
                                                        tmp_path: Path) -> None:
    window = open_planner(qtbot, db, tmp_path)
    assert window.pages.currentWidget() is window.planner
    window.close()
    again = MainWindow.for_database(db, settings_at(tmp_path))
    qtbot.addWidget(again)
    assert again.pages.currentWidget() is again.planner
    assert again.planner.toolbar.isVisibleTo(again) and \
        not again.findChild(type(again.planner.toolbar), "referenceToolbar").isVisibleTo(again)
    again.pages.setCurrentWidget(again.reference)
    again.close()
    third = MainWindow.for_database(db, settings_at(tmp_path))
    qtbot.addWidget(third)
    assert third.pages.currentWidget() is third.reference
    third.close()


def test_where_the_user_is_survives_a_power_cut(qtbot: QtBot, db: Database,
                                               tmp_path: Path) -> None:
    """Page, topic and plan are on disk as soon as they change, not only at close."""
    import_example(db, "no-consent.pkplan.json")
    import_example(db, "unoci-2004.pkplan.json")
    window = open_planner(qtbot, db, tmp_path)
    plan_id = window.planner.list_model.plan_id(1)   # not the plan shown by default
    assert plan_id is not None and plan_id != window.planner.plan_id
    window.pages.setCurrentWidget(window.reference)
    window.reference.show_node("principles.consent")
    window.pages.setCurrentWidget(window.planner)
    window.planner.select_plan(plan_id)
    # The first window is never closed: its closeEvent does not get the chance to save.
    again = MainWindow.for_database(db, settings_at(tmp_path))
    qtbot.addWidget(again)
    assert again.pages.currentWidget() is again.planner
    assert again.planner.plan_id == plan_id
    again.pages.setCurrentWidget(again.reference)
    assert again.reference.current_node == "principles.consent"
    window.pages.setCurrentWidget(window.reference)
    window.reference.show_node("principles.impartiality")
    third = MainWindow.for_database(db, settings_at(tmp_path))
    qtbot.addWidget(third)
    assert third.pages.currentWidget() is third.reference
    assert third.reference.current_node == "principles.impartiality"


def test_first_start_opens_at_85_percent_of_the_screen_centred(qtbot: QtBot, db: Database,
                                                              tmp_path: Path) -> None:
    window = MainWindow.for_database(db, settings_at(tmp_path))
    qtbot.addWidget(window)
    available = window.screen().availableGeometry()
    expected = QSize(int(available.width() * 0.85), int(available.height() * 0.85))
    assert window.size() == expected.boundedTo(MAX_DEFAULT_SIZE)
    assert abs(window.geometry().center().x() - available.center().x()) <= 1
    assert abs(window.geometry().center().y() - available.center().y()) <= 1
    window.resize(500, 400)
    window.close()
    again = MainWindow.for_database(db, settings_at(tmp_path))
    qtbot.addWidget(again)
    assert again.size() == QSize(500, 400)     # the size the user chose wins


def test_the_default_size_is_capped_and_centred_on_a_big_screen() -> None:
    rect = default_geometry(QRect(0, 30, 3840, 2130))
    assert rect.size() == MAX_DEFAULT_SIZE
    assert rect.center() == QRect(0, 30, 3840, 2130).center()
    assert default_geometry(QRect(0, 0, 1000, 800)).size() == QSize(850, 680)
