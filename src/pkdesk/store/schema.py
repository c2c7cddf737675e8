"""What a pkdesk database of each schema revision holds, and cheap read-only checks of it.

Checked with the standard library's sqlite3 (a few PRAGMA and sqlite_master queries), never
by loading Alembic: `dbfile.identify` runs these at every open. tests/store/test_schema.py
asserts that ``EXPECTED`` matches what the migrations in db/versions really create.

A value SQLAlchemy cannot convert (``updated_at = 'garbage'``) would surface as a traceback
wherever the row is read; ``row_problems`` finds such values first and names them as damage
(table, row, column).
"""

from __future__ import annotations

# Nothing else imported at load: `store.readonly` (the CLI's read-only commands) uses
# SCHEMA_HEAD and schema_problems, and each import is time before the answer.
from datetime import datetime   # (the read-only commands read dates anyway)

TYPE_CHECKING = False
if TYPE_CHECKING:
    import sqlite3
    from collections.abc import Iterable
    from typing import Any

# The newest migration in pkdesk/migrations/versions. Checking a database against this constant lets an
# up-to-date database open without importing Alembic (~190 ms), and the
# CLI's read-only commands without SQLAlchemy (store/readonly.py); tests/store/test_db.py
# asserts it matches Alembic's own head, so a new migration cannot forget to bump it.
SCHEMA_HEAD = "0010"

# Column kinds: text, int, datetime, plan (a stored plan document); "?" = NULL allowed.
_REFERENCE: dict[str, dict[str, str]] = {
    "alembic_version": {"version_num": "text"},
    "app_meta": {"key": "text", "value": "text"},
    "ref_source": {"id": "text", "title": "text", "file": "text", "checksum": "text",
                   "loaded_at": "datetime"},
    "ref_node": {"id": "text", "source_id": "text", "parent_id": "text?", "position": "int",
                 "kind": "text", "title": "text", "body": "text", "facts": "text?",
                 "see_also": "text?"},
    "ref_fts": {"node_id": "", "title": "", "body": ""},     # FTS5: derived, values unchecked
    "bookmark": {"id": "int", "node_id": "text", "created_at": "datetime"},
    "note": {"id": "int", "node_id": "text", "body": "text", "updated_at": "datetime"},
}
_PLANS: dict[str, dict[str, str]] = {
    **_REFERENCE,
    "plan": {"id": "int", "uid": "text", "title": "text", "parent_uid": "text?",
             "document": "plan", "revision": "int", "created_at": "datetime",
             "updated_at": "datetime", "deleted_at": "datetime?"},
    "plan_revision": {"id": "int", "plan_id": "int", "number": "int", "author": "text",
                      "created_at": "datetime", "summary": "text", "document": "plan"},
}
_LIBRARIES: dict[str, dict[str, str]] = {
    **_PLANS,
    "ref_fts": {"node_id": "", "library_id": "", "title": "", "body": "", "stems": ""},
    "library": {"id": "int", "source_id": "text", "title": "text", "edition": "text",
                "language": "text", "file": "text", "kind": "text", "added_at": "datetime"},
    "mark_origin": {"node_id": "text", "library_id": "int", "title": "text", "body": "text",
                    "lost_at": "datetime"},
}
_SYNC: dict[str, dict[str, str]] = {
    **_LIBRARIES,
    "plan_revision": {**_PLANS["plan_revision"], "rev_id": "text", "parents": "text"},
    "sync_exchange": {"id": "int", "bundle_id": "text", "direction": "text",
                      "peer_store": "text", "file": "text", "created_at": "datetime",
                      "known": "text"},
    "sync_conflict": {"id": "int", "plan_id": "int", "theirs_rev": "text", "bundle_id": "text",
                      "fields": "text", "created_at": "datetime"},
}
_TITLES: dict[str, dict[str, str]] = {
    **_SYNC,
    "ref_title_fts": {"title": ""},     # FTS5 over the titles (SQLite only): derived
}
# Tables a team database (PostgreSQL) does not have: its search is its tsvector index.
SQLITE_ONLY = frozenset({"ref_title_fts"})
_DELETIONS: dict[str, dict[str, str]] = {**_TITLES, "sync_deletion": {"plan_id": "int",
                                                                   "seq": "int"}}
EXPECTED: dict[str, dict[str, dict[str, str]]] = {"0001": _REFERENCE, "0002": _PLANS,
                                                  "0003": _PLANS, "0004": _LIBRARIES,
                                                  "0005": _LIBRARIES,   # 0005: PostgreSQL only
                                                  "0006": _SYNC,
                                                  "0007": _SYNC,   # 0007: ref_fts prefixes
                                                  "0008": _SYNC,   # 0008: plan list index
                                                  "0009": _TITLES,   # 0009: titles' index
                                                  "0010": _DELETIONS}   # 0010: sync deletions

# Read at every open (the window's start lists plans, the corpus sync reads its sources):
# small tables, checked whole but for the plan documents. plan_revision and ref_node are
# checked by `doctor` and `restore`, and reported as damage when a read meets a bad value.
OPEN_TABLES = ("app_meta", "ref_source", "bookmark", "note", "plan", "library")

MAX_SHOWN = 40


def shown(value: Any) -> str:
    """A stored value quoted for a one-line message: repr (control characters escaped), short."""
    text = repr(value)
    return text if len(text) <= MAX_SHOWN else text[:MAX_SHOWN - 1] + "…"


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def schema_problems(conn: sqlite3.Connection, revision: str) -> list[str]:
    """Tables and columns the revision has that the file lacks, and those only a later
    revision makes (a stamp set back: migrating would fail half-way); [] when neither."""
    expected = EXPECTED[revision]
    tables = {str(r[0]) for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table'")}
    # Each table's columns, read once for both questions.
    have = {table: {str(r[1]) for r in conn.execute(f"PRAGMA table_info({_quote(table)})")}
            for table in expected if table in tables}
    problems = []
    for table, columns in expected.items():
        if table not in tables:
            problems.append(f"table {table} is missing")
            continue
        problems += [f"column {table}.{c} is missing" for c in columns if c not in have[table]]
    later = [EXPECTED[r] for r in EXPECTED if r > revision]
    for table in sorted({t for schema in later for t in schema} & tables):
        if table not in expected:
            problems.append(f"table {table} is of a newer schema than its stamp {revision}")
            continue
        newer = {c for schema in later for c in schema.get(table, {})} - set(expected[table])
        problems += [f"column {table}.{c} is of a newer schema than its stamp {revision}"
                     for c in sorted(newer & have[table])]
    return problems


def _value_problem(kind: str, value: Any, documents: bool) -> str | None:
    if value is None:
        return None if kind.endswith("?") else "is empty (NULL)"
    base = kind.rstrip("?")
    if base == "int":
        return None if isinstance(value, int) else f"{shown(value)} is not a whole number"
    if not isinstance(value, str):
        return f"{shown(value)} is not text"
    if base == "datetime":
        try:
            datetime.fromisoformat(value)
        except ValueError:
            return f"{shown(value)} is not a date and time"
    elif base == "plan" and documents:
        return document_problem(value)
    return None


def document_problem(document: str) -> str | None:
    """Why a stored plan document cannot be read as a plan, or None."""
    from pkdesk.core.errors import InputError

    try:
        load_document(document)
    except InputError as exc:
        return str(exc)
    return None


def _parse_document(document: str) -> Any:
    import json

    from pkdesk.core.errors import InputError
    from pkdesk.core.jsonload import max_nesting
    from pkdesk.core.plan.file import MAX_DEPTH

    if not isinstance(document, str):   # SQLite keeps whatever was written: a BLOB, a number
        raise InputError(f"the plan document is not text ({shown(document)})")
    if max_nesting(document, MAX_DEPTH) > MAX_DEPTH:
        raise InputError(f"the plan document is nested more than {MAX_DEPTH} levels deep")
    try:
        return json.loads(document)
    except (ValueError, RecursionError) as exc:
        reason = str(exc).splitlines()[0] if str(exc) else exc.__class__.__name__
        raise InputError(f"the plan document is not JSON ({reason[:80]})") from None


def load_document(document: str) -> Any:
    """A stored plan document as a Plan, nesting bounded like a plan file's; InputError else."""
    from pkdesk.core.errors import InputError
    from pkdesk.core.plan.file import plan_from_dict

    doc = _parse_document(document)
    try:
        # Stored before control characters were refused: read, with them as spaces.
        return plan_from_dict(doc, repair_text=True)
    except (ValueError, RecursionError) as exc:
        raise InputError(f"the plan document cannot be read ({str(exc)[:80]})") from None


def row_problems(conn: sqlite3.Connection, revision: str, tables: Iterable[str] | None = None,
                 *, documents: bool = True, limit: int = 5) -> list[str]:
    """Values the ORM could not read, as "table row N, column C: why"; [] when none.

    Assumes ``schema_problems`` found nothing. ``documents=False`` skips parsing plan
    documents (the costly part)."""
    expected = EXPECTED[revision]
    problems: list[str] = []
    for table in expected if tables is None else tables:
        checked = {c: k for c, k in expected.get(table, {}).items()
                   if k and (documents or k != "plan")}   # not even read: they are large
        if not checked:
            continue
        names = list(checked)
        sql = (f"SELECT rowid, {', '.join(_quote(c) for c in names)} FROM {_quote(table)} "
               "ORDER BY rowid")
        for rowid, *values in conn.execute(sql):
            for column, value in zip(names, values):
                why = _value_problem(checked[column], value, documents)
                if why is not None:
                    problems.append(f"{table} row {rowid}, column {column}: {why}")
                    if len(problems) >= limit:
                        return problems
    return problems
