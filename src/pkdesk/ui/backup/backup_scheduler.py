"""Automatic backups while the window is open: soon after start, every ten minutes, at close.

`store.backup.auto_backup` copies the database only when its data changed; it reads every
row to tell (~50 ms for 1,000 plans, README "Measured figures"), so it runs on a worker
thread with its own read-only SQLite connection and never holds up the window. It is silent
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
        future = self._future
        if future is not None:
            try:
                future.result()
            except Exception:   # reported by _done already
                pass

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
        """Back up now on this thread if the data changed (at close); errors are reported."""
        self.wait()
        if self.db_path is None:
            return None
        from pkdesk.store.backup import auto_backup

        try:
            return auto_backup(self.db_path)
        except PkdeskError as exc:
            self.failed.emit(tr("ui.backup.auto_failed", problem=exc))
            return None

    def shutdown(self) -> None:
        self.timer.stop()
        self._first.stop()
        self._executor.shutdown(wait=True)
