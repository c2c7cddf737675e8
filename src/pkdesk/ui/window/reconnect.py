"""Back to the team database after "Work on This Computer" (`ui.window.unreachable`).

The window, opened on the user's own database file because the team server was unreachable
at start, offers File › Connect to Team Database and a status-bar button ("Team database
unreachable — Retry"); both try the team database again. Still unreachable: said in a
plain-text message (host:port and the time, never the password), and the window stays on the
local file. Reachable: everything pending is written to the local file first (if it cannot
be, the window stays there and says why: nothing is lost), then the window switches to the
team database as at start (`MainWindow.attach`: title, status bar, the edits kept in this
computer's journal saved, `ui.window.team_journal`), the Planner, if built, shows the team's
plans, and the local file is closed. If the local file was changed while the window was on
it, one line says that those edits stay in it and are not copied to the team database.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QMessageBox, QPushButton, QStatusBar, QWidget

from pkdesk.core.errors import PkdeskError, UnreachableError
from pkdesk.ui.common.i18n import tr
from pkdesk.ui.common.messages import tell

if TYPE_CHECKING:
    from pkdesk.store.db import Database
    from pkdesk.store.window_repo import ReferenceStore
    from pkdesk.ui.backup.backup_actions import BackupActions
    from pkdesk.ui.planner.planner_page import PlannerPage
    from pkdesk.ui.window.menus import WindowMenus

Stamp = tuple[tuple[int, int], ...]


class TeamHost(Protocol):
    """What the way back needs of the window (`MainWindow` is one)."""

    db: Database | None
    menus: WindowMenus
    local_label: QLabel | None
    backups: BackupActions
    _planner: PlannerPage | None     # built or not: the window's own
    _where: str                      # what the title ends with

    def statusBar(self) -> QStatusBar: ...  # noqa: N802 (Qt's name)

    def setWindowTitle(self, title: str) -> None: ...  # noqa: N802

    def flush(self) -> None: ...

    def attach(self, db: Database, repo: ReferenceStore | None = None) -> None: ...


def file_stamp(path: Path) -> Stamp:
    """The database file's and its write-ahead log's (modification time, size): a write
    moves one of them."""
    out = []
    for part in (path, path.with_name(path.name + "-wal")):
        try:
            info = part.stat()
        except OSError:
            continue
        out.append((info.st_mtime_ns, info.st_size))
    return tuple(out)


class TeamReconnect:
    """File › Connect to Team Database and the status bar's Retry button, for ``url``."""

    def __init__(self, window: TeamHost, url: str) -> None:
        self.window, self.url = window, url
        self.action = QAction(tr("ui.reconnect.action"), window.menus.file_menu)
        self.action.setObjectName("connectTeamAction")
        self.action.triggered.connect(self.try_team)
        menus = window.menus
        menus.file_menu.insertAction(menus.quit_action, self.action)
        self.separator = menus.file_menu.insertSeparator(menus.quit_action)
        self.button = QPushButton(tr("ui.reconnect.button"))
        self.button.setObjectName("teamRetryButton")
        self.button.setFlat(True)
        self.button.clicked.connect(self.action.trigger)
        window.statusBar().addPermanentWidget(self.button)
        self.local_stamp = file_stamp(window.db.path) if window.db is not None else ()

    def try_team(self) -> Database | None:
        """Try the team database; switch the window to it when it answers."""
        from pkdesk.store.server_url import describe, host_port
        from pkdesk.ui.window.unreachable import WaitCursor, now

        window = self.window
        title = tr("ui.reconnect.title")
        try:
            window.flush()          # the local file first: nothing pending is left behind
        except PkdeskError as exc:
            self._tell(title, tr("ui.reconnect.not_saved", problem=str(exc).rstrip(".")))
            return None
        planner = window._planner
        if planner is not None and planner.session.autosaver is not None \
                and planner.session.autosaver.has_pending():
            self._tell(title, tr("ui.reconnect.still_pending"))   # the autosaver said why
            return None
        from pkdesk.cli.common import open_db

        try:
            with WaitCursor():
                db = open_db(argparse.Namespace(db=self.url))
        except UnreachableError as exc:
            self._tell(title, tr("ui.reconnect.still", where=host_port(self.url), time=now()),
                       str(exc))
            return None
        except PkdeskError as exc:
            self._tell(title, str(exc))
            return None
        local = window.db
        changed_here = local is not None and file_stamp(local.path) != self.local_stamp
        done = tr("ui.reconnect.done", where=describe(self.url))
        window.statusBar().showMessage(done, 10000)    # the journal's news, if any, after
        self._switch(db)
        if local is not None:
            local.close()
        if changed_here:
            self._tell(title, f"{done}\n\n{tr('ui.reconnect.pending')}",
                       icon=QMessageBox.Icon.Information)
        return db

    def _switch(self, db: Database) -> None:
        """The window on ``db`` (the team database) instead of the local file."""
        window = self.window
        planner = window._planner
        if planner is not None:
            planner.session.detach_for_restore()   # its undo steps are the local file's
        if hasattr(window, "backups"):
            window.backups.scheduler.pause()       # no more automatic backups of the file
            window.backups.scheduler.db_path = None
        if window.local_label is not None:
            window.statusBar().removeWidget(window.local_label)
            window.local_label.deleteLater()
            window.local_label = None
        window.statusBar().removeWidget(self.button)
        self.button.deleteLater()
        window.menus.file_menu.removeAction(self.action)
        window.menus.file_menu.removeAction(self.separator)
        window._where = ""              # the title's "local database" goes
        window.setWindowTitle("pkdesk")
        window.attach(db)               # says where, saves the journal's edits
        if planner is not None:
            planner.reload_list()       # the team's plans, the first shown

    def _tell(self, title: str, text: str, detail: str = "",
              icon: QMessageBox.Icon = QMessageBox.Icon.Warning) -> None:
        assert isinstance(self.window, QWidget)
        box = tell(self.window, title, text, detail, icon)
        box.setObjectName("teamReconnectMessage")
