"""Starting the window on a team database whose server is down (pg_ctl stop; started again
for Retry): a dialog names host:port, never the password, and offers Retry, Work on This
Computer (the user's own database file, said in the title; journalled team edits stay in the
journal and are saved when the team database is next opened) or Quit. Driven from the
keyboard: Enter retries, Alt+W works locally, Escape quits."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from pkdesk.core.plan.edits import starter_plan
from pkdesk.paths import default_db_path, server_state_dir
from pkdesk.store.db import Database
from pkdesk.store.journal import Journal
from pkdesk.store.library import open_library
from pkdesk.store.plan_repo import PlanRepository
from pkdesk.store.server_url import describe
from pkdesk.ui.app import start_window
from pkdesk.ui.window.main_window import MainWindow
from pkdesk.ui.window.unreachable import UnreachableDialog
from tests.pgserver import PgServer
from tests.ui.planner_helpers import import_example

Step = Callable[[UnreachableDialog], None]


def _drive(steps: list[Step], seen: list[str]) -> None:
    """Each time an unreachable dialog comes up, note its text and run the next step on it;
    any other message box is closed and noted (the test then fails rather than hangs)."""
    shown: list[UnreachableDialog] = []
    polls = [0]

    def poll() -> None:
        box = QApplication.activeModalWidget()
        polls[0] += 1
        if polls[0] > 1500 and isinstance(box, QMessageBox):   # ~30 s: fail, never hang
            seen.append("TIMEOUT: " + box.text())
            box.close()
            return
        if isinstance(box, UnreachableDialog) and box not in shown and box.isVisible() \
                and QApplication.activeWindow() is box:    # keys go to the active window
            shown.append(box)
            seen.append("\n".join((box.text(), box.informativeText(), box.detailedText(),
                                   box.windowTitle())))
            steps.pop(0)(box)
            if not steps:
                return
        elif isinstance(box, QMessageBox) and not isinstance(box, UnreachableDialog):
            seen.append("OTHER: " + box.text())
            box.close()
            return
        QTimer.singleShot(20, poll)

    QTimer.singleShot(0, poll)


def _key(key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> Step:
    def press(box: UnreachableDialog) -> None:
        focus = QApplication.focusWidget() or box
        QtBot.keyClick(focus, key, modifier)
    return press


def _close(window: MainWindow) -> None:
    window.close()
    if window.db is not None:
        window.db.close()


def test_retry_while_down_then_again_once_the_server_is_back(
        qtbot: QtBot, pg_server: PgServer, pg_url: str) -> None:
    db = open_library(pg_url)
    import_example(db, "unoci-2004.pkplan.json")
    db.close()
    pg_server.stop()
    seen: list[str] = []

    def back_then_retry(box: UnreachableDialog) -> None:
        pg_server.start_again()
        _key(Qt.Key.Key_Return)(box)

    _drive([_key(Qt.Key.Key_Return), back_then_retry], seen)
    try:
        window = start_window(argparse.Namespace(db=pg_url))
    finally:
        if not pg_server.running:
            pg_server.start_again()
    assert window is not None
    qtbot.addWidget(window)
    assert len(seen) == 2, seen
    where = f"{pg_server.host}:{pg_server.port}"
    assert where in seen[0] and "is unreachable" in seen[0]
    assert "still unreachable" in seen[1]
    assert pg_server.password not in "".join(seen)
    assert window.db is not None and window.db.is_server
    assert window.windowTitle().endswith(f" — {window.db.where}")
    assert [p.title for p in PlanRepository(window.db).list()] == [
        "Stabilisation mission in Côte d'Ivoire (UNOCI-like, 2004)"]
    _close(window)


def test_work_on_this_computer_opens_the_own_file_and_keeps_the_journal(
        qtbot: QtBot, pg_server: PgServer, pg_url: str) -> None:
    team = open_library(pg_url)
    plan_id = import_example(team, "unoci-2004.pkplan.json")
    plan = PlanRepository(team).get(plan_id)
    team.close()
    journal = Journal(server_state_dir(pg_url))
    journal.put(plan_id, 1, replace(plan, climate_risks="Kept while the server was away."),
                "climate")
    kept = journal.path.read_bytes()
    local = open_library(default_db_path(), create_parent=True)     # the user's own file
    PlanRepository(local).create(starter_plan("My local plan"))
    local.close()
    pg_server.stop()
    seen: list[str] = []
    _drive([_key(Qt.Key.Key_W, Qt.KeyboardModifier.AltModifier)], seen)
    try:
        window = start_window(argparse.Namespace(db=pg_url))
    finally:
        pg_server.start_again()
    assert window is not None
    qtbot.addWidget(window)
    assert len(seen) == 1, seen
    assert "1 edit to a team plan, kept on this computer" in seen[0]
    assert pg_server.password not in seen[0]
    assert window.db is not None and not window.db.is_server
    assert window.db.path == default_db_path()
    assert "local database (team database unreachable)" in window.windowTitle()
    assert window.local_label is not None
    assert describe(pg_url) in window.local_label.text()
    assert pg_server.password not in window.windowTitle() + window.local_label.text()
    assert [p.title for p in PlanRepository(window.db).list()] == ["My local plan"]
    assert window.reference.tree_model.rowCount() > 0            # the handbook is there
    assert journal.path.read_bytes() == kept                     # the team edit stays kept
    _close(window)
    # The next start with the server up: the team database opens and the kept edit is saved.
    again = start_window(argparse.Namespace(db=pg_url))
    assert again is not None
    qtbot.addWidget(again)
    assert again.db is not None and again.db.is_server
    check = Database.open(pg_url)
    try:
        qtbot.waitUntil(lambda: not journal.path.exists(), timeout=5000)
        stored = PlanRepository(check)
        assert stored.get(plan_id).climate_risks == "Kept while the server was away."
        assert [r.number for r in stored.revisions(plan_id)] == [1, 2]
    finally:
        check.close()
        _close(again)


def test_escape_quits_and_makes_nothing(qtbot: QtBot, pg_server: PgServer,
                                        pg_url: str) -> None:
    open_library(pg_url).close()
    pg_server.stop()
    seen: list[str] = []
    _drive([_key(Qt.Key.Key_Escape)], seen)
    try:
        window = start_window(argparse.Namespace(db=pg_url))
    finally:
        pg_server.start_again()
    assert window is None
    assert len(seen) == 1 and "is unreachable" in seen[0]
    assert "kept on this computer" not in seen[0]          # no journal: nothing said of it
    assert not default_db_path().exists()                  # no local database was made
