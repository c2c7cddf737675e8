"""Start the desktop app. Importing this module does nothing but import.

Start-up order, for speed: the window is built from a read-only glance at the database
(`store.snapshot`, standard library only) and shown; then, from the event loop, the database
is attached: without SQLAlchemy when the file is current and checked (`_open_current`), else
opened properly (SQLAlchemy, migrations, corpus refresh). When there is no
usable database yet (first start, unknown file), it is opened before the window instead.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QWidget

    from pkdesk.store.db import Database
    from pkdesk.ui.window.main_window import MainWindow

EXIT_BAD_INPUT = 2
# For smoke tests of an installed copy (wheel, bundle): once the window is on screen with its
# database attached, say so on stdout and quit cleanly this many milliseconds later.
QUIT_AFTER_ENV = "PKDESK_QUIT_AFTER_MS"


def create_application() -> QCoreApplication:
    """The QApplication, named so that QSettings lands in the user's config folder."""
    from pkdesk.ui.common.qt_import_hook import skip_source_scan

    skip_source_scan()      # before any other import: PySide would read each module's file
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
    app = QApplication(sys.argv[:1])
    app.setWindowIcon(app_icon())
    return app


ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def app_icon() -> QIcon:
    """pkdesk's icon (resources/icons, rendered from pkdesk.svg by tools/render_icons.py),
    each size a file Qt reads only when that size is drawn."""
    from PySide6.QtCore import QSize
    from PySide6.QtGui import QIcon

    from pkdesk.paths import resources_dir

    icon = QIcon()
    folder = resources_dir() / "icons"
    for size in ICON_SIZES:
        icon.addFile(str(folder / f"pkdesk-{size}.png"), QSize(size, size))
    return icon


def _open_db_or_explain(args: argparse.Namespace, parent: QWidget | None = None) -> Database | None:
    """The open database, or None after saying why not; a damaged, foreign or newer file
    comes with the offer to restore the latest good backup (`ui.startup_recovery`)."""
    from pkdesk.ui.window.startup_recovery import open_or_recover

    return open_or_recover(args, parent)


def _open_current(args: argparse.Namespace) -> Database | None:
    """The database, attached without SQLAlchemy when its file is current and checked
    (`Database.open_current`: read through sqlite3, the engine made on first need); None for
    anything else (a team database; a file to create, check, upgrade or load), which takes
    the full open."""
    from pkdesk.paths import resolve_db_path, server_url
    from pkdesk.store.db import Database

    if server_url(args.db) is not None:
        return None
    return Database.open_current(resolve_db_path(args.db))


def _freeze_heap() -> None:
    """Everything built at start-up lives as long as the window: take it out of the cyclic
    garbage collector's full passes, which otherwise pause the planner for ~57 ms every few
    hundred edits (benchmarks/bench_planner.py). Collection, paused while starting, resumes."""
    import gc

    gc.freeze()
    gc.enable()


def start_window(args: argparse.Namespace) -> MainWindow | None:
    """Build and show the main window; None (after telling the user) when the database
    cannot be used. With a snapshot, the database is attached once the event loop runs;
    if that fails the user is told and the application exits with code 2."""
    import gc

    # Start-up allocates much and frees almost nothing: collecting would only cost time.
    gc.disable()
    from PySide6.QtCore import QCoreApplication, QSettings, QTimer

    from pkdesk.paths import resolve_db_path, server_url
    from pkdesk.store.snapshot import read_snapshot
    from pkdesk.ui.common.i18n import chosen_language, use_language
    from pkdesk.ui.window.main_window import MainWindow
    from pkdesk.ui.reference.reference_page import last_node

    settings = QSettings()
    use_language(chosen_language(settings))     # before any window or message box is built
    snapshot = read_snapshot(resolve_db_path(args.db), last_node(settings))
    if snapshot is None:
        team = server_url(args.db)
        db = _open_db_or_explain(args)
        if db is None:
            gc.enable()
            return None
        window = MainWindow.for_database(db, settings)
        if team is not None and not db.is_server:   # unreachable: the user chose their file
            from pkdesk.store.server_url import describe

            window.work_locally(describe(team), team)
        _take_file_open_events(window)
        _freeze_heap()
        window.show()
        window.open_plan_files(_files(args))
        _serve(window, args)
        return window
    window = MainWindow(settings, snapshot.roots, snapshot.entries, snapshot.first)
    _take_file_open_events(window)
    window.show()
    window.open_plan_files(_files(args))    # imported once the database is attached

    def attach() -> None:
        # Wait until the window is on screen (and painted, which Qt does as it handles the
        # expose event), or the user would stare at nothing while SQLAlchemy loads.
        handle = window.windowHandle()
        if handle is not None and not handle.isExposed() and window.isVisible():
            QTimer.singleShot(5, attach)
            return
        window.finish_start()       # what the first paint did not need
        db = _open_current(args) or _open_db_or_explain(args, window)
        if db is None:
            gc.enable()
            window.hide()
            QCoreApplication.exit(EXIT_BAD_INPUT)
            return
        _serve(window, args)        # files handed over from now wait for the attach below
        window.attach(db)
        _freeze_heap()

    QTimer.singleShot(0, attach)
    return window


def _take_file_open_events(window: MainWindow) -> None:
    """On macOS, files opened from the Finder come as FileOpen events (`MainWindow.eventFilter`);
    elsewhere no filter is installed, which would cost a Python call for every event."""
    from PySide6.QtCore import QCoreApplication

    app = QCoreApplication.instance()
    if sys.platform == "darwin" and app is not None:
        app.installEventFilter(window)


def _files(args: argparse.Namespace) -> list[Path]:
    """The plan files to open (`pkdesk FILE...`, as the desktop's "Open with" runs it)."""
    return [Path(f) for f in getattr(args, "files", None) or ()]


def _serve(window: MainWindow, args: argparse.Namespace) -> None:
    """Take plan files from later launches on the same database (`ui.window.single_instance`)."""
    from pkdesk.paths import resolve_db_path
    from pkdesk.ui.window.single_instance import InstanceServer

    server = InstanceServer(resolve_db_path(args.db), window)
    server.files_received.connect(lambda paths: window.open_plan_files([Path(p) for p in paths]))
    server.listen()
    window.instance_server = server


def _quit_once_shown(window: MainWindow, after_ms: int) -> None:
    from PySide6.QtCore import QCoreApplication, QTimer

    def poll() -> None:
        handle = window.windowHandle()
        if window.db is None or handle is None or not handle.isExposed():
            QTimer.singleShot(20, poll)
            return
        if sys.stdout is not None:      # None in a windowed (console-less) Windows build
            print(f"pkdesk: window shown; quitting in {after_ms} ms ({QUIT_AFTER_ENV})",
                  flush=True)
        QTimer.singleShot(after_ms, QCoreApplication.quit)

    QTimer.singleShot(0, poll)


def run_gui(args: argparse.Namespace) -> int:
    from pkdesk.paths import resolve_db_path
    from pkdesk.ui.window.crash_report import install as report_crashes

    app = create_application()
    if _files(args):
        from pkdesk.paths import resolve_db_path
        from pkdesk.ui.window.single_instance import hand_over

        if hand_over(resolve_db_path(args.db), _files(args)):
            return 0                  # the window already open took them
    window = start_window(args)
    if window is None:
        return EXIT_BAD_INPUT
    shown = window
    report_crashes(resolve_db_path(args.db).parent, shown.flush, lambda: shown)
    quit_after = os.environ.get(QUIT_AFTER_ENV, "").strip()
    if quit_after.isdigit():
        _quit_once_shown(window, int(quit_after))
    try:
        return int(app.exec())
    finally:
        sys.excepthook = sys.__excepthook__
        if window.db is not None:
            window.reference.flush()
            window.db.close()
        window.wait_for_backup()   # the last one, started at close: the window is gone
