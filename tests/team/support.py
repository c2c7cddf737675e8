"""Running the real `pkdesk` command for the team tests, with a private HOME."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def pkdesk(*argv: str, home: Path, stdin: str = "",
           env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """`python -m pkdesk ARGV` in a subprocess; HOME (so ~/.pgpass) is ``home``."""
    environ = dict(os.environ)
    environ.pop("PGPASSFILE", None)
    environ.pop("PGPASSWORD", None)
    environ.update({"HOME": str(home), "PYTHONIOENCODING": "utf-8"})
    environ.update(env or {})
    return subprocess.run([sys.executable, "-m", "pkdesk", *argv], input=stdin,
                          capture_output=True, text=True, env=environ, timeout=120)
