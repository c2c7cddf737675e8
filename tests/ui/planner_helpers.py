"""Helpers for the planner's GUI tests: a window on a test database, editors, dialogs."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import QAbstractItemView, QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from pkdesk.core.plan.file import read_plan_file
from pkdesk.store.db import Database
from pkdesk.store.plan_repo import PlanRepository
from pkdesk.ui.window.main_window import MainWindow
from tests.ui.reference_helpers import settings_at

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def import_example(db: Database, name: str) -> int:
    return PlanRepository(db).import_plan(read_plan_file(EXAMPLES / name)).id


def open_planner(qtbot: QtBot, db: Database, tmp_path: Path) -> MainWindow:
    window = MainWindow.for_database(db, settings_at(tmp_path))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.pages.setCurrentWidget(window.planner)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def open_editor(qtbot: QtBot, view: QAbstractItemView, index: QModelIndex) -> QWidget:
    """Start editing a cell as the keyboard would (F2) and return the editor widget."""
    view.setFocus()
    view.setCurrentIndex(index)
    view.edit(index)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not view)
    editor = QApplication.focusWidget()
    assert editor is not None
    return editor


def message_boxes(parent: QWidget) -> list[QMessageBox]:
    return [box for box in parent.findChildren(QMessageBox) if box.isVisible()]
