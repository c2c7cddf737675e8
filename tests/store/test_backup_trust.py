"""Issue 17: a backup reads its copy whole (``quick_check``) unless the database file carries a
*verified* stamp of its present state (store/checked_stamp.py): a state that passed
``quick_check``, at open or at an earlier backup's check. A clean close alone does not verify.
Real files, real damage, the real CLI."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from pkdesk.core.errors import StoreError
from pkdesk.store.backup import backup_dir, backup_now
from pkdesk.store.checked_stamp import is_checked, is_verified, mark_checked
from pkdesk.store.library import open_library
from pkdesk.store.restore import restore
from tests.store.safety_support import add_plan, damage_last_pages, plan_titles

TITLES = [f"plan {i}" for i in range(40)]


@pytest.fixture
def filled(db_path: Path) -> Path:
    db = open_library(db_path)
    for title in TITLES:
        add_plan(db, title, body="x" * 3000)
    db.close()
    return db_path


def _sound(path: Path) -> bool:
    conn = sqlite3.connect(path)
    try:
        return bool(conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok")
    except sqlite3.DatabaseError:
        return False
    finally:
        conn.close()


def _pkdesk(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pkdesk", *args], capture_output=True,
                          text=True, timeout=120)


def test_a_clean_close_stamps_closed_and_the_first_backup_after_it_verifies(
        filled: Path, tmp_path: Path) -> None:
    assert is_checked(filled) and not is_verified(filled)   # written, then closed: not checked
    first = backup_now(filled, tmp_path / "first.sqlite3")  # checked whole: it passes
    assert is_verified(filled)
    second = backup_now(filled, tmp_path / "second.sqlite3")   # trusted: a cheap check
    for copy in (first, second):
        assert plan_titles(copy) == TITLES
        assert _sound(copy)
        conn = sqlite3.connect(copy)
        try:
            assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        finally:
            conn.close()
    assert second.read_bytes() == first.read_bytes()
    # An open and a clean close that change nothing keep the stamp verified; a write does not.
    db = open_library(filled)
    db.close()
    assert is_verified(filled)
    db = open_library(filled)
    add_plan(db, "one more")
    db.close()
    assert is_checked(filled) and not is_verified(filled)


def test_a_damaged_source_is_never_copied_into_a_good_backup(filled: Path,
                                                              tmp_path: Path) -> None:
    backup_now(filled, tmp_path / "before.sqlite3")
    assert is_verified(filled)
    damage_last_pages(filled)               # another program writes: the stamp is void
    assert not is_checked(filled)
    out = tmp_path / "out.sqlite3"
    for attempt in (lambda: backup_now(filled, out), lambda: backup_now(filled)):
        with pytest.raises(StoreError, match="damaged|failed its check") as err:
            attempt()
        assert "\n" not in str(err.value)
    assert not out.exists()
    assert not list(backup_dir(filled).glob("*.sqlite3"))
    assert not is_verified(filled)
    # The command line says so in one line, exit code 2, and writes nothing.
    done = _pkdesk("--db", str(filled), "backup", "-o", str(out))
    assert done.returncode == 2, done.stderr
    assert "damaged" in done.stderr and "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    assert not out.exists()


def test_damage_written_during_a_session_is_still_found_by_the_backup(filled: Path) -> None:
    # Damage, then a clean close's stamp (what damage written by another program while pkdesk
    # had the file open would look like): not verified, so the copy is checked whole.
    damage_last_pages(filled)
    mark_checked(filled)
    assert is_checked(filled) and not is_verified(filled)
    with pytest.raises(StoreError, match="damaged|failed its check"):
        backup_now(filled)
    assert not is_verified(filled)


def test_what_the_verified_stamp_trusts_restore_still_checks(filled: Path,
                                                             tmp_path: Path) -> None:
    # The trade-off, shown on a file damaged and then stamped verified by hand (no pkdesk run
    # does that: only a passing quick_check writes this kind): the backup trusts the stamp
    # and copies the pages as they are; restoring that copy runs integrity_check and refuses.
    damage_last_pages(filled)
    mark_checked(filled, verified=True)
    copy = backup_now(filled, tmp_path / "copy.sqlite3")
    assert not _sound(copy)
    target = tmp_path / "restored.sqlite3"
    with pytest.raises(StoreError) as err:
        restore(target, copy)
    assert "\n" not in str(err.value)
    assert not target.exists()


def test_the_cli_backup_of_a_verified_file_is_complete(filled: Path, tmp_path: Path) -> None:
    db = open_library(filled)          # the open does not check: the close's stamp holds
    db.engine.dispose()
    backup_now(filled, tmp_path / "verify.sqlite3")
    assert is_verified(filled)
    out = tmp_path / "cli.sqlite3"
    done = _pkdesk("--db", str(filled), "backup", "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == str(out)
    assert plan_titles(out) == TITLES and _sound(out)
    assert out.stat().st_mode & 0o777 == 0o600
    assert is_verified(filled)
