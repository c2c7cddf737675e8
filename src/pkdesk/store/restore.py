"""Put a backup back in place of the database: verified first, atomic, nothing lost.

The file to restore (and a ``-wal`` beside it) is first copied byte for byte into a private
file beside the database, read instead of it, so nothing is ever created beside the source.
That is copied (online backup API, read-only) into a private temporary file beside the
database, and every check runs on that copy: a sound SQLite file, a pkdesk
database of a known schema, full ``integrity_check`` and ``foreign_key_check``, no schema
objects pkdesk does not create, and a successful open (migration to this version, corpus).
Only then is the current database set aside (backed up if sound, else renamed to
``<name>.damaged-<time>`` with its side files) and the copy moved over it with one
``os.replace``. Until that rename nothing of the current database has changed.
"""

from __future__ import annotations

import functools
import os
import sqlite3
import tempfile
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from pkdesk.core.errors import InputError, PkdeskError, StoreError
from pkdesk.core.inputfile import open_regular
from pkdesk.store.backup import auto_backup, backup_now, copy_database, fsync_dir, latest_backup
from pkdesk.store.checked_stamp import forget as forget_checked
from pkdesk.store.dbfile import check_file, identify
from pkdesk.store.leftovers import remove_leftovers
from pkdesk.store.schema import row_problems
from pkdesk.store.integrity import (check, connect_readonly, environment_reason, lenient_text,
                                    foreign_key_problems, quick_check_or_raise)

# A pkdesk database is a few MB; refuse to even copy something absurdly large.
MAX_RESTORE_BYTES = 2 * 1024 ** 3
SIDE_SUFFIXES = ("-wal", "-shm", "-journal")
# Removed with the temporary copies; a database set aside loses its stamp, not keeps it.
TEMP_SUFFIXES = (*SIDE_SUFFIXES, "-checked")


@dataclass(frozen=True)
class RestoreResult:
    database: Path
    restored_from: Path
    previous: Path | None        # where the replaced database now is (a backup or a .damaged file)
    previous_was_damaged: bool


def restore(db_path: Path, source: Path) -> RestoreResult:
    """Replace the database at `db_path` with the pkdesk database file `source`."""
    db_path, source = Path(db_path).absolute(), Path(source).absolute()
    _check_source(source, db_path)
    if not db_path.parent.is_dir():
        raise InputError(f"cannot restore to {db_path}: folder {db_path.parent} does not exist")
    if not os.access(db_path.parent, os.W_OK) or (db_path.exists() and not os.access(db_path, os.W_OK)):
        raise StoreError(f"cannot restore to {db_path}: the database file or its folder is read-only")

    remove_leftovers(db_path)
    candidate = db_path.with_name(f".{db_path.name}.restoring-{os.getpid()}")
    staged = db_path.with_name(f".{db_path.name}.restoring-{os.getpid()}.source")
    try:
        # Every read is of a private copy: SQLite creates nothing beside the source.
        _stage_source(source, staged)
        try:
            check_file(staged)
            revision = identify(staged)
        except PkdeskError as exc:
            message = str(exc).replace(str(staged), str(source))
            if isinstance(exc, StoreError):
                message += "; nothing was changed"
            raise type(exc)(message) from None
        if revision is None:
            raise InputError(f"{source} is an empty database, not a pkdesk backup")
        _prepare_candidate(staged, candidate, revision, shown=source)
        previous, damaged = _set_current_aside(db_path)
        forget_checked(db_path)      # the file is another: checked in full at its next open
        try:
            os.replace(candidate, db_path)
        except OSError as exc:
            if damaged and previous is not None:
                os.replace(previous, db_path)  # put the damaged file back where it was
            raise StoreError(f"cannot replace {db_path}: {exc.strerror}") from None
        fsync_dir(db_path.parent)
    finally:
        for p in [candidate, staged, *(_side(f, s) for f in (candidate, staged) for s in TEMP_SUFFIXES)]:
            p.unlink(missing_ok=True)
    return RestoreResult(db_path, source, previous, damaged)


def _check_source(source: Path, db_path: Path) -> None:
    if not source.exists():
        raise InputError(f"backup file {source} does not exist")
    if not source.is_file():
        raise InputError(f"{source} is not a file")
    size = source.stat().st_size
    if size == 0:
        raise InputError(f"{source} is empty, not a pkdesk backup")
    if size > MAX_RESTORE_BYTES:
        raise InputError(f"{source} is too large for a pkdesk database ({size} bytes)")
    if db_path.exists() and source.resolve() == db_path.resolve():
        raise InputError(f"{source} is the database itself; name a backup file")


def _side(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


def _stage_source(source: Path, staged: Path) -> None:
    """Copy the file to restore, and the ``-wal`` beside it if any (committed data of a
    database copied while open), into new owner-only files at ``staged``. Opened
    non-blocking and checked to be regular files first (a FIFO would block forever)."""
    for suffix in ("", "-wal"):
        src, dst = _side(source, suffix), _side(staged, suffix)
        if suffix and not os.path.lexists(src):
            continue
        try:
            with open_regular(src, "pkdesk backup") as fin:
                fd = os.open(dst, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
                with os.fdopen(fd, "wb") as fout:
                    copied = 0
                    while chunk := fin.read(1 << 20):
                        copied += len(chunk)
                        if copied > MAX_RESTORE_BYTES:
                            raise InputError(f"{src} is too large for a pkdesk database")
                        fout.write(chunk)
        except OSError as exc:
            raise StoreError(f"cannot copy {src} to restore it: {exc.strerror or exc}; "
                             "nothing was changed") from None


def _prepare_candidate(source: Path, candidate: Path, revision: str,
                       shown: Path | None = None) -> None:
    """Copy ``source`` into ``candidate`` and check the copy (``revision``: the schema
    revision ``identify`` found in ``source``); messages name ``shown``."""
    from pkdesk.store.library import open_library

    shown = shown or source

    try:
        src = connect_readonly(source)
    except sqlite3.Error as exc:
        raise StoreError(f"cannot read {shown}: {environment_reason(exc) or exc}") from None
    try:
        _reject_foreign_objects(src, shown, kinds=("trigger", "view"))
        copy_database(src, candidate)
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{shown} is damaged ({exc}); nothing was changed") from None
    finally:
        src.close()
    conn = connect_readonly(candidate)
    try:
        problems = check(conn, "integrity_check") + foreign_key_problems(conn)
        if not problems:
            problems = row_problems(conn, revision, limit=1)
    except sqlite3.DatabaseError as exc:
        problems = [str(exc)]
    finally:
        conn.close()
    if problems:
        raise StoreError(f"{shown} is damaged ({problems[0]}); nothing was changed")
    try:  # migrates an older backup to this version and loads the current corpus
        open_library(candidate).close()
    except StoreError as exc:
        reason = str(exc).replace(str(candidate), str(shown))
        raise StoreError(f"{reason}; nothing was changed") from None
    conn = sqlite3.connect(candidate)
    conn.text_factory = lenient_text
    try:
        _reject_foreign_objects(conn, shown, kinds=("table", "index", "trigger", "view"))
        conn.execute("PRAGMA journal_mode = DELETE")  # self-contained: no -wal to carry over
    finally:
        conn.close()


@functools.cache
def _pkdesk_schema() -> frozenset[tuple[str, str]]:
    """(type, name) of every schema object a fresh pkdesk database of this version has."""
    from pkdesk.store.db import Database

    with tempfile.TemporaryDirectory() as tmp:
        db = Database.open(Path(tmp) / "pristine.sqlite3")
        try:
            with db.engine.connect() as conn:
                rows = conn.exec_driver_sql("SELECT type, name FROM sqlite_master").fetchall()
        finally:
            db.close()
    return frozenset((str(t), str(n)) for t, n in rows)


def _reject_foreign_objects(conn: sqlite3.Connection, source: Path, kinds: tuple[str, ...]) -> None:
    marks = ",".join("?" * len(kinds))
    rows = conn.execute(f"SELECT type, name FROM sqlite_master WHERE type IN ({marks})", kinds)
    extra = sorted({(str(t), str(n)) for t, n in rows} - _pkdesk_schema())
    if extra:
        kind, name = extra[0]
        raise StoreError(f"{source} contains a {kind} pkdesk does not create ({name!r}); "
                         "it was not restored")


def _set_current_aside(db_path: Path) -> tuple[Path | None, bool]:
    """Keep the current database: back it up if sound, else rename it (and its side files)."""
    if not db_path.exists():
        return None, False
    try:
        sound = check_file(db_path) and identify(db_path) is not None
        if sound:
            quick_check_or_raise(db_path)
    except StoreError:
        sound = False
    if not sound:
        stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
        aside = db_path.with_name(f"{db_path.name}.damaged-{stamp}")
        for suffix in SIDE_SUFFIXES:
            if _side(db_path, suffix).exists():
                os.replace(_side(db_path, suffix), _side(aside, suffix))
        os.replace(db_path, aside)
        return aside, True
    # When nothing changed since the latest backup, that backup already holds this data.
    kept = auto_backup(db_path) or latest_backup(db_path) or backup_now(db_path)
    _quiesce(db_path)
    return kept, False


def _quiesce(db_path: Path) -> None:
    """Fold the WAL into the main file and remove -wal/-shm, so none is left to be replayed
    onto the restored file. SQLite only allows this when no other connection is open."""
    try:
        conn = sqlite3.connect(db_path, timeout=1.0)
        try:
            mode = conn.execute("PRAGMA journal_mode = DELETE").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error as exc:
        reason = environment_reason(exc) or str(exc)
        if "busy" not in reason:
            raise StoreError(f"cannot restore to {db_path}: {reason}") from None
        mode = "busy"
    if str(mode).lower() != "delete" or _side(db_path, "-wal").exists():
        raise StoreError(f"cannot restore while {db_path} is open in another pkdesk window; "
                         "close it and try again")
