"""Is a database file sound? Read-only checks, and the errors that say what to do when not.

Every check here reads through a ``mode=ro`` connection, so checking a file never changes it
(SQLite may create the ``-wal``/``-shm`` side files beside a WAL database to read it, with
the database's own permissions).
"""

from __future__ import annotations

import errno
import shutil
import sqlite3
from pathlib import Path

from pkdesk.core.errors import StoreError
# Here so that the read-only commands need not import this module (pathlib, shutil).
from pkdesk.store.readonly import READ_TIMEOUT_S as READ_TIMEOUT_S
from pkdesk.store.readonly import connect_readonly as connect_readonly
from pkdesk.store.readonly import lenient_text as lenient_text

# SQLite result codes that describe the file or the machine, not a bug in pkdesk.
ENVIRONMENT_ERRORS = {
    "SQLITE_BUSY": "the database is busy in another pkdesk window; try again in a moment",
    "SQLITE_LOCKED": "the database is busy in another pkdesk window; try again in a moment",
    "SQLITE_READONLY": "the database file or its folder is read-only",
    "SQLITE_FULL": "the disk is full",
    "SQLITE_IOERR": "the disk reported an input/output error",
    "SQLITE_CANTOPEN": "the database file cannot be opened (check the folder's permissions)",
    "SQLITE_PERM": "permission denied",
    "SQLITE_CORRUPT": "the database file is damaged",
    "SQLITE_NOTADB": "the file is not a database",
}


class UnusableDatabaseError(StoreError):
    """The file is damaged or is not a pkdesk database. pkdesk never writes to such a file;
    ``latest_backup`` names the newest good backup, which ``pkdesk restore`` can put back."""

    latest_backup: Path | None = None


class NewerSchemaError(StoreError):
    """The file is a pkdesk database from a newer pkdesk: this version cannot open it."""


def environment_reason(exc: BaseException, path: Path | None = None) -> str | None:
    """A plain reason for an SQLite error caused by the file or machine, else None (a bug).

    ``path``, the file being written, lets a full disk name the folder to free space in."""
    orig = getattr(exc, "orig", None) or exc
    name = getattr(orig, "sqlite_errorname", "") or ""
    if name.startswith("SQLITE_FULL") or getattr(orig, "errno", None) == errno.ENOSPC:
        return disk_full(path)
    for code, reason in ENVIRONMENT_ERRORS.items():
        if name == code or name.startswith(code + "_"):
            return reason
    return None


def disk_full(path: Path | None) -> str:
    where = f" on {Path(path).absolute().parent}" if path is not None else ""
    return f"the disk is full: free space{where} and try again"


def looks_full(path: Path, needed: int) -> bool:
    """Whether the disk holding ``path`` has less than ``needed`` bytes free: SQLite's backup
    API reports a full disk as an I/O error or "unknown error", so writers ask this after a
    failed write before calling it an I/O error."""
    try:
        return shutil.disk_usage(Path(path).absolute().parent).free < needed
    except OSError:
        return False


def is_busy(exc: BaseException) -> bool:
    """True when an SQLite error (or SQLAlchemy's wrapping of one) means another connection
    holds the lock: the errors said as "busy in another pkdesk window"."""
    orig = getattr(exc, "orig", None) or exc
    name = getattr(orig, "sqlite_errorname", "") or ""
    return any(name == code or name.startswith(code + "_")
               for code in ("SQLITE_BUSY", "SQLITE_LOCKED"))


def is_damage(exc: BaseException) -> bool:
    """True when an SQLite error means the file's content is bad (not busy, full, denied)."""
    orig = getattr(exc, "orig", None) or exc
    name = getattr(orig, "sqlite_errorname", "") or ""
    return name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB", "SQLITE_ERROR")) or not name


def check(conn: sqlite3.Connection, pragma: str = "quick_check", limit: int = 5) -> list[str]:
    """Problems reported by ``PRAGMA quick_check`` / ``integrity_check``; [] when sound.

    SQLite may put several lines in one row ("*** in database main ***\nPage 29: ..."):
    each problem is folded onto one line, since messages built from them are one line.
    """
    assert pragma in ("quick_check", "integrity_check")
    rows = [" ".join(str(r[0]).split()) for r in conn.execute(f"PRAGMA {pragma}({limit})")]
    return [] if rows == ["ok"] else rows


def foreign_key_problems(conn: sqlite3.Connection, limit: int = 5) -> list[str]:
    rows = conn.execute("PRAGMA foreign_key_check").fetchmany(limit)
    return [f"row {rowid} of {table} points to a missing {parent}" for table, rowid, parent, _ in rows]


def quick_check_or_raise(path: Path) -> None:
    """The cheap check run at every open: raise UnusableDatabaseError if the file is damaged."""
    try:
        conn = connect_readonly(path)
    except sqlite3.Error as exc:
        raise StoreError(f"cannot read database {path}: {exc}") from None
    try:
        problems = check(conn, "quick_check", limit=1)
    except sqlite3.DatabaseError as exc:
        if not is_damage(exc):
            raise StoreError(f"cannot read database {path}: {environment_reason(exc) or exc}") from None
        problems = [str(exc)]
    finally:
        conn.close()
    if problems:
        raise UnusableDatabaseError(f"{path} is damaged ({problems[0]})")
