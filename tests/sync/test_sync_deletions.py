"""Deletions and undeletions travel in sync bundles (format version 2), weighed by revision
ancestry: a deletion wins where the plan has no revision the deleting side had not seen; a
plan edited after (or without seeing) the other side's deletion is kept there, and restored
at the deleting side at the next exchange, with the edit. Store A is a SQLite file or the
team database on PostgreSQL (``any_db_url``); laptop B a SQLite file."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from sqlalchemy import select

from pkdesk.core.sync.bundle import PLAIN_VERSION, VERSION, decode_bundle, encode_bundle
from pkdesk.store.db import Database
from pkdesk.store.models import PlanRow
from pkdesk.store.plan_repo import PlanRepository
from pkdesk.store.sync_repo import SyncRepository
from tests.sync.support import exchange, sample_plan


def _deleted(db: Database, uid: str) -> bool:
    with db.session() as s:
        row = s.scalar(select(PlanRow).where(PlanRow.uid == uid))
        assert row is not None
        return row.deleted_at is not None


def _titles(db: Database) -> list[str]:
    return [p.title for p in PlanRepository(db).list()]


def _shared(a: Database, b: Database, tmp_path: Path) -> tuple[str, int, int]:
    plan = sample_plan()
    pid_a = PlanRepository(a).create(plan)
    assert exchange(a, b, tmp_path, "share").added == [plan.title]
    pid_b, _ = PlanRepository(b).get_by_uid(plan.uid)
    return plan.uid, pid_a, pid_b


def test_a_deletion_reaches_the_other_store_and_an_undeletion_too(
        stores: tuple[Database, Database], tmp_path: Path) -> None:
    a, b = stores
    uid, pid_a, _ = _shared(a, b, tmp_path)
    title = sample_plan().title
    PlanRepository(a).delete(pid_a)
    out = exchange(a, b, tmp_path, "deleted")
    assert out.deleted == [title] and not out.kept and not out.restored
    assert "1 deleted" in out.summary()
    assert _deleted(b, uid) and title not in _titles(b)
    # Back to A: nothing to undo; both stay deleted.
    out = exchange(b, a, tmp_path, "back")
    assert not (out.deleted or out.restored or out.kept)
    assert _deleted(a, uid)
    # Undeleted at A: restored at B.
    PlanRepository(a).undelete(pid_a)
    out = exchange(a, b, tmp_path, "undeleted")
    assert out.restored == [title] and not out.deleted
    assert not _deleted(b, uid) and _titles(b) == [title]


def test_a_deletion_after_edits_the_other_side_lacks_still_wins(
        stores: tuple[Database, Database], tmp_path: Path) -> None:
    a, b = stores
    uid, pid_a, pid_b = _shared(a, b, tmp_path)
    repo_a = PlanRepository(a)
    repo_a.save(pid_a, replace(repo_a.get(pid_a), notes="edited at A, then deleted"))
    repo_a.delete(pid_a)
    out = exchange(a, b, tmp_path, "edit-then-delete")
    assert out.deleted == [sample_plan().title]
    assert _deleted(b, uid)
    # B keeps the history, A's edit included, as A had it when deleting.
    assert [r.number for r in PlanRepository(b).revisions(pid_b)] == [1, 2]


def test_a_plan_edited_after_the_other_side_deleted_it_is_kept_and_comes_back(
        stores: tuple[Database, Database], tmp_path: Path) -> None:
    a, b = stores
    uid, pid_a, pid_b = _shared(a, b, tmp_path)
    title = sample_plan().title
    PlanRepository(a).delete(pid_a)
    repo_b = PlanRepository(b)
    repo_b.save(pid_b, replace(repo_b.get(pid_b), notes="B patrols the river crossing"))
    out = exchange(a, b, tmp_path, "deleted-there")
    assert out.kept == [title] and not out.deleted
    assert "kept though deleted at the other store" in out.summary()
    assert not _deleted(b, uid) and _titles(b) == [title]
    out = exchange(b, a, tmp_path, "edited-here")
    assert out.restored == [title] and out.fast_forwarded == [title]
    assert not _deleted(a, uid)
    assert PlanRepository(a).get(pid_a).notes == "B patrols the river crossing"
    # Settled: a further exchange either way changes nothing.
    for name, (src, dst) in (("again-ab", (a, b)), ("again-ba", (b, a))):
        out = exchange(src, dst, tmp_path, name)
        assert not (out.deleted or out.restored or out.kept), name
    assert not _deleted(a, uid) and not _deleted(b, uid)


def test_deleted_on_both_sides_stays_deleted(stores: tuple[Database, Database],
                                             tmp_path: Path) -> None:
    a, b = stores
    uid, pid_a, pid_b = _shared(a, b, tmp_path)
    PlanRepository(a).delete(pid_a)
    PlanRepository(b).delete(pid_b)
    for name, (src, dst) in (("ab", (a, b)), ("ba", (b, a))):
        out = exchange(src, dst, tmp_path, name)
        assert not (out.deleted or out.restored or out.kept), name
    assert _deleted(a, uid) and _deleted(b, uid)


def test_a_plan_new_to_the_store_and_deleted_at_the_source_arrives_deleted(
        stores: tuple[Database, Database], tmp_path: Path) -> None:
    a, b = stores
    plan = sample_plan("Created and dropped")
    pid_a = PlanRepository(a).create(plan)
    PlanRepository(a).delete(pid_a)
    out = exchange(a, b, tmp_path, "new-deleted")
    assert out.deleted == [plan.title] and not out.added
    assert _deleted(b, plan.uid) and _titles(b) == []


def test_the_bundle_is_version_2_only_when_it_carries_deletions(
        stores: tuple[Database, Database], tmp_path: Path) -> None:
    a, b = stores
    PlanRepository(a).create(sample_plan())
    plain = encode_bundle(SyncRepository(a).prepare_export().bundle)
    assert json.loads(plain.partition(b"\n")[0])["version"] == PLAIN_VERSION == 1
    pid = PlanRepository(a).create(sample_plan("To delete"))
    PlanRepository(a).delete(pid)
    export = SyncRepository(a).prepare_export()
    raw = encode_bundle(export.bundle)
    assert json.loads(raw.partition(b"\n")[0])["version"] == VERSION == 2
    back = decode_bundle(raw, "x.pksync")
    assert [(d.deleted, d.seq) for d in back.deletions] == [(True, 1)]
