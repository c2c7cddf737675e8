"""Build pkdesk's one-folder bundle: dist/pkdesk/ and an archive of it beside it.

    python packaging/build_bundle.py            (from the checkout; uses .venv when it exists)

Runs in pkdesk's development environment (`python3 dev.py setup` makes it): PyInstaller is
installed there if missing, pinned by constraints.txt when the checkout has one (the
versions CI tested, so a release is reproducible). Then packaging/pkdesk.spec is built and
the folder archived: pkdesk-<version>-<platform>.tar.gz (.zip on Windows). On Linux the
folder gets share/ with the desktop files and install-desktop.sh. It prints the
folder's and the archive's sizes. No step needs the network except installing PyInstaller.
"""

from __future__ import annotations

import os
import platform
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "packaging" / "pkdesk.spec"
DIST = ROOT / "dist"
WORK = ROOT / "build" / "pyinstaller"
CONSTRAINTS = ROOT / "constraints.txt"
PYINSTALLER = "pyinstaller>=6.10"


def dev_python() -> str:
    """The checkout's .venv (where pkdesk and its dependencies are), else this Python."""
    venv = ROOT / ".venv" / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    return str(venv) if venv.exists() else sys.executable


def ensure_pyinstaller(python: str) -> None:
    found = subprocess.run([python, "-c", "import PyInstaller"], capture_output=True)
    if found.returncode == 0:
        return
    print("Installing PyInstaller ...", flush=True)
    command = [python, "-m", "pip", "install", "-q", PYINSTALLER]
    if CONSTRAINTS.exists():
        command += ["-c", str(CONSTRAINTS)]
    subprocess.run(command, check=True)


def folder_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file() and not f.is_symlink())


def add_desktop_files(folder: Path) -> None:
    """folder/share: the Linux desktop entry, MIME type, AppStream file and icons, with
    install-desktop.sh to register them for the user (packaging/README.md)."""
    share = folder / "share"
    (share / "icons").mkdir(parents=True, exist_ok=True)
    packaging = ROOT / "packaging"
    for name in ("pkdesk.desktop", "pkdesk-mime.xml", "org.pkdesk.Pkdesk.metainfo.xml",
                 "install-desktop.sh"):
        shutil.copy2(packaging / name, share / name)
    for icon in (ROOT / "src" / "pkdesk" / "resources" / "icons").iterdir():
        shutil.copy2(icon, share / "icons" / icon.name)


def archive(folder: Path, version: str) -> Path:
    system = {"win32": "windows", "darwin": "macos"}.get(sys.platform, sys.platform)
    base = DIST / f"pkdesk-{version}-{system}-{platform.machine().lower()}"
    fmt = "zip" if sys.platform == "win32" else "gztar"
    return Path(shutil.make_archive(str(base), fmt, root_dir=folder.parent, base_dir=folder.name))


def main() -> int:
    python = dev_python()
    ensure_pyinstaller(python)
    started = time.monotonic()
    subprocess.run([python, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level",
                    "WARN", "--distpath", str(DIST), "--workpath", str(WORK), str(SPEC)],
                   check=True, cwd=ROOT)
    folder = DIST / "pkdesk"
    if sys.platform.startswith("linux"):
        add_desktop_files(folder)
    version = subprocess.run([python, "-c", "import pkdesk; print(pkdesk.__version__)"],
                             capture_output=True, text=True, check=True).stdout.strip()
    for old in DIST.glob("pkdesk-*.*"):
        old.unlink()
    packed = archive(folder, version)
    mib = 1024 * 1024
    print(f"bundle: {folder.relative_to(ROOT)} {folder_size(folder) / mib:.1f} MiB, "
          f"{packed.relative_to(ROOT)} {packed.stat().st_size / mib:.1f} MiB, "
          f"built in {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
