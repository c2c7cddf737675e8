import sqlite3
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import text

from pkdesk.core.errors import InputError
from pkdesk.core.rotation import RetentionPolicy
from pkdesk.store.backup import (auto_backup, backup_dir, backup_now, latest_good_backup,
                                 list_backups)
from pkdesk.store.db import Database
from tests.store.safety_support import add_plan, plan_titles

T0 = datetime(2026, 11, 25, 9, 0, tzinfo=timezone.utc)


def test_backup_is_private_self_contained_and_complete(db: Database) -> None:
    add_plan(db, "Ceasefire monitoring")   # committed to the WAL, not yet checkpointed
    path = backup_now(db.path)
    assert path.parent == backup_dir(db.path)
    assert path.stat().st_mode & 0o777 == 0o600
    assert backup_dir(db.path).stat().st_mode & 0o777 == 0o700
    assert plan_titles(path) == ["Ceasefire monitoring"]
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()
    assert sorted(p.name for p in backup_dir(db.path).iterdir()) == [path.name]


def test_auto_backup_only_when_the_data_changed(db: Database) -> None:
    first = auto_backup(db.path, now=T0)
    assert first is not None
    assert auto_backup(db.path, now=T0 + timedelta(minutes=5)) is None
    plan_id = add_plan(db, "Draft")
    second = auto_backup(db.path, now=T0 + timedelta(minutes=10))
    assert second is not None and second != first
    # An edit in place (same row count, same ids) is a change too.
    with db.session() as s:
        s.execute(text("UPDATE plan SET title = 'Draft 2' WHERE id = :i"), {"i": plan_id})
    third = auto_backup(db.path, now=T0 + timedelta(minutes=15))
    assert third is not None
    assert plan_titles(third) == ["Draft 2"]
    assert auto_backup(db.path, now=T0 + timedelta(minutes=20)) is None


def test_rotation_keeps_a_bounded_spread_of_backups(db: Database) -> None:
    policy = RetentionPolicy(recent=3, daily_days=7, weekly_weeks=4)
    when = T0
    for i in range(60):  # a change and an automatic backup every 8 hours for 20 days
        add_plan(db, f"plan {i}")
        assert auto_backup(db.path, now=when, policy=policy) is not None
        when += timedelta(hours=8)
    backups = list_backups(db.path)
    assert len(backups) <= policy.max_kept
    assert len(backups) >= 3 + 5
    newest = backups[0]
    assert newest.plans == 60
    assert newest.created == when - timedelta(hours=8)
    assert min(b.created for b in backups) > newest.created - timedelta(weeks=4)


def test_list_backups_newest_first_with_plan_counts(db: Database) -> None:
    backup_now(db.path, now=T0)
    add_plan(db, "one")
    add_plan(db, "two")
    backup_now(db.path, now=T0 + timedelta(hours=1))
    listed = list_backups(db.path)
    assert [b.plans for b in listed] == [2, 0]
    assert listed[0].created == T0 + timedelta(hours=1)
    assert all(b.problem is None for b in listed)


def test_foreign_and_broken_files_in_the_folder_never_break_the_list(db: Database) -> None:
    good = backup_now(db.path, now=T0)
    folder = backup_dir(db.path)
    stem = db.path.stem
    junk = folder / f"{stem}-20261126T000000Z-0123456789abcdef-2.sqlite3"
    junk.write_bytes(b"not a database at all")
    (folder / "other-20261126T000000Z-0123456789abcdef.sqlite3").write_bytes(b"x")  # another db's
    (folder / "notes.txt").write_text("hello")
    listed = list_backups(db.path)
    assert [b.path for b in listed] == [junk, good]
    assert listed[0].plans is None and "not an SQLite file" in (listed[0].problem or "")
    assert latest_good_backup(db.path) == good


def test_output_file_must_be_new_and_is_private(db: Database, tmp_path: Path) -> None:
    out = tmp_path / "handover.sqlite3"
    assert backup_now(db.path, out) == out
    assert out.stat().st_mode & 0o777 == 0o600
    before = out.read_bytes()
    with pytest.raises(InputError, match="already exists"):
        backup_now(db.path, out)
    assert out.read_bytes() == before
    with pytest.raises(InputError, match="does not exist"):
        backup_now(db.path, tmp_path / "missing" / "x.sqlite3")
    assert not (tmp_path / "missing").exists()


def test_no_backup_folder_means_no_backups(db_path: Path) -> None:
    assert list_backups(db_path) == []
    assert latest_good_backup(db_path) is None
