"""On a team database an author (not the administrator) deletes and undeletes a plan, and
exports and imports bundles carrying that (migration 0010 grants ``sync_deletion``)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from pkdesk.store.db import Database
from pkdesk.store.models import PlanRow, SyncDeletion
from pkdesk.store.plan_repo import PlanRepository
from tests.sync.support import exchange, open_store, sample_plan
from tests.team.conftest import Team


def test_an_author_deletes_and_the_deletion_travels(team: Team, tmp_path: Path) -> None:
    author = Database.open(team.url("author"))
    laptop = open_store(tmp_path / "laptop.sqlite3")
    try:
        repo = PlanRepository(author)
        plan_id = repo.create(sample_plan())
        assert exchange(author, laptop, tmp_path, "share").added == [sample_plan().title]
        repo.delete(plan_id)
        repo.undelete(plan_id)
        repo.delete(plan_id)
        with author.session() as s:
            assert s.scalar(select(SyncDeletion.seq).where(SyncDeletion.plan_id == plan_id)) == 3
        assert exchange(author, laptop, tmp_path, "deleted").deleted == [sample_plan().title]
        with laptop.session() as s:
            pid_b = s.scalars(select(PlanRow.id)).one()
        PlanRepository(laptop).undelete(pid_b)
        out = exchange(laptop, author, tmp_path, "undeleted")   # the author imports it
        assert out.restored == [sample_plan().title]
        assert [p.title for p in repo.list()] == [sample_plan().title]
    finally:
        author.close()
        laptop.close()
