#!/usr/bin/env python3
"""One-command setup for pkdesk: `python3 dev.py run` or `python3 dev.py test`.

Creates ./.venv on first use, (re)installs pkdesk with its test extras whenever
pyproject.toml or constraints.txt changes, then launches the app or runs the whole test suite.
Dependencies are installed at the exact versions in constraints.txt, the ones CI tests.
Works on Linux, macOS and Windows with only Python 3.11+ installed.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
STAMP = VENV / ".pkdesk-installed"
CONSTRAINTS = ROOT / "constraints.txt"


def venv_python() -> Path:
    return VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def ensure_env() -> Path:
    if sys.version_info < (3, 11):
        sys.exit(f"pkdesk needs Python 3.11 or newer; this is {sys.version.split()[0]}")
    if not venv_python().exists():
        print("Creating .venv ...", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()
                            + CONSTRAINTS.read_bytes()).hexdigest()
    if not STAMP.exists() or STAMP.read_text().strip() != wanted:
        print("Installing pkdesk and its dependencies ...", flush=True)
        py = str(venv_python())
        subprocess.run([py, "-m", "pip", "install", "-q", "--upgrade", "pip"], check=True)
        subprocess.run([py, "-m", "pip", "install", "-q", "-c", str(CONSTRAINTS), "-e",
                        f"{ROOT}[test]"], check=True)
        STAMP.write_text(wanted)
    return venv_python()


# Qt's X11 platform plugin (6.5+) needs these system libraries; without them it aborts before
# pkdesk can show any message, so say what to install instead.
QT_XCB_LIBRARIES = ("xcb-cursor", "xcb-icccm", "xkbcommon-x11", "EGL", "fontconfig")


def warn_missing_qt_libraries() -> None:
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return
    import ctypes.util

    missing = [lib for lib in QT_XCB_LIBRARIES if ctypes.util.find_library(lib) is None]
    if missing:
        print("pkdesk's window needs system libraries that are not installed: "
              + ", ".join(f"lib{m}" for m in missing) + ". On Debian/Ubuntu: sudo apt-get install "
              "libxcb-cursor0 libxcb-icccm4 libxkbcommon-x11-0 libegl1 libfontconfig1", file=sys.stderr)


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in {"run", "test", "setup"}:
        print("usage: python3 dev.py run [pkdesk args] | test [pytest args] | setup", file=sys.stderr)
        return 2
    py = str(ensure_env())
    command, rest = argv[0], argv[1:]
    if command == "setup":
        return 0
    if command == "run":
        if not rest:
            warn_missing_qt_libraries()
        return subprocess.call([py, "-m", "pkdesk", *rest])
    typed = subprocess.call([py, "-m", "mypy"], cwd=ROOT)
    tested = subprocess.call([py, "-m", "pytest", *rest], cwd=ROOT)
    # pytest exits 5 when it collected no test: that is a failure here, as is any other non-zero.
    return typed or tested


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
