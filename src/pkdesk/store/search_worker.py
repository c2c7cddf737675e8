"""Search as you type, off the GUI thread (issue 17): one worker thread runs the newest query
over its own connection, and a query the user has typed past is stopped.

Each query has a number (its generation, which ``submit`` returns). A query submitted while an
older one runs stops the older one: its connection is interrupted
(``sqlite3.Connection.interrupt``: the running statement raises
``OperationalError("interrupted")``), and each statement a search runs (a search is a few:
``store.queries.search``) checks first that no newer query was asked. A stopped query
delivers nothing: only the newest query's outcome reaches ``deliver``, called on the worker
thread with (generation, hits, None) or (generation, None, the exception).

The hits are computed by the same function as everywhere else (``queries.search``, with the
same bound on ranking). Where the worker's own connection cannot answer (a file damaged or
gone, a value it cannot convert), the exception is delivered and the caller does the read the
full way, whose checks name the problem (``window_repo``).

A file: a read-only ``sqlite3`` connection of the worker's own (``readonly.connect_readonly``),
opened on its first query. A team database (PostgreSQL): a session on the engine's pool (which
gives each thread its own connection), stopped by the driver's cancel.

No Qt and no SQLAlchemy import here.
"""

from __future__ import annotations

import itertools
import sqlite3
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

from pkdesk.store import queries

if TYPE_CHECKING:
    from pkdesk.core.search import SearchHit
    from pkdesk.store.db import Database

    Deliver = Callable[[int, "list[SearchHit] | None", "BaseException | None"], None]

# Generations are unique in the process: hits a stopped worker delivered (still queued for
# the GUI thread) can never pass for a newer worker's.
_GENERATIONS = itertools.count(1)


class Superseded(Exception):
    """A newer query was asked (or the worker is stopping): this one ends here."""


class Source(Protocol):
    """Where the worker searches, on its own thread."""

    def search(self, check: Callable[[], None], user_text: str, limit: int,
               scope: str | int) -> list[SearchHit]: ...

    def interrupt(self) -> None:
        """Stop the statement running now, from another thread (a no-op when none runs)."""

    def close(self) -> None:
        """On the worker thread, when it ends."""

    def reset(self) -> None:
        """On the worker thread, after a query ended by an exception."""


class FileSource:
    """A database file, read through a read-only ``sqlite3`` connection of the worker's own."""

    def __init__(self, path: str) -> None:
        self.path = path
        self._conn: sqlite3.Connection | None = None

    def search(self, check: Callable[[], None], user_text: str, limit: int,
               scope: str | int) -> list[SearchHit]:
        if self._conn is None:
            from pkdesk.store.readonly import connect_readonly

            self._conn = connect_readonly(self.path)
        conn = self._conn

        def fetch(sql: str, params: tuple[Any, ...]) -> list[Any]:
            check()
            return conn.execute(sql, params).fetchall()

        return queries.search(fetch, user_text, limit, scope, cap=queries.RANK_MAX)

    def interrupt(self) -> None:
        conn = self._conn
        if conn is not None:
            try:
                conn.interrupt()
            except sqlite3.ProgrammingError:
                pass     # closed meanwhile

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def reset(self) -> None:
        """After a failure: a new connection for the next query (the file may be back)."""
        self.close()


class ServerSource:
    """A team database: ``ReferenceRepository.search``'s way (a session, ``server=True``) on
    the worker thread's own pooled connection."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self._driver: Any = None      # the psycopg connection of the query running

    def search(self, check: Callable[[], None], user_text: str, limit: int,
               scope: str | int) -> list[SearchHit]:
        with self.db.session() as s:
            conn = s.connection()
            self._driver = conn.connection.driver_connection
            run = self.db.fetch(conn)

            def fetch(sql: str, params: tuple[Any, ...]) -> Any:
                check()
                return run(sql, params)

            try:
                return queries.search(fetch, user_text, limit, scope, cap=queries.RANK_MAX,
                                      server=True)
            finally:
                self._driver = None

    def interrupt(self) -> None:
        driver = self._driver
        if driver is not None:
            try:
                driver.cancel()
            except Exception:       # noqa: BLE001 - the query ends anyway; nothing to tell
                pass

    def close(self) -> None:
        pass

    def reset(self) -> None:
        pass


class SearchWorker:
    """One thread running the newest query asked of it (``submit``), until ``stop``."""

    def __init__(self, source: Source, deliver: Deliver) -> None:
        self.source = source
        self._deliver = deliver
        self._lock = threading.Condition()
        self._newest = 0                   # the generation last asked (or cancelled)
        self._job: tuple[int, str, int, str | int] | None = None
        self._running: int | None = None   # the generation being searched
        self._stopping = False
        self._thread: threading.Thread | None = None

    def submit(self, user_text: str, limit: int, scope: str | int) -> int:
        """Search ``user_text``, stopping the query running, if any; this query's generation
        (what ``deliver`` will be given with its hits)."""
        with self._lock:
            self._newest = next(_GENERATIONS)
            if self._stopping:
                return self._newest
            self._job = (self._newest, user_text, limit, scope)
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="pkdesk-search",
                                                daemon=True)
                self._thread.start()
            self._stop_running()
            self._lock.notify()
            return self._newest

    def cancel(self) -> None:
        """Drop the query asked or running (the field was cleared): nothing is delivered."""
        with self._lock:
            self._newest = next(_GENERATIONS)
            self._job = None
            self._stop_running()

    def _stop_running(self) -> None:
        # Under the lock: the worker cannot have taken the next query meanwhile, so what is
        # interrupted is the older one (an idle connection ignores an interrupt).
        if self._running is not None:
            self.source.interrupt()

    def stop(self, timeout: float = 5.0) -> bool:
        """Stop the query running, end the thread and wait for it (its connection closed);
        whether it ended within ``timeout`` seconds. A worker stopped takes no more queries."""
        with self._lock:
            self._stopping = True
            self._job = None
            thread = self._thread
            self._stop_running()
            self._lock.notify()
        if thread is None:
            return True
        thread.join(timeout)
        return not thread.is_alive()

    @property
    def busy(self) -> bool:
        """A query asked or running."""
        with self._lock:
            return self._job is not None or self._running is not None

    def _current(self, generation: int) -> bool:
        return self._newest == generation and not self._stopping

    def _run(self) -> None:
        try:
            while True:
                with self._lock:
                    while self._job is None and not self._stopping:
                        self._lock.wait()
                    if self._stopping or self._job is None:
                        return
                    generation, user_text, limit, scope = self._job
                    self._job = None
                    self._running = generation

                def check(generation: int = generation) -> None:
                    if not self._current(generation):
                        raise Superseded

                hits: list[SearchHit] | None = None
                problem: BaseException | None = None
                try:
                    hits = self.source.search(check, user_text, limit, scope)
                except BaseException as exc:    # noqa: BLE001 - handed to the caller
                    problem = exc
                with self._lock:
                    self._running = None
                    current = self._current(generation)
                # A query stopped ("interrupted", a cancelled server query, Superseded) is
                # dropped, and the connection kept (with its page cache) for the next one.
                if current:
                    if problem is not None:
                        self.source.reset()
                    self._deliver(generation, hits, problem)
        finally:
            self.source.close()


def source_for(db: Database) -> Source:
    """Where a worker searches ``db``: its file, or its team database."""
    if db.is_server:
        return ServerSource(db)
    return FileSource(str(db.path))
