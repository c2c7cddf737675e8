"""Issue 9, item 15: a FIFO (or device, or folder) given as an input file is refused at once,
never read; `restore` leaves nothing beside the file it restored from.

The FIFOs are made here with os.mkfifo and nobody ever writes to them: reading one would
block forever, so each command runs as a real `python -m pkdesk` subprocess with a timeout.
"""

from __future__ import annotations

import os
import shutil
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pkdesk.core.plan.file import read_plan_file
from pkdesk.core.rules import load_rule_pack
from pkdesk.core.whatif import load_whatif_pack
from pkdesk.core.errors import InputError
from pkdesk.core.reference import load_corpus
from pkdesk.store.library import open_library
from pkdesk.store.plan_repo import PlanRepository
from pkdesk.store.restore import restore
from tests.checkout import REPO_ROOT
from tests.store.safety_support import plan_titles

PLAN = REPO_ROOT / "examples" / "unoci-2004.pkplan.json"


def _commands(fifo: str) -> dict[str, list[str]]:
    return {"check": ["check", fifo], "check --rules": ["check", str(PLAN), "--rules", fifo],
            "plan import": ["plan", "import", fifo], "compare": ["compare", fifo, str(PLAN)],
            "stress --whatifs": ["stress", str(PLAN), "--whatifs", fifo],
            "check --what-if": ["check", str(PLAN), "--what-if", "x", "--whatifs", fifo],
            "restore": ["restore", fifo]}


def test_a_fifo_given_as_any_input_file_is_refused_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    db = tmp_path / "pkdesk.sqlite3"
    open_library(db).close()
    running = {name: subprocess.Popen([sys.executable, "-m", "pkdesk", "--db", str(db), *argv],
                                      stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
               for name, argv in _commands(str(fifo)).items()}
    results = {}
    deadline = time.monotonic() + 60      # all of them together: each should take ~1 s
    try:
        for name, proc in running.items():
            try:
                _, err = proc.communicate(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                err = "blocked"
            results[name] = (proc.returncode, err)
    finally:
        for proc in running.values():
            if proc.poll() is None:
                proc.kill()
                proc.wait()
    blocked = [name for name, (_, err) in results.items() if err == "blocked"]
    assert blocked == []
    for name, (code, err) in results.items():
        assert code == 2 and err.count("\n") == 1 and "Traceback" not in err, (name, err)
        assert str(fifo) in err, (name, err)
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


@pytest.mark.parametrize("loader", [read_plan_file, load_rule_pack, load_whatif_pack,
                                    load_corpus])
def test_the_core_loaders_refuse_a_fifo_without_blocking(tmp_path: Path, loader: object) -> None:
    """In-process: opening a FIFO for reading without O_NONBLOCK would block forever; an
    alarm turns that into a failure instead of a hung test run."""
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)

    def blocked(_signum: int, _frame: object) -> None:
        raise TimeoutError(f"{loader} blocked on a FIFO")

    previous = signal.signal(signal.SIGALRM, blocked)
    signal.alarm(10)
    try:
        with pytest.raises(InputError, match=r"is a named pipe \(FIFO\), not a "):
            loader(fifo)  # type: ignore[operator]
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def test_a_device_is_not_read_as_a_plan() -> None:
    with pytest.raises(InputError, match="is a device, not a plan file"):
        read_plan_file(Path("/dev/zero"))


@pytest.mark.parametrize("loader", [read_plan_file, load_rule_pack, load_whatif_pack,
                                    load_corpus])
def test_a_nul_in_an_input_name_is_an_input_error(tmp_path: Path, loader: object) -> None:
    with pytest.raises(InputError, match="cannot contain NUL"):
        loader(tmp_path / "a\x00b.json")  # type: ignore[operator]


def test_a_nul_in_a_compared_plan_name_is_one_line(tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    from pkdesk.cli import main

    assert main(["--db", str(tmp_path / "pk.sqlite3"), "compare", str(PLAN), "x\x00"]) == 2
    _, err = capsys.readouterr()
    assert "NUL" in err and err.count("\n") == 1


@pytest.mark.parametrize("journal", ["wal", "delete"])
def test_restore_leaves_nothing_beside_its_source(db_path: Path, tmp_path: Path,
                                                  journal: str) -> None:
    """A copy of a live database is in WAL mode: reading it in place made -wal/-shm."""
    db = open_library(db_path)
    PlanRepository(db).import_plan(read_plan_file(PLAN))
    db.close()
    handover = tmp_path / "handover"
    handover.mkdir()
    source = handover / "copy.sqlite3"
    shutil.copyfile(db_path, source)
    if journal == "delete":
        import sqlite3

        conn = sqlite3.connect(source)
        conn.execute("PRAGMA journal_mode = DELETE")
        conn.close()
    before = source.read_bytes()
    db = open_library(db_path)
    PlanRepository(db).import_plan(read_plan_file(PLAN))
    db.close()
    result = restore(db_path, source)
    assert result.restored_from == source
    assert sorted(p.name for p in handover.iterdir()) == ["copy.sqlite3"]
    assert source.read_bytes() == before
    assert len(plan_titles(db_path)) == 1
    leftovers = [p.name for p in db_path.parent.iterdir() if ".restoring-" in p.name]
    assert leftovers == []


def test_restore_keeps_what_a_wal_beside_the_source_holds(db_path: Path, tmp_path: Path) -> None:
    """A database copied with its -wal while open: the -wal's committed plans are restored
    (read from a private copy), and the source's files are left exactly as they were."""
    import sqlite3

    live = tmp_path / "live" / "pkdesk.sqlite3"
    live.parent.mkdir()
    db = open_library(live)
    repo = PlanRepository(db)
    repo.import_plan(read_plan_file(PLAN))
    holder = sqlite3.connect(live)     # keeps the -wal from being folded in at close
    holder.execute("BEGIN")
    holder.execute("SELECT count(*) FROM plan").fetchone()
    repo.import_plan(read_plan_file(PLAN))
    copy = tmp_path / "copy"
    copy.mkdir()
    shutil.copyfile(live, copy / "pkdesk.sqlite3")
    shutil.copyfile(live.with_name("pkdesk.sqlite3-wal"), copy / "pkdesk.sqlite3-wal")
    holder.rollback()
    holder.close()
    db.close()
    names = sorted(p.name for p in copy.iterdir())
    wal_before = (copy / "pkdesk.sqlite3-wal").read_bytes()
    open_library(db_path).close()
    restore(db_path, copy / "pkdesk.sqlite3")
    assert len(plan_titles(db_path)) == 2
    assert sorted(p.name for p in copy.iterdir()) == names
    assert (copy / "pkdesk.sqlite3-wal").read_bytes() == wal_before


def test_a_fifo_given_as_a_document_is_refused_at_once(tmp_path: Path) -> None:
    """`library add` reads documents through the same non-blocking check as plan files."""
    import os as _os

    from pkdesk.core.docimport import read_document
    from pkdesk.core.errors import InputError

    fifo = tmp_path / "mandate.txt"
    _os.mkfifo(fifo)
    with pytest.raises(InputError, match="not a document"):
        read_document(fifo)
