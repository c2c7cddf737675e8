"""Issue 17: opening a database runs `quick_check` over the whole file only when the file is
not in the state pkdesk checked or closed cleanly (store/checked_stamp.py). Real files, real
damage, a real killed process."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from pkdesk.core.errors import PkdeskError, StoreError
from pkdesk.store.backup import backup_now
from pkdesk.store.checked_stamp import is_checked, mark_checked, stamp_path
from pkdesk.store.doctor import diagnose
from pkdesk.store.library import open_library
from pkdesk.store.output_guard import check_output_path, protect_database
from tests.store.safety_support import add_plan, damage_last_pages, plan_titles


@pytest.fixture
def filled(db_path: Path) -> Path:
    db = open_library(db_path)
    for i in range(40):
        add_plan(db, f"plan {i}", body="x" * 3000)
    db.close()
    return db_path


def test_a_clean_close_stamps_the_file_and_any_later_write_voids_the_stamp(filled: Path) -> None:
    assert is_checked(filled)
    assert not (filled.with_name(filled.name + "-wal")).exists()
    data = filled.read_bytes()
    filled.write_bytes(data)                     # the same bytes, written by another program
    assert not is_checked(filled)


def test_damage_after_a_clean_close_is_found_before_anything_is_written(filled: Path) -> None:
    damage_last_pages(filled)
    before = filled.read_bytes()
    with pytest.raises(StoreError, match="damaged") as err:
        open_library(filled)
    assert "\n" not in str(err.value)
    assert filled.read_bytes() == before


def test_a_stamped_file_is_not_read_whole_at_open_but_doctor_and_backup_still_check(
        filled: Path) -> None:
    # The trade-off, shown on a file damaged and then stamped as if pkdesk had closed it so
    # (which is what damage written by another program during a session would look like).
    damage_last_pages(filled)
    mark_checked(filled)
    db = open_library(filled)          # no whole-file check: the open reads what it needs
    db.engine.dispose()                # (not close(): that would stamp it again)
    assert db.path == filled
    assert not diagnose(filled).healthy
    with pytest.raises(StoreError, match="damaged") as err:
        backup_now(filled)
    assert "\n" not in str(err.value)


def test_a_killed_writer_leaves_the_file_to_be_checked_in_full(filled: Path) -> None:
    child = subprocess.Popen([sys.executable, "-c", (
        "import os, signal, sys\n"
        "from pathlib import Path\n"
        "from pkdesk.store.library import open_library\n"
        "from tests.store.safety_support import add_plan\n"
        "db = open_library(Path(sys.argv[1]))\n"
        "add_plan(db, 'written, then killed')\n"
        "print('written', flush=True)\n"
        "os.kill(os.getpid(), signal.SIGKILL)\n"), str(filled)],
        stdout=subprocess.PIPE, text=True, cwd=Path(__file__).resolve().parents[2])
    out, _ = child.communicate(timeout=120)
    assert out == "written\n" and child.returncode == -signal.SIGKILL
    assert os.path.getsize(filled.with_name(filled.name + "-wal")) > 0
    assert not is_checked(filled)       # the stamp of the clean close no longer holds
    db = open_library(filled)           # checked in full, then stamped again
    db.close()
    assert is_checked(filled)
    assert "written, then killed" in plan_titles(filled)


def test_no_output_may_be_written_over_the_stamp(filled: Path) -> None:
    protect_database(filled)
    with pytest.raises(PkdeskError, match="database"):
        check_output_path(stamp_path(filled))
