"""``pkdesk doctor``: a full, read-only health report on a database file and its backups."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from pkdesk.core.errors import InputError, StoreError
from pkdesk.store.backup import backup_dir, list_backups, with_restore_hint
from pkdesk.store.dbfile import check_file, identify
from pkdesk.store.schema import row_problems
from pkdesk.store.integrity import (UnusableDatabaseError, check, connect_readonly,
                                    environment_reason, foreign_key_problems)

OK, WARN, FAIL = "ok", "warn", "FAIL"


@dataclass(frozen=True)
class Check:
    status: str     # OK, WARN or FAIL
    item: str
    detail: str


@dataclass
class Report:
    path: Path
    checks: list[Check] = field(default_factory=list)

    @property
    def healthy(self) -> bool:
        return all(c.status != FAIL for c in self.checks)

    def add(self, status: str, item: str, detail: str) -> None:
        self.checks.append(Check(status, item, detail))


def diagnose(db_path: Path) -> Report:
    """Check everything about the database without changing it. InputError if there is none."""
    from pkdesk.store.db import SCHEMA_HEAD

    db_path = Path(db_path)
    if not db_path.exists():
        raise InputError(f"no database at {db_path}")
    if db_path.is_dir():
        raise InputError(f"{db_path} is a folder, not a pkdesk database file")
    report = Report(db_path)
    _check_permissions(report, db_path)
    try:
        if not check_file(db_path):
            report.add(FAIL, "file", "the file is empty")
            return _with_backups(report)
        revision = identify(db_path)
    except UnusableDatabaseError as exc:
        report.add(FAIL, "schema", str(with_restore_hint(exc, db_path)))
        return _with_backups(report)
    except StoreError as exc:
        report.add(FAIL, "schema", str(exc))
        return _with_backups(report)
    if revision is None:
        report.add(FAIL, "schema", "the database has no tables")
        return _with_backups(report)
    state = "current" if revision == SCHEMA_HEAD else "older; upgraded when pkdesk next opens it"
    report.add(OK, "schema", f"revision {revision} ({state})")
    try:
        conn = connect_readonly(db_path)
        try:
            _check_content(report, conn, revision)
        finally:
            conn.close()
    except sqlite3.Error as exc:
        report.add(FAIL, "integrity", f"cannot read the database ({environment_reason(exc) or exc})")
    return _with_backups(report)


def _check_content(report: Report, conn: sqlite3.Connection, revision: str) -> None:
    try:
        problems = check(conn, "integrity_check", limit=5)
    except sqlite3.DatabaseError as exc:
        problems = [str(exc)]
    if problems:
        report.add(FAIL, "integrity", "; ".join(problems))
        return  # further queries on a damaged file would only repeat the damage
    report.add(OK, "integrity", "integrity_check passed")
    fk = foreign_key_problems(conn)
    report.add(FAIL if fk else OK, "foreign keys", "; ".join(fk) if fk else "all references resolve")
    bad = row_problems(conn, revision, limit=5)
    report.add(FAIL if bad else OK, "rows", "; ".join(bad) if bad else "every stored value reads")
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    nodes = conn.execute("SELECT count(*) FROM ref_node").fetchone()[0] if "ref_node" in tables else 0
    sources = conn.execute("SELECT count(*) FROM ref_source").fetchone()[0] if "ref_source" in tables else 0
    report.add(OK if nodes else WARN, "reference",
               f"{nodes} sections from {sources} source(s)" if nodes
               else "no reference loaded; pkdesk loads it when it next opens the database")
    if "plan" in tables:
        plans = conn.execute("SELECT count(*) FROM plan WHERE deleted_at IS NULL").fetchone()[0]
        report.add(OK, "plans", f"{plans} plan(s)")


def _size(path: Path) -> str:
    try:
        size = path.stat().st_size
    except OSError:
        return "?"
    return f"{size / 2**20:.1f} MB" if size >= 2**20 else f"{size} bytes"


def _check_permissions(report: Report, db_path: Path) -> None:
    loose = []
    for p in (db_path, db_path.with_name(db_path.name + "-wal"),
              db_path.with_name(db_path.name + "-shm"), backup_dir(db_path)):
        try:
            if p.exists() and p.stat().st_mode & 0o077:
                loose.append(f"{p.name} ({p.stat().st_mode & 0o777:o})")
        except OSError:
            continue
    if loose:
        report.add(WARN, "permissions", "readable by others: " + ", ".join(loose)
                   + "; pkdesk tightens them when it next opens the database")
    else:
        report.add(OK, "permissions", "owner only")


def _with_backups(report: Report) -> Report:
    from pkdesk.store.leftovers import find_leftovers

    left = find_leftovers(report.path)
    if left:
        shown = ", ".join(f"{p.name} ({_size(p)})" for p in left[:5])
        more = f" and {len(left) - 5} more" if len(left) > 5 else ""
        report.add(WARN, "leftovers", f"temporary files of a backup or restore that was "
                   f"interrupted: {shown}{more}; pkdesk removes them when it next opens the "
                   "database, backs up or restores")
    backups = list_backups(report.path)
    good = [b for b in backups if b.problem is None]
    if not backups:
        report.add(WARN, "backups", f"none in {backup_dir(report.path)}")
    else:
        latest = good[0] if good else None
        when = latest.created.astimezone().strftime("%Y-%m-%d %H:%M") if latest else "none usable"
        report.add(OK if good else WARN, "backups",
                   f"{len(backups)} in {backup_dir(report.path)}, latest good: {when}"
                   + (f" ({latest.path.name})" if latest else ""))
    return report
