"""Open a database only to read it, cheaply: the CLI's read-only commands (``plan list``,
``plan history``, ``reference``, ``search``) run their queries (``store.queries``) through a
plain ``sqlite3`` connection opened here, without SQLAlchemy or Alembic.

The schema check is cheap: the file's 100-byte header, then one query for its ``pkdesk``
marker and stored schema revision (Alembic's stamp), compared with ``SCHEMA_HEAD``, and the
tables and columns that revision has (``PRAGMA table_info``, a few milliseconds). Anything else (no file yet, an older schema
to upgrade, shipped corpora to load, a foreign or damaged file) answers None, and the caller
opens the database the full way (``store.library.open_library``), which creates, upgrades,
loads or names the problem exactly as before. Nothing here writes.
"""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

from pkdesk.store.dbfile import header_problem
from pkdesk.store.integrity import connect_readonly
from pkdesk.store.schema import SCHEMA_HEAD, schema_problems

SQLITE_MAGIC = b"SQLite format 3\x00"
STAMP = ("SELECT (SELECT value FROM app_meta WHERE key = 'application'), "
         "(SELECT group_concat(version_num, ' ') FROM alembic_version)")


def shipped_checksums() -> set[str]:
    """The checksums of the shipped corpus files, as ``core.reference.parse_corpus`` computes
    them (SHA-256 of the file), without parsing them."""
    from pkdesk.paths import resources_dir

    return {hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted((resources_dir() / "reference").glob("*.json"))}


def open_current(path: Path, *, corpus: bool = False) -> sqlite3.Connection | None:
    """A read-only connection to ``path`` if it is a pkdesk database of the current schema
    (and, with ``corpus``, holds the shipped corpora as shipped); else None."""
    try:
        with Path(path).open("rb") as fh:
            header = fh.read(100)
        if not header.startswith(SQLITE_MAGIC) or header_problem(header) is not None:
            return None
    except OSError:
        return None
    try:
        conn = connect_readonly(Path(path))
    except sqlite3.Error:
        return None
    try:
        if tuple(conn.execute(STAMP).fetchone()) != ("pkdesk", SCHEMA_HEAD) \
                or schema_problems(conn, SCHEMA_HEAD):   # a table or column missing: damage
            conn.close()
            return None
        if corpus:
            stored = {r[0] for r in conn.execute("SELECT checksum FROM ref_source")}
            if not shipped_checksums() <= stored:
                conn.close()
                return None
    except (sqlite3.Error, OSError):
        conn.close()
        return None
    return conn
