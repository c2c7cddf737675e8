"""After "Work on This Computer" (the team server was down at start), File › Connect to Team
Database and the status bar's Retry button try the team database again: still down, a
plain-text message says so and the window stays on the local file; back, the window switches
to it (title, status bar, the team's plans in the Planner, the journal's kept edits saved),
after writing what was pending to the local file, which keeps it, and says so in one line.
The server is really stopped and started (pg_ctl)."""

from __future__ import annotations

import argparse
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from pkdesk.core.plan.edits import starter_plan
from pkdesk.paths import default_db_path, server_state_dir
from pkdesk.store.db import Database
from pkdesk.store.journal import Journal
from pkdesk.store.library import open_library
from pkdesk.store.plan_repo import PlanRepository
from pkdesk.ui.app import start_window
from pkdesk.ui.window.main_window import MainWindow
from pkdesk.ui.window.reconnect import TeamReconnect
from tests.pg.test_pg_unreachable_start import _drive, _key
from tests.pgserver import PgServer
from tests.ui.i18n_helpers import speaking
from tests.ui.keyboard.test_mnemonics import clashes
from tests.ui.planner_helpers import import_example, message_boxes
from tests.ui.reference_helpers import on_the_reference_page, settings_at

TEAM_EDIT = "Kept for the team while the server was away."
LOCAL_EDIT = "Typed on this computer just before connecting."


def _reconnect_messages(window: MainWindow) -> list[QMessageBox]:
    return [b for b in message_boxes(window) if b.objectName() == "teamReconnectMessage"]


def _started_locally(qtbot: QtBot, pg_server: PgServer, pg_url: str) -> tuple[MainWindow, int]:
    """A team plan with an edit kept in this computer's journal; the user's own file with a
    plan of its own; the server stopped; the window started, Alt+W: work on this computer."""
    team = open_library(pg_url)
    team_id = import_example(team, "unoci-2004.pkplan.json")
    plan = PlanRepository(team).get(team_id)
    team.close()
    Journal(server_state_dir(pg_url)).put(team_id, 1, replace(plan, climate_risks=TEAM_EDIT),
                                          "changed climate risks")
    local = open_library(default_db_path(), create_parent=True)
    PlanRepository(local).create(starter_plan("My local plan"))
    local.close()
    on_the_reference_page()
    pg_server.stop()
    seen: list[str] = []
    _drive([_key(Qt.Key.Key_W, Qt.KeyboardModifier.AltModifier)], seen)
    window = start_window(argparse.Namespace(db=pg_url))
    assert window is not None and len(seen) == 1, seen
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.db is not None and window.db.path == default_db_path()
    return window, team_id


def test_retry_while_down_stays_local_then_connects_once_the_server_is_back(
        qtbot: QtBot, pg_server: PgServer, pg_url: str) -> None:
    try:
        window, team_id = _started_locally(qtbot, pg_server, pg_url)
        reconnect = window.reconnect
        assert isinstance(reconnect, TeamReconnect)
        assert reconnect.action in window.menus.file_menu.actions()
        assert reconnect.action.text() == "&Connect to Team Database"
        assert reconnect.button.text() == "Team database unreachable — Retry"
        assert reconnect.button.isVisible()
        # Still down: the status bar's button, pressed from the keyboard.
        reconnect.button.setFocus()
        qtbot.keyClick(reconnect.button, Qt.Key.Key_Space)
        [box] = _reconnect_messages(window)
        where = f"{pg_server.host}:{pg_server.port}"
        assert box.textFormat() == Qt.TextFormat.PlainText
        assert f"still cannot reach the team database at {where}" in box.text()
        assert pg_server.password not in box.text() + box.detailedText()
        box.close()
        assert window.db.path == default_db_path()            # stays on the local file
        assert "local database (team database unreachable)" in window.windowTitle()
        # An edit on the local file still pending (typed, not yet autosaved).
        page = window.planner
        assert page.plan is not None and page.plan.title == "My local plan"
        local_id = page.plan_id
        qtbot.keyClicks(page.form.climate, LOCAL_EDIT)
        assert page.session.autosaver is not None and page.session.autosaver.has_pending()
    finally:
        if not pg_server.running:
            pg_server.start_again()
    # Back: File › Connect to Team Database.
    reconnect.action.trigger()
    try:
        db = window.db
        assert db is not None and db.is_server
        assert window.windowTitle().endswith(f" — {db.where}")
        assert "local database" not in window.windowTitle()
        assert window.local_label is None and window.server_label is not None
        assert reconnect.action not in window.menus.file_menu.actions()
        assert not reconnect.button.isVisible()
        # The team's plans on the Planner, the kept team edit saved on the server.
        assert page.plan is not None and page.plan_id == team_id
        assert page.plan.title == "Stabilisation mission in Côte d'Ivoire (UNOCI-like, 2004)"
        assert page.form.climate.toPlainText() == TEAM_EDIT
        assert not Journal(server_state_dir(pg_url)).path.exists()
        # The local edit was written to the local file first, and stays there; said once.
        [box] = _reconnect_messages(window)
        assert "edits are saved first in the local database on this computer" in box.text()
        box.close()
        local = Database.open(default_db_path())
        try:
            assert PlanRepository(local).get(local_id).climate_risks == LOCAL_EDIT
        finally:
            local.close()
        assert [p.title for p in PlanRepository(db).list()] == [
            "Stabilisation mission in Côte d'Ivoire (UNOCI-like, 2004)"]
    finally:
        window.close()
        if window.db is not None:
            window.db.close()


def test_nothing_changed_here_connects_without_a_message(
        qtbot: QtBot, pg_server: PgServer, pg_url: str) -> None:
    try:
        window, team_id = _started_locally(qtbot, pg_server, pg_url)
    finally:
        pg_server.start_again()
    assert window.reconnect is not None
    window.reconnect.action.trigger()
    try:
        assert window.db is not None and window.db.is_server
        assert _reconnect_messages(window) == []
        assert window._planner is None      # the Reference page: the Planner is not built
        assert window.statusBar().currentMessage() == (
            "Your edit to “Stabilisation mission in Côte d'Ivoire (UNOCI-like, 2004)”, kept "
            "on this computer while the server was unreachable, is saved (revision 2).")
        check = Database.open(pg_url)
        try:
            assert PlanRepository(check).get(team_id).climate_risks == TEAM_EDIT
        finally:
            check.close()
    finally:
        window.close()
        if window.db is not None:
            window.db.close()


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_way_back_speaks_both_languages_with_its_own_key(
        qtbot: QtBot, db: Database, tmp_path: Path, lang: str) -> None:
    """No server needed: the action and the button as the window shows them."""
    with speaking(lang):
        window = MainWindow.for_database(db, settings_at(tmp_path))
        qtbot.addWidget(window)
        window.work_locally("alice@db.hq:5432/pkdesk", "postgresql://alice@db.hq/pkdesk")
        window.planner     # noqa: B018 (its File entries and the Sync menu too)
        reconnect = window.reconnect
        assert isinstance(reconnect, TeamReconnect)
        expected = {"en": ("&Connect to Team Database", "Team database unreachable — Retry"),
                    "fr": ("Se &connecter à la base d’équipe",
                           "Base d’équipe injoignable — Réessayer")}[lang]
        assert (reconnect.action.text(), reconnect.button.text()) == expected
        assert reconnect.action in window.menus.file_menu.actions()
        assert clashes(window) == []
