"""The window's actions, title and status bar follow the planner's session, not page switches:
Export PDF… is usable the moment the first plan exists, and Branch names the variant."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from pkdesk.store.db import Database
from tests.ui.planner_helpers import EXAMPLES, import_example, open_planner


def _pdf_enabled(window: object) -> list[bool]:
    return [a.isEnabled() for a in window.pdf.all]   # type: ignore[attr-defined]


def test_pdf_actions_are_enabled_right_after_the_first_plan_is_created(
        qtbot: QtBot, db: Database, tmp_path: Path) -> None:
    window = open_planner(qtbot, db, tmp_path)      # no plan yet
    assert _pdf_enabled(window) == [False, False, False]
    window.planner.plan_actions.new_plan()
    assert window.planner.plan is not None
    assert _pdf_enabled(window) == [True, True, True]
    window.planner.plan_actions.delete_plan(window.planner.plan_id or 0, "x")
    assert window.planner.plan is None
    assert _pdf_enabled(window) == [False, False, False]
    window.planner.undo_action.trigger()            # the deletion undone: printable again
    assert window.planner.plan is not None
    assert _pdf_enabled(window) == [True, True, True]
    window.close()


def test_ctrl_e_works_right_after_the_first_import(qtbot: QtBot, db: Database,
                                                  tmp_path: Path) -> None:
    window = open_planner(qtbot, db, tmp_path)
    window.planner.plan_actions.import_files([EXAMPLES / "no-consent.pkplan.json"])
    assert window.planner.plan is not None
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    from pkdesk.ui.output.pdf_export_dialog import PdfExportDialog

    qtbot.waitUntil(lambda: any(d.isVisible() for d in window.findChildren(PdfExportDialog)))
    for dialog in window.findChildren(PdfExportDialog):
        dialog.reject()
    window.close()


def test_after_branch_the_title_and_status_bar_name_the_variant(qtbot: QtBot, db: Database,
                                                                tmp_path: Path) -> None:
    parent_id = import_example(db, "no-consent.pkplan.json")
    window = open_planner(qtbot, db, tmp_path)
    window.planner.select_plan(parent_id)
    parent = window.planner.plan
    assert parent is not None and window.windowTitle() == f"{parent.title} — pkdesk"
    new_id = window.scenario.branch_plan(parent_id, "Course B", "")
    assert new_id is not None and window.planner.plan_id == new_id
    assert window.windowTitle() == "Course B — pkdesk"
    assert window.location.text().startswith("Course B · ")
    window.planner.select_plan(parent_id)            # back to the parent: named again
    assert window.windowTitle() == f"{parent.title} — pkdesk"
    assert window.location.text().startswith(f"{parent.title} · ")
    window.close()
