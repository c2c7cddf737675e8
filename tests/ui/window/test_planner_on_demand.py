"""The Planner page is built when it is first shown or needed, not when the database is
attached (issue 17: it and the SQLAlchemy behind its plan list cost ~20 MiB). Until then its
File-menu entries are stand-ins that build it and do what the real ones do."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QTimer, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QFileDialog
from pytestqt.qtbot import QtBot

from pkdesk.store.db import Database
from pkdesk.store.plan_repo import PlanRepository
from pkdesk.ui.planner.plan_drop import PlanDropFilter
from pkdesk.ui.window.main_window import MainWindow
from tests.ui.window.started import close_started, started_window

RWANDA = Path(__file__).resolve().parents[3] / "examples" / "rwanda-1993.pkplan.json"


def _attached(qtbot: QtBot, db_path: Path) -> MainWindow:
    window = started_window(qtbot, db_path)
    assert window._planner is None     # attached, on the Reference page: not built
    return window


def _titles(db_path: Path) -> list[str]:
    db = Database.open(db_path)
    try:
        return sorted(p.title for p in PlanRepository(db).list())
    finally:
        db.close()


def test_the_planner_tab_builds_it_when_first_shown(
        qtbot: QtBot, db: Database, db_path: Path) -> None:
    db.close()
    window = _attached(qtbot, db_path)
    assert window.pages.widget(1).objectName() == "plannerPage"     # the placeholder
    window.pages.setCurrentIndex(1)
    planner = window._planner
    assert planner is not None and window.pages.currentWidget() is planner
    assert planner.session.repo is not None        # given the database as it was built
    assert planner.toolbar.isVisibleTo(window)
    file_actions = window.menus.file_menu.actions()
    assert file_actions[0] is planner.plan_actions.new    # the stand-ins replaced
    assert not any(a.objectName().startswith("planStandIn") for a in file_actions)
    close_started(window)


def test_file_new_plan_before_the_planner_is_built_builds_it_and_makes_a_plan(
        qtbot: QtBot, db: Database, db_path: Path) -> None:
    db.close()
    window = _attached(qtbot, db_path)
    first = window.menus.file_menu.actions()[0]
    assert first.objectName() == "planStandIn_new" and first.isEnabled()
    assert first.shortcut().matches(window.menus.file_menu.actions()[0].shortcut())
    first.trigger()
    planner = window._planner
    assert planner is not None and planner.plan is not None
    window.flush()
    assert len(_titles(db_path)) == 1
    close_started(window)


def test_ctrl_n_before_the_planner_is_built_makes_a_plan(
        qtbot: QtBot, db: Database, db_path: Path) -> None:
    db.close()
    window = _attached(qtbot, db_path)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window.reference.side.tree, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window._planner is not None and window._planner.plan is not None)
    window.flush()
    assert len(_titles(db_path)) == 1
    close_started(window)


def test_file_import_before_the_planner_is_built_imports_the_chosen_file(
        qtbot: QtBot, db: Database, db_path: Path) -> None:
    db.close()
    window = _attached(qtbot, db_path)
    standin = next(a for a in window.menus.file_menu.actions()
                   if a.objectName() == "planStandIn_import")
    assert standin.isEnabled()

    def choose() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QFileDialog):
            QTimer.singleShot(20, choose)
            return
        dialog.selectFile(str(RWANDA))
        dialog.accept()

    QTimer.singleShot(0, choose)
    standin.trigger()
    planner = window._planner
    assert planner is not None and planner.plan is not None
    window.flush()
    assert len(_titles(db_path)) == 1
    close_started(window)


def test_a_plan_file_dropped_before_the_planner_is_built_is_imported(
        qtbot: QtBot, db: Database, db_path: Path) -> None:
    db.close()
    window = _attached(qtbot, db_path)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(RWANDA))])
    enter = QDragEnterEvent(QPoint(50, 50), Qt.DropAction.CopyAction, mime,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    QApplication.sendEvent(window, QDropEvent(QPointF(50, 50), Qt.DropAction.CopyAction, mime,
                                              Qt.MouseButton.LeftButton,
                                              Qt.KeyboardModifier.NoModifier))
    planner = window._planner
    assert planner is not None and planner.plan is not None
    window.flush()
    assert len(_titles(db_path)) == 1
    assert len(window.findChildren(PlanDropFilter)) == 1    # drops are not imported twice
    close_started(window)
