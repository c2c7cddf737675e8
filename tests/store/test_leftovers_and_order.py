"""Leftovers of killed backups and restores (issue 9, item 8) and backups ordered by a
sequence, not the clock (item 9)."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

from pkdesk.store.backup import (auto_backup, backup_dir, backup_now, latest_backup,
                                 latest_good_backup, list_backups)
from pkdesk.store.db import Database
from pkdesk.store.library import open_library
from pkdesk.store.doctor import WARN, diagnose
from pkdesk.store.integrity import UnusableDatabaseError
from pkdesk.store.leftovers import find_leftovers, pid_alive
from pkdesk.store.restore import restore
from tests.store.safety_support import add_plan

T0 = datetime(2026, 11, 25, 9, 0, tzinfo=timezone.utc)


def _dead_pid() -> int:
    """The PID of a process that has ended (and was reaped)."""
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    assert not pid_alive(proc.pid)
    return proc.pid


def _fake_leftovers(db_path: Path, pid: int) -> list[Path]:
    folder = backup_dir(db_path)
    folder.mkdir(exist_ok=True)
    made = [db_path.with_name(f".{db_path.name}.restoring-{pid}"),
            db_path.with_name(f".{db_path.name}.restoring-{pid}-journal"),
            db_path.with_name(f".{db_path.name}.restoring-{pid}.source-wal"),  # its source's copy
            folder / f".{db_path.stem}-20261125T090000Z-0123456789abcdef.sqlite3.partial-{pid}",
            folder / f".{db_path.stem}-20261125T090000Z-0123456789abcdef.sqlite3.partial-{pid}-journal"]
    for path in made:
        path.write_bytes(b"\0" * 4096)
    return made


def test_doctor_lists_leftovers_of_dead_processes_and_open_removes_them(db: Database) -> None:
    dead = _fake_leftovers(db.path, _dead_pid())
    alive = _fake_leftovers(db.path, os.getpid())       # a restore under way: not touched
    report = diagnose(db.path)
    [check] = [c for c in report.checks if c.item == "leftovers"]
    assert check.status == WARN
    assert all(p.name in check.detail for p in dead)
    assert not any(p.name in check.detail for p in alive)
    assert all(p.exists() for p in dead)                # doctor changes nothing
    open_library(db.path).close()
    assert not any(p.exists() for p in dead)
    assert all(p.exists() for p in alive)
    assert find_leftovers(db.path) == []
    assert not [c for c in diagnose(db.path).checks if c.item == "leftovers"]


def test_backup_and_restore_remove_leftovers(db: Database, tmp_path: Path) -> None:
    add_plan(db, "one")
    dead = _fake_leftovers(db.path, _dead_pid())
    backup_now(db.path)
    assert not any(p.exists() for p in dead)
    dead = _fake_leftovers(db.path, _dead_pid())
    spare = tmp_path / "spare.sqlite3"
    backup_now(db.path, spare)
    db.close()
    restore(db.path, spare)
    assert not any(p.exists() for p in dead)


def test_a_damaged_database_keeps_its_leftovers_until_restored(db: Database,
                                                                tmp_path: Path) -> None:
    spare = tmp_path / "spare.sqlite3"
    backup_now(db.path, spare)
    db.close()
    dead = _fake_leftovers(db.path, _dead_pid())
    with db.path.open("r+b") as fh:
        fh.seek(18)
        fh.write(b"\x09")
    try:
        open_library(db.path)
    except UnusableDatabaseError:
        pass
    assert all(p.exists() for p in dead)    # a refused database: nothing beside it changes
    restore(db.path, spare)
    assert not any(p.exists() for p in dead)


def test_the_latest_backup_is_the_last_made_even_with_the_clock_set_back(db: Database) -> None:
    add_plan(db, "before the reset")
    before = backup_now(db.path, now=T0)
    # The clock battery dies: the machine now thinks it is a year earlier.
    add_plan(db, "after the reset")
    after = backup_now(db.path, now=T0 - timedelta(days=365))
    assert latest_backup(db.path) == after
    assert latest_good_backup(db.path) == after
    listed = list_backups(db.path)
    assert [b.path for b in listed] == [after, before]
    assert [b.plans for b in listed] == [2, 1]
    # The change check compares with the last backup made, not the one dated last.
    assert auto_backup(db.path, now=T0 - timedelta(days=364)) is None
    # and a third one, with the clock still wrong, is again the newest
    add_plan(db, "third")
    third = backup_now(db.path, now=T0 - timedelta(days=364))
    assert [b.path for b in list_backups(db.path)][:2] == [third, after]
    assert all(p.exists() for p in (before, after, third))   # pruning kept the newest


def test_old_names_stay_readable_and_count_as_older(db: Database) -> None:
    folder = backup_dir(db.path)
    made = backup_now(db.path, now=T0)
    old = folder / f"{db.path.stem}-20301231T000000Z-0123456789abcdef.sqlite3"
    old.write_bytes(made.read_bytes())
    os.utime(old, (0, 0))
    listed = list_backups(db.path)
    assert [b.path for b in listed] == [made, old]
    assert listed[1].problem is None and listed[1].sequence == 0
    assert listed[0].sequence == 1


def test_the_startup_hint_names_the_last_backup_made(db: Database) -> None:
    add_plan(db, "before")
    backup_now(db.path, now=T0)
    add_plan(db, "after")
    after = backup_now(db.path, now=T0 - timedelta(days=30))
    db.close()
    db.path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    try:
        open_library(db.path)
    except UnusableDatabaseError as exc:
        assert exc.latest_backup == after
        assert f"pkdesk restore {after}" in str(exc)
    else:
        raise AssertionError("a damaged database opened")
