"""Autosave: edits reach the database within a second; invalid states never do; closing
with an edit pending saves it. Plan files dropped on the window are imported."""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from pkdesk.store.db import Database
from pkdesk.store.plan_repo import PlanRepository
from pkdesk.ui.window.main_window import MainWindow
from tests.ui.planner_helpers import EXAMPLES, import_example, message_boxes, open_planner


def _reopened(db: Database) -> PlanRepository:
    """A repository on a fresh connection to the same file: only what was committed."""
    return PlanRepository(Database.open(db.path))


def test_an_edit_is_stored_within_a_second_as_one_revision(
        qtbot: QtBot, db: Database, tmp_path: Path) -> None:
    plan_id = import_example(db, "unoci-2004.pkplan.json")
    window = open_planner(qtbot, db, tmp_path)
    page = window.planner
    start = time.monotonic()
    qtbot.keyClicks(page.form.climate, "Seasonal floods cut the northern supply roads.")
    page.form.personnel.setValue(7000)
    reopened = _reopened(db)
    qtbot.waitUntil(lambda: reopened.get(plan_id).climate_risks.startswith("Seasonal"),
                    timeout=1000)
    assert time.monotonic() - start < 1.5
    stored = reopened.get(plan_id)
    assert stored.resources.personnel == 7000 and stored == page.plan
    revisions = reopened.revisions(plan_id)
    assert len(revisions) == 2      # imported + one flush for all that typing
    assert revisions[-1].summary == "changed personnel, climate risks"
    reopened.db.close()


def test_an_empty_title_is_shown_and_never_stored(qtbot: QtBot, db: Database,
                                                  tmp_path: Path) -> None:
    plan_id = import_example(db, "unoci-2004.pkplan.json")
    window = open_planner(qtbot, db, tmp_path)
    page = window.planner
    title, notes = page.plan.title, page.plan.notes
    page.form.title.selectAll()
    qtbot.keyClick(page.form.title, Qt.Key.Key_Delete)
    assert page.plan.title == ""
    problem = page.form.title_problem
    assert problem.isVisible() and "title" in problem.text()
    qtbot.keyClicks(page.form.notes, "more notes")
    qtbot.wait(800)   # longer than the autosave delay
    page.flush()
    repo = PlanRepository(db)
    assert repo.get(plan_id).title == title and repo.get(plan_id).notes == notes
    assert len(repo.revisions(plan_id)) == 1
    qtbot.keyClicks(page.form.title, "Renamed")
    assert not problem.isVisible()
    qtbot.waitUntil(lambda: repo.get(plan_id).title == "Renamed", timeout=1000)
    assert "more notes" in repo.get(plan_id).notes


def test_closing_with_an_edit_pending_saves_it_without_asking(
        qtbot: QtBot, db: Database, tmp_path: Path) -> None:
    plan_id = import_example(db, "unoci-2004.pkplan.json")
    window = open_planner(qtbot, db, tmp_path)
    window.resize(780, 560)     # fits the offscreen screen, so the geometry comes back as is
    qtbot.waitUntil(lambda: window.planner.splitter.width() < 780)
    window.planner.splitter.setSizes([150, 360, 250])
    sizes = window.planner.splitter.sizes()
    qtbot.keyClicks(window.planner.form.notes, "Written just before the power cut.")
    assert window.planner.autosaver.has_pending()
    assert window.close()       # nothing asks "discard changes?"
    notes = PlanRepository(db).get(plan_id).notes
    assert notes.startswith("Written just before the power cut.")
    # The layout is remembered.
    again = MainWindow.for_database(db, window.settings)
    qtbot.addWidget(again)
    again.show()
    again.pages.setCurrentWidget(again.planner)
    qtbot.waitExposed(again)
    qtbot.waitUntil(lambda: again.planner.splitter.sizes() == sizes, timeout=1000)
    assert again.planner.plan_id == plan_id


def _drop(window: MainWindow, paths: list[Path]) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    enter = QDragEnterEvent(QPoint(50, 50), Qt.DropAction.CopyAction, mime,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(50, 50), Qt.DropAction.CopyAction, mime,
                      Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, drop)


def test_dropping_a_plan_file_imports_it(qtbot: QtBot, db: Database, tmp_path: Path) -> None:
    window = open_planner(qtbot, db, tmp_path)
    _drop(window, [EXAMPLES / "rwanda-1993.pkplan.json"])
    page = window.planner
    assert PlanRepository(db).count() == 1
    assert page.plan is not None and page.list_model.rowCount() == 1
    assert page.findings.model.rowCount() > 0 and not message_boxes(page)


def test_a_hostile_file_dropped_gives_a_plain_message(qtbot: QtBot, db: Database,
                                                      tmp_path: Path) -> None:
    window = open_planner(qtbot, db, tmp_path)
    bad_json = tmp_path / "broken.pkplan.json"
    bad_json.write_text('{"format": "pkdesk.plan", "version": 1, "plan": {', encoding="utf-8")
    markup = tmp_path / "<b>bold<i>.pkplan.json"
    markup.write_text('{"format": "pkdesk.plan", "version": 1, "plan": '
                      '{"title": "x", "context": "<img src=x onerror=alert(1)>"}}',
                      encoding="utf-8")
    deep = tmp_path / "deep.pkplan.json"
    deep.write_text("[" * 100_000, encoding="utf-8")
    _drop(window, [bad_json, markup, deep, EXAMPLES / "unoci-2004.pkplan.json"])
    page = window.planner
    assert PlanRepository(db).count() == 1           # the good file still went in
    boxes = message_boxes(page)
    assert len(boxes) == 1 and boxes[0].textFormat() == Qt.TextFormat.PlainText
    text = boxes[0].text()
    assert "broken.pkplan.json" in text
    assert "<b>bold<i>.pkplan.json" in text and "<img src=x onerror=alert(1)>" in text
    assert "deep.pkplan.json" in text
    qtbot.mouseClick(boxes[0].button(QMessageBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not message_boxes(page), timeout=1000)


def test_personnel_required_is_optional_undoable_and_saved(
        qtbot: QtBot, db: Database, tmp_path: Path) -> None:
    plan_id = import_example(db, "unoci-2004.pkplan.json")     # estimates 6,240
    window = open_planner(qtbot, db, tmp_path)
    page, spin = window.planner, window.planner.form.personnel_required
    assert spin.value() == 6240
    spin.setValue(9000)        # more than its 6,240 personnel: RESOURCES-006 warns
    assert page.plan.resources.personnel_required == 9000
    qtbot.waitUntil(lambda: any(f.rule == "RESOURCES-006" for f in page.result.findings),
                    timeout=1000)
    spin.setValue(0)           # "Not estimated": the file's null, and no warning
    assert spin.text() == "Not estimated"
    assert page.plan.resources.personnel_required is None
    page.flush()
    reopened = _reopened(db)
    assert reopened.get(plan_id).resources.personnel_required is None
    assert reopened.revisions(plan_id)[-1].summary == "changed personnel required"
    reopened.db.close()
    page.undo_action.trigger()     # both spin steps were one typing session: back to 6,240
    assert page.plan.resources.personnel_required == 6240 and spin.value() == 6240
    assert page.undo_action.text().startswith("&Undo")
