"""The Planner's Performance tab, driven as a user would: the keyboard, a real database, the
autosaver writing revisions."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from pkdesk.core.plan.model import Plan
from pkdesk.store.db import Database
from pkdesk.store.plan_repo import PlanRepository
from pkdesk.ui.planner.performance.data_point_model import DATE, VALUE
from pkdesk.ui.window.main_window import MainWindow
from tests.ui.i18n_helpers import speaking
from tests.ui.planner_helpers import import_example, open_planner

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def _focus() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def _type(qtbot: QtBot, text: str) -> None:
    """Type as the keyboard does: each key to whatever has the focus (the cell's editor
    opens on the first key)."""
    for char in text:
        qtbot.keyClick(_focus(), char)


def _enter(qtbot: QtBot) -> None:
    """Enter, and the events it posts (the editor commits and closes in a queued call)."""
    qtbot.keyClick(_focus(), Qt.Key.Key_Return)
    qtbot.wait(1)


def _performance(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClick(window, Qt.Key.Key_R, CTRL | SHIFT)
    assert window.planner.plan_tabs.currentWidget() is window.planner.performance


def _points(plan: Plan) -> list[tuple[str, float]]:
    """The first indicator's points (none while the plan has no indicator)."""
    return [(p.date, p.value) for o in plan.performance.objectives[:1]
            for i in o.indicators[:1] for p in i.data]


def _with_objective_and_indicator(qtbot: QtBot, window: MainWindow) -> None:
    page, tab = window.planner, window.planner.performance
    tab.new_objective.setFocus()
    qtbot.keyClicks(tab.new_objective, "Fewer attacks on IDP sites in Sector East")
    qtbot.keyClick(tab.new_objective, Qt.Key.Key_Return)
    assert page.plan is not None
    [objective] = page.plan.performance.objectives
    assert objective.text == "Fewer attacks on IDP sites in Sector East"
    assert objective.objective == page.plan.mandate.objectives[0]
    assert tab.current_objective_uid() == objective.uid
    qtbot.mouseClick(tab.add_indicator_button, Qt.MouseButton.LeftButton)
    assert QApplication.focusWidget() is tab.editor.text
    _type(qtbot, "Attacks per month")
    qtbot.keyClick(tab.editor.text, Qt.Key.Key_Tab)      # leaving the field commits it
    [indicator] = page.plan.performance.objectives[0].indicators
    assert indicator.text == "Attacks per month"
    tab.table.setFocus()
    tab.table.go_to("", DATE)


def test_three_points_by_keyboard_one_undone_and_the_rest_autosaved(
        qtbot: QtBot, db: Database, tmp_path: Path) -> None:
    plan_id = import_example(db, "unoci-2004.pkplan.json")
    window = open_planner(qtbot, db, tmp_path)
    page, tab = window.planner, window.planner.performance
    _performance(qtbot, window)
    _with_objective_and_indicator(qtbot, window)
    steps = page.undo_stack.count()
    for day, value in (("2025-01-31", "12"), ("28/02/2025", "9"), ("2025-03-31", "7.5")):
        _type(qtbot, day)
        _enter(qtbot)       # on to the value
        assert tab.table.currentIndex().column() == VALUE
        _type(qtbot, value)
        _enter(qtbot)       # the point is added; the cursor is back in the new last row
        qtbot.waitUntil(lambda: tab.table.currentIndex().row() == tab.points.rowCount() - 1
                        and tab.table.currentIndex().column() == DATE)
    assert page.plan is not None
    assert _points(page.plan) == [("2025-01-31", 12.0), ("2025-02-28", 9.0),
                                  ("2025-03-31", 7.5)]
    assert tab.chart.data is not None and tab.chart.data.latest is not None
    assert "7.5" in tab.chart.summary and "2025-03-31" in tab.chart.summary   # the chart follows
    assert page.undo_stack.count() == steps + 3     # one undo step per point
    assert page.plan.performance.objectives[0].indicators[0].data[0].recorded_by \
        == tab.points.recorded_by
    qtbot.keyClick(tab.table, Qt.Key.Key_Z, CTRL)
    assert _points(page.plan) == [("2025-01-31", 12.0), ("2025-02-28", 9.0)]
    assert tab.points.rowCount() == 3               # two points and the empty row
    assert "2025-02-28" in tab.chart.summary
    repo = PlanRepository(db)
    qtbot.waitUntil(lambda: _points(repo.get(plan_id)) == [("2025-01-31", 12.0),
                                                           ("2025-02-28", 9.0)], timeout=3000)


def test_enter_in_a_filled_row_commits_and_moves_down_and_delete_removes(
        qtbot: QtBot, db: Database, tmp_path: Path) -> None:
    import_example(db, "unoci-2004.pkplan.json")
    window = open_planner(qtbot, db, tmp_path)
    page, tab = window.planner, window.planner.performance
    _performance(qtbot, window)
    _with_objective_and_indicator(qtbot, window)
    for day, value in (("2025-01-31", "12"), ("2025-02-28", "9")):
        _type(qtbot, day)
        _enter(qtbot)
        _type(qtbot, value)
        _enter(qtbot)
        qtbot.waitUntil(lambda: tab.table.currentIndex().column() == DATE)
    tab.table.setCurrentIndex(tab.points.index(0, VALUE))
    _type(qtbot, "11")
    _enter(qtbot)
    qtbot.waitUntil(lambda: page.plan is not None and _points(page.plan)[0][1] == 11.0)
    assert tab.table.currentIndex().row() == 1 and tab.table.currentIndex().column() == VALUE
    tab.table.setCurrentIndex(tab.points.index(0, DATE))
    qtbot.keyClick(tab.table, Qt.Key.Key_Delete)
    assert page.plan is not None and _points(page.plan) == [("2025-02-28", 9.0)]


def test_a_bad_date_or_value_is_refused_in_the_status_line_and_nothing_is_stored(
        qtbot: QtBot, db: Database, tmp_path: Path) -> None:
    plan_id = import_example(db, "unoci-2004.pkplan.json")
    window = open_planner(qtbot, db, tmp_path)
    page, tab = window.planner, window.planner.performance
    _performance(qtbot, window)
    _with_objective_and_indicator(qtbot, window)
    with qtbot.waitSignal(page.session.message) as said:
        _type(qtbot, "2025-02-30")
        _enter(qtbot)
    assert said.args == ["“2025-02-30” is not a day of the calendar."]
    assert window.statusBar().currentMessage() == said.args[0]
    assert tab.points.draft.date == ""
    tab.table.setCurrentIndex(tab.points.index(0, VALUE))
    with qtbot.waitSignal(page.session.message) as said:
        _type(qtbot, "12,5")         # a French decimal comma, in the English window
        _enter(qtbot)
    assert "not a number" in said.args[0]
    qtbot.wait(50)
    assert page.plan is not None and _points(page.plan) == []
    page.flush()
    assert _points(PlanRepository(db).get(plan_id)) == []
    # A point stored: a bad value typed over its value is refused, the old value stays.
    tab.table.go_to("", DATE)
    _type(qtbot, "2025-01-31")
    _enter(qtbot)
    _type(qtbot, "12")
    _enter(qtbot)
    qtbot.waitUntil(lambda: page.plan is not None and len(_points(page.plan)) == 1)
    tab.table.setCurrentIndex(tab.points.index(0, VALUE))
    with qtbot.waitSignal(page.session.message) as said:
        _type(qtbot, "twelve")
        _enter(qtbot)
    assert said.args == ["“twelve” is not a number."]
    assert _points(page.plan) == [("2025-01-31", 12.0)]
    assert tab.points.index(0, VALUE).data() == "12"


def test_french_numbers_take_a_decimal_comma(qtbot: QtBot, db: Database,
                                            tmp_path: Path) -> None:
    import_example(db, "unoci-2004.pkplan.json")
    with speaking("fr"):
        window = open_planner(qtbot, db, tmp_path)
        page, tab = window.planner, window.planner.performance
        _performance(qtbot, window)
        _with_objective_and_indicator(qtbot, window)
        _type(qtbot, "31/03/2025")
        _enter(qtbot)
        _type(qtbot, "7,5")
        _enter(qtbot)
        qtbot.waitUntil(lambda: page.plan is not None and len(_points(page.plan)) == 1)
        assert page.plan is not None and _points(page.plan) == [("2025-03-31", 7.5)]
        assert tab.points.index(0, VALUE).data() == "7,5"
        tab.editor.baseline.setFocus()
        tab.editor.baseline.setText("1 250,5")
        tab.editor.baseline_date.setFocus()          # leaving the field commits it
        indicator = page.plan.performance.objectives[0].indicators[0]
        assert indicator.baseline == 1250.5


def test_the_indicator_editor_refuses_a_date_that_does_not_exist(
        qtbot: QtBot, db: Database, tmp_path: Path) -> None:
    import_example(db, "unoci-2004.pkplan.json")
    window = open_planner(qtbot, db, tmp_path)
    page, tab = window.planner, window.planner.performance
    _performance(qtbot, window)
    _with_objective_and_indicator(qtbot, window)
    assert page.plan is not None
    before = page.plan
    editor = tab.editor
    editor.target_date.setFocus()
    qtbot.keyClicks(editor.target_date, "31/06/2026")
    qtbot.keyClick(editor.target_date, Qt.Key.Key_Tab)
    assert editor.problem.isVisible()
    assert editor.problem.text() == "Target date: “31/06/2026” is not a day of the calendar."
    assert page.plan == before
    editor.target_date.setFocus()
    editor.target_date.setText("30/06/2026")
    qtbot.keyClick(editor.target_date, Qt.Key.Key_Tab)
    assert not editor.problem.isVisible()
    assert page.plan.performance.objectives[0].indicators[0].target_date == "2026-06-30"


def test_overdue_reviews_are_shown(qtbot: QtBot, db: Database, tmp_path: Path) -> None:
    plan_id = import_example(db, "unoci-2004.pkplan.json")
    repo = PlanRepository(db)
    plan = repo.get(plan_id)
    start = date.today() - timedelta(days=200)
    plan = dataclasses.replace(
        plan, mandate=dataclasses.replace(plan.mandate, review_months=3),
        performance=dataclasses.replace(plan.performance, start=start.isoformat()))
    repo.save(plan_id, plan)
    window = open_planner(qtbot, db, tmp_path)
    tab = window.planner.performance
    _performance(qtbot, window)
    assert tab.start.text() == start.isoformat()
    assert tab.overdue.isVisible()
    assert tab.overdue.text().startswith("Overdue: 2 reviews due on ")
    assert tab.next_review.text().endswith("(due now)")



def test_a_date_typed_in_the_last_row_stays_with_its_indicator(
        qtbot: QtBot, db: Database, tmp_path: Path) -> None:
    import_example(db, "sector-east-2024.pkplan.json")
    window = open_planner(qtbot, db, tmp_path)
    tab = window.planner.performance
    _performance(qtbot, window)
    tab.select_objective("se-obj-poc")
    assert tab.indicators.rowCount() == 2
    tab.table.setFocus()
    tab.table.go_to("", DATE)
    _type(qtbot, "2026-01-31")
    _enter(qtbot)
    assert tab.points.draft.date == "2026-01-31"
    tab.select_indicator(tab.indicators.indicator(1).uid)  # type: ignore[union-attr]
    assert tab.points.draft.date == ""
    last = tab.points.rowCount() - 1
    assert tab.points.index(last, DATE).data() == ""
