"""Starting on a team database whose server cannot be reached (a laptop at HQ while the
server or the network is down): say so, naming host:port (never the password), and offer
Retry, Work on This Computer, or Quit.

Working on this computer opens the user's own local database, the default SQLite file (made
on first use), so the handbook and their local plans are there; the window's title and status
bar say it is the local database. Team edits kept in this computer's journal
(``store.journal``) are not touched: it belongs to the team database and is replayed when
that is next opened (at the next start, or by File › Connect to Team Database: `reconnect`).
"""

from __future__ import annotations

import argparse
from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton, QWidget

from pkdesk.core.errors import UnreachableError
from pkdesk.ui.common.i18n import tr, trn

RETRY, LOCAL, QUIT = "retry", "local", "quit"


def kept_edits(url: str) -> int:
    """How many edits to team plans this computer's journal holds for ``url``."""
    from pkdesk.paths import server_state_dir
    from pkdesk.store.journal import Journal

    return len(Journal(server_state_dir(url)).entries())


class UnreachableDialog(QMessageBox):
    """Retry (the default, Enter), Work on This Computer, or Quit (Escape). Plain text: it
    quotes the server's own words."""

    def __init__(self, url: str, exc: UnreachableError, kept: int, tried_at: str | None = None,
                 parent: QWidget | None = None) -> None:
        from pkdesk.store.server_url import host_port

        super().__init__(QMessageBox.Icon.Warning, tr("ui.unreachable.title"), "",
                         QMessageBox.StandardButton.NoButton, parent)
        self.setObjectName("teamUnreachableDialog")
        self.setTextFormat(Qt.TextFormat.PlainText)
        text = tr("ui.unreachable.text", where=host_port(url))
        if tried_at is not None:
            text += "\n\n" + tr("ui.unreachable.again", time=tried_at)
        self.setText(text)
        informative = tr("ui.unreachable.choices")
        if kept:
            informative += "\n\n" + trn("ui.unreachable.kept", kept)
        self.setInformativeText(informative)
        self.setDetailedText(str(exc))       # host:port and the driver's line, no password
        self.retry_button: QPushButton = self.addButton(
            tr("ui.unreachable.retry"), QMessageBox.ButtonRole.AcceptRole)
        self.local_button: QPushButton = self.addButton(
            tr("ui.unreachable.local"), QMessageBox.ButtonRole.ActionRole)
        self.quit_button: QPushButton = self.addButton(
            tr("ui.menu.quit"), QMessageBox.ButtonRole.RejectRole)
        self.setDefaultButton(self.retry_button)
        self.setEscapeButton(self.quit_button)

    def choice(self) -> str:
        clicked = self.clickedButton()
        if clicked is self.retry_button:
            return RETRY
        if clicked is self.local_button:
            return LOCAL
        return QUIT


def ask(url: str, exc: UnreachableError, tried_at: str | None,
        parent: QWidget | None) -> str:
    """Show the dialog; RETRY, LOCAL or QUIT."""
    dialog = UnreachableDialog(url, exc, kept_edits(url), tried_at, parent)
    dialog.exec()
    choice = dialog.choice()
    dialog.deleteLater()
    return choice


def use_local_database(args: argparse.Namespace) -> None:
    """From now on ``args`` names the user's own database file (the default one, its folder
    made on first use), so the window, its single-instance lock and crash reports use it."""
    from pkdesk.paths import default_db_path

    path = default_db_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    args.db = str(path)


def now() -> str:
    return datetime.now().strftime("%H:%M:%S")


class WaitCursor:
    """The wait cursor while a retry connects (a cut network takes the connect timeout)."""

    def __enter__(self) -> None:
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)

    def __exit__(self, *exc: object) -> None:
        QApplication.restoreOverrideCursor()
