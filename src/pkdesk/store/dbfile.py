"""Identify and check a database file without opening it for writing: is it SQLite, is its
header sound, is it a pkdesk database, and of which schema revision.

Everything here reads; a file that turns out not to be ours is not changed by so much as a
header byte. ``Database.open``, backups, restore and ``doctor`` all ask these questions.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from pkdesk.core.errors import StoreError
from pkdesk.store.integrity import (NewerSchemaError, UnusableDatabaseError, environment_reason,
                                    is_damage, lenient_text)
from pkdesk.store.readonly import SQLITE_MAGIC as SQLITE_MAGIC
from pkdesk.store.readonly import header_problem as header_problem
from pkdesk.store.schema import EXPECTED, OPEN_TABLES, row_problems, schema_problems, shown


def check_file(path: Path) -> bool:
    """Return True when the file exists and has content; raise if it cannot be ours."""
    if not path.exists():
        return False
    if path.is_dir():
        raise StoreError(f"{path} is a folder, not a pkdesk database file")
    try:
        with path.open("rb") as fh:
            head = fh.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise StoreError(f"cannot read database {path}: {exc.strerror}") from None
    if not head:
        return False
    if head != SQLITE_MAGIC:
        raise UnusableDatabaseError(f"{path} is not a pkdesk database (not an SQLite file)")
    with path.open("rb") as fh:
        header = fh.read(100)
    problem = header_problem(header)
    if problem is not None:
        raise UnusableDatabaseError(f"{path} is damaged (its SQLite header {problem})")
    return True


def identify(path: Path, *, plan_rows: bool = True) -> str | None:
    """The schema revision of a pkdesk database, None for an empty one; raise if foreign.

    Read through a read-only connection with no pragmas, so that a file which turns out
    not to be ours is not changed by so much as a header byte. ``plan_rows=False`` leaves the
    plan table's rows unread (a file in the state pkdesk checked: ``checked_stamp``).
    """
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        conn.text_factory = lenient_text
    except sqlite3.Error as exc:
        raise StoreError(f"cannot read database {path}: {exc}") from None
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if not tables:
            return None
        marker = None
        if "app_meta" in tables:
            row = conn.execute("SELECT value FROM app_meta WHERE key = 'application'").fetchone()
            marker = row[0] if row else None
        if marker != "pkdesk" or "alembic_version" not in tables:
            # Overwritten pages can erase the marker of a real pkdesk file: do not claim
            # to know whose file it is (the GUI's recovery dialog says the same).
            raise UnusableDatabaseError(f"{path} is not a pkdesk database, or is too damaged "
                                        "to tell (no pkdesk marker in it)")
        rows = conn.execute("SELECT version_num FROM alembic_version").fetchall()
        if len(rows) != 1 or not isinstance(rows[0][0], str):
            raise UnusableDatabaseError(f"{path} is damaged (its schema revision is "
                                        f"{'missing' if not rows else 'unreadable'})")
        current = rows[0][0]
        if current not in EXPECTED:
            raise NewerSchemaError(f"{path} was made by a newer version of pkdesk "
                                   f"(schema {shown(current)}); update pkdesk to open it")
        read = OPEN_TABLES if plan_rows else tuple(t for t in OPEN_TABLES if t != "plan")
        problems = (schema_problems(conn, current)
                    or row_problems(conn, current, read, documents=False, limit=1))
        if problems:
            raise UnusableDatabaseError(f"{path} is damaged ({problems[0]})")
        return current
    except sqlite3.DatabaseError as exc:
        # SQLite's message may quote damaged bytes, line breaks included: keep one line.
        said = " ".join(str(exc).split())
        if not is_damage(exc):
            raise StoreError(f"cannot read database {path}: {environment_reason(exc) or said}") from None
        raise UnusableDatabaseError(f"{path} is damaged or not a pkdesk database ({said})") from None
    except UnicodeDecodeError:
        # SQLite's own error text quotes the damaged schema, which Python cannot decode.
        raise UnusableDatabaseError(f"{path} is damaged (its table list cannot be read)") from None
    finally:
        conn.close()
