"""The first paint waits for nothing it does not show (issue 17): the application-wide hooks,
View › Language, the find bar and the search results list come right after it
(`MainWindow.finish_start`), and the window works the same before and after."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QSpinBox
from pytestqt.qtbot import QtBot

from pkdesk.store.db import Database
from pkdesk.ui.common import wheel_guard
from pkdesk.ui.common.legible_style import LegibleStyle
from pkdesk.ui.window.link_guard import guard_of_application as link_guard
from pkdesk.ui.window.main_window import MainWindow
from tests.ui.window.started import close_started, snapshot_window, started_window, wait_attached


def _view_menu_titles(window: MainWindow) -> list[str]:
    return [a.text() for a in window.menus.view_menu.actions() if a.menu() is not None]


def test_the_window_is_completed_once_painted_before_the_database_is_attached(
        qtbot: QtBot, db: Database, db_path: Path) -> None:
    db.close()
    window = started_window(qtbot, db_path, attached=False)
    # As shown: no language menu built yet, no find bar, no results list.
    assert _view_menu_titles(window) == []
    assert window.reference._find_bar is None and window.reference.search._view is None
    wait_attached(qtbot, window)
    assert wheel_guard.guard_of_application() is not None
    assert link_guard() is not None
    assert isinstance(QApplication.style(), LegibleStyle)
    assert window.menus.view_menu.actions()[-1].menu() is window.language_menu
    assert window.reference._find_bar is not None and window.reference.search._view is not None
    close_started(window)


def test_view_language_is_built_when_the_view_menu_first_opens(
        qtbot: QtBot, db: Database, db_path: Path, tmp_path: Path) -> None:
    db.close()
    window = snapshot_window(qtbot, db_path, tmp_path)
    assert _view_menu_titles(window) == []
    window.menus.view_menu.aboutToShow.emit()
    assert _view_menu_titles(window) == [window.language_menu.title()]
    window.menus.view_menu.aboutToShow.emit()       # once only
    assert len(_view_menu_titles(window)) == 1


def test_a_view_shortcut_works_before_the_view_menu_was_ever_opened(
        qtbot: QtBot, db: Database, db_path: Path, tmp_path: Path) -> None:
    db.close()
    window = snapshot_window(qtbot, db_path, tmp_path)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.reference.reading.setFocus()
    level = window.reference.zoom.level
    qtbot.keyClick(window.reference.reading, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert window.reference.zoom.level == level + 1
    qtbot.keyClick(window.reference.reading, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert window.reference.zoom.level == 0
    assert _view_menu_titles(window) == []      # the menu was never built nor opened


def test_the_wheel_guard_put_in_place_late_covers_fields_already_polished(
        qtbot: QtBot) -> None:
    """The guard now comes after the first paint: fields polished before it must not keep
    taking the focus from the wheel (a wheel passing over one would change its value)."""
    app = QApplication.instance()
    assert app is not None
    guard = wheel_guard.guard_of_application()
    if guard is not None:       # put in place by an earlier test: start again without it
        app.removeEventFilter(guard)
        guard.setParent(None)
        guard.deleteLater()
    assert wheel_guard.guard_of_application() is None
    combo, spin = QComboBox(), QSpinBox()
    for field in (combo, spin):
        qtbot.addWidget(field)
        field.ensurePolished()
        field.setFocusPolicy(Qt.FocusPolicy.WheelFocus)
    wheel_guard.install()
    assert combo.focusPolicy() == Qt.FocusPolicy.StrongFocus
    assert spin.focusPolicy() == Qt.FocusPolicy.StrongFocus


def test_the_parts_built_late_come_when_used_before_the_window_finished_starting(
        qtbot: QtBot, db: Database, db_path: Path, tmp_path: Path) -> None:
    db.close()
    window = snapshot_window(qtbot, db_path, tmp_path)
    window.show()
    qtbot.waitExposed(window)
    ref = window.reference
    assert ref._find_bar is None and ref.search._view is None
    ref.side.show_tab(ref.search, focus=False)          # the Search tab shows its list
    assert ref.search._view is not None and ref.search.view.isVisible()
    ref.reading.setFocus()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    ref.reading.setFocus()
    ref.find_or_search()                                 # Ctrl+F in the page: the find bar
    assert ref.find_bar.isVisible() and ref.find_bar.field.hasFocus()
