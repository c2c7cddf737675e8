"""Two real pkdesk processes on one database: both work, or the second says plainly why not."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pkdesk.cli import main
from pkdesk.core.errors import StoreError
from pkdesk.store import db as dbmodule
from pkdesk.store.backup import backup_now
from pkdesk.store.library import open_library
from tests.store.safety_support import add_plan

ROOT = Path(__file__).resolve().parents[2]

WRITER = """
import sys
sys.path.insert(0, sys.argv[3])
from pathlib import Path
from pkdesk.store.library import open_library
from tests.store.safety_support import add_plan

db = open_library(Path(sys.argv[1]))
for i in range(int(sys.argv[2])):
    add_plan(db, f"from {sys.argv[4]} #{i}")
db.close()
"""

LOCK_HOLDER = """
import sqlite3, sys, time
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN IMMEDIATE")   # hold the write lock, as a stuck writer would
conn.execute("UPDATE app_meta SET value = value WHERE key = 'application'")
print("locked", flush=True)
time.sleep(60)
"""


def _spawn(code: str, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-c", code, *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


@pytest.mark.parametrize("fresh", [False, True], ids=["existing", "both-create-it"])
def test_two_writers_at_once_both_succeed(db_path: Path, fresh: bool) -> None:
    if not fresh:
        open_library(db_path).close()
    procs = [_spawn(WRITER, str(db_path), "150", str(ROOT), name) for name in ("A", "B")]
    for proc in procs:
        out, err = proc.communicate(timeout=60)
        assert proc.returncode == 0, err
    conn = sqlite3.connect(db_path)
    try:
        titles = [r[0] for r in conn.execute("SELECT title FROM plan")]
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()
    assert sum(t.startswith("from A") for t in titles) == 150
    assert sum(t.startswith("from B") for t in titles) == 150


@pytest.fixture
def lock_held(db_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    open_library(db_path).close()
    monkeypatch.setattr(dbmodule, "BUSY_TIMEOUT_MS", 300)  # keep the test short
    holder = _spawn(LOCK_HOLDER, str(db_path))
    assert holder.stdout is not None and holder.stdout.readline() == "locked\n"
    yield holder
    holder.kill()
    holder.communicate()


def test_a_lock_that_outlasts_the_timeout_is_a_clear_error(db_path: Path, lock_held: object) -> None:
    db = open_library(db_path)   # reading still works while another process writes (WAL)
    try:
        started = time.monotonic()
        with pytest.raises(StoreError, match="busy in another pkdesk window") as err:
            add_plan(db, "blocked")
        assert time.monotonic() - started >= 0.25   # it waited for the lock first
        assert "database is locked" not in str(err.value)
    finally:
        db.close()


def test_cli_under_a_held_lock_reads_and_refuses_restore_in_one_line(
        db_path: Path, tmp_path: Path, lock_held: object, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", str(db_path), "search", "consent"]) == 0
    spare = backup_now(db_path, tmp_path / "spare.sqlite3")
    capsys.readouterr()
    assert main(["--db", str(db_path), "restore", str(spare)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "another pkdesk window" in err
    assert "Traceback" not in err and "database is locked" not in err
