"""The window as the window tests start it: as `pkdesk` does (`ui.app.start_window`, the
database attached after the first paint), or built from the file's snapshot alone."""

from __future__ import annotations

import argparse
from pathlib import Path

from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from pkdesk.store.snapshot import read_snapshot
from pkdesk.ui.app import start_window
from pkdesk.ui.window.main_window import PAGE_KEY, MainWindow
from tests.ui.reference_helpers import settings_at


def started_window(qtbot: QtBot, db_path: Path, *, attached: bool = True) -> MainWindow:
    """The window `pkdesk` starts on ``db_path``, on the Reference page whatever page an
    earlier test closed a window on (the settings remember it); ``attached``: once its
    database is."""
    QSettings().setValue(PAGE_KEY, "referencePage")
    window = start_window(argparse.Namespace(db=str(db_path)))
    assert window is not None
    qtbot.addWidget(window)
    if attached:
        wait_attached(qtbot, window)
    return window


def wait_attached(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: window.db is not None, timeout=10000)


def snapshot_window(qtbot: QtBot, db_path: Path, tmp_path: Path) -> MainWindow:
    """The window built from ``db_path``'s snapshot (as before the first paint), not shown,
    no database attached."""
    snapshot = read_snapshot(db_path)
    assert snapshot is not None
    window = MainWindow(settings_at(tmp_path), snapshot.roots, snapshot.entries, snapshot.first)
    qtbot.addWidget(window)
    return window


def close_started(window: MainWindow) -> None:
    """Close the window, then the database it attached."""
    window.close()
    assert window.db is not None
    window.db.close()
