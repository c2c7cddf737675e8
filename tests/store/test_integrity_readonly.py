"""Read-only databases, checked by the kernel: the commands run as children that obey file modes.

Decision: a read-only database *file* (0444) in a writable folder can be browsed and
searched (and backed up); every write says plainly that it is read-only. A read-only
*folder* cannot hold the WAL side files SQLite needs to read a WAL database, so every
command stops with one line saying the folder is read-only.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from pkdesk.store.library import open_library
from tests.unprivileged import obey_permissions

ROOT = Path(__file__).resolve().parents[2]

WRITE_PLAN = """
import sys
sys.path.insert(0, sys.argv[2])
from pathlib import Path
from pkdesk.core.errors import StoreError
from pkdesk.store.library import open_library
from tests.unprivileged import obey_permissions
from tests.store.safety_support import add_plan

db = open_library(Path(sys.argv[1]))
try:
    add_plan(db, "should not be stored")
except StoreError as exc:
    print(exc)
    raise SystemExit(2)
"""


@pytest.fixture
def sandbox(tmp_path: Path) -> Iterator[Path]:
    yield tmp_path
    for p in [tmp_path, *tmp_path.rglob("*")]:  # let pytest clean up what the test locked
        p.chmod(0o700 if p.is_dir() else 0o600)


def _run(argv: list[str], home: Path) -> subprocess.CompletedProcess[str]:
    """Run as a child that obeys file modes (under root it drops the override capabilities)."""
    env = {**os.environ, "HOME": str(home), "PKDESK_DB": ""}
    return subprocess.run(argv, capture_output=True, text=True, timeout=60, env=env,
                          preexec_fn=obey_permissions())


def _pkdesk(db: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "pkdesk", "--db", str(db), *args]


def _make_db(folder: Path) -> Path:
    folder.mkdir()
    path = folder / "pkdesk.sqlite3"
    open_library(path).close()
    return path


def test_read_only_file_can_be_read_but_not_written(sandbox: Path) -> None:
    db = _make_db(sandbox / "data")
    db.chmod(0o444)
    before = db.read_bytes()

    result = _run(_pkdesk(db, "search", "consent", "--limit", "1"), sandbox)
    assert result.returncode == 0, result.stderr
    assert "principles.consent" in result.stdout
    result = _run(_pkdesk(db, "reference", "principles.consent"), sandbox)
    assert result.returncode == 0 and "Consent" in result.stdout
    result = _run(_pkdesk(db, "backup"), sandbox)
    assert result.returncode == 0 and "backups" in result.stdout

    result = _run([sys.executable, "-c", WRITE_PLAN, str(db), str(ROOT)], sandbox)
    assert result.returncode == 2, result.stderr
    assert "read-only" in result.stdout and result.stdout.count("\n") == 1

    spare = Path(_run(_pkdesk(db, "backup"), sandbox).stdout.strip())
    assert spare.is_file()
    result = _run(_pkdesk(db, "restore", str(spare)), sandbox)
    assert result.returncode == 2 and "read-only" in result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert db.read_bytes() == before


def test_read_only_folder_gives_one_clear_line(sandbox: Path) -> None:
    db = _make_db(sandbox / "cdrom")
    db.parent.chmod(0o555)
    before = db.read_bytes()
    for args in (["search", "consent"], ["reference"], ["backup"]):
        result = _run(_pkdesk(db, *args), sandbox)
        assert result.returncode == 2, args
        assert "read-only" in result.stderr and result.stderr.count("\n") == 1, result.stderr
    result = _run(_pkdesk(db, "doctor"), sandbox)
    assert result.returncode == 1 and "read-only" in result.stdout
    assert db.read_bytes() == before
