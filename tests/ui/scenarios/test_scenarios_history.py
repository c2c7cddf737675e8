"""The history panel: an edit is a new revision, two revisions are diffed, and restoring one
is a new revision with the old content (undoable, nothing lost)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from pkdesk.store.db import Database
from pkdesk.store.plan_repo import PlanRepository
from pkdesk.ui.scenarios.history_panel import HistoryPanel
from tests.ui.planner_helpers import import_example, message_boxes, open_planner


def _diff(panel: HistoryPanel) -> dict[str, tuple[str, str]]:
    model = panel.changes
    return {model.index(r, 0).data(): (model.index(r, 2).data(), model.index(r, 3).data())
            for r in range(model.rowCount())}


def test_edit_diff_restore(qtbot: QtBot, db: Database, tmp_path: Path) -> None:
    plan_id = import_example(db, "unoci-2004.pkplan.json")
    repo = PlanRepository(db)
    original = repo.get(plan_id)
    window = open_planner(qtbot, db, tmp_path)
    page = window.planner
    panel = window.scenario.show_history()
    assert panel is not None
    qtbot.waitExposed(panel)
    assert panel.revisions.rowCount() == 1

    # An edit (typed in the form) becomes revision 2 once autosaved; the panel follows.
    page.form.notes.setFocus()
    page.form.notes.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(page.form.notes, "Convoy <b>route</b> via Bouake")
    page.flush()
    assert panel.revisions.rowCount() == 2
    assert panel.revisions.index(0, 0).data() == "2"
    assert "notes" in panel.revisions.index(0, 3).data()

    # Select 1 and 2: the difference, as plain text.
    panel.select_numbers([1, 2])
    diff = _diff(panel)
    assert diff["Notes"][1].endswith("Convoy <b>route</b> via Bouake")
    assert panel.diff_heading.text() == "From revision 1 to revision 2: 1 change."
    assert not panel.restore_button.isEnabled()         # two selected: nothing to restore

    # Restore revision 1 (confirmed): revision 3 holds revision 1's content.
    panel.select_numbers([1])
    assert panel.restore_button.isEnabled()
    box = panel.confirm_restore()
    assert box is not None and box in message_boxes(panel)
    box.button(QMessageBox.StandardButton.Yes).click()
    assert [r.number for r in repo.revisions(plan_id)] == [1, 2, 3]
    assert repo.get(plan_id) == original and page.plan == original
    assert page.form.notes.toPlainText() == original.notes
    assert panel.revisions.rowCount() == 3
    assert panel.revisions.index(0, 3).data().startswith("restored revision 1")

    # Undo brings the edit back, as a fourth revision: nothing is ever lost.
    page.undo_action.trigger()
    page.flush()
    assert repo.get(plan_id).notes.endswith("Convoy <b>route</b> via Bouake")
    assert [r.number for r in repo.revisions(plan_id)] == [1, 2, 3, 4]
    assert panel.revisions.rowCount() == 4


def test_cancelled_restore_changes_nothing(qtbot: QtBot, db: Database, tmp_path: Path) -> None:
    plan_id = import_example(db, "unoci-2004.pkplan.json")
    repo = PlanRepository(db)
    window = open_planner(qtbot, db, tmp_path)
    page = window.planner
    page.form.notes.setFocus()
    page.form.notes.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(page.form.notes, "x")
    panel = window.scenario.show_history()
    assert panel is not None and panel.revisions.rowCount() == 2
    panel.select_numbers([1])
    box = panel.confirm_restore()
    assert box is not None
    box.button(QMessageBox.StandardButton.Cancel).click()
    assert len(repo.revisions(plan_id)) == 2 and repo.get(plan_id).notes.endswith("x")


def test_the_panel_follows_the_plan_shown(qtbot: QtBot, db: Database, tmp_path: Path) -> None:
    first = import_example(db, "unoci-2004.pkplan.json")
    second = import_example(db, "no-consent.pkplan.json")
    PlanRepository(db).restore(second, 1)      # a second revision for the second plan
    window = open_planner(qtbot, db, tmp_path)
    page = window.planner
    page.select_plan(first)
    panel = window.scenario.show_history()
    assert panel is not None and panel.plan_id == first and panel.revisions.rowCount() == 1
    page.select_plan(second)
    assert panel.plan_id == second and panel.revisions.rowCount() == 2
    assert panel.windowTitle() == "History — Deployment without host consent"
    panel.select_numbers([1])
    assert "the plan as created" in panel.diff_heading.text()
