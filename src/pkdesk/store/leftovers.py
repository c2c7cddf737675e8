"""Temporary files left by a backup or restore that was killed, and their cleaning up.

A restore copies the backup into ``.<db name>.restoring-<pid>.source`` (a private copy of
the file named, read instead of it) and ``.<db name>.restoring-<pid>`` beside the database, a
backup writes ``.<backup name>.partial-<pid>`` in the backups folder; each is removed when
its process ends, but not when the process is killed (or the machine loses power). Such a
file is a leftover once no process with its PID is alive: ``doctor`` lists them, and the
next open, backup or restore removes them. A file whose PID is alive belongs to a backup or
restore under way, and is left alone.

The backups folder is named here (``backup_dir``), where both the backups and the cleaning up
of their temporary files find it.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

BACKUP_DIR_NAME = "backups"
_SIDE = r"(?:-wal|-shm|-journal)?"


def backup_dir(db_path: Path) -> Path:
    """The folder of this database's backups, beside it."""
    return Path(db_path).parent / BACKUP_DIR_NAME


def _patterns(db_path: Path) -> list[tuple[Path, re.Pattern[str]]]:
    return [
        (db_path.parent,
         re.compile(rf"^\.{re.escape(db_path.name)}\.restoring-(\d+)(?:\.source)?{_SIDE}$")),
        (backup_dir(db_path),
         re.compile(rf"^\.{re.escape(db_path.stem)}-[^/]*\.sqlite3\.partial-(\d+){_SIDE}$")),
    ]


def pid_alive(pid: int) -> bool:
    """Whether a process with this id exists (another user's counts). Where that cannot be
    asked safely (Windows: signal 0 would end the process), every PID counts as alive."""
    if os.name != "posix":
        return True
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True            # someone else's process
    except OverflowError:
        return False           # an absurd PID is nobody's
    return True


def find_leftovers(db_path: Path) -> list[Path]:
    """Temporary files of this database's dead backups and restores, sorted by name."""
    found = []
    for folder, pattern in _patterns(Path(db_path).absolute()):
        try:
            names = os.listdir(folder)
        except OSError:
            continue
        for name in names:
            match = pattern.match(name)
            if match and not pid_alive(int(match.group(1))):
                found.append(folder / name)
    return sorted(found)


def remove_leftovers(db_path: Path) -> list[Path]:
    """Delete the leftovers ``find_leftovers`` names; return those deleted. A file that
    cannot be deleted (read-only folder) stays, for ``doctor`` to mention."""
    removed = []
    for path in find_leftovers(db_path):
        try:
            if path.is_file() and not path.is_symlink():
                path.unlink()
                removed.append(path)
        except OSError:
            continue
    return removed
