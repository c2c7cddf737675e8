"""An uncaught exception in the GUI: the work is saved, the details go to a log file in the
user data folder (next to the database), and a dialog says so, instead of only a traceback
on a terminal nobody watches.

PySide6 hands exceptions raised in slots and in Qt's virtual overrides to `sys.excepthook`,
so one hook covers them all. The log (`pkdesk.log`) is owner-only and rotates at
`LOG_BYTES` (two old files are kept). The traceback is shown as plain text.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from pkdesk.ui.common.i18n import tr

LOG_NAME = "pkdesk.log"
LOG_BYTES = 256 * 1024
LOG_KEEP = 2


def write_log(folder: Path, text: str) -> Path:
    """Append `text` to the folder's rotating, owner-only log; its path."""
    import logging     # here, not at start-up: logging.handlers brings socket, pickle, queue
    from logging.handlers import RotatingFileHandler

    folder.mkdir(parents=True, exist_ok=True)
    path = folder / LOG_NAME
    if not path.exists():
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
    handler = RotatingFileHandler(path, maxBytes=LOG_BYTES, backupCount=LOG_KEEP,
                                  encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(message)s"))
    try:
        record = logging.LogRecord("pkdesk", logging.ERROR, "", 0, text, None, None)
        if handler.shouldRollover(record):
            handler.doRollover()
        handler.emit(record)
    finally:
        handler.close()
    for kept in [path, *(path.with_name(f"{LOG_NAME}.{n}") for n in range(1, LOG_KEEP + 1))]:
        if kept.exists():
            kept.chmod(0o600)
    return path


class CrashReporter:
    """`sys.excepthook` while the window runs."""

    def __init__(self, folder: Path, flush: Callable[[], None],
                 parent: Callable[[], QWidget | None]) -> None:
        self.folder = folder
        self.flush = flush
        self.parent = parent
        self.dialog: QMessageBox | None = None
        self._busy = False

    def __call__(self, kind: type[BaseException], exc: BaseException,
                 tb: TracebackType | None) -> None:
        import traceback

        from pkdesk.store.credentials import scrub

        # A team database URL given with its password never reaches the report or its log.
        details = scrub("".join(traceback.format_exception(kind, exc, tb)))
        sys.stderr.write(details)
        if self._busy or issubclass(kind, KeyboardInterrupt):
            return
        self._busy = True
        try:
            self.report(details)
        finally:
            self._busy = False

    def report(self, details: str) -> QMessageBox:
        from pkdesk.store.credentials import scrub

        details = scrub(details)
        try:
            self.flush()
            saved = tr("ui.crash.saved")
        except Exception as problem:      # noqa: BLE001 - the report must still be shown
            saved = tr("ui.crash.not_saved", problem=problem)
        try:
            where = tr("ui.crash.where", path=write_log(self.folder, details))
        except OSError as problem:
            where = f"{self.folder / LOG_NAME}: {problem.strerror or problem}"
        box = QMessageBox(QMessageBox.Icon.Critical, tr("ui.crash.title"),
                          f"{tr('ui.crash.text')}\n\n{saved}\n\n{where}",
                          QMessageBox.StandardButton.Close, self.parent())
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setDetailedText(details)          # always plain text in QMessageBox
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.destroyed.connect(lambda *_: setattr(self, "dialog", None))
        self.dialog = box
        box.open()
        return box


def install(folder: Path, flush: Callable[[], None],
            parent: Callable[[], QWidget | None]) -> CrashReporter:
    reporter = CrashReporter(folder, flush, parent)
    sys.excepthook = reporter
    return reporter
