"""Automatic backups while the window is open: soon after start, every ten minutes, at close.

`store.backup.auto_backup` copies the database only when its data changed; telling and
copying take seconds on a large database (README "Measured figures"), so it runs on a worker
thread with its own read-only SQLite connection and never holds up the window, at close
either: the application waits for the last one after the window is gone. It is silent
when it works; a failure (a full disk, say) is reported once through `failed`.
"""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from pkdesk.core.errors import PkdeskError
from pkdesk.ui.common.i18n import tr

INTERVAL_MS = 10 * 60 * 1000
FIRST_DELAY_MS = 3000       # after start-up, when the user is reading rather than waiting


class BackupScheduler(QObject):
    made = Signal(object)
    """A new backup's Path (nothing is sent when the data had not changed)."""
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None, interval_ms: int = INTERVAL_MS,
                 first_delay_ms: int = FIRST_DELAY_MS) -> None:
        super().__init__(parent)
        self.db_path: Path | None = None
        self.first_delay_ms = first_delay_ms
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="pkdesk-backup")
        self._future: Future[Path | None] | None = None
        self._last_failure: str | None = None
        self._closed = False          # final_backup or shutdown ran: nothing more to schedule
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.run_in_background)
        self._first = QTimer(self)
        self._first.setSingleShot(True)
        self._first.timeout.connect(self.run_in_background)

    def start(self, db_path: Path) -> None:
        self.db_path = Path(db_path)
        self.timer.start()
        self._first.start(self.first_delay_ms)

    def pause(self) -> None:
        """Stop scheduling and wait for a backup under way (before the database is replaced)."""
        self.timer.stop()
        self._first.stop()
        self.wait()

    def wait(self) -> None:
        """Until the backup under way is written; once closed, until the backup thread itself
        has ended too (whoever removes the folder next finds nothing still writing to it)."""
        future = self._future
        if future is not None:
            try:
                future.result()
            except Exception:   # reported by _done already
                pass
        if self._closed:
            self._executor.shutdown(wait=True)

    def running(self) -> bool:
        return self._future is not None and not self._future.done()

    def run_in_background(self) -> None:
        if self.db_path is None or self.running():
            return
        from pkdesk.store.backup import auto_backup

        self._future = self._executor.submit(auto_backup, self.db_path)
        self._future.add_done_callback(self._done)   # called on the worker thread

    def _done(self, future: Future[Path | None]) -> None:
        exc = future.exception()
        if exc is None:
            made = future.result()
            self._last_failure = None
            if made is not None:
                self.made.emit(made)         # queued to the window's thread
        elif str(exc) != self._last_failure:   # told once, not every ten minutes
            self._last_failure = str(exc)
            reason = str(exc) if isinstance(exc, PkdeskError) else f"{type(exc).__name__}: {exc}"
            self.failed.emit(tr("ui.backup.auto_failed", problem=reason))

    def run_now(self) -> Path | None:
        """Back up now on this thread if the data changed; errors are reported."""
        self.wait()
        if self.db_path is None:
            return None
        from pkdesk.store.backup import auto_backup

        try:
            return auto_backup(self.db_path)
        except PkdeskError as exc:
            self.failed.emit(tr("ui.backup.auto_failed", problem=exc))
            return None

    def final_backup(self) -> None:
        """At close: a last backup if the data changed, on the worker thread (after any
        backup under way), so the window closes at once whatever the database's size; the
        application waits for it before it exits (``wait``, ``ui.app.run_gui``). Nothing is
        emitted: the window is gone. A second close does nothing."""
        self.timer.stop()
        self._first.stop()
        if self._closed:
            return
        self._closed = True
        if self.db_path is not None:
            from pkdesk.store.backup import auto_backup

            self._future = self._executor.submit(auto_backup, self.db_path)
        self._executor.shutdown(wait=False)   # the queued backup still runs

    def shutdown(self) -> None:
        self.timer.stop()
        self._first.stop()
        self._closed = True
        self._executor.shutdown(wait=True)
