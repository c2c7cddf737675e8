"""Issue 17: a headquarters' plan list (hundreds to thousands of plans) is handed to the view
in batches as it scrolls (``canFetchMore``/``fetchMore``), so the Planner opens without
laying out every row; the plan to show is handed over first wherever it is in the list."""

from __future__ import annotations

import sys
from pathlib import Path

from pytestqt.qtbot import QtBot

from pkdesk.store.library import open_library
from pkdesk.store.plan_repo import PlanRepository
from pkdesk.ui.planner.plan_list_model import BATCH, DEPTH_ROLE
from tests.ui.planner_helpers import open_planner

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "benchmarks"))

from make_big_db import make_big_db  # noqa: E402

PLANS = 2 * BATCH + 50


def test_a_long_plan_list_is_shown_in_batches_the_wanted_plan_first(
        qtbot: QtBot, tmp_path: Path) -> None:
    path = make_big_db(tmp_path / "hq.sqlite3", plans=PLANS, revisions=1)
    db = open_library(path)
    try:
        window = open_planner(qtbot, db, tmp_path)
        page = window.planner
        model, view = page.list_model, page.list_view
        assert model.total() == PLANS
        # One page: BATCH top-level plans, each with its variants.
        top = [r for r in range(model.rowCount()) if model.index(r).data(DEPTH_ROLE) == 0]
        assert len(top) == BATCH and BATCH <= model.rowCount() < PLANS and model.canFetchMore()
        assert page.plan_id == model.plan_id(0)            # the newest plan, shown
        # The oldest plan (last in the list) is chosen: its row is handed to the view.
        oldest = min(p.id for p in PlanRepository(db).list())
        page.select_plan(oldest)
        assert page.plan_id == oldest and page.plan is not None
        row = model.row_of(oldest)
        assert row == PLANS - 1 and model.rowCount() == PLANS
        assert view.currentIndex().row() == row
        assert not model.canFetchMore()
        # Reloaded (a plan saved elsewhere), the list starts short again but keeps the plan.
        page.reload_list()
        assert page.plan_id == oldest and view.currentIndex().row() == PLANS - 1
        window.close()
        window.wait_for_backup()
    finally:
        db.close()


def test_scrolling_to_the_end_fetches_the_next_batch(qtbot: QtBot, tmp_path: Path) -> None:
    path = make_big_db(tmp_path / "hq.sqlite3", plans=PLANS, revisions=1)
    db = open_library(path)
    try:
        window = open_planner(qtbot, db, tmp_path)
        model, view = window.planner.list_model, window.planner.list_view
        first = model.rowCount()
        assert BATCH <= first < PLANS
        view.scrollToBottom()
        qtbot.waitUntil(lambda: model.rowCount() > first)
        assert model.rowCount() <= PLANS
        window.close()
        window.wait_for_backup()
    finally:
        db.close()
