"""Start the desktop app. Importing this module does nothing but import."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtCore import QCoreApplication

    from pkdesk.ui.main_window import MainWindow

EXIT_BAD_INPUT = 2


def create_application() -> QCoreApplication:
    """The QApplication, named so that QSettings lands in the user's config folder."""
    from PySide6.QtWidgets import QApplication

    existing = QApplication.instance()
    if existing is not None:
        return existing
    QApplication.setOrganizationName("pkdesk")
    QApplication.setApplicationName("pkdesk")
    QApplication.setApplicationDisplayName("pkdesk")
    QApplication.setDesktopFileName("pkdesk")
    from pkdesk import __version__

    QApplication.setApplicationVersion(__version__)
    return QApplication(sys.argv[:1])


def open_main_window(args: argparse.Namespace) -> MainWindow | None:
    """Open the database and build the main window (not yet shown); None after telling the
    user, in a message box, why the database cannot be used."""
    from PySide6.QtCore import QSettings, Qt
    from PySide6.QtWidgets import QMessageBox

    from pkdesk.cli.common import open_db
    from pkdesk.core.errors import PkdeskError

    try:
        db = open_db(args)
    except PkdeskError as exc:
        box = QMessageBox(QMessageBox.Icon.Critical, "pkdesk cannot start", str(exc),
                          QMessageBox.StandardButton.Close)
        box.setTextFormat(Qt.TextFormat.PlainText)  # the message names a user's path
        box.exec()
        return None
    from pkdesk.ui.main_window import MainWindow

    return MainWindow(db, QSettings())


def run_gui(args: argparse.Namespace) -> int:
    app = create_application()
    window = open_main_window(args)
    if window is None:
        return EXIT_BAD_INPUT
    window.show()
    try:
        return int(app.exec())
    finally:
        window.db.close()
