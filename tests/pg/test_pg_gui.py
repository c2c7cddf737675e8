"""The window on a team database (PostgreSQL, offscreen): it says where it is connected,
saves edits to the server, and loses no edit when the server goes away: the edit is kept in
an owner-only journal, survives closing the window, and is saved when the server is back,
as a new scenario if someone changed the plan meanwhile. The server is really stopped and
started again (pg_ctl stop -m fast / start)."""

from __future__ import annotations

import json
import stat
from pathlib import Path

from pytestqt.qtbot import QtBot

from pkdesk.store.db import Database
from pkdesk.store.journal import journal_for
from pkdesk.store.library import open_library
from pkdesk.store.plan_repo import PlanRepository
from pkdesk.ui.window.main_window import MainWindow
from tests.pgserver import PgServer
from tests.ui.planner_helpers import import_example, open_planner


def _fresh(url: str) -> PlanRepository:
    return PlanRepository(Database.open(url))


def _shown(window: MainWindow) -> str:
    return window.statusBar().currentMessage()


def _window_on(qtbot: QtBot, pg_url: str, tmp_path: Path) -> tuple[Database, int, MainWindow]:
    """The team database opened as the window does, an example plan in it, open in a window."""
    db = open_library(pg_url)
    plan_id = import_example(db, "unoci-2004.pkplan.json")
    return db, plan_id, open_planner(qtbot, db, tmp_path)


def _saved_on_server(qtbot: QtBot, pg_url: str, plan_id: int, text: str,
                     timeout: int) -> PlanRepository:
    """Another connection's view once the window's edit (climate risks starting with
    ``text``) is on the server, as the plan's second revision; close its ``db`` after."""
    repo = _fresh(pg_url)
    qtbot.waitUntil(lambda: repo.get(plan_id).climate_risks.startswith(text), timeout=timeout)
    assert [r.number for r in repo.revisions(plan_id)] == [1, 2]
    return repo


def _close(window: MainWindow, *dbs: Database) -> None:
    window.close()
    for db in dbs:
        db.close()


def test_window_opens_on_the_server_says_where_and_saves_an_edit(
        qtbot: QtBot, pg_server: PgServer, pg_url: str, tmp_path: Path) -> None:
    db, plan_id, window = _window_on(qtbot, pg_url, tmp_path)
    where = db.where
    assert window.windowTitle().endswith(f" — {where}")
    assert window.server_label is not None and where in window.server_label.text()
    assert pg_server.password not in window.windowTitle() + window.server_label.text()
    assert not window.backups.back_up.isEnabled()     # backups are the server's (pg_dump)
    page = window.planner
    qtbot.keyClicks(page.form.climate, "Floods on the northern roads.")
    other = _saved_on_server(qtbot, pg_url, plan_id, "Floods", timeout=3000)
    _close(window, other.db, db)


def _edit_while_down(qtbot: QtBot, pg_server: PgServer, window: MainWindow, text: str) -> None:
    page = window.planner
    pg_server.stop()
    qtbot.keyClicks(page.form.climate, text)
    page.flush()
    assert "is unreachable" in _shown(window)
    assert "kept on this computer and will be saved when the server is back" in _shown(window)


def _edit_while_down_then_restart(qtbot: QtBot, pg_server: PgServer, window: MainWindow,
                                  text: str) -> None:
    try:
        _edit_while_down(qtbot, pg_server, window, text)
    finally:
        pg_server.start_again()


def test_an_edit_made_while_the_server_is_down_survives_closing_and_is_saved_later(
        qtbot: QtBot, pg_server: PgServer, pg_url: str, tmp_path: Path) -> None:
    db, plan_id, window = _window_on(qtbot, pg_url, tmp_path)
    journal = journal_for(db)
    assert journal is not None
    try:
        _edit_while_down(qtbot, pg_server, window, "Kept while offline.")
        assert f"{pg_server.host}:{pg_server.port}" in _shown(window)
        kept = json.loads(journal.path.read_text(encoding="utf-8"))
        assert kept["edits"][0]["plan_id"] == plan_id
        assert "Kept while offline." in json.dumps(kept)
        assert stat.S_IMODE(journal.path.stat().st_mode) == 0o600
        window.close()      # closing with the server still down: the journal keeps the edit
        db.close()
        assert journal.path.exists()
    finally:
        pg_server.start_again()
    # The next start: the window attaches and saves what the journal kept.
    db = open_library(pg_url)
    window = open_planner(qtbot, db, tmp_path / "again")
    repo = _saved_on_server(qtbot, pg_url, plan_id, "Kept while offline.", timeout=3000)
    assert not journal.path.exists()
    assert "kept on this computer while the server was unreachable, is saved" in _shown(window)
    _close(window, repo.db, db)


def test_the_edit_is_saved_when_the_server_comes_back_during_the_session(
        qtbot: QtBot, pg_server: PgServer, pg_url: str, tmp_path: Path) -> None:
    db, plan_id, window = _window_on(qtbot, pg_url, tmp_path)
    _edit_while_down_then_restart(qtbot, pg_server, window, "Back soon.")
    # The autosaver's retry (every few seconds) finds the server back.
    repo = _saved_on_server(qtbot, pg_url, plan_id, "Back soon.", timeout=10000)
    journal = journal_for(db)
    assert journal is not None and not journal.path.exists()
    _close(window, repo.db, db)


def test_a_plan_changed_on_the_server_meanwhile_is_never_overwritten(
        qtbot: QtBot, pg_server: PgServer, pg_url: str, tmp_path: Path) -> None:
    db, plan_id, window = _window_on(qtbot, pg_url, tmp_path)
    _edit_while_down_then_restart(qtbot, pg_server, window, "Mine, offline.")
    # A colleague saves the plan before this window's retry.
    colleague = _fresh(pg_url)
    theirs = colleague.get(plan_id)
    from dataclasses import replace

    colleague.save(plan_id, replace(theirs, climate_risks="Theirs, on the server."),
                   author="colleague")
    window.planner.flush()
    qtbot.waitUntil(lambda: len(colleague.list()) == 2, timeout=10000)
    assert colleague.get(plan_id).climate_risks == "Theirs, on the server."
    kept = next(p for p in colleague.list() if p.id != plan_id)
    assert kept.title.endswith("(kept edit)")
    assert colleague.get(kept.id).climate_risks.startswith("Mine, offline.")
    assert "kept as the new scenario" in _shown(window)
    _close(window, colleague.db, db)


def test_pkdesk_with_a_server_url_and_no_command_opens_the_window(pg_url: str,
                                                                  tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PKDESK_QUIT_AFTER_MS="100")
    done = subprocess.run([sys.executable, "-m", "pkdesk", "--db", pg_url], env=env,
                          capture_output=True, text=True, timeout=180, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "window shown" in done.stdout
    assert "Traceback" not in done.stderr
    repo = _fresh(pg_url)     # the window made the schema and loaded the corpus there
    assert repo.list() == []
    repo.db.close()
