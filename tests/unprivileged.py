"""Run children that obey file permissions, so permission tests mean something as root.

CI runs as root, for whom a read-only file or folder is still writable. Under root the child
drops, from its capability bounding set before it starts, the capabilities that let root
ignore file modes (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER). It stays uid 0, so it
can still reach the interpreter and the sources wherever the checkout lives; it just can no
longer write where the mode says no. Non-root children need nothing.
"""

from __future__ import annotations

import ctypes
import os
import subprocess
import sys
from collections.abc import Callable

PR_CAPBSET_DROP = 24
CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER = 1, 2, 3


def _drop_permission_override() -> None:
    libc = ctypes.CDLL(None, use_errno=True)
    for cap in (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER):
        if libc.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "cannot drop capability")


def obey_permissions() -> Callable[[], None] | None:
    """A preexec_fn for subprocess that makes a root child obey file modes (None otherwise)."""
    is_root = hasattr(os, "geteuid") and os.geteuid() == 0
    return _drop_permission_override if is_root else None


def run_python(code: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                          timeout=60, preexec_fn=obey_permissions())
