"""How many deletions and undeletions of each plan a store knows of (``sync_deletion``), for
sync by file: a local delete or undelete raises the plan's count past the highest seen, and
a bundle's deletion or undeletion with a higher count than the store's wins
(``store.sync_repo``). A count, never a clock."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from pkdesk.store.models import SyncDeletion


def seq_of(s: Session, plan_id: int) -> int:
    """The plan's count; 0 when it was never deleted nor undeleted."""
    return s.scalar(select(SyncDeletion.seq).where(SyncDeletion.plan_id == plan_id)) or 0


def set_seq(s: Session, plan_id: int, seq: int) -> None:
    row = s.get(SyncDeletion, plan_id)
    if row is None:
        s.add(SyncDeletion(plan_id=plan_id, seq=seq))
    else:
        row.seq = seq


def bump(s: Session, plan_id: int) -> int:
    """A delete or undelete made here: the count goes one past what this store knows."""
    seq = seq_of(s, plan_id) + 1
    set_seq(s, plan_id, seq)
    return seq
