"""Sync by file between stores: export the revisions another store lacks as a bundle,
import one (fast-forward, three-way merge, or a stored conflict), and resolve conflicts.

Order comes from ancestry, never from clocks: every revision names its parents by id
(``core.sync.identity``), the same in every store. Importing a bundle is one transaction:
either all of it is applied or none of it. A plan is never overwritten: where both sides
changed the same field differently, the local plan stays as it was, the incoming revisions
are kept in its history (not current), and a ``sync_conflict`` waits for the user's choice.

Deletions travel too (``_apply_deletion``): a bundle names each plan ever deleted or undeleted
at its source, with the count of deletions and undeletions the source knows of
(``store.deletions``) and the plan's revision then. A deletion applies where the plan has no
revision the deleting side had not seen; a plan edited on one side after (or without seeing)
the other's deletion is kept, or restored, with those edits, and its count raised so that
the other side restores it at the next exchange. Otherwise the higher count wins.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from pkdesk import __version__
from pkdesk.core.errors import InputError, NotFoundError
from pkdesk.core.plan.diff import summarize, diff_plans
from pkdesk.core.plan.file import plan_from_dict
from pkdesk.core.plan.model import Plan
from pkdesk.core.sync.bundle import (Bundle, BundleDeletion, BundlePlan, BundleRevision,
                                     new_bundle_id)
from pkdesk.core.sync.identity import short
from pkdesk.core.sync.merge import Choice, Conflict, MergeResult, merge_documents
from pkdesk.store.db import Database
from pkdesk.store.models import (AppMeta, PlanRevisionRow, PlanRow, SyncConflict,
                                 SyncDeletion, SyncExchange)
from pkdesk.store.plan_repo import append_revision, head_id

ALL = "all"
LAST = "last"
SYNC_AUTHOR = "sync"


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


def _dumps(doc: Mapping[str, Any]) -> str:
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


@dataclass(frozen=True)
class ExportPlan:
    """What ``export`` will write, and what the store records once the file is written."""

    bundle: Bundle
    known_after: tuple[str, ...]
    revisions: int


@dataclass
class ImportOutcome:
    bundle_id: str
    source_store: str
    replayed: bool = False
    added: list[str] = field(default_factory=list)
    fast_forwarded: list[str] = field(default_factory=list)
    merged: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)     # deleted here, as at the source
    restored: list[str] = field(default_factory=list)    # undeleted here
    kept: list[str] = field(default_factory=list)        # deleted there, edited here: kept
    revisions: int = 0          # revisions new to this store

    def summary(self) -> str:
        if self.replayed:
            return "bundle already imported: nothing changed"
        parts = [f"{len(v)} {what}" for what, v in (
            ("added", self.added), ("fast-forwarded", self.fast_forwarded),
            ("merged", self.merged), ("with conflicts", self.conflicts),
            ("unchanged", self.unchanged), ("deleted", self.deleted),
            ("restored", self.restored),
            ("kept though deleted at the other store (edited here since)", self.kept)) if v]
        return (f"{', '.join(parts) or 'no plans'} ({self.revisions} new revision"
                f"{'s' if self.revisions != 1 else ''})")


@dataclass(frozen=True)
class ConflictInfo:
    plan_id: int
    uid: str
    title: str
    theirs_rev: str
    created_at: datetime
    fields: tuple[Conflict, ...]      # as they stand now (recomputed against the plan)
    mine: Plan
    theirs: Plan
    base: Plan | None


@dataclass
class _Dag:
    """A plan's revisions in this store: id -> (parents, number)."""

    parents: dict[str, tuple[str, ...]]
    numbers: dict[str, int]

    def ancestors(self, rid: str) -> set[str]:
        """``rid`` and every revision it descends from."""
        seen: set[str] = set()
        todo = [rid]
        while todo:
            r = todo.pop()
            if r in seen:
                continue
            seen.add(r)
            todo.extend(self.parents.get(r, ()))
        return seen

    def merge_base(self, a: str, b: str) -> str | None:
        common = self.ancestors(a) & self.ancestors(b)
        if not common:
            return None
        # Common ancestors are closed under ancestry, so one that is an ancestor of another
        # is a parent of one of them: the best are those that are no one's parent.
        below = {p for c in common for p in self.parents.get(c, ())}
        best = [c for c in common if c not in below]
        return max(best, key=lambda c: (self.numbers.get(c, 0), c))


def _dag(s: Session, plan_id: int) -> _Dag:
    rows = s.execute(select(PlanRevisionRow.rev_id, PlanRevisionRow.parents,
                            PlanRevisionRow.number)
                     .where(PlanRevisionRow.plan_id == plan_id)).all()
    return _Dag({r: tuple(p.split()) for r, p, _ in rows}, {r: n for r, _, n in rows})


def _document_of(s: Session, plan_id: int, rid: str) -> dict[str, Any]:
    doc = s.scalar(select(PlanRevisionRow.document).where(PlanRevisionRow.plan_id == plan_id,
                                                          PlanRevisionRow.rev_id == rid))
    if doc is None:
        raise NotFoundError(f"plan {plan_id} has no revision {short(rid)}")
    loaded: dict[str, Any] = json.loads(doc)
    return loaded


def _created(text: str) -> datetime:
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        return _now()
    if value.tzinfo is not None:
        value = value.astimezone(timezone.utc).replace(tzinfo=None)
    return value


class SyncRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    # Identity ---------------------------------------------------------------------------

    def store_id(self) -> str:
        with self.db.session() as s:
            value = s.scalar(select(AppMeta.value).where(AppMeta.key == "store_id"))
        if value is None:
            raise InputError("this database has no store id: it is damaged")
        return value

    # Export -----------------------------------------------------------------------------

    def _known(self, s: Session, since: str) -> set[str]:
        if since == ALL:
            return set()
        if since == LAST:
            row = s.scalar(select(SyncExchange).order_by(SyncExchange.id.desc()).limit(1))
            return set(json.loads(row.known)) if row is not None else set()
        rows = s.scalars(select(SyncExchange).where(SyncExchange.bundle_id == since)).all()
        if not rows:
            raise InputError(f"--since: bundle {since[:40]} was not exported or imported by "
                             "this store; use --all, or another bundle")
        known: set[str] = set()
        for row in rows:
            known |= set(json.loads(row.known))
        return known

    def prepare_export(self, since: str = LAST) -> ExportPlan:
        """The bundle of every revision the other side is not known to have (``since``: a
        bundle id, ``LAST`` for the latest exchange, ``ALL`` for everything)."""
        with self.db.session() as s:
            store = s.scalar(select(AppMeta.value).where(AppMeta.key == "store_id")) or ""
            known = self._known(s, since)
            since_id = None
            if since == LAST:
                last = s.scalar(select(SyncExchange.bundle_id)
                                .order_by(SyncExchange.id.desc()).limit(1))
                since_id = last
            elif since != ALL:
                since_id = since
            plans = []
            every: set[str] = set(known)
            count = 0
            deletions: list[BundleDeletion] = []
            seqs = {int(i): int(n) for i, n in
                    s.execute(select(SyncDeletion.plan_id, SyncDeletion.seq)).all()}
            for row in s.scalars(select(PlanRow).order_by(PlanRow.id)):
                revs = s.scalars(select(PlanRevisionRow)
                                 .where(PlanRevisionRow.plan_id == row.id)
                                 .order_by(PlanRevisionRow.number)).all()
                every |= {r.rev_id for r in revs}
                new = [BundleRevision(r.rev_id, tuple(r.parents.split()), r.author,
                                      r.created_at.isoformat(), r.summary,
                                      json.loads(r.document))
                       for r in revs if r.rev_id not in known]
                if new:
                    plans.append(BundlePlan(row.uid, head_id(s, row), tuple(new)))
                    count += len(new)
                if row.id in seqs:
                    deletions.append(BundleDeletion(row.uid, row.deleted_at is not None,
                                                    seqs[row.id], head_id(s, row)))
        bundle = Bundle(new_bundle_id(), store, _now().isoformat(timespec="seconds") + "Z",
                        __version__, since_id, tuple(plans), tuple(deletions))
        return ExportPlan(bundle, tuple(sorted(every)), count)

    def record_export(self, export: ExportPlan, file: str = "") -> None:
        """Remember that ``export`` was written (after the file is safely on disk)."""
        with self.db.write() as s:
            s.add(SyncExchange(bundle_id=export.bundle.id, direction="export", peer_store="",
                               file=file[:1000], created_at=_now(),
                               known=json.dumps(list(export.known_after))))

    # Import -----------------------------------------------------------------------------

    def import_bundle(self, bundle: Bundle, file: str = "") -> ImportOutcome:
        """Apply a verified bundle in one transaction; a replay changes nothing."""
        outcome = ImportOutcome(bundle.id, bundle.source_store)
        with self.db.write() as s:
            if s.scalar(select(SyncExchange.id).where(SyncExchange.bundle_id == bundle.id,
                                                      SyncExchange.direction == "import")):
                outcome.replayed = True
                return outcome
            rows = {p.uid: s.scalar(select(PlanRow).where(PlanRow.uid == p.uid))
                    for p in bundle.plans}
            for p in bundle.plans:      # everything checked before anything is written
                self._check_plan(s, p, rows[p.uid])
            # What the other side has: what it sent, and what it had imported from here
            # (the exchange its bundle was made since, when that was a bundle of ours).
            known: set[str] = set()
            if bundle.since is not None:
                for row in s.scalars(select(SyncExchange).where(
                        SyncExchange.bundle_id == bundle.since,
                        SyncExchange.direction == "export")):
                    known |= set(json.loads(row.known))
            # The plans as they were before the bundle: what a deletion is weighed against.
            deletions = {d.uid: d for d in bundle.deletions}
            for d in bundle.deletions:
                if d.uid not in rows:
                    rows[d.uid] = s.scalar(select(PlanRow).where(PlanRow.uid == d.uid))
            before = {uid: (head_id(s, row), row.deleted_at is not None)
                      for uid, row in rows.items() if row is not None}
            for p in bundle.plans:
                known |= self._apply_plan(s, bundle, p, rows[p.uid], outcome)
            heads = {p.uid: p.head for p in bundle.plans}
            for uid in sorted(set(heads) | set(deletions)):
                row = s.scalar(select(PlanRow).where(PlanRow.uid == uid))
                if row is not None:
                    self._apply_deletion(s, row, deletions.get(uid), heads.get(uid),
                                         before.get(uid), outcome)
            s.add(SyncExchange(bundle_id=bundle.id, direction="import",
                               peer_store=bundle.source_store, file=file[:1000],
                               created_at=_now(), known=json.dumps(sorted(known))))
        return outcome

    @staticmethod
    def _check_plan(s: Session, p: BundlePlan, row: PlanRow | None) -> None:
        local: set[str] = set(_dag(s, row.id).parents) if row is not None else set()
        have = set(local)
        title = str(p.revisions[-1].document.get("plan", {}).get("title", p.uid)) \
            if p.revisions else p.uid
        for r in p.revisions:
            missing = [x for x in r.parents if x not in have]
            if missing:
                raise InputError(
                    f"plan {title[:60]!r}: revision {short(r.id)} needs revision "
                    f"{short(missing[0])}, which this store does not have (the bundle was "
                    "made for a store that imported an earlier one): ask for a bundle "
                    "exported with --all; nothing was imported")
            have.add(r.id)
        if p.head not in have:
            raise InputError(f"plan {title[:60]!r}: the bundle's current revision "
                             f"{short(p.head)} is not in it; nothing was imported")
        if row is None and not p.revisions:
            raise InputError(f"plan {p.uid}: no revisions; nothing was imported")
        ids = [r.id for r in p.revisions]
        if len(set(ids)) != len(ids):
            raise InputError(f"plan {title[:60]!r}: a revision is listed twice; nothing was "
                             "imported")

    def _apply_plan(self, s: Session, bundle: Bundle, p: BundlePlan, row: PlanRow | None,
                    outcome: ImportOutcome) -> set[str]:
        by_id = {r.id: r for r in p.revisions}
        is_new = row is None
        if row is None:
            head = by_id[p.head]
            plan = plan_from_dict(head.document, repair_text=True)
            now = _now()
            row = PlanRow(uid=p.uid, title=plan.title, parent_uid=_parent(plan),
                          document=_dumps(head.document), revision=0, created_at=now,
                          updated_at=now, deleted_at=None)
            s.add(row)
            s.flush()
            outcome.added.append(plan.title)
            local: set[str] = set()
        else:
            local = set(_dag(s, row.id).parents)
        for r in p.revisions:
            if r.id in local:
                continue
            number = append_revision(s, row, _dumps(r.document), r.author, r.summary,
                                     list(r.parents), current=False,
                                     created_at=_created(r.created))
            outcome.revisions += 1
            if r.id == p.head and row.revision == 0:     # a plan new here
                row.revision = number
        s.flush()
        dag = _dag(s, row.id)
        if is_new:
            return dag.ancestors(p.head)
        mine = head_id(s, row)
        theirs = p.head
        if theirs in dag.ancestors(mine):
            self._drop_settled_conflict(s, row, dag, mine)
            outcome.unchanged.append(row.title)
        elif mine in dag.ancestors(theirs):
            self._make_current(s, row, theirs, dag)
            self._drop_settled_conflict(s, row, dag, theirs)
            outcome.fast_forwarded.append(row.title)
        else:
            self._merge(s, bundle, row, dag, mine, theirs, outcome)
        return dag.ancestors(p.head)

    @staticmethod
    def _apply_deletion(s: Session, row: PlanRow, theirs: BundleDeletion | None,
                        their_head: str | None, before: tuple[str, bool] | None,
                        outcome: ImportOutcome) -> None:
        """Weigh the source's deletion state of a plan against this store's, by ancestry:
        a deletion applies only where the plan has no revision the deleting side had not
        seen; a plan edited after (or without seeing) a deletion is kept or restored, its
        count raised past both so that the other side restores it too; else the side that
        knows of more deletions and undeletions wins."""
        from pkdesk.store.deletions import seq_of, set_seq

        if theirs is None and (before is None or not before[1]):
            return                               # alive on both sides, as ever
        their_deleted = theirs.deleted if theirs is not None else False
        their_seq = theirs.seq if theirs is not None else 0
        head = theirs.head if theirs is not None else their_head
        if head is None:
            return
        if before is None:                       # new here: take the source's state
            if their_deleted:
                row.deleted_at = _now()
                outcome.added.remove(row.title)
                outcome.deleted.append(row.title)
            if their_seq:
                set_seq(s, row.id, their_seq)
            return
        mine, deleted = before
        mine_seq = seq_of(s, row.id)
        dag = _dag(s, row.id)
        theirs_saw = dag.ancestors(head) if head in dag.parents else {head}
        if deleted and not their_deleted and head not in dag.ancestors(mine):
            # Edited there after it was deleted here (or without knowing): restored.
            row.deleted_at = None
            set_seq(s, row.id, max(mine_seq, their_seq) + 1)
            outcome.restored.append(row.title)
        elif not deleted and their_deleted and mine not in theirs_saw:
            # Deleted there, but edited here since (or without that side seeing): kept.
            set_seq(s, row.id, max(mine_seq, their_seq) + 1)
            outcome.kept.append(row.title)
        elif their_seq > mine_seq:
            if their_deleted and not deleted:
                row.deleted_at = _now()
                outcome.deleted.append(row.title)
            elif deleted and not their_deleted:
                row.deleted_at = None
                outcome.restored.append(row.title)
            set_seq(s, row.id, their_seq)
        elif their_seq == mine_seq and their_deleted != deleted:
            # Deleted on one side and undeleted on the other, each not knowing: kept.
            set_seq(s, row.id, mine_seq + 1)
            if deleted:
                row.deleted_at = None
                outcome.restored.append(row.title)
            else:
                outcome.kept.append(row.title)

    @staticmethod
    def _make_current(s: Session, row: PlanRow, rid: str, dag: _Dag) -> None:
        document = s.scalar(select(PlanRevisionRow.document).where(
            PlanRevisionRow.plan_id == row.id, PlanRevisionRow.rev_id == rid))
        assert document is not None
        plan = plan_from_dict(json.loads(document), repair_text=True)
        row.title, row.parent_uid, row.document = plan.title, _parent(plan), document
        row.revision, row.updated_at = dag.numbers[rid], _now()

    @staticmethod
    def _drop_settled_conflict(s: Session, row: PlanRow, dag: _Dag, head: str) -> None:
        conflict = s.scalar(select(SyncConflict).where(SyncConflict.plan_id == row.id))
        if conflict is not None and conflict.theirs_rev in dag.ancestors(head):
            s.delete(conflict)

    def _merge(self, s: Session, bundle: Bundle, row: PlanRow, dag: _Dag, mine: str,
               theirs: str, outcome: ImportOutcome) -> None:
        result = _merge_revisions(s, row.id, dag, mine, theirs, {})
        existing = s.scalar(select(SyncConflict).where(SyncConflict.plan_id == row.id))
        if result.unresolved:
            fields = json.dumps([c.to_dict() for c in result.conflicts], ensure_ascii=False)
            if existing is None:
                s.add(SyncConflict(plan_id=row.id, theirs_rev=theirs, bundle_id=bundle.id,
                                   fields=fields, created_at=_now()))
            elif existing.theirs_rev != theirs:
                existing.theirs_rev, existing.bundle_id, existing.fields = \
                    theirs, bundle.id, fields
                existing.created_at = _now()
            outcome.conflicts.append(row.title)
            return
        old = plan_from_dict(json.loads(row.document), repair_text=True)
        new = plan_from_dict(result.document)
        changes = diff_plans(old, new)
        summary = (f"merged from store {short(bundle.source_store)}: "
                   f"{summarize(changes) if changes else 'no changes'}")
        append_revision(s, row, _dumps(result.document), SYNC_AUTHOR, summary,
                        [mine, theirs], new)
        if existing is not None:
            s.delete(existing)
        outcome.merged.append(row.title)

    # Conflicts --------------------------------------------------------------------------

    def conflicts(self) -> list[ConflictInfo]:
        with self.db.session() as s:
            ids = s.scalars(select(SyncConflict.plan_id).order_by(SyncConflict.id)).all()
        return [self.conflict(i) for i in ids]

    def has_conflict(self, plan_id: int) -> bool:
        with self.db.session() as s:
            return s.scalar(select(SyncConflict.id)
                            .where(SyncConflict.plan_id == plan_id)) is not None

    def conflict_plan_ids(self) -> set[int]:
        with self.db.session() as s:
            return set(s.scalars(select(SyncConflict.plan_id)).all())

    def conflict(self, plan_id: int) -> ConflictInfo:
        """The plan's open conflict, its fields as they stand against the current plan."""
        with self.db.session() as s:
            conflict, row = self._conflict_rows(s, plan_id)
            dag = _dag(s, plan_id)
            mine = head_id(s, row)
            base = dag.merge_base(mine, conflict.theirs_rev)
            mine_doc = _document_of(s, plan_id, mine)
            theirs_doc = _document_of(s, plan_id, conflict.theirs_rev)
            base_doc = _document_of(s, plan_id, base) if base is not None else None
            result = merge_documents(base_doc, mine_doc, theirs_doc)
            return ConflictInfo(
                plan_id, row.uid, row.title, conflict.theirs_rev, conflict.created_at,
                result.conflicts, plan_from_dict(mine_doc, repair_text=True),
                plan_from_dict(theirs_doc, repair_text=True),
                plan_from_dict(base_doc, repair_text=True) if base_doc is not None else None)

    @staticmethod
    def _conflict_rows(s: Session, plan_id: int) -> tuple[SyncConflict, PlanRow]:
        row = s.get(PlanRow, plan_id)
        if row is None:
            raise NotFoundError(f"no plan with id {plan_id}")
        conflict = s.scalar(select(SyncConflict).where(SyncConflict.plan_id == plan_id))
        if conflict is None:
            raise InputError(f"plan {plan_id} ({row.title[:60]}) has no sync conflict")
        return conflict, row

    def resolve(self, plan_id: int, choices: Mapping[str, Choice], author: str = "",
                expected: Iterable[str] | None = None) -> int:
        """Settle the plan's conflict: a merge revision of the current plan and the incoming
        one, each conflicting field as chosen; returns the new revision's number. Every
        conflict must have a choice (``expected``: the paths the chooser saw, refused if the
        conflict changed meanwhile)."""
        with self.db.write(plan_id) as s:
            conflict, row = self._conflict_rows(s, plan_id)
            dag = _dag(s, plan_id)
            mine = head_id(s, row)
            result = _merge_revisions(s, plan_id, dag, mine, conflict.theirs_rev, choices)
            if expected is not None and sorted(expected) != sorted(
                    c.path for c in result.conflicts):
                raise InputError(f"the conflict on plan {plan_id} changed meanwhile: "
                                 "look at it again")
            if result.unresolved:
                raise InputError("no choice for " + ", ".join(
                    c.path for c in result.unresolved)[:300])
            old = plan_from_dict(json.loads(row.document), repair_text=True)
            new = plan_from_dict(result.document)
            changes = diff_plans(old, new)
            taken = [p for p, side in choices.items() if side == "theirs"]
            summary = ("resolved sync conflict: " +
                       (f"took theirs for {', '.join(taken)[:200]}" if taken else
                        "kept mine") + (f" ({summarize(changes)})" if changes else ""))
            number = append_revision(s, row, _dumps(result.document), author, summary,
                                     [mine, conflict.theirs_rev], new)
            s.delete(conflict)
            return number


def _merge_revisions(s: Session, plan_id: int, dag: _Dag, mine: str, theirs: str,
                     choices: Mapping[str, Choice]) -> MergeResult:
    base = dag.merge_base(mine, theirs)
    return merge_documents(_document_of(s, plan_id, base) if base is not None else None,
                           _document_of(s, plan_id, mine), _document_of(s, plan_id, theirs),
                           choices)


def _parent(plan: Plan) -> str | None:
    return plan.lineage.parent if plan.lineage is not None else None

