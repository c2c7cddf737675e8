"""A search source whose query ``SLOW`` runs, before the real search, a real SQLite statement
that never ends by itself: only the worker's interrupt stops it (``store.search_worker``)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from pkdesk.core.search import SearchHit
from pkdesk.store.readonly import connect_readonly
from pkdesk.store.search_worker import FileSource

# Counts forever: only sqlite3_interrupt (or the end of the process) stops it.
ENDLESS = ("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) "
           "SELECT count(*) FROM c")
SLOW = "zz-slow"      # the text that runs ENDLESS before the real search


class SlowFirst(FileSource):
    """The real file source; a query ``slow`` says is slow (by default, ``SLOW...``) first
    runs a statement that never ends by itself. Records how each query ended."""

    def __init__(self, path: str, slow: Callable[[str], bool] | None = None) -> None:
        super().__init__(path)
        self.slow = slow or (lambda text: text.startswith(SLOW))
        self.ended: list[tuple[str, str]] = []
        self.started = threading.Event()

    def wait_running(self) -> None:
        """Until the endless statement runs (an interrupt before it starts would be a no-op,
        as SQLite documents: a real search's next statement checks for a newer query)."""
        assert self.started.wait(10)
        time.sleep(0.05)
        self.started.clear()

    def search(self, check: Callable[[], None], user_text: str, limit: int,
               scope: str | int) -> list[SearchHit]:
        try:
            if self.slow(user_text):
                if self._conn is None:
                    self._conn = connect_readonly(self.path)
                check()
                self.started.set()
                self._conn.execute(ENDLESS).fetchall()
            hits = super().search(check, user_text, limit, scope)
        except BaseException as exc:
            self.ended.append((user_text, str(exc) or type(exc).__name__))
            raise
        self.ended.append((user_text, "done"))
        return hits
