"""The "checked" stamp: whether a database file is, to the byte, one that pkdesk has already
checked or left after a clean close, so that opening it need not run ``quick_check`` over
the whole file again (issue 17: ~0.4 s at 696 MB, at every open of the window or of
`pkdesk backup`).

The stamp is a small side file, ``<database>-checked``, holding the main file's identity and
state as ``os.stat`` gives them (device, inode, size, modification and change times in
nanoseconds). It is written

- at open, right after ``quick_check`` found the file sound (nothing has been written yet);
- at a clean close (``Database.close``), when SQLite has folded the write-ahead log back into
  the main file: the file is then the one pkdesk checked, changed only by pkdesk's own
  committed transactions.

Opening a file whose state matches its stamp skips the full ``quick_check`` and the value
check of the plan table's rows; anything else (no stamp, a killed process, which leaves a
``-wal`` with frames in it, a file another program wrote, copied, restored or touched, whose
change time then differs) gets the full check as before. Restores remove the stamp. What the
stamp cannot see is damage another program writes while pkdesk has the file open: a backup's
check of its copy, `pkdesk doctor` and the next open after an unclean stop still find it.
"""

from __future__ import annotations

import os
from pathlib import Path

STAMP_SUFFIX = "-checked"
_VERSION = "pkdesk-checked 1"
_MAX_BYTES = 200


def stamp_path(db: Path) -> Path:
    return db.with_name(db.name + STAMP_SUFFIX)


def file_state(db: Path) -> str | None:
    """The state the stamp records, or None when the file cannot be vouched for this way (it
    is missing, or a write-ahead log beside it holds frames not yet in the main file)."""
    try:
        st = os.stat(db)
        wal = db.with_name(db.name + "-wal")
        if wal.exists() and wal.stat().st_size:
            return None
    except OSError:
        return None
    return (f"{_VERSION} {st.st_dev} {st.st_ino} {st.st_size} {st.st_mtime_ns} "
            f"{st.st_ctime_ns}")


def is_checked(db: Path) -> bool:
    """Whether the file is in the state its stamp records."""
    state = file_state(db)
    if state is None:
        return False
    try:
        with stamp_path(db).open("rb") as fh:
            recorded = fh.read(_MAX_BYTES)
    except OSError:
        return False
    return recorded == state.encode("ascii")


def mark_checked(db: Path) -> None:
    """Record the file's present state as checked (or forget the stamp when the state cannot be
    vouched for). Never raises: without a stamp the next open just checks in full."""
    state = file_state(db)
    if state is None:
        forget(db)
        return
    target = stamp_path(db)
    temp = target.with_name(f".{target.name}.{os.getpid()}")
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            os.write(fd, state.encode("ascii"))
        finally:
            os.close(fd)
        os.replace(temp, target)
    except OSError:
        forget(db)
        try:
            temp.unlink(missing_ok=True)
        except OSError:
            pass


def forget(db: Path) -> None:
    try:
        stamp_path(db).unlink(missing_ok=True)
    except OSError:
        pass
