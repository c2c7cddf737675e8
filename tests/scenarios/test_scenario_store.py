"""Variants and revision history in a real SQLite file."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import func, select

from pkdesk.core.errors import NotFoundError
from pkdesk.core.plan.file import read_plan_file, write_plan_file
from pkdesk.core.whatif import apply_whatifs
from pkdesk.store.db import Database
from pkdesk.store.library import open_library
from pkdesk.store.models import PlanRevisionRow
from pkdesk.store.plan_repo import PlanRepository
from tests.core.plan_samples import sound_plan


def test_branch_is_a_full_copy_with_a_new_uid_and_lineage(db: Database) -> None:
    repo = PlanRepository(db)
    parent_id = repo.create(sound_plan(), author="amina")
    child_id = repo.branch(parent_id, changes="Regional body leads mediation", author="jean")
    parent, child = repo.get(parent_id), repo.get(child_id)
    assert child.uid != parent.uid
    assert child.title == parent.title + " (variant)"
    assert child.lineage is not None
    assert (child.lineage.parent, child.lineage.parent_title, child.lineage.changes) == (
        parent.uid, parent.title, "Regional body leads mediation")
    assert replace(child, uid=parent.uid, title=parent.title, lineage=None) == parent
    first, = repo.revisions(child_id)
    assert (first.author, first.summary) == ("jean", f"branched from {parent.title}")


def test_lineage_queries(db: Database) -> None:
    repo = PlanRepository(db)
    root = repo.create(sound_plan())
    a = repo.branch(root, title="A")
    b = repo.branch(root, title="B")
    a1 = repo.branch(a, title="A1")
    assert [s.title for s in repo.children(root)] == ["A", "B"]
    assert [s.id for s in repo.ancestry(a1)] == [a, root]
    assert repo.ancestry(root) == []
    repo.delete(b)
    assert [s.id for s in repo.children(root)] == [a]
    with pytest.raises(NotFoundError):
        repo.children(999)


def test_lineage_round_trips_through_the_exchange_format(tmp_path: Path, db: Database) -> None:
    repo = PlanRepository(db)
    child_id = repo.branch(repo.create(sound_plan()), changes="Consent withdrawn «test»")
    child = repo.get(child_id)
    path = tmp_path / "variant.pkplan.json"
    write_plan_file(child, path)
    assert read_plan_file(path) == child

    other = open_library(tmp_path / "other-laptop.sqlite3")
    try:
        other_repo = PlanRepository(other)
        imported = other_repo.import_plan(read_plan_file(path))
        assert other_repo.get(imported.id).lineage == child.lineage
        assert other_repo.list()[0].parent_uid == child.lineage.parent  # type: ignore[union-attr]
        assert other_repo.ancestry(imported.id) == []    # its parent is not on this laptop
    finally:
        other.close()


def test_history_edit_diff_restore_loses_nothing(db: Database) -> None:
    repo = PlanRepository(db)
    plan = sound_plan()
    plan_id = repo.create(plan, author="amina")
    withdrawn = apply_whatifs(plan, ["consent_withdrawn"])
    assert repo.save(plan_id, withdrawn, author="jean") == 2
    assert repo.save(plan_id, replace(withdrawn, notes="After the talks")) == 3

    history = repo.revisions(plan_id)
    assert [(r.number, r.author) for r in history] == [(1, "amina"), (2, "jean"), (3, "")]
    assert history[1].summary.startswith("host_consent: granted → withdrawn; "
                                         "parties[Government of Côte d'Ivoire].consent")
    assert history[2].summary.startswith("notes: ")

    changes = repo.diff_revisions(plan_id, 1, 2)
    assert {c.path for c in changes} == {
        "host_consent", "parties[Government of Côte d'Ivoire].consent",
        "parties[Forces Nouvelles].consent"}
    assert [(c.old, c.new) for c in repo.diff_revisions(plan_id, 2, 1)][0] == (
        "withdrawn", "granted")

    assert repo.restore(plan_id, 1, author="amina") == 4
    assert repo.get(plan_id) == plan
    history = repo.revisions(plan_id)
    assert [r.number for r in history] == [1, 2, 3, 4]
    assert history[3].summary.startswith("restored revision 1 (host_consent: withdrawn → "
                                         "granted")
    assert repo.revision(plan_id, 3).notes == "After the talks"   # still there
    assert repo.diff_revisions(plan_id, 1, 4) == []
    with pytest.raises(NotFoundError, match="has no revision 9"):
        repo.restore(plan_id, 9)
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(PlanRevisionRow)) == 4


def test_a_whatif_never_changes_the_stored_plan(db: Database) -> None:
    repo = PlanRepository(db)
    plan_id = repo.create(sound_plan())
    stored = repo.get(plan_id)
    apply_whatifs(stored, ["consent_withdrawn", "funding_cut"], ["notes=changed"])
    assert repo.get(plan_id) == sound_plan()
    assert len(repo.revisions(plan_id)) == 1
