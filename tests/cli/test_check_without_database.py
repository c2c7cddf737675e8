"""`pkdesk check FILE` reads a plan file, the rule pack and the shipped corpus: no database,
so no SQLAlchemy (or Alembic) is imported — it starts fast and works where no database can be
opened."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "rwanda-1993.pkplan.json"

PROBE = """
import sys
from pkdesk.cli import main
code = main(["check", sys.argv[1]])
sys.stdout.flush()
loaded = sorted(m for m in sys.modules if m.split(".")[0] in ("sqlalchemy", "alembic"))
stores = sorted(m for m in sys.modules if m.startswith("pkdesk.store"))
print("EXIT", code, "LOADED", loaded, "STORE", stores)
"""


def test_check_on_a_plan_file_imports_no_sqlalchemy(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-c", PROBE, str(EXAMPLE)], capture_output=True,
                            text=True, timeout=120, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    last = result.stdout.strip().splitlines()[-1]
    assert last.startswith("EXIT 1 ") or last.startswith("EXIT 0 "), result.stdout
    assert "LOADED [] STORE []" in last, last
    # It did check: the findings name their citations by the reference node's title.
    assert 'Rests on: Consent of the Parties: "' in result.stdout
