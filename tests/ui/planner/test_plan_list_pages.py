"""Issue 17: the Planner reads its plan list a page at a time (``store.queries.plan_list_page``):
top-level plans from the plan list's index (migration 0008), each with its variants. The
pages put together are exactly the whole list in lineage order, whatever the page size, the
ties in time, deleted parents, a plan that names itself as parent or a cycle of parents."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from pkdesk.store import queries
from pkdesk.store.library import open_library
from pkdesk.store.plan_repo import PlanRepository
from pkdesk.ui.planner.plan_list_model import BATCH, DEPTH_ROLE, PlanListModel, lineage_order

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "benchmarks"))

from make_big_db import make_big_db  # noqa: E402

PLANS = 120


@pytest.fixture
def awkward(tmp_path: Path) -> Path:
    """make_big_db's plans (one in ten a variant), and by hand: ties in time, a deleted
    parent, a plan its own parent, a cycle of two, a variant of a variant."""
    path = make_big_db(tmp_path / "hq.sqlite3", plans=PLANS, revisions=1)
    conn = sqlite3.connect(path)
    try:
        uid = {i: u for i, u in conn.execute("SELECT id, uid FROM plan")}
        stamp = conn.execute("SELECT updated_at FROM plan WHERE id = 50").fetchone()[0]
        conn.execute("UPDATE plan SET updated_at = ? WHERE id BETWEEN 40 AND 60", (stamp,))
        conn.execute("UPDATE plan SET deleted_at = updated_at WHERE id = 3")
        conn.execute("UPDATE plan SET parent_uid = ? WHERE id IN (4, 5)", (uid[3],))
        conn.execute("UPDATE plan SET parent_uid = uid WHERE id = 7")
        conn.execute("UPDATE plan SET parent_uid = ? WHERE id = 8", (uid[9],))
        conn.execute("UPDATE plan SET parent_uid = ? WHERE id = 9", (uid[8],))
        conn.execute("UPDATE plan SET parent_uid = ? WHERE id = 11", (uid[100],))   # older
        conn.execute("UPDATE plan SET parent_uid = ? WHERE id = 12", (uid[11],))
        conn.commit()
    finally:
        conn.close()
    return path


def _whole(repo: PlanRepository) -> list[tuple[int, int]]:
    return [(p.id, depth) for p, depth in lineage_order(repo.list())]


@pytest.mark.parametrize("roots", [1, 7, 50, BATCH])
def test_the_pages_put_together_are_the_whole_list_in_lineage_order(awkward: Path,
                                                                    roots: int) -> None:
    db = open_library(awkward)
    try:
        repo = PlanRepository(db)
        paged: list[tuple[int, int]] = []
        cursor = None
        while True:
            rows, cursor = repo.list_page(cursor, roots)
            paged += [(p.id, depth) for p, depth in rows]
            if cursor is None:
                break
        whole = _whole(repo)
        # The cycle (and any variant of it) is in no page: it ends the list, flat, in the
        # model as in lineage_order.
        assert paged == whole[:len(paged)]
        assert {8, 9} <= {i for i, _ in whole[len(paged):]}
        assert {depth for _, depth in whole[len(paged):]} == {0}
        ids = [i for i, _ in paged]
        depth = dict(paged)
        # 11, a variant of the older 100, under it (and 12 under 11), far from its own place.
        assert ids.index(100) < ids.index(11) < ids.index(12)
        assert depth[12] == depth[11] + 1 == depth[100] + 2
        assert depth[7] == 0
        assert (4, 0) in paged and (5, 0) in paged     # their parent is deleted
        assert repo.count() == PLANS - 1
    finally:
        db.close()


def test_the_model_reads_a_page_at_a_time_and_ends_with_the_cycle(qtbot: QtBot,
                                                                  awkward: Path) -> None:
    db = open_library(awkward)
    try:
        repo = PlanRepository(db)
        model = PlanListModel()
        model.set_source(repo)
        assert model.total() == PLANS - 1
        assert model.rowCount() == PLANS - 1 and not model.canFetchMore()   # one page, all
        small = PlanListModel()
        # The same through the in-memory list and the database: ids, depths, parents' titles.
        small.set_plans(repo.list())
        assert [(p.id, model.index(r).data(DEPTH_ROLE)) for r, p in enumerate(model.plans())] \
            == [(p.id, small.index(r).data(DEPTH_ROLE)) for r, p in enumerate(small.plans())]
        assert [model.parent_title(r) for r in range(model.rowCount())] \
            == [small.parent_title(r) for r in range(small.rowCount())]
    finally:
        db.close()


def test_a_long_list_reads_one_page_and_the_plan_wanted(qtbot: QtBot, tmp_path: Path) -> None:
    path = make_big_db(tmp_path / "hq.sqlite3", plans=3 * BATCH, revisions=1)
    db = open_library(path)
    try:
        repo = PlanRepository(db)
        model = PlanListModel()
        model.set_source(repo)
        depths = [model.index(r).data(DEPTH_ROLE) for r in range(model.rowCount())]
        assert depths.count(0) == BATCH and model.rowCount() < 3 * BATCH
        assert model.canFetchMore() and model.total() == 3 * BATCH
        oldest = min(p.id for p in repo.list())
        row = model.row_of(oldest)       # read up to it, not past its page
        assert row is not None and model.plan_id(row) == oldest
        assert model.rowCount() == 3 * BATCH and not model.canFetchMore()
        # A plan not in the list (deleted) is not looked for page after page.
        model.set_source(repo)
        repo.delete(oldest)
        assert model.row_of(oldest) is None and model.canFetchMore()
    finally:
        db.close()


def test_a_page_is_read_from_the_plan_list_index(tmp_path: Path) -> None:
    db = open_library(tmp_path / "pkdesk.sqlite3")
    db.close()
    conn = sqlite3.connect(tmp_path / "pkdesk.sqlite3")
    try:
        for sql, params in ((queries.PLAN_ROOTS, (BATCH,)),
                            (queries.PLAN_ROOTS_AFTER, ("2026-01-01", "2026-01-01", 5, BATCH)),
                            (queries.PLAN_COUNT, ())):
            plan = " / ".join(r[3] for r in conn.execute("EXPLAIN QUERY PLAN " + sql, params))
            assert "ix_plan_listed" in plan and "TEMP B-TREE" not in plan, plan
    finally:
        conn.close()


def test_a_plan_is_listed_once_when_the_list_changes_between_pages(qtbot: QtBot,
                                                                   tmp_path: Path) -> None:
    path = make_big_db(tmp_path / "hq.sqlite3", plans=3 * BATCH, revisions=1)
    conn = sqlite3.connect(path)
    try:   # the oldest plan, a variant of the newest: listed under it, on the first page
        newest = conn.execute("SELECT max(id) FROM plan WHERE parent_uid IS NULL").fetchone()[0]
        conn.execute("UPDATE plan SET parent_uid = (SELECT uid FROM plan WHERE id = ?) "
                     "WHERE id = 1", (newest,))
        conn.commit()
    finally:
        conn.close()
    db = open_library(path)
    try:
        repo = PlanRepository(db)
        model = PlanListModel()
        model.set_source(repo)
        first = model.rowCount()
        assert model.row_of(1) is not None and model.rowCount() == first   # on page one
        assert model.canFetchMore()
        repo.delete(newest)    # elsewhere: plan 1 is now a top-level plan, on the last page
        ids = [p.id for p in model.plans()]
        assert len(ids) == len(set(ids)) == 3 * BATCH
    finally:
        db.close()
