"""A team database on a PostgreSQL server: the engine, recognising the database (empty,
pkdesk's, another program's), its schema check, locking, and plain messages for a server
that cannot be reached.

``Database.open`` comes here for a ``postgresql`` URL (``paths.server_url``); nothing here is
imported for a database file, and psycopg is loaded only by the engine's first connection.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection, Engine, create_engine
from sqlalchemy.exc import DBAPIError

from pkdesk.core.errors import StoreError, UnreachableError
from pkdesk.store.integrity import NewerSchemaError, UnusableDatabaseError
from pkdesk.store.schema import EXPECTED, SQLITE_ONLY, shown
from pkdesk.store.server_url import describe, host_port, sqlalchemy_url

CONNECT_TIMEOUT_S = 5
LOCK_TIMEOUT = "5s"          # a writer waits this long for another's lock (SQLite: busy_timeout)
# pg_advisory_xact_lock keys: one for writes (Database.write), one for migrations.
WRITE_LOCK = 0x706B6465736B01   # "pkdesk" + 1
MIGRATE_LOCK = 0x706B6465736B02
# Two-int keys (a key space apart from the bigint ones above): a plan's id, a new plan's uid.
PLAN_LOCK_CLASS = 0x706B6401     # "pkd" + 1
UID_LOCK_CLASS = 0x706B6402


def make_engine(url: str) -> Engine:
    """An engine for the server at ``url``: UTC session time zone (stored times are naive
    UTC, as in the SQLite file), a bounded connect timeout, stale pooled connections
    replaced after a server restart."""
    return create_engine(
        sqlalchemy_url(url), pool_pre_ping=True, pool_size=2, max_overflow=8,
        connect_args={"connect_timeout": CONNECT_TIMEOUT_S, "application_name": "pkdesk",
                      "options": "-c timezone=UTC"})


def _first_line(exc: BaseException) -> str:
    orig = getattr(exc, "orig", None) or exc
    text = " ".join(str(orig).split())
    return text[:200] if text else orig.__class__.__name__


def is_unreachable(exc: BaseException) -> bool:
    """A lost or refused connection (server down, network cut, restart), not a bad query."""
    import psycopg

    orig = getattr(exc, "orig", None) or exc
    if getattr(exc, "connection_invalidated", False):
        return True
    if isinstance(orig, psycopg.errors.AdminShutdown | psycopg.errors.CannotConnectNow):
        return True
    if isinstance(orig, psycopg.OperationalError):
        said = str(orig).lower()
        return not any(w in said for w in ("password", "authentication", "does not exist",
                                           "permission denied", "no pg_hba.conf"))
    return isinstance(orig, psycopg.InterfaceError)


def unreachable(url: str, exc: BaseException) -> UnreachableError:
    return UnreachableError(f"The team database at {host_port(url)} is unreachable: "
                            f"{_first_line(exc)}")


def server_error(url: str, exc: BaseException) -> StoreError:
    """What went wrong talking to the server, as one plain sentence (never the password)."""
    if is_unreachable(exc):
        return unreachable(url, exc)
    import psycopg

    orig = getattr(exc, "orig", None) or exc
    if isinstance(orig, psycopg.errors.LockNotAvailable | psycopg.errors.QueryCanceled):
        return StoreError(f"the team database {describe(url)} is busy (another user is saving); "
                          "try again")
    return StoreError(f"cannot use the team database {describe(url)}: {_first_line(exc)}")


@contextmanager
def talking_to(url: str) -> Iterator[None]:
    """Turn driver errors met while talking to the server into one-line StoreErrors."""
    try:
        yield
    except StoreError:
        raise
    except DBAPIError as exc:
        raise server_error(url, exc) from None
    except Exception as exc:   # psycopg raised outside SQLAlchemy's wrapping (connect)
        import psycopg

        if isinstance(exc, psycopg.Error):
            raise server_error(url, exc) from None
        raise


def _tables(conn: Connection) -> set[str]:
    rows = conn.exec_driver_sql(
        "SELECT table_name FROM information_schema.tables "
        "WHERE table_schema = current_schema()").all()
    return {str(r[0]) for r in rows}


def identify(conn: Connection, url: str) -> str | None:
    """The schema revision of the team database, None when it is empty; raise when it is
    another program's, a newer pkdesk's, or lacks a table or column its revision has."""
    tables = _tables(conn)
    if not tables or (tables == {"alembic_version"} and conn.exec_driver_sql(
            "SELECT count(*) FROM alembic_version").scalar() == 0):   # migrated down to base
        return None
    where = describe(url)
    marker = None
    if "app_meta" in tables:
        marker = conn.exec_driver_sql(
            "SELECT value FROM app_meta WHERE key = 'application'").scalar()
    if marker != "pkdesk" or "alembic_version" not in tables:
        some = ", ".join(sorted(tables)[:3])
        raise UnusableDatabaseError(f"the database {where} is not a pkdesk database (it holds "
                                    f"other tables: {some}); pkdesk leaves it untouched")
    rows = conn.exec_driver_sql("SELECT version_num FROM alembic_version").all()
    if len(rows) != 1:
        raise UnusableDatabaseError(f"the team database {where} is damaged (its schema "
                                    "revision is missing)")
    current = str(rows[0][0])
    if current not in EXPECTED:
        raise NewerSchemaError(f"the team database {where} was made by a newer version of "
                               f"pkdesk (schema {shown(current)}); update pkdesk to use it")
    problems = schema_problems(conn, current)
    if problems:
        raise UnusableDatabaseError(f"the team database {where} is damaged ({problems[0]})")
    return current


def is_administrator(conn: Connection) -> bool:
    """Whether the connected user is the database's administrator: a superuser, its owner,
    or a member of its owner's role (who alone may create and upgrade the schema)."""
    return bool(conn.exec_driver_sql(
        "SELECT r.rolsuper OR pg_has_role(session_user, d.datdba, 'USAGE') "
        "FROM pg_roles r, pg_database d "
        "WHERE r.rolname = session_user AND d.datname = current_database()").scalar())


def require_administrator(conn: Connection, url: str, current: str | None) -> None:
    """Before creating or upgrading the schema: anyone but the administrator is told, in one
    line, that the administrator must open the database first (not the server's refusal)."""
    if is_administrator(conn):
        return
    where = describe(url)
    if current is None:
        raise StoreError(f"the team database {where} has no pkdesk schema yet: its "
                         "administrator (the database's owner) must open it once with pkdesk "
                         "first")
    raise StoreError(f"the team database {where} has an older pkdesk schema "
                     f"({shown(current)}) than this version of pkdesk: its administrator (the "
                     "database's owner) must open it once with this version first")


def schema_problems(conn: Connection, revision: str) -> list[str]:
    """Tables and columns the revision has that the server's database lacks."""
    have: dict[str, set[str]] = {}
    for table, column in conn.exec_driver_sql(
            "SELECT table_name, column_name FROM information_schema.columns "
            "WHERE table_schema = current_schema()").all():
        have.setdefault(str(table), set()).add(str(column))
    problems = []
    for table, columns in EXPECTED[revision].items():
        if table in SQLITE_ONLY:
            continue
        if table not in have:
            problems.append(f"table {table} is missing")
            continue
        problems += [f"column {table}.{c} is missing" for c in columns if c not in have[table]]
    return problems


def lock(conn: Connection, key: int) -> None:
    """Hold ``key``'s transaction-level advisory lock until this transaction ends, waiting at
    most LOCK_TIMEOUT for another holder."""
    conn.exec_driver_sql(f"SET LOCAL lock_timeout = '{LOCK_TIMEOUT}'")
    conn.exec_driver_sql("SELECT pg_advisory_xact_lock(%s)", (key,))


def lock_plan(conn: Connection, plan_id: int | None = None, uid: str | None = None) -> None:
    """Hold, until this transaction ends, what a write of one plan needs: WRITE_LOCK shared
    (a database-wide writer, holding it exclusively, waits for every plan writer and they
    for it), then the plan's own lock (``plan_id``: a save, restore, delete) or, for a plan
    being created, its uid's (two creations of one uid take turns; ids come from the
    sequence and never collide). Writers of different plans do not wait for each other.

    Always in that order and one plan per transaction, so two writers never wait for each
    other in a cycle."""
    conn.exec_driver_sql(f"SET LOCAL lock_timeout = '{LOCK_TIMEOUT}'")
    conn.exec_driver_sql("SELECT pg_advisory_xact_lock_shared(%s)", (WRITE_LOCK,))
    if plan_id is not None:
        conn.exec_driver_sql("SELECT pg_advisory_xact_lock(%s::int4, %s::int4)",
                             (PLAN_LOCK_CLASS, plan_id))
    if uid is not None:
        conn.exec_driver_sql("SELECT pg_advisory_xact_lock(%s::int4, %s::int4)",
                             (UID_LOCK_CLASS, uid_key(uid)))


def uid_key(uid: str) -> int:
    """A uid as a signed 32-bit lock key (two uids sharing one only take turns)."""
    import hashlib

    return int.from_bytes(hashlib.sha256(uid.encode()).digest()[:4], "big", signed=True)


def fetch_params(sql: str, params: tuple[Any, ...]) -> tuple[str, tuple[Any, ...]]:
    """store.queries' qmark SQL (``?``) for psycopg (``%s``); its texts hold no other ``?``
    or ``%``."""
    return sql.replace("%", "%%").replace("?", "%s"), params
