"""File › Back Up Now and File › Restore from Backup…, and the automatic backups.

Restoring replaces the database file under the open window: everything pending is written
first, the window's Database is closed (SQLite must not have the file open while it is
swapped), `store.restore.restore` verifies and swaps, and the database is opened again and
given to the pages, which reload. The planner's undo history is cleared: its steps describe
plans that the restore just replaced, and undoing one would write old data over the backup's.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import QMessageBox, QStatusBar, QWidget

from pkdesk.core.errors import PkdeskError
from pkdesk.ui.backup.backup_dialog import RestoreBackupDialog
from pkdesk.ui.backup.backup_scheduler import BackupScheduler
from pkdesk.ui.common.i18n import tr
from pkdesk.ui.common.messages import tell

if TYPE_CHECKING:
    from pkdesk.store.db import Database


class DatabaseHost(Protocol):
    """What backups need from the window: its open database, and the way to swap it."""

    db: Database | None

    def flush(self) -> None:
        """Write every pending edit (notes, plans) now."""

    def database_replaced(self, db: Database) -> None:
        """The file was swapped: give the pages `db`, showing what they showed."""

    def database_lost(self) -> None:
        """The file could not be opened again: nothing may touch the closed one."""

    def statusBar(self) -> QStatusBar: ...

    def close(self) -> bool: ...


class BackupActions(QObject):
    def __init__(self, window: DatabaseHost, parent: QWidget) -> None:
        super().__init__(parent)
        self.window = window
        self.parent_widget = parent
        self.back_up = QAction(tr("ui.backup.now"), parent)
        self.back_up.setStatusTip(tr("ui.backup.now_tip"))
        self.restore = QAction(tr("ui.backup.restore"), parent)
        self.restore.setStatusTip(tr("ui.backup.restore_tip"))
        self.all = [self.back_up, self.restore]
        self.back_up.triggered.connect(self.back_up_now)
        self.restore.triggered.connect(self.choose_backup)
        self.scheduler = BackupScheduler(self)
        self.scheduler.failed.connect(lambda text: window.statusBar().showMessage(text, 15000))
        self.dialog: RestoreBackupDialog | None = None
        self.update_enabled()

    def update_enabled(self) -> None:
        db = self.window.db
        for action in self.all:   # a team database is backed up on the server (pg_dump)
            action.setEnabled(db is not None and not db.is_server)

    def attached(self) -> None:
        """The window has its database: start the automatic backups."""
        self.update_enabled()
        if self.window.db is not None and not self.window.db.is_server:
            self.scheduler.start(self.window.db.path)

    def closing(self) -> None:
        """The window closes (everything is flushed): a last backup if the data changed, on
        the backup thread (the application waits for it before exiting)."""
        if self.window.db is not None and not self.window.db.is_server:
            self.scheduler.final_backup()
        else:
            self.scheduler.shutdown()

    def _flush(self) -> None:
        self.window.flush()

    # Back Up Now ---------------------------------------------------------------------

    def back_up_now(self) -> Path | None:
        db = self.window.db
        if db is None:
            return None
        from pkdesk.store.backup import backup_now, list_backups

        self._flush()
        self.scheduler.wait()
        try:
            path = backup_now(db.path)
        except PkdeskError as exc:
            tell(self.parent_widget, tr("ui.backup.cannot"), tr("ui.backup.not_made"), str(exc))
            return None
        self.window.statusBar().showMessage(tr("ui.backup.done", path=path), 8000)
        if self.dialog is not None:
            self.dialog.set_backups(list_backups(db.path))
        return path

    # Restore -------------------------------------------------------------------------

    def choose_backup(self) -> RestoreBackupDialog | None:
        db = self.window.db
        if db is None:
            return None
        from pkdesk.store.backup import backup_dir, list_backups

        self.scheduler.wait()
        dialog = RestoreBackupDialog(list_backups(db.path), backup_dir(db.path), self.parent_widget)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.restore_requested.connect(lambda path: self._restore_chosen(dialog, path))
        dialog.backup_requested.connect(self.back_up_now)
        dialog.destroyed.connect(lambda: setattr(self, "dialog", None))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _restore_chosen(self, dialog: RestoreBackupDialog, path: Path) -> None:
        if self.restore_from(path):
            dialog.accept()

    def restore_from(self, source: Path) -> bool:
        """Restore `source` over the open database; False (after telling why) if it was not."""
        window = self.window
        db = window.db
        if db is None:
            return False
        from pkdesk.store.library import open_library
        from pkdesk.store.restore import restore

        self._flush()
        self.scheduler.pause()
        db_path = db.path
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        db.close()
        problem: str | None = None
        try:
            result = restore(db_path, source)
        except PkdeskError as exc:
            problem = str(exc)
        try:
            reopened = open_library(db_path)
        except PkdeskError as exc:
            QGuiApplication.restoreOverrideCursor()
            window.database_lost()
            self.update_enabled()
            box = QMessageBox(QMessageBox.Icon.Critical, tr("ui.backup.cannot_reopen"),
                              f"{exc}\n\n{tr('ui.backup.will_close')}",
                              QMessageBox.StandardButton.Close, self.parent_widget)
            box.setTextFormat(Qt.TextFormat.PlainText)
            box.exec()
            window.close()
            return False
        window.database_replaced(reopened)
        QGuiApplication.restoreOverrideCursor()
        if problem is not None:
            tell(self.parent_widget, tr("ui.backup.cannot_restore"), tr("ui.backup.nothing_changed"), problem)
            return False
        done = tr("ui.backup.restored", name=source.name)
        if result.previous:
            done += " " + tr("ui.backup.kept", path=result.previous)
        window.statusBar().showMessage(done, 15000)
        return True
