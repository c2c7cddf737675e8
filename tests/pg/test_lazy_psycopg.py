"""A database file never loads psycopg: only a ``postgresql`` URL does. (SQLAlchemy's
PostgreSQL dialect module is another matter: Alembic imports every dialect's DDL support.)"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.checkout import REPO_ROOT

CODE = """
import json, sys
from pkdesk.cli import main
for argv in ({commands}):
    assert main(argv) == 0, argv
print(json.dumps(sorted(m for m in sys.modules if m.startswith("psycopg"))))
"""


def test_a_database_file_never_imports_psycopg(tmp_path: Path) -> None:
    db = str(tmp_path / "p.sqlite3")
    example = str(REPO_ROOT / "examples" / "undof-1974.pkplan.json")
    commands = [["--db", db, "plan", "import", example], ["--db", db, "search", "consent"],
                ["--db", db, "plan", "list"], ["--db", db, "doctor"]]
    done = subprocess.run([sys.executable, "-c", CODE.format(commands=repr(commands))],
                          capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.strip().splitlines()[-1]) == []
