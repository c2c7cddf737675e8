"""Several `pkdesk plan ...` writers at once on one database: every one succeeds, no revision
number is given twice, nothing is lost; a lock held beyond the timeout is one line, exit 2.

The racing writers are real processes running the CLI's own ``main``. Each imports pkdesk
first and then waits at a gate (a file the test creates), so that all of them write within
the same few milliseconds instead of being spread out by their start-up times.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest

from pkdesk.core.plan.file import read_plan_file
from pkdesk.store.library import open_library
from pkdesk.store.plan_repo import PlanRepository
from tests.core.plan_samples import EXAMPLES

SOUND = EXAMPLES / "unoci-2004.pkplan.json"
PROCESSES = 6

GATED_CLI = """
import os, sys, time
from pkdesk.cli import main
gate, times, argv = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
print("ready", flush=True)
while not os.path.exists(gate):
    time.sleep(0.001)
codes = [main(argv) for _ in range(times)]
print("codes", *codes, flush=True)
sys.exit(max(codes))
"""

LOCK_HOLDER = """
import sqlite3, sys, time
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN IMMEDIATE")   # hold the write lock, as a stuck writer would
conn.execute("UPDATE app_meta SET value = value WHERE key = 'application'")
print("locked", flush=True)
time.sleep(60)
"""


def _race(tmp_path: Path, argvs: list[list[str]], times: int) -> list[tuple[int, str, str]]:
    """Run each argv ``times`` times in its own process, all released at once."""
    gate = tmp_path / "gate"
    procs = [subprocess.Popen([sys.executable, "-c", GATED_CLI, str(gate), str(times), *argv],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for argv in argvs]
    for proc in procs:
        assert proc.stdout is not None and proc.stdout.readline() == "ready\n"
    gate.touch()
    results = []
    for proc in procs:
        out, err = proc.communicate(timeout=120)
        results.append((proc.returncode, out, err))
    return results


def _revision_numbers(db_path: Path, plan_id: int) -> list[int]:
    conn = sqlite3.connect(db_path)
    try:
        return [r[0] for r in conn.execute(
            "SELECT number FROM plan_revision WHERE plan_id = ? ORDER BY number", (plan_id,))]
    finally:
        conn.close()


def _plan_with_revisions(db_path: Path) -> int:
    db = open_library(db_path)
    try:
        repo = PlanRepository(db)
        plan_id = repo.import_plan(read_plan_file(SOUND)).id
        plan = repo.get(plan_id)
        repo.save(plan_id, replace(plan, notes="second"))
        return plan_id
    finally:
        db.close()


def test_parallel_plan_restores_all_succeed_with_distinct_revisions(
        db_path: Path, tmp_path: Path) -> None:
    plan_id = _plan_with_revisions(db_path)
    times = 5
    argv = ["--db", str(db_path), "plan", "restore", str(plan_id), "1"]
    results = _race(tmp_path, [argv] * PROCESSES, times)
    for code, out, err in results:
        assert "Traceback" not in err and "IntegrityError" not in err, err
        assert (code, err) == (0, ""), err
        assert out.count("restored revision 1 of plan") == times
    numbers = _revision_numbers(db_path, plan_id)
    assert numbers == list(range(1, 2 + PROCESSES * times + 1))   # none lost, none twice
    said = sorted(int(line.rsplit(" ", 1)[1]) for _, out, _ in results
                  for line in out.splitlines() if line.startswith("restored"))
    assert said == list(range(3, 2 + PROCESSES * times + 1))      # each told its own number
    with _closing(db_path) as repo:
        assert repo.revision(plan_id, numbers[-1]).notes == repo.revision(plan_id, 1).notes
        assert repo.get(plan_id) == repo.revision(plan_id, numbers[-1])


def test_parallel_imports_of_one_file_keep_every_copy(db_path: Path, tmp_path: Path) -> None:
    """The same file imported at once by several processes: each gets its own plan, and
    every copy after the first a fresh uid (none refused by the UNIQUE uid)."""
    open_library(db_path).close()
    argv = ["--db", str(db_path), "plan", "import", str(SOUND), "--format", "json"]
    results = _race(tmp_path, [argv] * PROCESSES, 2)
    uids = []
    for code, out, err in results:
        assert "Traceback" not in err, err
        assert (code, err) == (0, ""), err
        docs = _json_documents(out.replace("codes 0 0", ""))
        assert len(docs) == 2
        uids += [d["uid"] for d in docs]
    assert len(set(uids)) == PROCESSES * 2
    original = read_plan_file(SOUND).uid
    assert uids.count(original) == 1
    with _closing(db_path) as repo:
        assert repo.count() == PROCESSES * 2


def test_parallel_mixed_writers_on_one_plan(db_path: Path, tmp_path: Path) -> None:
    """restore, branch and import together: every command succeeds, every revision is kept."""
    plan_id = _plan_with_revisions(db_path)
    base = ["--db", str(db_path), "plan"]
    argvs = [base + ["restore", str(plan_id), "1"], base + ["restore", str(plan_id), "2"],
             base + ["branch", str(plan_id)], base + ["restore", str(plan_id), "1"],
             base + ["import", str(SOUND)], base + ["restore", str(plan_id), "2"]]
    results = _race(tmp_path, argvs, 4)
    for code, _out, err in results:
        assert (code, err) == (0, ""), err
    assert _revision_numbers(db_path, plan_id) == list(range(1, 2 + 4 * 4 + 1))
    with _closing(db_path) as repo:
        assert repo.count() == 1 + 4 + 4


@pytest.mark.slow
def test_a_write_lock_held_beyond_the_timeout_is_one_line_and_exit_2(
        db_path: Path, tmp_path: Path) -> None:
    plan_id = _plan_with_revisions(db_path)
    holder = subprocess.Popen([sys.executable, "-c", LOCK_HOLDER, str(db_path)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "locked\n"
        for verb in (["restore", str(plan_id), "1"], ["branch", str(plan_id)],
                     ["import", str(SOUND)]):
            started = time.monotonic()
            proc = subprocess.run([sys.executable, "-m", "pkdesk", "--db", str(db_path),
                                   "plan", *verb], capture_output=True, text=True, timeout=60)
            assert time.monotonic() - started >= 4      # it waited for the lock first
            assert proc.returncode == 2, proc.stderr
            assert proc.stderr.count("\n") == 1 and "busy" in proc.stderr, proc.stderr
            assert "Traceback" not in proc.stderr and proc.stdout == ""
    finally:
        holder.kill()
        holder.communicate()
    assert _revision_numbers(db_path, plan_id) == [1, 2]     # nothing half-written
    with _closing(db_path) as repo:
        assert repo.count() == 1


def _json_documents(text: str) -> list[dict[str, object]]:
    decoder, docs, at = json.JSONDecoder(), [], 0
    while text[at:].strip():
        at = len(text) - len(text[at:].lstrip())
        doc, at = decoder.raw_decode(text, at)
        docs.append(doc)
    return docs


class _closing:
    """A repository on a fresh connection, closed on leaving the ``with``."""

    def __init__(self, db_path: Path) -> None:
        self.db = open_library(db_path)

    def __enter__(self) -> PlanRepository:
        return PlanRepository(self.db)

    def __exit__(self, *_exc: object) -> None:
        self.db.close()
