"""When the database cannot be opened at start: say plainly why, and offer the way out.

A damaged file, another program's database or a newer pkdesk's database is never written to
(`store.db`). If a good backup exists the user may restore it — `store.restore.restore` keeps
the refused file beside the database as ``<name>.damaged-<time>`` — or quit. Nothing is moved
without that choice. Other problems (a read-only folder, a busy database) are only explained.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QMessageBox, QWidget

from pkdesk.core.errors import PkdeskError, StoreError, UnreachableError
from pkdesk.ui.common.i18n import tr, trn

if TYPE_CHECKING:
    from pkdesk.store.db import Database



def recoverable(exc: PkdeskError) -> bool:
    """The file itself is the problem (damaged, foreign, newer): a backup can replace it."""
    from pkdesk.store.integrity import NewerSchemaError, UnusableDatabaseError

    return isinstance(exc, (UnusableDatabaseError, NewerSchemaError))


def _plain_reason(exc: PkdeskError, db_path: Path) -> str:
    from pkdesk.store.integrity import NewerSchemaError

    if isinstance(exc, NewerSchemaError):
        return tr("ui.recovery.newer")
    text = str(exc)
    if "not an SQLite file" in text:
        return tr("ui.recovery.not_sqlite")
    if "not a pkdesk database" in text:
        return tr("ui.recovery.foreign")
    return tr("ui.recovery.damaged")


class RecoveryDialog(QMessageBox):
    """Restore the latest good backup, or quit. Plain text throughout: it quotes paths."""

    def __init__(self, exc: PkdeskError, db_path: Path, backup: Path, backup_label: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(QMessageBox.Icon.Critical, tr("ui.recovery.title"), "",
                         QMessageBox.StandardButton.NoButton, parent)
        self.setObjectName("startupRecoveryDialog")
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setText(tr("ui.recovery.offer", reason=_plain_reason(exc, db_path), path=db_path,
                        backup=backup_label, name=db_path.name))
        self.setDetailedText(str(exc))
        self.restore_button: QAbstractButton = self.addButton(
            tr("ui.recovery.restore"), QMessageBox.ButtonRole.AcceptRole)
        self.quit_button: QAbstractButton = self.addButton(tr("ui.menu.quit"),
                                                           QMessageBox.ButtonRole.RejectRole)
        self.setDefaultButton(self.quit_button)     # moving files is never the default
        self.setEscapeButton(self.quit_button)
        self.backup = backup

    def wants_restore(self) -> bool:
        return self.clickedButton() is self.restore_button


def _explain(text: str, parent: QWidget | None) -> None:
    box = QMessageBox(QMessageBox.Icon.Critical, tr("ui.recovery.title"), text,
                      QMessageBox.StandardButton.Close, parent)
    box.setObjectName("startupProblemBox")
    box.setTextFormat(Qt.TextFormat.PlainText)  # the message names a user's path
    box.exec()


def _describe_backup(db_path: Path, backup: Path) -> str:
    from pkdesk.store.backup import list_backups

    for info in list_backups(db_path):
        if info.path == backup:
            plans = trn("ui.backup.plans", info.plans or 0)
            return f"{info.created.astimezone():%Y-%m-%d %H:%M}, {plans}"
    return backup.name


def open_or_recover(args: argparse.Namespace, parent: QWidget | None = None) -> Database | None:
    """The open database; or, after the user was told why not (and perhaps chose to restore a
    backup, which is then opened), None. A team database whose server cannot be reached
    offers Retry, Work on This Computer (the user's own database file) or Quit
    (`ui.window.unreachable`)."""
    from pkdesk.cli.common import open_db
    from pkdesk.paths import resolve_db_path

    try:
        return _open_or_ask(args, parent)
    except _Local:
        return open_or_recover(args, parent)    # the local file, with its own backup offer
    except PkdeskError as exc:
        db_path = resolve_db_path(args.db)
        if not recoverable(exc):
            _explain(str(exc), parent)
            return None
        backup = _good_backup(exc, db_path)
        if backup is None:
            _explain(str(exc), parent)
            return None
        dialog = RecoveryDialog(exc, db_path, backup, _describe_backup(db_path, backup), parent)
        dialog.exec()
        if not dialog.wants_restore():
            return None
    from pkdesk.store.restore import restore

    try:
        restore(db_path, backup)
        return open_db(args)
    except PkdeskError as exc:
        _explain(tr("ui.recovery.failed", problem=exc), parent)
        return None


class _Local(Exception):
    """The user chose to work on this computer: ``args`` now names their own file."""


def _open_or_ask(args: argparse.Namespace, parent: QWidget | None) -> Database | None:
    """``open_db``; while a team database's server is unreachable, ask: Retry (again),
    Work on This Computer (raise _Local), Quit (None). Other problems raise."""
    from pkdesk.cli.common import open_db
    from pkdesk.paths import server_url

    url = server_url(args.db)
    if url is None:
        return open_db(args)
    from pkdesk.ui.window import unreachable

    tried_at: str | None = None
    while True:
        try:
            if tried_at is None:
                return open_db(args)
            with unreachable.WaitCursor():
                return open_db(args)
        except UnreachableError as exc:
            choice = unreachable.ask(url, exc, tried_at, parent)
        if choice == unreachable.QUIT:
            return None
        if choice == unreachable.LOCAL:
            unreachable.use_local_database(args)
            raise _Local
        tried_at = unreachable.now()


def _good_backup(exc: PkdeskError, db_path: Path) -> Path | None:
    backup = getattr(exc, "latest_backup", None)
    if isinstance(backup, Path):
        return backup
    from pkdesk.store.backup import latest_good_backup

    try:
        return latest_good_backup(db_path)
    except StoreError:
        return None
