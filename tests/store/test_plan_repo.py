"""Plans in a real SQLite file: create, save as revisions, soft delete, import uid clashes."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import func, select

from pkdesk.core.errors import InputError, NotFoundError
from pkdesk.core.plan.model import Acknowledgement, Lineage, Plan
from pkdesk.core.plan.file import plan_to_dict
from pkdesk.store.db import Database
from pkdesk.store.library import open_library
from pkdesk.store.models import PlanRevisionRow, PlanRow
from pkdesk.store.plan_repo import PlanRepository
from tests.core.plan_samples import sound_plan


def test_create_then_get_gives_the_same_plan(db: Database) -> None:
    repo = PlanRepository(db)
    plan = replace(sound_plan(), extra={"x-annex": [1, 2]},
                   acknowledgements=[Acknowledgement("CLIMATE-001", "seen")])
    plan_id = repo.create(plan, author="planner")
    assert repo.get(plan_id) == plan
    assert repo.get_by_uid(plan.uid) == (plan_id, plan)
    with db.session() as s:
        row = s.get(PlanRow, plan_id)
        assert row is not None
        assert json.loads(row.document) == plan_to_dict(plan)
        assert (row.title, row.revision) == (plan.title, 1)


def test_every_save_is_a_numbered_revision(db: Database) -> None:
    repo = PlanRepository(db)
    plan = Plan(title="First")
    plan_id = repo.create(plan, author="amina")
    assert repo.save(plan_id, replace(plan, title="Second"), author="jean", summary="renamed") == 2
    assert repo.save(plan_id, replace(plan, title="Third")) == 3
    assert repo.get(plan_id).title == "Third"
    assert [(r.number, r.author, r.summary) for r in repo.revisions(plan_id)] == \
        [(1, "amina", "created"), (2, "jean", "renamed"), (3, "", "title: Second → Third")]
    assert [repo.revision(plan_id, n).title for n in (1, 2, 3)] == ["First", "Second", "Third"]
    summary, = repo.list()
    assert (summary.id, summary.title, summary.revision) == (plan_id, "Third", 3)
    with pytest.raises(NotFoundError, match="has no revision 4"):
        repo.revision(plan_id, 4)


def test_list_shows_newest_first_and_mirrors_lineage(db: Database) -> None:
    repo = PlanRepository(db)
    parent = Plan(title="Base")
    first = repo.create(parent)
    second = repo.create(Plan(title="What if", lineage=Lineage(parent.uid, "Base", "no consent")))
    listed = repo.list()
    assert [p.id for p in listed] == [second, first]
    assert listed[0].parent_uid == parent.uid and listed[1].parent_uid is None


def test_delete_is_soft_and_undoable(db: Database) -> None:
    repo = PlanRepository(db)
    plan = Plan(title="Doomed")
    plan_id = repo.create(plan)
    repo.delete(plan_id)
    assert repo.list() == []
    with pytest.raises(NotFoundError, match=f"no plan with id {plan_id}"):
        repo.get(plan_id)
    with pytest.raises(NotFoundError):
        repo.get_by_uid(plan.uid)
    assert len(repo.revisions(plan_id)) == 1   # history survives deletion
    repo.undelete(plan_id)
    assert repo.get(plan_id) == plan


def test_unknown_ids_are_not_found(db: Database) -> None:
    repo = PlanRepository(db)
    for call in (lambda: repo.get(42), lambda: repo.delete(42), lambda: repo.undelete(42),
                 lambda: repo.revisions(42), lambda: repo.save(42, Plan(title="x"))):
        with pytest.raises(NotFoundError, match="no plan with id 42"):
            call()


def test_an_invalid_plan_is_refused_and_nothing_is_written(db: Database) -> None:
    repo = PlanRepository(db)
    plan_id = repo.create(Plan(title="Good"))
    with pytest.raises(InputError, match="plan.title: expected non-empty text"):
        repo.save(plan_id, Plan(title="  ", uid=repo.get(plan_id).uid))
    with pytest.raises(InputError, match="plan.host_consent: expected one of"):
        repo.create(Plan(title="Bad", host_consent="maybe"))
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(PlanRow)) == 1
        assert s.scalar(select(func.count()).select_from(PlanRevisionRow)) == 1
    assert repo.get(plan_id).title == "Good"


def test_saving_another_plans_uid_over_a_plan_is_refused(db: Database) -> None:
    repo = PlanRepository(db)
    plan_id = repo.create(Plan(title="A"))
    with pytest.raises(InputError, match="has uid"):
        repo.save(plan_id, Plan(title="B"))


def test_create_refuses_a_duplicate_uid(db: Database) -> None:
    repo = PlanRepository(db)
    plan = Plan(title="A")
    repo.create(plan)
    with pytest.raises(InputError, match=f"a plan with uid {plan.uid} already exists"):
        repo.create(replace(plan, title="B"))


def test_importing_a_known_uid_keeps_both_plans_under_different_uids(db: Database) -> None:
    repo = PlanRepository(db)
    plan = sound_plan()
    first = repo.import_plan(plan)
    assert first.renamed_from is None and first.plan.uid == plan.uid
    changed = replace(plan, title="Edited on another laptop")
    second = repo.import_plan(changed)
    assert second.renamed_from == plan.uid and second.plan.uid != plan.uid
    assert repo.get(first.id) == plan
    assert repo.get(second.id) == replace(changed, uid=second.plan.uid)
    assert [r.summary for r in repo.revisions(second.id)] == ["imported"]


def test_a_deleted_plans_uid_stays_reserved(db: Database) -> None:
    repo = PlanRepository(db)
    plan = Plan(title="A")
    plan_id = repo.create(plan)
    repo.delete(plan_id)
    assert repo.import_plan(plan).renamed_from == plan.uid
    repo.undelete(plan_id)
    assert repo.count() == 2


def test_plans_survive_reopening_the_database(db_path: Path) -> None:
    database = open_library(db_path)
    plan_id = PlanRepository(database).create(sound_plan())
    database.close()
    database = open_library(db_path)
    try:
        assert PlanRepository(database).get(plan_id) == sound_plan()
    finally:
        database.close()


def test_a_damaged_stored_document_is_a_clear_error(db: Database) -> None:
    repo = PlanRepository(db)
    plan_id = repo.create(Plan(title="A"))
    with db.session() as s:
        row = s.get(PlanRow, plan_id)
        assert row is not None
        row.document = "{not json"
    with pytest.raises(InputError, match=f"plan {plan_id} is damaged"):
        repo.get(plan_id)


def test_a_plan_stored_with_control_characters_still_opens_and_saves(db: Database) -> None:
    """Stored before control characters were refused: read with them as spaces, and the
    next save writes the repaired text (files with them are refused: test_planfile)."""
    repo = PlanRepository(db)
    plan_id = repo.create(Plan(title="Alpha"))
    with db.session() as s:
        row = s.get(PlanRow, plan_id)
        assert row is not None
        doc = json.loads(row.document)
        doc["plan"]["title"] = "Alpha\u0000Beta"
        doc["plan"]["notes"] = "line\nline\u0007"
        row.document = json.dumps(doc)
    plan = repo.get(plan_id)
    assert (plan.title, plan.notes) == ("Alpha Beta", "line\nline ")
    repo.save(plan_id, plan)
    with db.session() as s:
        row = s.get(PlanRow, plan_id)
        assert row is not None and "\\u0000" not in row.document
