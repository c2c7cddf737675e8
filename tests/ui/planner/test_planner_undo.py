"""Undo and redo of every kind of planner edit, through the Edit menu's actions."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from pkdesk.core.plan.model import Party
from pkdesk.store.db import Database
from pkdesk.store.plan_repo import PlanRepository
from pkdesk.ui.window.main_window import MainWindow
from pkdesk.ui.planner.form.party_table_model import CONSENT
from tests.ui.planner_helpers import import_example, open_planner


def _undo(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)


def _redo(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)


def test_typing_is_one_undo_step_per_field_and_the_menu_says_what(
        qtbot: QtBot, db: Database, tmp_path: Path) -> None:
    import_example(db, "unoci-2004.pkplan.json")
    window = open_planner(qtbot, db, tmp_path)
    page = window.planner
    original = page.plan
    title = page.form.title
    title.setFocus()
    title.end(False)
    qtbot.keyClicks(title, " bis")
    qtbot.keyClicks(page.form.host_country, "!")   # focus moved: a new step
    assert page.undo_action.text() == "&Undo Edit host country"
    assert page.undo_stack.count() == 2
    _undo(qtbot, window)     # Ctrl+Z in a line edit goes to the planner, not the field
    assert page.plan.host_country == original.host_country
    assert page.form.host_country.text() == original.host_country
    assert page.undo_action.text() == "&Undo Edit title"
    _undo(qtbot, window)
    assert page.plan == original and title.text() == original.title
    assert page.list_model.index(0).data() == original.title
    _redo(qtbot, window)
    assert page.plan.title == original.title + " bis"
    qtbot.keyClick(window, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert page.plan.host_country == original.host_country + "!"
    assert page.redo_action.text() == "&Redo" and not page.redo_action.isEnabled()


def test_party_add_edit_remove_undo_and_redo(qtbot: QtBot, db: Database,
                                             tmp_path: Path) -> None:
    import_example(db, "one-sided.pkplan.json")
    window = open_planner(qtbot, db, tmp_path)
    page = window.planner
    before = page.plan
    page.add_party(2)
    qtbot.keyClick(page.form.party_editor.table.focusWidget(), Qt.Key.Key_Escape)
    assert page.plan.parties[2] == Party("New party")
    model = page.form.parties
    model.setData(model.index(2, CONSENT), "withdrawn")
    assert page.plan.parties[2].consent == "withdrawn"
    assert page.undo_action.text() == "&Undo Edit party “New party”"
    page.form.party_editor.select_row(0)
    # Renaming a party renames it in the strategies that engage it.
    model.setData(model.index(0, 0), "Government")
    assert all("Government of Côte d'Ivoire" not in s.parties for s in page.plan.strategies)
    page.remove_party(0)
    assert page.plan.party_names() == ["Forces Nouvelles", "New party"]
    assert page.undo_action.text() == "&Undo Remove party “Government”"
    for _ in range(4):
        _undo(qtbot, window)
    assert page.plan == before
    assert model.rowCount() == 2
    for _ in range(4):
        _redo(qtbot, window)
    assert page.plan.party_names() == ["Forces Nouvelles", "New party"]
    assert page.plan.parties[1].consent == "withdrawn"


def test_strategy_add_remove_and_acknowledge_undo(qtbot: QtBot, db: Database,
                                                  tmp_path: Path) -> None:
    import_example(db, "one-sided.pkplan.json")
    window = open_planner(qtbot, db, tmp_path)
    page = window.planner
    before = page.plan
    count = len(before.strategies)
    page.add_strategy(0)
    qtbot.keyClick(page.form.strategy_editor.table.focusWidget(), Qt.Key.Key_Escape)
    assert len(page.plan.strategies) == count + 1
    page.remove_strategy(1)
    assert page.plan.strategies[1:] == before.strategies[1:]
    page.recheck()
    finding = next(f for f in page.result.findings if f.rule == "IMPARTIALITY-002")
    page.acknowledge(finding, "Authorised next week")
    assert page.undo_action.text() == "&Undo Acknowledge IMPARTIALITY-002"
    _undo(qtbot, window)
    assert page.plan.acknowledgements == before.acknowledgements
    _undo(qtbot, window)
    assert len(page.plan.strategies) == count + 1
    _undo(qtbot, window)
    assert page.plan == before
    assert page.form.strategies.rowCount() == count


def test_undoing_an_edit_to_another_plan_brings_it_back(qtbot: QtBot, db: Database,
                                                        tmp_path: Path) -> None:
    import_example(db, "one-sided.pkplan.json")
    import_example(db, "unoci-2004.pkplan.json")
    window = open_planner(qtbot, db, tmp_path)
    page = window.planner
    first_id, first_title = page.plan_id, page.plan.title
    qtbot.keyClicks(page.form.title, "!")
    page.select_plan(page.list_model.plan_id(1))
    assert page.plan_id != first_id
    assert PlanRepository(db).get(first_id).title == first_title + "!"   # flushed on switch
    _undo(qtbot, window)
    assert page.plan_id == first_id and page.plan.title == first_title
    page.flush()
    assert PlanRepository(db).get(first_id).title == first_title


def test_new_duplicate_delete_and_import_are_undoable(qtbot: QtBot, db: Database,
                                                      tmp_path: Path) -> None:
    from tests.ui.planner_helpers import EXAMPLES

    import_example(db, "unoci-2004.pkplan.json")
    window = open_planner(qtbot, db, tmp_path)
    page, repo = window.planner, PlanRepository(db)
    original_id = page.plan_id
    page.plan_actions.duplicate_plan()
    assert repo.count() == 2 and page.plan.title.endswith("(copy)")
    page.plan_actions.delete_plan(original_id, "UNOCI")
    assert repo.count() == 1 and page.list_model.row_of(original_id) is None
    assert page.undo_action.text() == "&Undo Delete plan “UNOCI”"
    _undo(qtbot, window)                                  # undelete
    assert repo.count() == 2 and page.plan_id == original_id
    _undo(qtbot, window)                                  # un-duplicate
    assert repo.count() == 1 and page.list_model.rowCount() == 1
    _redo(qtbot, window)
    assert repo.count() == 2
    page.plan_actions.new_plan()
    assert repo.count() == 3 and page.plan.title == "New plan"
    assert page.undo_action.text() == "&Undo New plan “New plan”"
    added = page.plan_actions.import_files([EXAMPLES / "no-consent.pkplan.json"])
    assert repo.count() == 4 and page.plan_id == added[0]
    _undo(qtbot, window)
    _undo(qtbot, window)
    assert repo.count() == 2
    assert {p.title for p in repo.list()} == {page.list_model.index(r).data()
                                              for r in range(page.list_model.rowCount())}
