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

A stamp is of one of two kinds. *Verified*: the file in this state passed ``quick_check`` (at
open, or a backup's check of a copy made while the file was in this state). *Closed*: pkdesk
closed the file cleanly in this state, which nothing checked whole since its last change. A
backup trusts only a verified stamp to skip the check of its copy (``store.backup``); a clean
close that changed nothing keeps a verified stamp verified.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

STAMP_SUFFIX = "-checked"
_VERSION = "pkdesk-checked 1"        # closed cleanly in this state
_VERIFIED = "pkdesk-verified 1"      # passed quick_check in this state
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


def _recorded(db: Path) -> bytes | None:
    try:
        with stamp_path(db).open("rb") as fh:
            return fh.read(_MAX_BYTES)
    except OSError:
        return None


def _verified(state: str) -> str:
    return _VERIFIED + state[len(_VERSION):]


def is_checked(db: Path) -> bool:
    """Whether the file is in the state its stamp records (of either kind)."""
    state = file_state(db)
    if state is None:
        return False
    return _recorded(db) in (state.encode("ascii"), _verified(state).encode("ascii"))


def is_verified(db: Path) -> bool:
    """Whether the file is in the state its stamp records and that state passed ``quick_check``
    (not merely a clean close)."""
    state = file_state(db)
    return state is not None and _recorded(db) == _verified(state).encode("ascii")


def mark_checked(db: Path, *, verified: bool = False, state: str | None = None) -> None:
    """Record the file's present state as checked (or forget the stamp when the state cannot be
    vouched for). ``verified``: the state passed ``quick_check``; otherwise it is a clean
    close's, and a verified stamp of the same state stays verified. ``state``: the state the
    check saw (``file_state`` then); nothing is written unless the file is still in it.
    Never raises: without a stamp the next open just checks in full."""
    now = file_state(db)
    if now is None or (state is not None and state != now):
        if state is None:
            forget(db)
        return
    if not verified and is_verified(db):
        return
    text = _verified(now) if verified else now
    target = stamp_path(db)
    temp = target.with_name(f".{target.name}.{os.getpid()}.{threading.get_ident()}")
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            os.write(fd, text.encode("ascii"))
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
