"""The window on a team database, as each role (pytest-qt on PostgreSQL): a reader sees the
plan read-only with the reason; a refused edit is a dialog, never a traceback, and the plan
is shown as stored; an author edits."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from pkdesk.store.library import open_library
from pkdesk.ui.planner.planner_page import PlannerPage
from tests.team.conftest import Team
from tests.ui.planner_helpers import EXAMPLES, message_boxes, open_planner
from pkdesk.core.plan.file import read_plan_file


@pytest.fixture
def shared_plan(team: Team) -> int:
    with team.plans("author") as repo:
        return repo.import_plan(read_plan_file(EXAMPLES / "unoci-2004.pkplan.json")).id


@contextmanager
def _planner_as(qtbot: QtBot, team: Team, role: str, tmp_path: Path,
                plan_id: int) -> Iterator[PlannerPage]:
    """The window on the team database as ``role``, showing the plan; closed after."""
    db = open_library(team.url(role))
    window = open_planner(qtbot, db, tmp_path)
    try:
        page = window.planner
        qtbot.waitUntil(lambda: page.plan_id == plan_id)
        yield page
    finally:
        window.close()
        db.close()


def _refused_edit(qtbot: QtBot, page: PlannerPage, notes: str) -> QMessageBox:
    """An edit of the notes the window lets through (a patched client, or a bug): the
    server's refusal, as the dialog that says it."""
    assert page.plan is not None
    page.session.edit("notes", replace(page.plan, notes=notes))
    page.flush()
    qtbot.waitUntil(lambda: bool(message_boxes(page)))
    return message_boxes(page)[0]


def _stored(team: Team, plan_id: int) -> tuple[str, int]:
    with team.plans() as repo:
        plan, revision = repo.current(plan_id)
        return plan.notes, revision


def test_a_reader_sees_the_plan_read_only_with_the_reason(qtbot: QtBot, team: Team,
                                                          shared_plan: int,
                                                          tmp_path: Path) -> None:
    with _planner_as(qtbot, team, "reader", tmp_path, shared_plan) as page:
        assert not page.form.isEnabled()
        banner = page.access_banner
        assert banner.isVisible() and banner.textFormat() == Qt.TextFormat.PlainText
        assert (f"you have read-only access to the team database as "
                f"{team.users['reader'][0]} (role reader)") in banner.text()
        # A patched client (or a bug) that edits anyway: the server refuses, a dialog says so.
        box = _refused_edit(qtbot, page, "the reader writes")
        assert box.textFormat() == Qt.TextFormat.PlainText
        assert "read-only access" in box.text()
        assert page.plan is not None and page.plan.notes != "the reader writes"
        assert not page.undo_stack.canUndo()
    assert _stored(team, shared_plan)[1] == 1


def test_a_reviewers_content_edit_is_refused_in_a_dialog(qtbot: QtBot, team: Team,
                                                        shared_plan: int,
                                                        tmp_path: Path) -> None:
    with _planner_as(qtbot, team, "reviewer", tmp_path, shared_plan) as page:
        assert not page.form.isEnabled()
        assert "role reviewer" in page.access_banner.text()
        assert page.plan is not None
        before = page.plan.notes
        assert "not change the plan" in _refused_edit(qtbot, page, "the reviewer rewrites").text()
        assert page.plan.notes == before
    assert _stored(team, shared_plan) == (before, 1)


def test_an_author_edits_in_the_window(qtbot: QtBot, team: Team, shared_plan: int,
                                       tmp_path: Path) -> None:
    with _planner_as(qtbot, team, "author", tmp_path, shared_plan) as page:
        assert page.form.isEnabled() and not page.access_banner.isVisible()
        qtbot.keyClicks(page.form.notes, " Reviewed with the cell.")
        page.flush()
        assert message_boxes(page) == []
    notes, revision = _stored(team, shared_plan)
    assert " Reviewed with the cell." in notes and revision == 2
