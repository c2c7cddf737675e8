"""Run a snippet of Python as an unprivileged user, so permission tests mean something as root.

CI runs as root, for whom a read-only folder is still writable. Under root the snippet runs in
a child process that first drops to the 'nobody' user; otherwise it runs in a child as is.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

NOBODY = 65534


def _drop_privileges() -> None:
    os.setgid(NOBODY)
    os.setuid(NOBODY)


def run_python(code: str, *args: str) -> subprocess.CompletedProcess[str]:
    is_root = hasattr(os, "geteuid") and os.geteuid() == 0
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                          timeout=60, preexec_fn=_drop_privileges if is_root else None)


@contextmanager
def shared_folder() -> Iterator[Path]:
    """A temporary folder the unprivileged child can reach (pytest's tmp_path is 0700)."""
    folder = Path(tempfile.mkdtemp(prefix="pkdesk-perm-"))
    folder.chmod(0o755)
    try:
        yield folder
    finally:
        for path in [folder, *folder.rglob("*")]:
            if path.is_dir():
                path.chmod(0o755)
        shutil.rmtree(folder)
