"""Open, verify and migrate the pkdesk database file.

Every way a file can be wrong (not SQLite, another program's database, a newer pkdesk's
schema, unreadable) becomes a ``StoreError`` with one plain sentence, and the file is left
exactly as it was: nothing is written to a database until it has been recognised as ours.
Whether a file is ours is ``dbfile``'s question; loading the shipped corpora into an open
database is ``library.open_library``'s.

SQLAlchemy is imported only when an engine is made (issue 17: +40 MiB resident). The window
attaches a current, checked file without one (``open_current``: a read-only ``sqlite3``
connection, ``reader``, that ``store.window_repo`` reads through) and the engine is made on
first need, in one place (``Database.engine``, by ``_connect``).
"""

from __future__ import annotations

import os
import random
import sqlite3
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pkdesk.core.errors import StoreError
from pkdesk.paths import migrations_dir
from pkdesk.store.backup import with_restore_hint
from pkdesk.store.checked_stamp import is_checked, mark_checked
from pkdesk.store.dbfile import check_file, identify
from pkdesk.store.integrity import (UnusableDatabaseError, connect_readonly, environment_reason,
                                    is_busy, quick_check_or_raise)
from pkdesk.store.leftovers import remove_leftovers
from pkdesk.store.output_guard import protect_database
from pkdesk.store.schema import row_problems

from pkdesk.store.schema import SCHEMA_HEAD as SCHEMA_HEAD  # moved there: no SQLAlchemy

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlalchemy.exc import DBAPIError
    from sqlalchemy.orm import Session, sessionmaker

BUSY_TIMEOUT_MS = 5000


def _set_pragmas(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys = ON")
    cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    # WAL: readers never block the writer, and a writer killed mid-transaction leaves the
    # main file untouched (the half-written WAL frames are ignored on recovery).
    # synchronous=FULL: every commit is fsynced before it is acknowledged, so an edit the
    # user saw saved survives a power cut, not just a process crash.
    _switch_to_wal(cur)
    cur.execute("PRAGMA synchronous = FULL")
    cur.close()


def _switch_to_wal(cur: sqlite3.Cursor) -> None:
    """``PRAGMA journal_mode = WAL``, waiting for another pkdesk that is creating the file.

    On an empty file the switch writes the header while holding a read lock. When another
    process is doing the same at that moment, SQLite refuses one of them as busy at once,
    without waiting (its busy handler is not called, to avoid a deadlock): two windows opening
    a new database together. Wait as the busy timeout would, then try again; on a file that is
    already WAL the switch only reads, and this loop never turns."""
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            cur.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if not is_busy(exc) or time.monotonic() >= deadline:
                raise
            time.sleep(0.005)


def _alembic_config(connection: Any) -> Any:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir()))
    cfg.attributes["connection"] = connection
    return cfg


def _head_revision() -> str:
    from alembic.script import ScriptDirectory

    cfg = _alembic_config(None)
    head = ScriptDirectory.from_config(cfg).get_current_head()
    assert head is not None
    return head


def _known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(_alembic_config(None))
    return {rev.revision for rev in script.walk_revisions()}


def _create_private_file(path: Path) -> None:
    """Create the database file readable and writable by its owner only."""
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        os.close(fd)
    except FileExistsError:
        pass
    except OSError as exc:
        raise StoreError(f"cannot create database {path}: {exc.strerror}") from None


def _make_private(path: Path) -> None:
    """Tighten a database made by an older pkdesk (or a loose umask) to owner-only.

    SQLite creates -wal/-shm with the main file's mode, so the main file decides.
    """
    for p in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        try:
            if p.exists() and p.stat().st_mode & 0o077:
                p.chmod(p.stat().st_mode & 0o700)
        except OSError:
            pass  # not our file to change (read-only medium, other owner): still usable


class Database:
    """An open pkdesk database: an engine and a session factory over one SQLite file, or
    over a team database on a PostgreSQL server (``url``; ``store.server``)."""

    def __init__(self, path: Path, engine: Engine | None, url: str | None = None, *,
                 reader: sqlite3.Connection | None = None) -> None:
        # For a team database, ``path`` is in this computer's folder for it
        # (``paths.server_state_dir``): no database file is ever made there.
        self.path = path
        self.url = url
        self._engine = engine
        self._sessions: sessionmaker[Session] | None = None
        # A read-only connection to a file found current and checked (``open_current``);
        # with one, the engine is made on first use.
        self.reader = reader

    @property
    def engine(self) -> Engine:
        """SQLAlchemy's engine, made now if the database was attached without one."""
        if self._engine is None:
            self._connect()
        assert self._engine is not None
        return self._engine

    @property
    def connected(self) -> bool:
        """Whether SQLAlchemy's engine is made (``engine``)."""
        return self._engine is not None

    @property
    def sessions(self) -> sessionmaker[Session]:
        if self._sessions is None:
            from sqlalchemy.orm import sessionmaker

            self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        return self._sessions

    @property
    def is_server(self) -> bool:
        return self.url is not None

    @property
    def where(self) -> str:
        """What to show as the database: its file, or user@host:port/dbname (no password)."""
        if self.url is None:
            return str(self.path)
        from pkdesk.store.server_url import describe

        return describe(self.url)

    def fetch(self, conn: Any) -> Any:
        """A ``store.queries.Fetch`` over a SQLAlchemy connection, on either engine."""
        if self.url is None:
            return lambda sql, params: conn.exec_driver_sql(sql, params).all()
        from pkdesk.store.server import fetch_params

        return lambda sql, params: conn.exec_driver_sql(*fetch_params(sql, params)).all()

    @classmethod
    def open(cls, path: Path | str, *, create_parent: bool = False) -> Database:
        """Open (creating if absent), verify and migrate; the shipped corpora are loaded by
        ``store.library.open_library``, which the CLI and the window use. ``path`` may be a
        team database's ``postgresql`` URL (``paths.is_server_url``)."""
        from pkdesk.paths import is_server_url

        if is_server_url(path):
            assert isinstance(path, str)
            return cls._open_server(path)
        path = Path(path)
        protect_database(path)   # no export may ever be written over it
        with opening(path):
            existed = check_file(path)
        if not existed:
            if not path.parent.exists():
                if not create_parent:
                    raise StoreError(f"cannot create database {path}: folder {path.parent} does not exist")
                path.parent.mkdir(parents=True, exist_ok=True)
            _create_private_file(path)
        engine = _sqlite_engine(path)
        db = cls(path, engine)
        try:
            with opening(path):
                db._verify_and_migrate()
                remove_leftovers(path)   # of a backup or restore that was killed
        except BaseException:
            engine.dispose()
            raise
        return db

    @classmethod
    def open_current(cls, path: Path) -> Database | None:
        """The database at ``path`` without SQLAlchemy, if it is current and needs nothing of
        ``open_library``: the file as its ``-checked`` stamp vouches (``checked_stamp``), of
        this schema, holding the shipped corpora as shipped (``readonly.open_current``). Else
        None, and the caller opens it the full way (which checks, upgrades, loads or names the
        problem). Reads go through ``reader``; the engine is made on first need."""
        from pkdesk.store.readonly import open_current

        if not is_checked(path):
            return None
        reader = open_current(path, corpus=True)
        if reader is None:
            return None
        try:
            protect_database(path)   # no export may ever be written over it
            _make_private(path)
            remove_leftovers(path)   # of a backup or restore that was killed
        except BaseException:
            reader.close()
            raise
        return cls(path, None, reader=reader)

    def _connect(self) -> None:
        """Make the engine of a database attached without one (``open_current``), after the
        checks ``open`` makes: the stamp's, or the full ones if the file changed since."""
        engine = _sqlite_engine(self.path)
        self._engine = engine
        try:
            with opening(self.path):
                self._verify_and_migrate()
        except BaseException:
            self._engine = None
            engine.dispose()
            raise

    @classmethod
    def _open_server(cls, url: str) -> Database:
        from pkdesk.paths import server_state_dir
        from pkdesk.store import server, server_url

        from pkdesk.store.credentials import for_connecting, remember_password_of

        server_url.check(url)
        remember_password_of(url)    # kept out of crash reports (store.credentials.scrub)
        # A password from the OS keyring, in memory only; libpq's password file refused first
        # when others can read it.
        engine = server.make_engine(for_connecting(url))
        db = cls(server_state_dir(url) / "team-database", engine, url)
        try:
            with server.talking_to(url), engine.begin() as conn:
                # One transaction (PostgreSQL's DDL is transactional), under a lock that a
                # second pkdesk starting at the same moment waits for, then finds done.
                server.lock(conn, server.MIGRATE_LOCK)
                current = server.identify(conn, url)
                if current != SCHEMA_HEAD:
                    server.require_administrator(conn, url, current)
                    from alembic import command

                    command.upgrade(_alembic_config(conn), "head")
        except BaseException:
            engine.dispose()
            raise
        return db

    def _verify_and_migrate(self) -> None:
        # A file in the state pkdesk checked or closed cleanly (store/checked_stamp.py) is not
        # read whole again; anything else is, before anything is written to it.
        checked = is_checked(self.path)
        current = identify(self.path, plan_rows=not checked)
        if current is not None:
            _make_private(self.path)
            if not checked:
                quick_check_or_raise(self.path)  # a damaged file is never written to
                mark_checked(self.path, verified=True)
        if current == SCHEMA_HEAD:
            return
        from alembic import command
        from sqlalchemy.exc import DBAPIError

        with self.engine.begin() as conn:
            # pysqlite opens a transaction only before DML, so each DDL statement would commit
            # on its own: take the write lock first, making the upgrade one transaction (a kill
            # mid-migration leaves the old schema) that a second pkdesk starting at the same
            # moment waits for, then finds already done.
            try:
                conn.exec_driver_sql("BEGIN IMMEDIATE")
            except DBAPIError as exc:
                if not self._migrated_meanwhile(exc):
                    raise
                return
            command.upgrade(_alembic_config(conn), "head")

    def _migrated_meanwhile(self, exc: DBAPIError) -> bool:
        """After the write lock for migrating was refused as busy: True when another pkdesk
        finished creating or upgrading the file meanwhile (nothing left to do here).

        SQLite's busy wait is not a queue: a window that creates the file, loads the
        reference and then writes without pause can keep the lock for longer than
        ``BUSY_TIMEOUT_MS`` although the file is long ready. Still not ready: another window
        is creating or upgrading it, which is said as such (nothing was written here)."""
        if not is_busy(exc):
            return False
        if identify(self.path) == SCHEMA_HEAD:
            return True
        raise StoreError(f"{self.path} is being created or upgraded by another pkdesk window: "
                         "wait until that window has opened it, then try again") from None

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One unit of work: commits on success, rolls back on error, always closes."""
        sessions = self.sessions     # the engine first: its open's errors are its own
        from sqlalchemy.exc import DBAPIError

        try:
            with sessions.begin() as s:
                yield s
        except DBAPIError as exc:
            if self.url is not None:
                from pkdesk.store.server import server_error
                from pkdesk.store.team import refusal_for

                refused = refusal_for(self.engine, exc)   # a role's limit, said plainly
                if refused is not None:
                    raise refused from None
                raise server_error(self.url, exc) from None
            reason = environment_reason(exc, self.path)
            if reason is None:
                raise  # a bug, not the environment: keep the traceback
            raise StoreError(f"cannot use database {self.path}: {reason}") from None
        except (ValueError, TypeError):
            # A stored value the ORM cannot convert (a date reading 'garbage'): damage, named
            # by table, row and column. Anything else is a bug and keeps its traceback.
            problem = self._first_row_problem()
            if problem is None:
                raise
            damaged = UnusableDatabaseError(f"{self.path} is damaged ({problem})")
            raise with_restore_hint(damaged, self.path) from None

    def _first_row_problem(self) -> str | None:
        if self.url is not None:
            return None    # the server keeps every column's type: no such damage there
        try:
            conn = connect_readonly(self.path)
        except sqlite3.Error:
            return None
        try:
            problems = row_problems(conn, SCHEMA_HEAD, documents=False, limit=1)
        except sqlite3.Error:
            return None
        finally:
            conn.close()
        return problems[0] if problems else None

    @contextmanager
    def write(self, plan_id: int | None = None, *, uid: str | None = None) -> Iterator[Session]:
        """A unit of work that writes: ``session()`` holding SQLite's write lock from its start.

        ``BEGIN IMMEDIATE`` makes everything the unit reads before writing (the next revision
        number, whether a uid is taken) current and unchangeable until it commits, so writers
        in other processes or windows are serialised instead of colliding on a UNIQUE key.
        A second writer waits for the lock (up to ``BUSY_TIMEOUT_MS``), then sees the first
        one's result; beyond the timeout it is a ``StoreError`` ("busy"), and nothing is written.

        On a team database, a unit that writes one plan only says which: ``plan_id`` (an
        existing plan) or ``uid`` (a plan it creates). It then locks that plan alone
        (``server.lock_plan``), and writers of other plans go on at the same time; any
        other unit locks the whole database, as SQLite does.
        """
        with self.session() as s:
            if self.url is None:
                _begin_immediate(s.connection(), self.path)
            elif plan_id is not None or uid is not None:
                from pkdesk.store.server import lock_plan

                lock_plan(s.connection(), plan_id, uid)
            else:
                # One writer at a time, by a transaction-level advisory lock (READ COMMITTED:
                # every statement after it sees the last writer's commit).
                from pkdesk.store.server import WRITE_LOCK, lock

                lock(s.connection(), WRITE_LOCK)
            yield s

    def close(self) -> None:
        """Close every connection; the file, its log folded back in, is stamped as left by a
        clean close (``checked_stamp``), so the next open need not check it whole. The reader
        closes first: the engine's last connection then folds the log back in."""
        if self.reader is not None:
            self.reader.close()
            self.reader = None
        if self._engine is not None:
            self._engine.dispose()
        mark_checked(self.path)


# Waiting for SQLite's write lock. SQLite's own busy wait is not a queue: after a third of a
# second it looks only every 100 ms, so a writer that takes the lock again within a few
# milliseconds of each commit (a window saving without pause, a script's loop of commands) is
# almost always holding it when the waiter looks, and a short write is refused as busy after
# the timeout although the lock was free many times meanwhile. So a waiter looks every few
# milliseconds (each try immediate, then a sleep of random length, doubling up to
# WAIT_STEP_MAX_S, so that two waiters do not look in step), and says that it waits by
# touching a side file, ``<database>-waiting``, which it removes once it has the lock. A
# writer about to take the lock while that file was touched in the last WAITING_FRESH_S
# lets the waiter go first (for at most YIELD_S): short writers take turns.
WAIT_STEP_MIN_S = 0.001
WAIT_STEP_MAX_S = 0.008
WAITING_SUFFIX = "-waiting"
WAITING_FRESH_S = 0.05
YIELD_S = 0.25


def waiting_path(path: Path) -> Path:
    return path.with_name(path.name + WAITING_SUFFIX)


def _someone_waits(waiting: Path) -> bool:
    try:
        touched = os.stat(waiting).st_mtime
    except OSError:
        return False
    return time.time() - touched < WAITING_FRESH_S


def _say_waiting(waiting: Path) -> None:
    try:
        os.close(os.open(waiting, os.O_WRONLY | os.O_CREAT, 0o600))
        os.utime(waiting)
    except OSError:
        pass        # a read-only folder: no turns, the polling still works


def _begin_immediate(conn: Any, path: Path) -> None:
    """``BEGIN IMMEDIATE`` on ``conn`` (SQLAlchemy's) for the database at ``path``: after
    letting a writer that waits go first, waiting for the write lock up to ``BUSY_TIMEOUT_MS``
    by short jittered tries; beyond it, the driver's busy error."""
    raw = conn.connection.dbapi_connection
    waiting = waiting_path(path)
    let_go = time.monotonic() + YIELD_S
    while _someone_waits(waiting) and time.monotonic() < let_go:
        time.sleep(WAIT_STEP_MIN_S)
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    step, said = WAIT_STEP_MIN_S, False
    raw.execute("PRAGMA busy_timeout = 0")      # each try answers at once; the loop waits
    try:
        while time.monotonic() < deadline:
            try:
                raw.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as exc:
                if not is_busy(exc):
                    break               # not the lock: said below, as SQLAlchemy's error
            _say_waiting(waiting)
            said = True
            left = max(0.0, deadline - time.monotonic())
            time.sleep(min(step * random.uniform(0.5, 1.5), left))
            step = min(step * 2, WAIT_STEP_MAX_S)
        # The timeout is over (or the error is another): one last try, through SQLAlchemy,
        # whose error ``session`` turns into the one plain line ("busy in another window").
        conn.exec_driver_sql("BEGIN IMMEDIATE")
    finally:
        raw.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        if said:
            try:
                waiting.unlink(missing_ok=True)
            except OSError:
                pass


def _sqlite_engine(path: Path) -> Engine:
    from sqlalchemy import create_engine, event

    engine = create_engine(f"sqlite:///{path}", connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
    event.listen(engine, "connect", _set_pragmas)
    return engine


def _dbapi_errors() -> tuple[type[BaseException], ...]:
    """SQLAlchemy's DBAPIError, if SQLAlchemy is loaded (if not, none can be raised)."""
    exc = sys.modules.get("sqlalchemy.exc")
    return (exc.DBAPIError,) if exc is not None else ()


@contextmanager
def opening(path: Path) -> Iterator[None]:
    """What goes wrong while opening or filling the database at ``path``, as one plain error:
    a damaged file names the latest good backup, an SQLite error says why in one line."""
    try:
        yield
    except UnusableDatabaseError as exc:
        raise with_restore_hint(exc, path) from None
    except StoreError:
        raise
    except Exception as exc:
        if not isinstance(exc, (sqlite3.DatabaseError, *_dbapi_errors())):
            raise
        raise StoreError(f"cannot use database {path}: {_reason(exc, path)}") from None


def _reason(exc: BaseException, path: Path) -> str:
    orig = getattr(exc, "orig", None) or exc
    message = str(orig).splitlines()[0] if str(orig) else orig.__class__.__name__
    return environment_reason(exc, path) or message
