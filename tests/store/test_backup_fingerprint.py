"""Issue 17: the backup change fingerprint reads no plan document (10,000 plans x 20
revisions is ~700 MB), yet changes with every change a user can make."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from pkdesk.core.plan.model import Plan
from pkdesk.store.backup import _snapshot, fingerprint
from pkdesk.store.db import Database
from pkdesk.store.plan_repo import PlanRepository
from pkdesk.store.reference_repo import ReferenceRepository


def _fp(path: Path) -> str:
    with _snapshot(path) as conn:
        return fingerprint(conn)


def test_the_fingerprint_reads_no_plan_document(db: Database) -> None:
    repo = PlanRepository(db)
    plan_id = repo.create(Plan(title="Read me not"))
    repo.save(plan_id, Plan(title="Read me not either", uid=repo.get(plan_id).uid))
    read: set[tuple[str, str]] = set()

    def authorizer(action: int, arg1: str | None, arg2: str | None, *_: object) -> int:
        if action == sqlite3.SQLITE_READ and arg1 and arg2:
            read.add((arg1, arg2))
        return sqlite3.SQLITE_OK

    with _snapshot(db.path) as conn:
        conn.set_authorizer(authorizer)
        fingerprint(conn)
    assert ("plan", "revision") in read          # it does look at the plans
    assert ("plan", "document") not in read
    assert ("plan_revision", "document") not in read


def test_every_kind_of_change_changes_the_fingerprint(db: Database) -> None:
    repo, ref = PlanRepository(db), ReferenceRepository(db)
    seen = [_fp(db.path)]

    def changed() -> None:
        seen.append(_fp(db.path))
        assert seen[-1] != seen[-2] and seen[-1] not in seen[:-1]

    plan_id = repo.create(Plan(title="A"))
    changed()
    uid = repo.get(plan_id).uid
    repo.save(plan_id, Plan(title="A", uid=uid, notes="more"))
    changed()
    repo.delete(plan_id)
    changed()
    repo.undelete(plan_id)
    seen.append(_fp(db.path))
    assert seen[-1] != seen[-2]                   # (the same as before the delete is fine)
    ref.set_bookmark("intersection", True)
    changed()
    ref.set_note("intersection", "a note")
    changed()
    ref.set_note("intersection", "another note")
    changed()
    assert _fp(db.path) == seen[-1]              # nothing changed: the same
