"""Bookmarks and notes written by two windows (two processes) at once: each toggle and note is
decided under the write lock, so neither process meets a UNIQUE conflict on ``node_id``."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

from pkdesk.store.library import open_library

TOGGLER = """
import os, sys, time
from pathlib import Path
from pkdesk.store.library import open_library
from pkdesk.store.reference_repo import ReferenceRepository
repo = ReferenceRepository(open_library(Path(sys.argv[1])))
gate, name = sys.argv[2], sys.argv[3]
print("ready", flush=True)
while not os.path.exists(gate):
    time.sleep(0.001)
for i in range(150):
    repo.set_bookmark("principles.consent", i % 2 == 0)
    repo.set_note("principles.consent", "" if i % 3 == 2 else f"{name} {i}")
repo.set_bookmark("principles.consent", True)
repo.set_note("principles.consent", f"{name} last")
repo.db.close()
"""


def test_two_processes_toggling_one_bookmark_and_note(db_path: Path, tmp_path: Path) -> None:
    open_library(db_path).close()
    gate = tmp_path / "gate"
    procs = [subprocess.Popen([sys.executable, "-c", TOGGLER, str(db_path), str(gate), name],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for name in ("A", "B")]
    for proc in procs:
        assert proc.stdout is not None and proc.stdout.readline() == "ready\n"
    gate.touch()
    for proc in procs:
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0 and "IntegrityError" not in err, err
    conn = sqlite3.connect(db_path)
    try:
        assert conn.execute("SELECT node_id FROM bookmark").fetchall() == [("principles.consent",)]
        notes = conn.execute("SELECT body FROM note").fetchall()
    finally:
        conn.close()
    assert notes in ([("A last",)], [("B last",)])
