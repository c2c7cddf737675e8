"""SIGKILL a writer at random moments: every acknowledged plan survives, the file stays sound.

The child prints a plan's id only after the commit that stored it returned, so every id the
parent has read was acknowledged to the user. Kills land anywhere: during interpreter start,
while the database is being created or migrated, mid-transaction, mid-fsync.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from pkdesk.store.library import open_library

ROOT = Path(__file__).resolve().parents[2]
KILLS = 25
MIN_KILLS = 15          # made whatever the time: on a loaded machine a start takes seconds
TIME_BUDGET_S = 20.0    # beyond the minimum, kills go on while time is left

WRITER = """
import sys
sys.path.insert(0, sys.argv[2])
from pathlib import Path
from pkdesk.store.library import open_library
from tests.store.safety_support import add_plan

db = open_library(Path(sys.argv[1]))
print("ready", flush=True)
n = 0
while True:
    n += 1
    plan_id = add_plan(db, f"plan {n}", body="consent " * 200)
    print(plan_id, flush=True)
"""


def _run_and_kill(db_path: Path, delay: float, *, after_ready: bool) -> list[int]:
    """Start a writer; SIGKILL it `delay` s after it started (or after its database opened)."""
    proc = subprocess.Popen([sys.executable, "-c", WRITER, str(db_path), str(ROOT)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    lines: list[str] = []
    ready = threading.Event()

    def read() -> None:
        for line in proc.stdout or []:
            if line == "ready\n":
                ready.set()
            else:
                lines.append(line)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    if after_ready:
        ready.wait(timeout=15)
    time.sleep(delay)
    if proc.poll() is not None:  # it must not have stopped by itself
        raise AssertionError(f"writer exited early: {proc.stderr.read() if proc.stderr else ''}")
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    reader.join(timeout=10)
    for pipe in (proc.stdout, proc.stderr):
        if pipe:
            pipe.close()
    # A line cut by the kill has no newline: that id was never fully acknowledged.
    return [int(line) for line in lines if line.endswith("\n")]


def _stored_ids(db_path: Path) -> set[int]:
    conn = sqlite3.connect(db_path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "plan" not in tables:
            return set()
        return {r[0] for r in conn.execute("SELECT id FROM plan")}
    finally:
        conn.close()


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_sigkilled_writer_loses_nothing_acknowledged(db_path: Path) -> None:
    rng = random.Random()
    seed = rng.randrange(1 << 30)
    rng.seed(seed)
    acknowledged: set[int] = set()
    started = time.monotonic()
    kills = 0
    while kills < MIN_KILLS or (kills < KILLS and time.monotonic() - started < TIME_BUDGET_S):
        if kills % 5 == 0:  # during start-up: creating, migrating, loading the corpus
            acknowledged.update(_run_and_kill(db_path, rng.uniform(0.05, 1.3), after_ready=False))
        else:               # while writing plans (~5 ms per acknowledged commit)
            acknowledged.update(_run_and_kill(db_path, rng.uniform(0.0, 0.2), after_ready=True))
        kills += 1
        if db_path.exists() and db_path.stat().st_size:
            missing = acknowledged - _stored_ids(db_path)
            assert not missing, f"kill {kills} (seed {seed}): acknowledged plans lost: {sorted(missing)[:5]}"
    print(f"{kills} kills, {len(acknowledged)} acknowledged plans, seed {seed}")
    assert len(acknowledged) > 50, "the writer hardly wrote: the test proved little"
    db = open_library(db_path)  # the quick check at open agrees, and the app can carry on
    db.close()
