"""Start-up: the window paints from a snapshot, then gets its database; errors exit with 2."""

from __future__ import annotations

import argparse
import sqlite3
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from pkdesk.store.db import Database
from pkdesk.ui.app import EXIT_BAD_INPUT, run_gui, start_window
from pkdesk.ui.window.main_window import PAGE_KEY
from tests.ui.reference_helpers import search_for


def test_window_paints_from_the_snapshot_then_attaches_the_database(
        qtbot: QtBot, db: Database, db_path: Path) -> None:
    db.close()
    window = start_window(argparse.Namespace(db=str(db_path)))
    assert window is not None
    qtbot.addWidget(window)
    assert window.isVisible() and window.db is None
    assert window.reference.tree_model.rowCount() == 14
    assert window.reference.reading.node_id is not None  # a page is shown at once
    qtbot.waitUntil(lambda: window.db is not None, timeout=5000)
    assert window.reference.current_node == window.reference.reading.node_id
    search_for(qtbot, window.reference.search, "impart")
    assert window.reference.search.model.hits()[0].id == "principles.impartiality"
    window.close()
    window.db.close()


def test_a_database_refused_after_the_first_paint_exits_with_2(
        qtbot: QtBot, db: Database, db_path: Path) -> None:
    db.close()
    conn = sqlite3.connect(db_path)
    conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.commit()
    conn.close()
    seen: list[tuple[str, Qt.TextFormat]] = []

    def close_box() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            seen.append((box.text(), box.textFormat()))
            box.close()
        else:
            QTimer.singleShot(20, close_box)

    QTimer.singleShot(0, close_box)
    assert run_gui(argparse.Namespace(db=str(db_path))) == EXIT_BAD_INPUT
    assert len(seen) == 1 and "newer version of pkdesk" in seen[0][0]
    assert seen[0][1] == Qt.TextFormat.PlainText
    for widget in QApplication.topLevelWidgets():
        widget.close()


def test_the_gui_path_loads_neither_sqlalchemy_nor_the_subcommands() -> None:
    """SQLAlchemy costs more than Qt itself: it must load after the window is painted."""
    code = ("import sys, pkdesk.cli, pkdesk.ui.app, pkdesk.ui.window.main_window, pkdesk.store.snapshot;"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('sqlalchemy', 'alembic')"
            " or m in ('pkdesk.cli.plans', 'pkdesk.cli.export', 'pkdesk.store.db')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_the_planner_is_built_after_the_first_paint() -> None:
    """The Planner page, its checker and scenario tools cost more than the first paint
    allows (benchmarks/bench_startup.py): the window must not need them to be shown."""
    code = ("import sys, pkdesk.ui.app, pkdesk.ui.window.main_window;"
            "print(sorted(m for m in sys.modules if m in ('pkdesk.ui.planner.planner_page',"
            " 'pkdesk.ui.scenarios.scenario_actions', 'pkdesk.core.checker', 'pkdesk.ui.output.pdf_actions')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_the_window_shown_before_the_database_reopens_on_the_planner(
        qtbot: QtBot, db: Database, db_path: Path) -> None:
    db.close()
    settings = QSettings()
    settings.setValue(PAGE_KEY, "plannerPage")
    try:
        window = start_window(argparse.Namespace(db=str(db_path)))
        assert window is not None
        qtbot.addWidget(window)
        assert window.db is None and window.pages.count() == 2
        assert window.pages.currentWidget().objectName() == "plannerPage"   # its placeholder
        menus = [action.text() for action in window.menuBar().actions()]
        qtbot.waitUntil(lambda: window.db is not None, timeout=5000)
        assert window.pages.count() == 2
        assert window.pages.currentWidget() is window.planner
        assert window.planner.toolbar.isVisibleTo(window)
        after = [action.text() for action in window.menuBar().actions()]
        assert after == [*menus[:-1], window.scenario.menu.title(), menus[-1]]
        file_menu = window.menuBar().actions()[0].menu()
        assert window.pdf.export in file_menu.actions()
        assert window.planner.plan_actions.all[0] is file_menu.actions()[0]
        window.close()
        window.db.close()
    finally:
        settings.remove(PAGE_KEY)
