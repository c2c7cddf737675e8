"""The pending-edit journal on its own (no server needed for these): owner-only, whole or
not at all, and an unreadable journal is moved aside, never written over."""

from __future__ import annotations

import stat
from pathlib import Path

from pkdesk.core.plan.model import Plan
from pkdesk.store.journal import JOURNAL_NAME, Journal


def test_put_drop_round_trip_owner_only(tmp_path: Path) -> None:
    journal = Journal(tmp_path / "team" / "x")
    journal.put(4, 7, Plan(title="Convoy"), "changed title")
    assert stat.S_IMODE(journal.path.stat().st_mode) == 0o600
    [edit] = journal.entries().values()
    assert (edit.plan_id, edit.base_revision, edit.plan.title, edit.summary) == \
        (4, 7, "Convoy", "changed title")
    journal.put(5, None, Plan(title="Second"), "edited")
    journal.drop(4)
    assert list(journal.entries()) == [5]
    journal.drop(5)
    assert not journal.path.exists()


def test_an_unreadable_journal_is_moved_aside_not_overwritten(tmp_path: Path) -> None:
    journal = Journal(tmp_path)
    journal.path.write_text("{not json", encoding="utf-8")
    assert journal.entries() == {}
    journal.put(1, 1, Plan(title="New"), "edited")
    aside = list(tmp_path.glob(f"{JOURNAL_NAME}.unreadable-*"))
    assert len(aside) == 1 and aside[0].read_text(encoding="utf-8") == "{not json"
    assert list(journal.entries()) == [1]
