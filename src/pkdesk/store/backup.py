"""Backups of the database with SQLite's online backup API, and their rotation.

Backups live in a ``backups/`` folder beside the database (owner-only), named
``<db stem>-<UTC time>-<fingerprint>-<sequence>.sqlite3``. The sequence number is one more
than the highest in the folder: backups are ordered by it, not by the time, so a clock set
back (a dead clock battery) cannot make an older backup "the latest". Names without a
sequence, from pkdesk before it, count as older than any with one, and by time among
themselves. Each is a self-contained file in rollback journal mode, checked before it is given
its final name, so a backup that exists under its name is complete.

The check of the copy: ``quick_check`` over the whole copy, unless the database file carries a
*verified* stamp of its present state (``checked_stamp``: that state passed ``quick_check``,
at open or at an earlier backup) and no write-ahead log frames beside it, seen inside the
read transaction the copy is made in; the copy then holds exactly those checked pages, and
gets a cheap check instead (its page count is the source's, its schema reads). A full check
that passes on a copy of an unchanged, unlogged file stamps the file verified, so after a
change the next backup checks once and the ones after it do not. The window's backups while
it writes (frames in the log) are checked in full as before; restore runs ``integrity_check``
and ``doctor`` reads everything, whatever the stamp says.

Change detection: the fingerprint is a SHA-256 over what every change to the data touches,
read inside the same read transaction as the copy: small tables row by row, the plan table's
revision and deletion columns, the append-only revision table's count and highest rowid (not
its documents: 10,000 plans x 20 revisions is ~700 MB). The SQLite header's change counter is
not updated in WAL mode and file times change on checkpoints without any data change, so
neither is reliable.
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from pkdesk.core.errors import InputError, StoreError
from pkdesk.core.rotation import DEFAULT_POLICY, RetentionPolicy, backups_to_keep
from pkdesk.store.checked_stamp import file_state, is_verified, mark_checked
from pkdesk.store.dbfile import check_file, identify
from pkdesk.store.integrity import (UnusableDatabaseError, check, connect_readonly, disk_full,
                                    environment_reason, is_damage, looks_full)
from pkdesk.store.leftovers import BACKUP_DIR_NAME as BACKUP_DIR_NAME
from pkdesk.store.leftovers import backup_dir as backup_dir
from pkdesk.store.leftovers import remove_leftovers
from pkdesk.store.output_guard import check_output_path, protect_database

_STAMP = "%Y%m%dT%H%M%SZ"
# Less free space than this after a failed write: the disk is full (SQLite's backup API may
# call that an I/O error or "unknown error").
FULL_MARGIN = 1024 ** 2


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    created: datetime            # timezone-aware, UTC
    fingerprint: str
    size: int
    plans: int | None            # plans not deleted; None when the file cannot be read
    problem: str | None          # why this file cannot be restored; None when it looks good
    sequence: int = 0            # order of making (0: named before sequences were)


def _name_pattern(db_path: Path) -> re.Pattern[str]:
    return re.compile(rf"^{re.escape(Path(db_path).stem)}-(\d{{8}}T\d{{6}}Z)-([0-9a-f]{{16}})"
                      r"(?:-(\d{1,18}))?\.sqlite3$")


# Tables pkdesk only ever appends to (a revision is never changed or removed): their row
# count and highest rowid say whether they changed, without reading their documents.
APPEND_ONLY = frozenset({"plan_revision"})
# Tables whose rows change only together with these columns (a plan's new revision bumps
# ``revision`` and ``updated_at``; delete and undelete set ``deleted_at``), or that are
# derived from a small table (the reference nodes, from the corpus checksum in ref_source):
# these columns are read instead of whole rows, so the plan documents are not.
CHANGE_COLUMNS: dict[str, tuple[str, ...]] = {
    "plan": ("id", "uid", "title", "parent_uid", "revision", "updated_at", "deleted_at"),
    "ref_node": ("id", "source_id"),
}


def fingerprint(conn: sqlite3.Connection) -> str:
    """A digest that changes whenever the stored data does (FTS indexes are derived, so
    skipped): small tables row by row; append-only tables by count and highest rowid; the
    plan table by the columns every change touches. It reads no plan document, so its time
    grows with the number of plans, not with their history (README "Measured figures")."""
    tables = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table' "
                          "AND name NOT LIKE 'sqlite_%' ORDER BY name").fetchall()
    virtual = [name for name, sql in tables if (sql or "").upper().startswith("CREATE VIRTUAL")]
    digest = hashlib.sha256()
    for name, _sql in tables:
        if name in virtual or any(name.startswith(v + "_") for v in virtual):
            continue
        digest.update(name.encode() + b"\0")
        quoted = '"' + name.replace('"', '""') + '"'
        if name in APPEND_ONLY:
            digest.update(repr(conn.execute(
                f"SELECT count(*), max(rowid) FROM {quoted}").fetchone()).encode())
            continue
        columns = CHANGE_COLUMNS.get(name)
        if columns is not None:
            have = {str(r[1]) for r in conn.execute(f"PRAGMA table_info({quoted})")}
            if not set(columns) <= have:
                columns = None   # a schema this list does not know: every column, below
        selected = "*" if columns is None else ", ".join(columns)
        for row in conn.execute(f"SELECT {selected} FROM {quoted} ORDER BY rowid"):
            digest.update(repr(row).encode())
    return digest.hexdigest()[:16]


def ensure_private_dir(folder: Path) -> None:
    try:
        folder.mkdir(mode=0o700, parents=False, exist_ok=True)
        if folder.stat().st_mode & 0o077:
            folder.chmod(0o700)
    except OSError as exc:
        raise StoreError(f"cannot create backup folder {folder}: {exc.strerror}") from None


@contextmanager
def _snapshot(db_path: Path) -> Iterator[sqlite3.Connection]:
    """A read-only connection holding one read transaction: a consistent view to copy."""
    try:
        conn = connect_readonly(db_path)
        conn.execute("BEGIN")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.Error as exc:
        raise StoreError(f"cannot read database {db_path}: {environment_reason(exc) or exc}") from None
    try:
        yield conn
    finally:
        conn.close()


def fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def copy_database(source: sqlite3.Connection, dest: Path, *, verified: bool = False) -> None:
    """Copy `source` into a new owner-only file at `dest`, atomically: complete or absent.

    ``verified``: `source` reads a file whose present state passed ``quick_check`` (the module
    docstring): the copy is checked cheaply (page count, schema), not read whole."""
    tmp = dest.with_name(f".{dest.name}.partial-{os.getpid()}")
    try:
        fd = os.open(tmp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        os.close(fd)
    except OSError as exc:
        raise StoreError(f"cannot write backup {dest}: {exc.strerror}") from None
    try:
        target = sqlite3.connect(tmp)
        try:
            source.backup(target)
            # Self-contained: no -wal beside a backup, whoever opens it later.
            target.execute("PRAGMA journal_mode = DELETE")
            problems = (_copy_problems(source, target) if verified
                        else check(target, "quick_check", limit=1))
        finally:
            target.close()
        if problems:
            raise StoreError(f"the backup copy failed its check ({problems[0]}); "
                             "run 'pkdesk doctor' on the database")
        with tmp.open("rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, dest)
        fsync_dir(dest.parent)
    except sqlite3.Error as exc:
        reason = environment_reason(exc, dest)
        if reason is None or "input/output" in reason:
            reason = disk_full(dest) if looks_full(dest, FULL_MARGIN) else (reason or str(exc))
        raise StoreError(f"cannot write backup {dest}: {reason}") from None
    except OSError as exc:
        reason = disk_full(dest) if exc.errno == errno.ENOSPC else exc.strerror
        raise StoreError(f"cannot write backup {dest}: {reason}") from None
    finally:
        for leftover in (tmp, tmp.with_name(tmp.name + "-journal")):
            leftover.unlink(missing_ok=True)


def _copy_problems(source: sqlite3.Connection, copy: sqlite3.Connection) -> list[str]:
    """The cheap check of a copy of a verified file: as many pages as its source, and a schema
    that reads."""
    ours = copy.execute("PRAGMA page_count").fetchone()[0]
    theirs = source.execute("PRAGMA page_count").fetchone()[0]
    if ours != theirs:
        return [f"the copy has {ours} pages, the database {theirs}"]
    copy.execute("SELECT count(*) FROM sqlite_master").fetchone()
    return []


@contextmanager
def _copy_checked(db_path: Path) -> Iterator[bool]:
    """Whether a copy made now (inside a ``_snapshot`` of ``db_path``) may skip the
    whole-file check; after a full check that passed, the file is stamped verified if it is
    still in the state the snapshot read."""
    verified = is_verified(db_path)
    state = None if verified else file_state(db_path)
    yield verified
    if state is not None:
        mark_checked(db_path, verified=True, state=state)


def backup_now(db_path: Path, output: Path | None = None, *, now: datetime | None = None,
               policy: RetentionPolicy = DEFAULT_POLICY) -> Path:
    """Back up the database now, whether or not it changed; return the backup's path.

    With `output`, write exactly that file (which must not exist); otherwise write into the
    backups folder and apply the retention policy.
    """
    db_path = Path(db_path)
    if output is not None:
        protect_database(db_path)
        # Never the database or its -wal/-shm/-journal, a device, a FIFO or a folder.
        output = check_output_path(output, what="backup file", allow_backups=True)
        if output.exists():
            raise InputError(f"output file {output} already exists; choose a new name")
        if not output.parent.is_dir():
            raise InputError(f"output folder {output.parent} does not exist")
        with _snapshot(db_path) as src, _copy_checked(db_path) as verified:
            copy_database(src, output, verified=verified)
        return output
    made = _backup_into_folder(db_path, now, policy, only_if_changed=False)
    assert made is not None
    return made


def auto_backup(db_path: Path, *, now: datetime | None = None,
                policy: RetentionPolicy = DEFAULT_POLICY) -> Path | None:
    """Back up into the backups folder if the data changed since the latest backup.

    For the GUI to call at start and periodically. Returns the new backup, or None when
    nothing changed.
    """
    return _backup_into_folder(Path(db_path), now, policy, only_if_changed=True)


def _backup_into_folder(db_path: Path, now: datetime | None, policy: RetentionPolicy,
                        *, only_if_changed: bool) -> Path | None:
    now = now or datetime.now(timezone.utc)
    folder = backup_dir(db_path)
    ensure_private_dir(folder)
    remove_leftovers(db_path)
    with _snapshot(db_path) as src:
        try:
            fp = fingerprint(src)
        except sqlite3.DatabaseError as exc:
            # Damage the open did not look for (store/checked_stamp.py): one line, no copy.
            said = " ".join(str(exc).split())
            if not is_damage(exc):
                raise StoreError(f"cannot read database {db_path}: "
                                 f"{environment_reason(exc) or said}") from None
            raise UnusableDatabaseError(f"{db_path} is damaged ({said}); run 'pkdesk doctor' "
                                        "on the database") from None
        existing = _scan(db_path)
        if only_if_changed and existing and existing[0].fingerprint == fp:
            return None
        stamp = now.astimezone(timezone.utc).strftime(_STAMP)
        if existing and existing[0].fingerprint == fp and existing[0].stamp == stamp:
            return existing[0].path   # same second, same data: that file already is this backup
        sequence = max((b.sequence for b in existing), default=0) + 1
        dest = folder / f"{db_path.stem}-{stamp}-{fp}-{sequence}.sqlite3"
        with _copy_checked(db_path) as verified:
            copy_database(src, dest, verified=verified)
    prune(db_path, now=now, policy=policy)
    return dest


@dataclass(frozen=True)
class _Named:
    path: Path
    created: datetime
    fingerprint: str
    sequence: int

    @property
    def stamp(self) -> str:
        return self.created.strftime(_STAMP)


def _scan(db_path: Path) -> list[_Named]:
    """Backup files of this database by name, newest first (nothing is opened): by sequence
    number, then (names without one) by time."""
    folder = backup_dir(db_path)
    if not folder.is_dir():
        return []
    pattern = _name_pattern(db_path)
    found = []
    for entry in folder.iterdir():
        match = pattern.match(entry.name)
        if match and entry.is_file():
            try:
                created = datetime.strptime(match.group(1), _STAMP).replace(tzinfo=timezone.utc)
            except ValueError:
                continue   # "20261399T..." matches the digits but is no date
            found.append(_Named(entry, created, match.group(2), int(match.group(3) or 0)))
    found.sort(key=lambda b: (b.sequence, b.created, b.path.name), reverse=True)
    return found


def latest_backup(db_path: Path) -> Path | None:
    """The newest backup file of this database by name (not opened), or None."""
    found = _scan(Path(db_path))
    return found[0].path if found else None


def prune(db_path: Path, *, now: datetime | None = None,
          policy: RetentionPolicy = DEFAULT_POLICY) -> list[Path]:
    """Delete the backups the retention policy does not keep; return what was deleted."""
    now = now or datetime.now(timezone.utc)
    found = _scan(db_path)
    # Local times, so that "one per day" means the user's calendar day.
    keep = backups_to_keep((b.created.astimezone() for b in found), now.astimezone(), policy)
    # The newest few by sequence too: after the clock was set back they look oldest.
    newest = {b.path for b in found[:policy.recent]}
    deleted = []
    for named in found:
        path = named.path
        if named.created.astimezone() not in keep and path not in newest:
            try:
                path.unlink()
                deleted.append(path)
            except OSError:
                pass  # a backup we cannot delete is kept, not an error
    return deleted


def describe(path: Path) -> tuple[int | None, str | None]:
    """(plan count, problem) of a backup file, reading it without changing it."""
    try:
        if not check_file(path):
            return None, "the file is empty"
        revision = identify(path)
        if revision is None:
            return None, "the database is empty"
        conn = connect_readonly(path)
        try:
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if "plan" not in tables:
                return 0, None
            row = conn.execute("SELECT count(*) FROM plan WHERE deleted_at IS NULL").fetchone()
            return int(row[0]), None
        finally:
            conn.close()
    except StoreError as exc:
        return None, str(exc)
    except sqlite3.Error as exc:
        return None, f"{path} cannot be read ({environment_reason(exc) or exc})"


def list_backups(db_path: Path) -> list[BackupInfo]:
    """Every backup of this database in its backups folder, newest first, with plan counts."""
    result = []
    for named in _scan(Path(db_path)):
        plans, problem = describe(named.path)
        try:
            size = named.path.stat().st_size
        except OSError:
            size = 0
        result.append(BackupInfo(named.path, named.created, named.fingerprint, size, plans,
                                 problem, named.sequence))
    return result


def latest_good_backup(db_path: Path) -> Path | None:
    """The newest backup that is a sound pkdesk database, or None."""
    for named in _scan(Path(db_path)):
        path = named.path
        _plans, problem = describe(path)
        if problem is not None:
            continue
        try:
            conn = connect_readonly(path)
            try:
                if not check(conn, "quick_check", limit=1):
                    return path
            finally:
                conn.close()
        except sqlite3.Error:
            continue
    return None


def with_restore_hint(exc: UnusableDatabaseError, path: Path) -> UnusableDatabaseError:
    """The same error, naming the latest good backup and the command that restores it."""
    backup = latest_good_backup(path)
    if backup is None:
        message = f"{exc}; it was left unchanged and no backup of it was found"
    else:
        message = (f"{exc}; it was left unchanged. To restore the latest good backup run: "
                   f"pkdesk restore {backup}")
    hinted = UnusableDatabaseError(message)
    hinted.latest_backup = backup
    return hinted
