"""The window on a team database, as each role (pytest-qt on PostgreSQL): a reader sees the
plan read-only with the reason; a refused edit is a dialog, never a traceback, and the plan
is shown as stored; an author edits."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from pkdesk.store.db import Database
from pkdesk.store.library import open_library
from pkdesk.store.plan_repo import PlanRepository
from pkdesk.ui.window.main_window import MainWindow
from tests.team.conftest import Team
from tests.ui.planner_helpers import EXAMPLES, message_boxes, open_planner
from pkdesk.core.plan.file import read_plan_file


@pytest.fixture
def shared_plan(team: Team) -> Iterator[int]:
    db = Database.open(team.url("author"))
    try:
        yield PlanRepository(db).import_plan(
            read_plan_file(EXAMPLES / "unoci-2004.pkplan.json")).id
    finally:
        db.close()


def _window(qtbot: QtBot, team: Team, role: str, tmp_path: Path) -> tuple[MainWindow, Database]:
    db = open_library(team.url(role))
    return open_planner(qtbot, db, tmp_path), db


def _stored(team: Team, plan_id: int) -> tuple[str, int]:
    db = Database.open(team.admin_url)
    try:
        plan, revision = PlanRepository(db).current(plan_id)
        return plan.notes, revision
    finally:
        db.close()


def test_a_reader_sees_the_plan_read_only_with_the_reason(qtbot: QtBot, team: Team,
                                                          shared_plan: int,
                                                          tmp_path: Path) -> None:
    window, db = _window(qtbot, team, "reader", tmp_path)
    try:
        page = window.planner
        qtbot.waitUntil(lambda: page.plan_id == shared_plan)
        assert not page.form.isEnabled()
        banner = page.access_banner
        assert banner.isVisible() and banner.textFormat() == Qt.TextFormat.PlainText
        assert (f"you have read-only access to the team database as "
                f"{team.users['reader'][0]} (role reader)") in banner.text()
        # A patched client (or a bug) that edits anyway: the server refuses, a dialog says so.
        assert page.plan is not None
        page.session.edit("notes", replace(page.plan, notes="the reader writes"))
        page.flush()
        qtbot.waitUntil(lambda: bool(message_boxes(page)))
        box = message_boxes(page)[0]
        assert box.textFormat() == Qt.TextFormat.PlainText
        assert "read-only access" in box.text()
        assert page.plan.notes != "the reader writes"
        assert not page.undo_stack.canUndo()
    finally:
        window.close()
        db.close()
    assert _stored(team, shared_plan)[1] == 1


def test_a_reviewers_content_edit_is_refused_in_a_dialog(qtbot: QtBot, team: Team,
                                                        shared_plan: int,
                                                        tmp_path: Path) -> None:
    window, db = _window(qtbot, team, "reviewer", tmp_path)
    try:
        page = window.planner
        qtbot.waitUntil(lambda: page.plan_id == shared_plan)
        assert not page.form.isEnabled()
        assert "role reviewer" in page.access_banner.text()
        assert page.plan is not None
        before = page.plan.notes
        page.session.edit("notes", replace(page.plan, notes="the reviewer rewrites"))
        page.flush()
        qtbot.waitUntil(lambda: bool(message_boxes(page)))
        assert "not change the plan" in message_boxes(page)[0].text()
        assert page.plan.notes == before
    finally:
        window.close()
        db.close()
    assert _stored(team, shared_plan) == (before, 1)


def test_an_author_edits_in_the_window(qtbot: QtBot, team: Team, shared_plan: int,
                                       tmp_path: Path) -> None:
    window, db = _window(qtbot, team, "author", tmp_path)
    try:
        page = window.planner
        qtbot.waitUntil(lambda: page.plan_id == shared_plan)
        assert page.form.isEnabled() and not page.access_banner.isVisible()
        qtbot.keyClicks(page.form.notes, " Reviewed with the cell.")
        page.flush()
        assert message_boxes(page) == []
    finally:
        window.close()
        db.close()
    notes, revision = _stored(team, shared_plan)
    assert " Reviewed with the cell." in notes and revision == 2
