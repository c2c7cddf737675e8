"""Plans in the database: each one a current document plus its numbered revisions.

``PlanRow.document`` holds the plan's exchange document (``plan_to_dict``), so what is
stored is exactly what a file would carry; ``title`` and ``parent_uid`` are mirrored into
columns for listing. Every save appends a revision; deleting is soft and can be undone.

Uids are unique. Importing a file whose uid is already in the database (the same plan
handed back from another laptop, or a copy) never overwrites the stored plan: the import
gets a fresh uid and ``import_plan`` says so, so both versions are kept side by side.

Every write runs in ``Database.write()``, holding SQLite's write lock from its start: what it
reads first (the next revision number, whether a uid is taken) cannot change before it
commits, so writers in other processes (another window, the CLI) wait their turn instead
of colliding on a UNIQUE key, and every revision is kept. On a team database the lock is
the plan's own (its id, or the uid of a plan being created): writers of one plan take
turns, writers of different plans do not wait for each other.
"""

from __future__ import annotations

import builtins
import json
from dataclasses import dataclass, replace
from datetime import datetime, timezone

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pkdesk.core.errors import InputError, NotFoundError
from pkdesk.core.plan.model import Lineage, Plan, new_uid
from pkdesk.core.plan.file import NAME_CHARS, plan_from_dict, plan_to_dict
from pkdesk.core.plan.diff import Change, diff_plans, summarize
from pkdesk.core.sync.identity import ordered_parents, revision_id
from pkdesk.store import queries
from pkdesk.store.db import Database
from pkdesk.store.queries import PlanSummary as PlanSummary
from pkdesk.store.queries import RevisionInfo as RevisionInfo
from pkdesk.store.schema import load_document
from pkdesk.store.models import PlanRevisionRow, PlanRow


@dataclass(frozen=True)
class ImportResult:
    id: int
    plan: Plan
    renamed_from: str | None    # the file's uid, when it clashed and a fresh one was given


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


def _document(plan: Plan) -> str:
    """The stored JSON, after proving it reads back: nothing unloadable reaches the database."""
    doc = plan_to_dict(plan)
    plan_from_dict(doc)
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def _load(document: str, where: str) -> Plan:
    try:
        plan: Plan = load_document(document)
        return plan
    except InputError as exc:
        raise InputError(f"{where} is damaged: {exc}") from None


_SUMMARY_COLUMNS = (PlanRow.id, PlanRow.uid, PlanRow.title, PlanRow.revision,
                    PlanRow.updated_at, PlanRow.parent_uid)


class PlanRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    def list(self) -> list[PlanSummary]:
        """Plans not deleted, most recently changed first (``store.queries.plan_list``)."""
        with self.db.session() as s:
            return queries.plan_list(_fetch(s))

    def list_page(self, after: queries.PageCursor | None, roots: int
                  ) -> tuple[builtins.list[tuple[PlanSummary, int]], queries.PageCursor | None]:
        """One page of the plan list (``store.queries.plan_list_page``): ``roots`` plans with
        their variants, as (plan, depth), and where the next page starts (None: the end)."""
        with self.db.session() as s:
            return queries.plan_list_page(_fetch(s), after, roots)

    def listed(self, plan_id: int) -> bool:
        """Whether the plan is in the list (stored and not deleted)."""
        with self.db.session() as s:
            return queries.plan_listed(_fetch(s), plan_id)

    def get(self, plan_id: int) -> Plan:
        with self.db.session() as s:
            row = self._row(s, plan_id)
            return _load(row.document, f"plan {plan_id}")

    def get_by_uid(self, uid: str) -> tuple[int, Plan]:
        with self.db.session() as s:
            row = s.scalar(select(PlanRow).where(PlanRow.uid == uid,
                                                 PlanRow.deleted_at.is_(None)))
            if row is None:
                raise NotFoundError(f"no plan with uid {uid!r}")
            return row.id, _load(row.document, f"plan {row.id}")

    def uid_exists(self, uid: str) -> bool:
        """Deleted plans count: their uid stays reserved so undelete cannot clash."""
        with self.db.session() as s:
            return s.scalar(select(PlanRow.id).where(PlanRow.uid == uid)) is not None

    def create(self, plan: Plan, author: str = "", summary: str = "created") -> int:
        document = _document(plan)
        with self.db.write(uid=plan.uid) as s:
            if _uid_taken(s, plan.uid):
                raise InputError(f"a plan with uid {plan.uid} already exists")
            return _insert(s, plan, document, author, summary)

    def import_plan(self, plan: Plan, author: str = "") -> ImportResult:
        """Add a plan read from a file; a uid already in use is replaced by a fresh one
        (decided under the write lock: parallel imports of one file each get their own)."""
        document = _document(plan)
        with self.db.write(uid=plan.uid) as s:   # a fresh uid is random: never taken
            renamed_from = None
            if _uid_taken(s, plan.uid):
                renamed_from = plan.uid
                plan = replace(plan, uid=new_uid())
                document = _document(plan)
            plan_id = _insert(s, plan, document, author, "imported")
        return ImportResult(plan_id, plan, renamed_from)

    def save(self, plan_id: int, plan: Plan, author: str = "", summary: str = "") -> int:
        """Store ``plan`` as the plan's new current version; returns the revision number.

        Without a ``summary``, the revision's summary says what changed (``core.plan.diff``).
        """
        document = _document(plan)
        with self.db.write(plan_id) as s:
            row = self._row(s, plan_id)
            if plan.uid != row.uid:
                raise InputError(f"plan {plan_id} has uid {row.uid}, not {plan.uid}")
            if not summary:
                summary = summarize(diff_plans(_load(row.document, f"plan {plan_id}"), plan))
            return _append(s, row, plan, document, author, summary)

    def save_if_at(self, plan_id: int, plan: Plan, base_revision: int | None,
                   author: str = "", summary: str = "") -> int | None:
        """``save``, only if the plan is still at ``base_revision`` (any revision when None);
        None, writing nothing, when someone saved it meanwhile (``store.journal``)."""
        document = _document(plan)
        with self.db.write(plan_id) as s:
            row = self._row(s, plan_id)
            if base_revision is not None and row.revision != base_revision:
                return None
            if plan.uid != row.uid:
                raise InputError(f"plan {plan_id} has uid {row.uid}, not {plan.uid}")
            if not summary:
                summary = summarize(diff_plans(_load(row.document, f"plan {plan_id}"), plan))
            return _append(s, row, plan, document, author, summary)

    def current(self, plan_id: int) -> tuple[Plan, int]:
        """The plan as stored and its revision number, read together."""
        with self.db.session() as s:
            row = self._row(s, plan_id)
            return _load(row.document, f"plan {plan_id}"), row.revision

    def delete(self, plan_id: int) -> None:
        from pkdesk.store.deletions import bump

        with self.db.write(plan_id) as s:
            self._row(s, plan_id).deleted_at = _now()
            bump(s, plan_id)        # sync bundles carry it (store.deletions)

    def undelete(self, plan_id: int) -> None:
        from pkdesk.store.deletions import bump

        with self.db.write(plan_id) as s:
            row = self._row(s, plan_id, include_deleted=True)
            if row.deleted_at is not None:
                row.deleted_at = None
                bump(s, plan_id)

    def revisions(self, plan_id: int) -> builtins.list[RevisionInfo]:
        """The plan's revisions, oldest first (the history panel: no documents are read)."""
        with self.db.session() as s:
            return queries.plan_revisions(_fetch(s), plan_id)

    def revision(self, plan_id: int, number: int) -> Plan:
        with self.db.session() as s:
            self._row(s, plan_id, include_deleted=True)
            row = s.scalar(select(PlanRevisionRow).where(PlanRevisionRow.plan_id == plan_id,
                                                         PlanRevisionRow.number == number))
            if row is None:
                raise NotFoundError(f"plan {plan_id} has no revision {number}")
            return _load(row.document, f"plan {plan_id} revision {number}")

    def diff_revisions(self, plan_id: int, old: int, new: int) -> builtins.list[Change]:
        """What changed from revision ``old`` to revision ``new`` (either order is allowed)."""
        return diff_plans(self.revision(plan_id, old), self.revision(plan_id, new))

    def restore(self, plan_id: int, number: int, author: str = "") -> int:
        """Make revision ``number`` current again, as a NEW revision; returns its number.

        Nothing is lost: the revisions after ``number`` stay in the history.
        """
        with self.db.write(plan_id) as s:   # the summary compares with what is current under the lock
            row = self._row(s, plan_id)
            stored = s.scalar(select(PlanRevisionRow.document).where(
                PlanRevisionRow.plan_id == plan_id, PlanRevisionRow.number == number))
            if stored is None:
                raise NotFoundError(f"plan {plan_id} has no revision {number}")
            old = _load(stored, f"plan {plan_id} revision {number}")
            changes = diff_plans(_load(row.document, f"plan {plan_id}"), old)
            detail = summarize(changes) if changes else "no changes"
            return _append(s, row, old, _document(old), author,
                           f"restored revision {number} ({detail})")

    def branch(self, plan_id: int, title: str | None = None, changes: str = "",
               author: str = "") -> int:
        """A new plan, a full copy of ``plan_id`` with a fresh uid and its lineage recorded.

        Returns the new plan's id. ``title`` defaults to the parent's title + " (variant)".
        """
        parent = self.get(plan_id)
        suffix = " (variant)"
        if title is None or not title.strip():
            title = parent.title[:NAME_CHARS - len(suffix)] + suffix
        variant = replace(parent, title=title, uid=new_uid(),
                          lineage=Lineage(parent.uid, parent.title, changes))
        return self.create(variant, author=author,
                           summary=f"branched from {parent.title[:80]}")

    def children(self, plan_id: int) -> builtins.list[PlanSummary]:
        """Plans branched directly from ``plan_id`` (not deleted), oldest first."""
        with self.db.session() as s:
            uid = self._row(s, plan_id, include_deleted=True).uid
            rows = s.execute(select(*_SUMMARY_COLUMNS).where(PlanRow.parent_uid == uid,
                                                             PlanRow.deleted_at.is_(None))
                             .order_by(PlanRow.created_at, PlanRow.id)).all()
            return [PlanSummary(*row) for row in rows]

    def ancestry(self, plan_id: int) -> builtins.list[PlanSummary]:
        """The stored plans ``plan_id`` descends from, its parent first, up to the root.

        Stops at a parent that is not in this database (a variant imported without its
        parent) or deleted; the plan's own ``lineage`` still names it.
        """
        chain: builtins.list[PlanSummary] = []
        with self.db.session() as s:
            parent = self._row(s, plan_id, include_deleted=True).parent_uid
            seen = set()
            while parent is not None and parent not in seen:
                seen.add(parent)
                row = s.execute(select(*_SUMMARY_COLUMNS).where(
                    PlanRow.uid == parent, PlanRow.deleted_at.is_(None))).first()
                if row is None:
                    break
                chain.append(PlanSummary(*row))
                parent = row.parent_uid
        return chain

    def count(self) -> int:
        """Plans not deleted (from the plan list's index)."""
        with self.db.session() as s:
            return queries.plan_count(_fetch(s))

    @staticmethod
    def _row(s: Session, plan_id: int, include_deleted: bool = False) -> PlanRow:
        row = s.get(PlanRow, plan_id)
        if row is None or (row.deleted_at is not None and not include_deleted):
            raise NotFoundError(f"no plan with id {plan_id}")
        return row


def _fetch(s: Session) -> queries.Fetch:
    conn = s.connection()
    if conn.dialect.name == "sqlite":
        return lambda sql, params: conn.exec_driver_sql(sql, params).all()
    from pkdesk.store.server import fetch_params   # a team database (psycopg: %s, not ?)

    return lambda sql, params: conn.exec_driver_sql(*fetch_params(sql, params)).all()


def _uid_taken(s: Session, uid: str) -> bool:
    return s.scalar(select(PlanRow.id).where(PlanRow.uid == uid)) is not None


def _insert(s: Session, plan: Plan, document: str, author: str, summary: str) -> int:
    """A new plan row and its revision 1 (inside ``Database.write()``)."""
    now = _now()
    row = PlanRow(uid=plan.uid, title=plan.title, parent_uid=_parent(plan), document=document,
                  revision=1, created_at=now, updated_at=now, deleted_at=None)
    s.add(row)
    s.flush()
    s.add(PlanRevisionRow(plan_id=row.id, number=1, author=author, created_at=now,
                          summary=summary, document=document,
                          rev_id=revision_id(document, ()), parents=""))
    return row.id


def _append(s: Session, row: PlanRow, plan: Plan, document: str, author: str,
            summary: str) -> int:
    """``plan`` as ``row``'s next revision, the current one its parent (inside
    ``Database.write()``, so that the number read here is still the latest when the revision
    is committed). Revisions a sync brought in but did not apply may carry higher numbers
    than the current one: the next number is past all of them."""
    return append_revision(s, row, document, author, summary, [head_id(s, row)], plan)


def head_id(s: Session, row: PlanRow) -> str:
    """The id (``core.sync.identity``) of the plan's current revision."""
    rid = s.scalar(select(PlanRevisionRow.rev_id).where(PlanRevisionRow.plan_id == row.id,
                                                        PlanRevisionRow.number == row.revision))
    if rid is None:
        raise InputError(f"plan {row.id} has no revision {row.revision}: the database is damaged")
    return rid


def append_revision(s: Session, row: PlanRow, document: str, author: str, summary: str,
                    parents: list[str], plan: Plan | None = None, *,
                    current: bool = True, created_at: datetime | None = None) -> int:
    """A revision of ``row`` with these parents, numbered past every other; made the plan's
    current version unless ``current`` is false (an incoming revision kept, not applied)."""
    number = (s.scalar(select(func.max(PlanRevisionRow.number))
                       .where(PlanRevisionRow.plan_id == row.id)) or 0) + 1
    now = _now()
    ordered = ordered_parents(parents)
    rid = revision_id(document, ordered)
    s.add(PlanRevisionRow(plan_id=row.id, number=number, author=author,
                          created_at=created_at or now, summary=summary, document=document,
                          rev_id=rid, parents=" ".join(ordered)))
    if current:
        if plan is None:
            plan = _load(document, f"plan {row.id} revision {number}")
        row.title, row.parent_uid, row.document = plan.title, _parent(plan), document
        row.revision, row.updated_at = number, now
    return number


def _parent(plan: Plan) -> str | None:
    return plan.lineage.parent if plan.lineage is not None else None
