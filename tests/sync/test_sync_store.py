"""Sync between two stores through bundle files: on SQLite, and with one side a PostgreSQL
team database (``any_db_url``) and the other a laptop's SQLite file."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import select, update

from pkdesk.core.errors import InputError
from pkdesk.core.plan.model import Party, Plan
from pkdesk.core.sync.identity import revision_id
from pkdesk.store.db import Database
from pkdesk.store.models import PlanRevisionRow, PlanRow
from pkdesk.store.plan_repo import PlanRepository
from pkdesk.store.sync_repo import ALL, SyncRepository
from tests.sync.support import exchange, sample_plan, snapshot


def _head(db: Database, uid: str) -> tuple[str, dict[str, object]]:
    with db.session() as s:
        row = s.scalar(select(PlanRow).where(PlanRow.uid == uid))
        assert row is not None
        rid = s.scalar(select(PlanRevisionRow.rev_id).where(
            PlanRevisionRow.plan_id == row.id, PlanRevisionRow.number == row.revision))
        assert rid is not None
        return rid, json.loads(row.document)


def _on_both(a: Database, b: Database, tmp_path: Path,
             plan: Plan | None = None) -> tuple[Plan, int, int]:
    """``plan`` (the sample plan) made on A and carried to B by a first exchange, "1":
    the plan, and its ids on A and on B."""
    plan = plan or sample_plan()
    pid_a = PlanRepository(a).create(plan)
    exchange(a, b, tmp_path, "1")
    pid_b, _ = PlanRepository(b).get_by_uid(plan.uid)
    return plan, pid_a, pid_b


def test_revision_ids_chain_content_and_parents(stores: tuple[Database, Database]) -> None:
    a, _ = stores
    repo = PlanRepository(a)
    plan = sample_plan()
    pid = repo.create(plan)
    repo.save(pid, replace(plan, notes="second"))
    repo.save(pid, replace(plan, notes="second"))       # the same content again
    with a.session() as s:
        revs = s.execute(select(PlanRevisionRow.rev_id, PlanRevisionRow.parents,
                                PlanRevisionRow.document).where(PlanRevisionRow.plan_id == pid)
                         .order_by(PlanRevisionRow.number)).all()
    assert revs[0].parents == ""
    assert revs[1].parents == revs[0].rev_id and revs[2].parents == revs[1].rev_id
    assert all(r.rev_id == revision_id(r.document, r.parents.split()) for r in revs)
    assert len({r.rev_id for r in revs}) == 3       # same document, other parent: another id


def test_fast_forward_both_ways(stores: tuple[Database, Database], tmp_path: Path) -> None:
    a, b = stores
    plan = sample_plan()
    pid_a = PlanRepository(a).create(plan)
    out = exchange(a, b, tmp_path, "1")
    assert out.added == [plan.title] and out.revisions == 1
    pid_b, got = PlanRepository(b).get_by_uid(plan.uid)
    assert got == plan

    PlanRepository(b).save(pid_b, replace(plan, notes="B: patrols weekly"))
    out = exchange(b, a, tmp_path, "2")
    assert out.fast_forwarded == [plan.title] and out.revisions == 1
    assert PlanRepository(a).get(pid_a).notes == "B: patrols weekly"
    assert _head(a, plan.uid) == _head(b, plan.uid)

    PlanRepository(a).save(pid_a, replace(plan, notes="A: patrols daily"))
    out = exchange(a, b, tmp_path, "3")
    assert out.fast_forwarded == [plan.title]
    assert PlanRepository(b).get(pid_b).notes == "A: patrols daily"
    assert _head(a, plan.uid) == _head(b, plan.uid)
    assert [r.number for r in PlanRepository(b).revisions(pid_b)] == [1, 2, 3]


def test_three_way_merge_without_conflict(stores: tuple[Database, Database],
                                          tmp_path: Path) -> None:
    a, b = stores
    plan, pid_a, pid_b = _on_both(a, b, tmp_path)
    PlanRepository(a).save(pid_a, replace(plan, notes="A's notes",
                                          parties=plan.parties + [Party("Militia X",
                                                                        kind="non_state")]))
    PlanRepository(b).save(pid_b, replace(plan, host_country="Erewhon",
                                          parties=[replace(plan.parties[0], consent="withdrawn"),
                                                   plan.parties[1], Party("Church council")]))
    out = exchange(b, a, tmp_path, "2")
    assert out.merged == [plan.title] and not out.conflicts
    merged = PlanRepository(a).get(pid_a)
    assert (merged.notes, merged.host_country) == ("A's notes", "Erewhon")
    assert [(p.name, p.consent) for p in merged.parties] == [
        ("Government", "withdrawn"), ("Forces Nouvelles", "conditional"),
        ("Militia X", "unknown"), ("Church council", "unknown")]
    with a.session() as s:
        row = s.get(PlanRevisionRow, s.scalar(select(PlanRevisionRow.id).where(
            PlanRevisionRow.plan_id == pid_a).order_by(PlanRevisionRow.number.desc()).limit(1)))
        assert row is not None and len(row.parents.split()) == 2
    # Back to B: the merge is a fast-forward there, and both stores agree on the revision.
    out = exchange(a, b, tmp_path, "3")
    assert out.fast_forwarded == [plan.title]
    assert _head(a, plan.uid) == _head(b, plan.uid)


def test_conflict_kept_then_resolved_field_by_field(stores: tuple[Database, Database],
                                                    tmp_path: Path) -> None:
    a, b = stores
    plan, pid_a, pid_b = _on_both(a, b, tmp_path)
    PlanRepository(a).save(pid_a, replace(plan, notes="A says", host_country="Atlantis"))
    PlanRepository(b).save(pid_b, replace(plan, notes="B says", context="interstate"))
    before = PlanRepository(a).current(pid_a)
    out = exchange(b, a, tmp_path, "2")
    assert out.conflicts == [plan.title] and out.revisions == 1
    assert PlanRepository(a).current(pid_a) == before         # nothing overwritten
    sync = SyncRepository(a)
    [info] = sync.conflicts()
    assert [(c.path, c.base, c.mine, c.theirs) for c in info.fields] == [
        ("notes", "first draft", "A says", "B says")]
    assert info.mine.notes == "A says" and info.theirs.notes == "B says"
    with pytest.raises(InputError, match="no choice for notes"):
        sync.resolve(pid_a, {})
    sync.resolve(pid_a, {"notes": "theirs"})
    done = PlanRepository(a).get(pid_a)
    assert (done.notes, done.host_country, done.context) == ("B says", "Atlantis", "interstate")
    assert sync.conflicts() == []
    # B gets the resolution as a fast-forward: both sides agree.
    assert exchange(a, b, tmp_path, "3").fast_forwarded == [plan.title]
    assert _head(a, plan.uid) == _head(b, plan.uid)


def test_replayed_bundle_changes_nothing(stores: tuple[Database, Database],
                                         tmp_path: Path) -> None:
    a, b = stores
    plan, pid_a, pid_b = _on_both(a, b, tmp_path)
    PlanRepository(a).save(pid_a, replace(plan, notes="A"))
    PlanRepository(b).save(pid_b, replace(plan, notes="B"))
    PlanRepository(b).create(sample_plan("Western corridor"))
    from pkdesk.core.sync.bundle import decode_bundle

    first = exchange(b, a, tmp_path, "2")
    assert first.conflicts == [plan.title] and first.added == ["Western corridor"]
    once = snapshot(a)
    path = tmp_path / "2.pksync"
    again = SyncRepository(a).import_bundle(decode_bundle(path.read_bytes(), path.name))
    assert again.replayed
    assert snapshot(a) == once


def test_clock_skew_makes_no_difference(stores: tuple[Database, Database],
                                        tmp_path: Path) -> None:
    """B's clock is years behind A's: its later edit still wins a fast-forward, and A's
    revision stamped in the future does not outrank it."""
    a, b = stores
    plan = sample_plan()
    pid_a = PlanRepository(a).create(plan)
    with a.write() as s:
        s.execute(update(PlanRevisionRow).values(created_at=datetime(2099, 1, 1)))
    exchange(a, b, tmp_path, "1")
    pid_b, _ = PlanRepository(b).get_by_uid(plan.uid)
    PlanRepository(b).save(pid_b, replace(plan, notes="later, on a slow clock"))
    with b.write() as s:
        s.execute(update(PlanRevisionRow).where(PlanRevisionRow.number == 2)
                  .values(created_at=datetime(2001, 1, 1)))
    out = exchange(b, a, tmp_path, "2")
    assert out.fast_forwarded == [plan.title]
    assert PlanRepository(a).get(pid_a).notes == "later, on a slow clock"
    history = PlanRepository(a).revisions(pid_a)
    assert [h.created_at.year for h in history] == [2099, 2001]   # shown as recorded


def test_round_trip_a_to_b_and_back(stores: tuple[Database, Database], tmp_path: Path) -> None:
    a, b = stores
    plan = sample_plan()
    pid_a = PlanRepository(a).create(plan)
    PlanRepository(a).create(sample_plan("Untouched on B"))
    exchange(a, b, tmp_path, "1")
    pid_b, _ = PlanRepository(b).get_by_uid(plan.uid)
    PlanRepository(b).save(pid_b, replace(plan, notes="edited on laptop B"))
    new_b = PlanRepository(b).create(sample_plan("Made on B"))
    out = exchange(b, a, tmp_path, "2")
    assert (out.fast_forwarded, out.added) == ([plan.title], ["Made on B"])
    assert out.unchanged == []          # B's bundle carried only what changed there
    assert PlanRepository(a).get(pid_a).notes == "edited on laptop B"
    # A's next bundle since that exchange carries nothing B has (B's bundle was made since
    # A's first one: what A had sent then, B has).
    export = SyncRepository(a).prepare_export()
    assert export.revisions == 0 and export.bundle.since == out.bundle_id
    assert {s.title for s in PlanRepository(a).list()} == {s.title for s in
                                                            PlanRepository(b).list()}
    assert PlanRepository(b).get(new_b).title == "Made on B"


def test_bundle_needing_an_exchange_not_imported_is_refused(
        stores: tuple[Database, Database], tmp_path: Path) -> None:
    a, b = stores
    plan = sample_plan()
    pid_a = PlanRepository(a).create(plan)
    SyncRepository(a).record_export(SyncRepository(a).prepare_export(ALL))   # lost on the way
    PlanRepository(a).save(pid_a, replace(plan, notes="second"))
    before = snapshot(b)
    with pytest.raises(InputError, match="exported with --all; nothing was imported"):
        exchange(a, b, tmp_path, "2")
    assert snapshot(b) == before
    assert exchange(a, b, tmp_path, "3", since=ALL).added == [plan.title]


def test_performance_data_from_two_sites_merged_by_uid(stores: tuple[Database, Database],
                                                       tmp_path: Path) -> None:
    """Issue 14's items travel and merge by uid: each side records its own data points."""
    from pkdesk.core.plan.model import DataPoint, Indicator, MissionObjective, Performance

    a, b = stores
    indicator = Indicator(text="Attacks on IDP sites", data=[DataPoint(12, "2026-01-31")])
    objective = MissionObjective("protect_civilians", "Fewer attacks", [indicator])
    plan, pid_a, pid_b = _on_both(
        a, b, tmp_path, replace(sample_plan(), performance=Performance(objectives=[objective])))

    def record(db: Database, pid: int, point: DataPoint) -> None:
        repo = PlanRepository(db)
        current = repo.get(pid)
        [obj] = current.performance.objectives
        [ind] = obj.indicators
        ind = replace(ind, data=ind.data + [point])
        repo.save(pid, replace(current, performance=replace(
            current.performance, objectives=[replace(obj, indicators=[ind])])))

    record(a, pid_a, DataPoint(9, "2026-02-28", source="site A"))
    record(b, pid_b, DataPoint(7, "2026-02-28", source="site B"))
    assert exchange(b, a, tmp_path, "2").merged == [plan.title]
    data = PlanRepository(a).get(pid_a).performance.objectives[0].indicators[0].data
    assert [(p.value, p.source) for p in data] == [(12, ""), (9, "site A"), (7, "site B")]
