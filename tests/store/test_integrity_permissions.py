"""Owner-only files even under a permissive umask: database, -wal, -shm, backups and folder."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

CHILD = """
import json, os, sys
sys.path.insert(0, sys.argv[2])
os.umask(0)   # the worst case: everything a process creates would be world-writable
from pathlib import Path
from pkdesk.store.backup import backup_now, backup_dir
from pkdesk.store.library import open_library
from tests.store.safety_support import add_plan

path = Path(sys.argv[1])
db = open_library(path)
add_plan(db, "sensitive")           # the connection stays open: -wal and -shm exist now
backup = backup_now(path)
files = [path, Path(str(path) + "-wal"), Path(str(path) + "-shm"), backup, backup_dir(path)]
print(json.dumps({p.name: p.stat().st_mode & 0o777 for p in files}))
db.close()
"""


def test_everything_is_owner_only_under_umask_zero(tmp_path: Path) -> None:
    db = tmp_path / "pkdesk.sqlite3"
    result = subprocess.run([sys.executable, "-c", CHILD, str(db), str(ROOT)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    modes = json.loads(result.stdout)
    assert len(modes) == 5
    assert {name: mode & 0o077 for name, mode in modes.items()} == dict.fromkeys(modes, 0)
    assert modes["backups"] == 0o700
