"""Open a database only to read it, cheaply: the CLI's read-only commands (``plan list``,
``plan history``, ``reference``, ``search``) run their queries (``store.queries``) through a
plain ``sqlite3`` connection opened here, without SQLAlchemy or Alembic.

The schema check is cheap: the file's 100-byte header, then one query for its ``pkdesk``
marker and stored schema revision (Alembic's stamp), compared with ``SCHEMA_HEAD``, and the
tables and columns that revision has (``PRAGMA table_info``, a few milliseconds). Anything
else (no file yet, an older schema to upgrade, shipped corpora to load, a foreign or damaged
file) answers None, and the caller opens the database the full way
(``store.library.open_library``), which creates, upgrades, loads or names the problem exactly
as before. Nothing here writes.
"""

from __future__ import annotations

import os
import sqlite3

from pkdesk.store.schema import SCHEMA_HEAD, schema_problems

# Imported by the read-only commands before anything else of the store: no pathlib, hashlib
# or shutil here (`dbfile` and `integrity` take the header check and the read-only
# connection from this module).
SQLITE_MAGIC = b"SQLite format 3\x00"
READ_TIMEOUT_S = 5.0
# What Path.as_uri() leaves unquoted (urllib.parse.quote_from_bytes' safe set, and "/").
_URI_SAFE = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-~/")


def header_problem(header: bytes) -> str | None:
    """What is wrong with the 100-byte header of an SQLite file, or None.

    SQLite treats some damaged header bytes as "read-only" (a write version above 2), which
    would be reported as a permissions problem: checked here, they are damage."""
    if len(header) < 100:
        return "is cut short"
    page_size = int.from_bytes(header[16:18], "big")
    if not (page_size == 1 or (512 <= page_size <= 32768 and page_size & (page_size - 1) == 0)):
        return f"has an impossible page size ({page_size})"
    if header[18] not in (1, 2) or header[19] not in (1, 2):
        return f"has unknown file format versions ({header[18]}, {header[19]})"
    if header[21:24] != bytes((64, 32, 32)):
        return "has wrong payload fractions"
    return None


def file_uri(path: str | os.PathLike[str]) -> str:
    """``Path(path).resolve().as_uri()`` without importing pathlib."""
    raw = os.fsencode(os.path.realpath(path))
    return "file://" + "".join(chr(b) if b in _URI_SAFE else f"%{b:02X}" for b in raw)


def lenient_text(raw: bytes) -> str:
    """sqlite3 text factory for files from elsewhere: a damaged file may hold invalid UTF-8,
    which must surface as a failed check, not as a UnicodeDecodeError."""
    return raw.decode("utf-8", "replace")


def connect_readonly(path: str | os.PathLike[str]) -> sqlite3.Connection:
    conn = sqlite3.connect(f"{file_uri(path)}?mode=ro", uri=True, timeout=READ_TIMEOUT_S)
    conn.text_factory = lenient_text
    # A file from elsewhere must not run functions with side effects from its own schema.
    conn.execute("PRAGMA trusted_schema = OFF")
    return conn
STAMP = ("SELECT (SELECT value FROM app_meta WHERE key = 'application'), "
         "(SELECT group_concat(version_num, ' ') FROM alembic_version)")


def shipped_checksums() -> set[str]:
    """The checksums of the shipped corpus files, as ``core.reference.parse_corpus`` computes
    them (SHA-256 of the file), without parsing them (or importing pathlib: the folder is
    ``paths.resources_dir()``, found beside this package as ``paths.package_dir`` finds it)."""
    import hashlib

    import pkdesk

    folder = os.path.join(os.path.dirname(os.path.abspath(pkdesk.__file__)), "resources",
                          "reference")
    if not os.path.isdir(folder):
        from pkdesk.paths import resources_dir

        folder = str(resources_dir() / "reference")
    checksums = set()
    for name in sorted(os.listdir(folder)):
        if name.endswith(".json"):
            with open(os.path.join(folder, name), "rb") as fh:
                checksums.add(hashlib.sha256(fh.read()).hexdigest())
    return checksums


def open_current(path: str | os.PathLike[str], *,
                 corpus: bool = False) -> sqlite3.Connection | None:
    """A read-only connection to ``path`` if it is a pkdesk database of the current schema
    (and, with ``corpus``, holds the shipped corpora as shipped); else None."""
    try:
        with open(path, "rb") as fh:
            header = fh.read(100)
        if not header.startswith(SQLITE_MAGIC) or header_problem(header) is not None:
            return None
    except OSError:
        return None
    try:
        conn = connect_readonly(path)
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
