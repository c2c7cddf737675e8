"""Hold Review…: suggested ratings, a changed rating needs a reason, decisions that branch a
scenario or open a revision, the review as one undo step, past reviews read-only with their
links followable. A real database; the plan as a team would have it after 18 months."""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit
from pytestqt.qtbot import QtBot

from pkdesk.core.performance.ratings import suggest_rating
from pkdesk.core.plan.model import DataPoint, Indicator, MissionObjective, Performance
from pkdesk.store.db import Database
from pkdesk.store.plan_repo import PlanRepository
from pkdesk.ui.planner.performance.review_dialog import ReviewDialog, ReviewView
from pkdesk.ui.scenarios.history_panel import HistoryPanel
from pkdesk.ui.window.main_window import MainWindow
from tests.ui.planner_helpers import import_example, open_planner

REVIEW_DAY = date(2025, 7, 15)


def _performance() -> Performance:
    """Two worded objectives: attacks falling faster than planned (on track), and patrols
    far behind their line and not catching up (off track)."""
    attacks = Indicator(text="Attacks on IDP sites", unit="attacks", baseline=20,
                        baseline_date="2024-01-01", target=4, target_date="2025-12-31",
                        direction="lower", data=[DataPoint(9, "2025-05-31"),
                                                 DataPoint(6, "2025-06-30")])
    patrols = Indicator(text="Night patrols per week", baseline=2, baseline_date="2024-01-01",
                        target=30, target_date="2025-12-31", direction="higher",
                        frequency="monthly", data=[DataPoint(5, "2025-05-31"),
                                                   DataPoint(4, "2025-06-30")])
    return Performance(start="2024-01-01", objectives=[
        MissionObjective("protect_civilians", "Fewer attacks on IDP sites in Sector East",
                         [attacks]),
        MissionObjective("protect_civilians", "Patrols reach the camps at night", [patrols])])


def _open(qtbot: QtBot, db: Database, tmp_path: Path) -> tuple[int, MainWindow]:
    plan_id = import_example(db, "unoci-2004.pkplan.json")
    repo = PlanRepository(db)
    plan = repo.get(plan_id)
    repo.save(plan_id, dataclasses.replace(
        plan, mandate=dataclasses.replace(plan.mandate, objectives=["protect_civilians"]),
        performance=_performance()))
    window = open_planner(qtbot, db, tmp_path)
    window.planner.performance.today = lambda: REVIEW_DAY
    return plan_id, window


def _dialog(qtbot: QtBot, window: MainWindow) -> ReviewDialog:
    tab = window.planner.performance
    qtbot.mouseClick(tab.hold_button, Qt.MouseButton.LeftButton)
    dialog = window.planner.findChild(ReviewDialog)
    assert dialog is not None
    qtbot.waitExposed(dialog)
    return dialog


def test_the_dialog_suggests_each_objectives_rating_from_its_indicators(
        qtbot: QtBot, db: Database, tmp_path: Path) -> None:
    _plan_id, window = _open(qtbot, db, tmp_path)
    dialog = _dialog(qtbot, window)
    assert dialog.date.text() == "2025-07-15"
    suggested = [row.suggested for row in dialog.ratings]
    assert suggested == ["on_track", "off_track"]
    assert suggested == [suggest_rating(o, REVIEW_DAY) for o in _performance().objectives]
    assert [row.combo.currentData() for row in dialog.ratings] == suggested
    assert "target line" in dialog.ratings[0].combo.toolTip()     # RATING_METHOD
    texts = [w.text() for w in dialog.findChildren(QLabel)]
    assert "Attacks on IDP sites: 6 attacks on 2025-06-30" in texts
    assert "Suggested: Off track" in texts


def test_a_changed_rating_without_a_reason_is_refused_and_nothing_stored(
        qtbot: QtBot, db: Database, tmp_path: Path) -> None:
    plan_id, window = _open(qtbot, db, tmp_path)
    page = window.planner
    before = page.plan
    dialog = _dialog(qtbot, window)
    off = dialog.ratings[1]
    off.combo.setCurrentIndex(off.combo.findData("at_risk"))
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert dialog.problem.text() == ("The rating of “Patrols reach the camps at night” differs "
                                     "from the suggestion: say why.")
    assert dialog.focusWidget() is off.reason
    assert page.plan == before
    qtbot.keyClicks(off.reason, "Two new patrol bases open in August")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert page.plan is not None
    [review] = page.plan.performance.reviews
    assert review.date == "2025-07-15"
    assert [(r.rating, r.suggested, r.reason) for r in review.ratings] == [
        ("on_track", "on_track", ""),
        ("at_risk", "off_track", "Two new patrol bases open in August")]
    page.flush()
    assert PlanRepository(db).get(plan_id).performance.reviews == [review]


def test_a_decision_branching_a_scenario_creates_it_and_links_it_in_one_undo_step(
        qtbot: QtBot, db: Database, tmp_path: Path) -> None:
    plan_id, window = _open(qtbot, db, tmp_path)
    page = window.planner
    repo = PlanRepository(db)
    plans_before = len(repo.list())
    steps = page.undo_stack.count()
    dialog = _dialog(qtbot, window)
    decision = dialog.add_decision()
    qtbot.keyClicks(decision.text, "Move a company to Sector East")
    decision.objective.setCurrentIndex(1)
    decision.action.setCurrentIndex(decision.action.findData("scenario"))
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert page.plan_id == plan_id and page.plan is not None     # the plan stays shown
    [stored] = page.plan.performance.reviews[0].decisions
    assert (stored.text, stored.action) == ("Move a company to Sector East", "scenario")
    assert stored.objective == page.plan.performance.objectives[0].uid
    scenario_id, scenario = repo.get_by_uid(stored.link)
    assert scenario.lineage is not None and scenario.lineage.parent == page.plan.uid
    assert scenario.lineage.changes == "Move a company to Sector East"
    assert len(repo.list()) == plans_before + 1
    assert page.undo_stack.count() == steps + 1
    assert page.undo_action.text() == "&Undo Hold review of 2025-07-15"

    page.undo_action.trigger()
    assert page.plan is not None and page.plan.performance.reviews == []
    assert len(repo.list()) == plans_before          # the scenario is gone with it
    page.redo_action.trigger()
    assert page.plan is not None and len(page.plan.performance.reviews) == 1
    assert repo.uid_exists(stored.link)

    # The past review, read-only: its link shows the scenario.
    page.performance.open_review(0)
    view = page.findChild(ReviewView)
    assert view is not None
    [button] = view.link_buttons
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert page.plan_id == scenario_id


def test_a_decision_opening_a_revision_records_the_revision_the_review_is_in(
        qtbot: QtBot, db: Database, tmp_path: Path) -> None:
    plan_id, window = _open(qtbot, db, tmp_path)
    page = window.planner
    repo = PlanRepository(db)
    dialog = _dialog(qtbot, window)
    decision = dialog.add_decision()
    qtbot.keyClicks(decision.text, "Recalibrate the patrol objective")
    decision.action.setCurrentIndex(decision.action.findData("revision"))
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert page.plan is not None
    [stored] = page.plan.performance.reviews[0].decisions
    number = int(stored.link)
    assert repo.current(plan_id)[1] == number
    assert repo.revision(plan_id, number).performance.reviews[0].decisions == [stored]
    page.performance.open_review(0)
    view = page.findChild(ReviewView)
    assert view is not None
    [button] = view.link_buttons
    assert button.text() == f"Show Revision {number}"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    [panel] = [w for w in window.findChildren(HistoryPanel) if w.isVisible()]
    qtbot.waitUntil(lambda: panel.selected_numbers() == [number])


def test_the_example_plans_fourth_review_is_suggested_as_pkdesk_rates_it(
        qtbot: QtBot, db: Database, tmp_path: Path) -> None:
    import_example(db, "sector-east-2024.pkplan.json")
    window = open_planner(qtbot, db, tmp_path)
    tab = window.planner.performance
    tab.today = lambda: date(2026, 1, 9)
    tab.set_plan(window.planner.plan)
    assert tab.reviews.rowCount() == 4
    assert tab.reviews.index(0).data().startswith("2026-01-09")        # newest first
    dialog = _dialog(qtbot, window)
    assert {row.objective.uid: row.suggested for row in dialog.ratings} == {
        "se-obj-poc": "at_risk", "se-obj-access": "on_track",
        "se-obj-talks": "off_track", "se-obj-ddr": "off_track"}
    assert [row.combo.currentText() for row in dialog.ratings] == [
        "At risk", "On track", "Off track", "Off track"]
    dialog.reject()


def test_a_past_review_opens_read_only_with_its_reasons_and_decisions(
        qtbot: QtBot, db: Database, tmp_path: Path) -> None:
    import_example(db, "sector-east-2024.pkplan.json")
    window = open_planner(qtbot, db, tmp_path)
    page = window.planner
    assert page.plan is not None
    reviews = page.plan.performance.reviews
    for row in range(4):
        page.performance.open_review(row)
        view = page.findChild(ReviewView)
        assert view is not None
        texts = "\n".join(label.text() for label in view.findChildren(QLabel))
        review = reviews[len(reviews) - 1 - row]
        for decision in review.decisions:
            assert decision.text in texts
        for rating in review.ratings:
            if rating.reason:
                assert rating.reason in texts
        assert not view.findChildren(QLineEdit) and not view.findChildren(QComboBox)
        view.close()
        view.deleteLater()
        qtbot.wait(1)


def test_the_rating_method_tooltip_is_the_cores_words_in_english() -> None:
    from pkdesk.core.i18n import catalog
    from pkdesk.core.performance.ratings import RATING_METHOD

    assert catalog("en")["ui.performance.review.rating_method"] == RATING_METHOD
    french = catalog("fr")["ui.performance.review.rating_method"]
    assert isinstance(french, str) and "ligne cible" in french
