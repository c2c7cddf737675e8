"""A current, checked database is attached without SQLAlchemy (issue 17: resident memory
after start <= 100 MiB; SQLAlchemy costs ~40 MiB): the Reference page reads through sqlite3
(`store.window_repo`), and the engine is made on first need (a write, the Planner shown).
Anything else (a stamp missing or stale, another schema, a team database) takes the full
open as before, with its messages."""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from pkdesk.store.checked_stamp import is_checked, mark_checked, stamp_path
from pkdesk.store.db import Database
from pkdesk.store.reference_repo import ReferenceRepository
from pkdesk.store.window_repo import SqliteReferenceRepository
from pkdesk.ui.app import EXIT_BAD_INPUT, run_gui
from tests.ui.window.started import started_window

CHILD = """
import json, sys
from PySide6.QtCore import Qt, QTimer
from pkdesk.cli import gui_args
from pkdesk.ui.app import create_application, start_window

def rss_kib():
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmRSS:"))

app = create_application()
window = start_window(gui_args(["--db", sys.argv[1]]))
def report():
    if window.db is None or not window.windowHandle().isExposed():
        QTimer.singleShot(1, report)
        return
    out = {"attached_rss_kib": rss_kib(), "attached": sorted(sys.modules)}
    window.reference.search.field.setText("impart")
    window.reference.search.run_now()
    while window.reference.search.searching:          # the search runs off the GUI thread
        app.processEvents()
    out["hit"] = window.reference.search.model.hits()[0].id
    out["after_search"] = "sqlalchemy" in sys.modules
    window.pages.setCurrentIndex(1)                 # the Planner, shown for the first time
    window.planner.plan_actions.new.trigger()
    out["planner"] = sorted(sys.modules)
    out["plan"] = window.planner.plan.title if window.planner.plan is not None else None
    out["plans_listed"] = window.planner.list_model.rowCount()
    window.close()
    app.quit()
    print(json.dumps(out), flush=True)
QTimer.singleShot(0, report)
app.exec()
window.db.close()
"""


def _run(db_path: Path, tmp_path: Path) -> dict[str, object]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / "config"))
    env.pop("PKDESK_DB", None)
    out = subprocess.run([sys.executable, "-c", CHILD, str(db_path)], capture_output=True,
                         text=True, env=env, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    result: dict[str, object] = json.loads(out.stdout.splitlines()[-1])
    return result


def test_a_current_database_is_attached_without_sqlalchemy_until_the_planner_is_shown(
        db: Database, db_path: Path, tmp_path: Path) -> None:
    db.close()
    assert is_checked(db_path)
    out = _run(db_path, tmp_path)
    attached = out["attached"]
    assert isinstance(attached, list) and "pkdesk.ui.reference.reference_page" in attached
    assert "sqlalchemy" not in attached and "pkdesk.store.models" not in attached
    assert "pkdesk.store.window_repo" in attached
    rss = out["attached_rss_kib"]
    assert isinstance(rss, int) and 20_000 < rss
    print(f"VmRSS once attached: {rss / 1024:.0f} MiB")    # reported; the target is a benchmark's
    assert out["hit"] == "principles.impartiality" and out["after_search"] is False
    # Showing the Planner imports SQLAlchemy, and it works: a new plan is made and listed.
    planner = out["planner"]
    assert isinstance(planner, list) and "sqlalchemy" in planner
    assert out["plan"] and out["plans_listed"] == 1
    check = Database.open(db_path)
    try:
        from pkdesk.store.plan_repo import PlanRepository

        assert PlanRepository(check).count() == 1
    finally:
        check.close()


def test_a_database_without_its_checked_stamp_takes_the_full_open(
        db: Database, db_path: Path, tmp_path: Path) -> None:
    db.close()
    stamp_path(db_path).unlink()
    out = _run(db_path, tmp_path)
    attached = out["attached"]
    assert isinstance(attached, list) and "sqlalchemy" in attached
    assert "pkdesk.store.models" in attached and "alembic" not in attached


def test_notes_and_bookmarks_written_through_a_window_attached_without_an_engine(
        qtbot: QtBot, db: Database, db_path: Path) -> None:
    db.close()
    window = started_window(qtbot, db_path)
    attached = window.db
    assert attached is not None and not attached.connected
    page = window.reference
    assert isinstance(page.repo, SqliteReferenceRepository)
    page.show_node("principles.consent")
    page.notes.edit.setPlainText("Ask the host <b>first</b>")
    page.flush()
    page.bookmark_action.trigger()
    assert attached.connected                     # the first write made the engine
    assert page.repo.note("principles.consent") == "Ask the host <b>first</b>"
    assert page.repo.bookmarks() == ["principles.consent"]
    assert page.side.bookmark_model.rowCount() == 1
    window.close()
    attached.close()
    again = Database.open(db_path)
    try:
        repo = ReferenceRepository(again)
        assert repo.note("principles.consent") == "Ask the host <b>first</b>"
        assert repo.is_bookmarked("principles.consent")
    finally:
        again.close()


def test_a_newer_schema_behind_a_valid_stamp_is_still_refused_with_its_message(
        qtbot: QtBot, db: Database, db_path: Path) -> None:
    db.close()
    conn = sqlite3.connect(db_path)
    conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.commit()
    conn.close()
    mark_checked(db_path)           # the stamp vouches for the file: the schema still decides
    seen: list[str] = []

    def close_box() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            seen.append(box.text())
            box.close()
        else:
            QTimer.singleShot(20, close_box)

    QTimer.singleShot(0, close_box)
    assert run_gui(argparse.Namespace(db=str(db_path))) == EXIT_BAD_INPUT
    assert len(seen) == 1 and "newer version of pkdesk" in seen[0]
    for widget in QApplication.topLevelWidgets():
        widget.close()


def test_a_file_damaged_after_the_attach_is_said_when_the_planner_is_first_shown(
        qtbot: QtBot, db: Database, db_path: Path) -> None:
    db.close()
    window = started_window(qtbot, db_path)
    attached = window.db
    assert attached is not None and not attached.connected
    with db_path.open("r+b") as fh:       # damage written by another program meanwhile
        fh.seek(100)
        fh.write(b"\xff" * 4000)
    window.pages.setCurrentIndex(1)      # the Planner: SQLAlchemy's engine, checked first
    boxes = [w for w in QApplication.topLevelWidgets()
             if isinstance(w, QMessageBox) and w.isVisible()]
    assert len(boxes) == 1 and "damaged" in boxes[0].text()
    assert boxes[0].textFormat() == Qt.TextFormat.PlainText
    assert not attached.connected        # nothing was written to it
    boxes[0].close()
    window.close()
    attached.close()
