"""Helpers for the reference browser's GUI tests: open a window, read what the pane shows."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtGui import QBrush, QTextDocument
from pytestqt.qtbot import QtBot

from pkdesk.store.db import Database
from pkdesk.ui.reference.search_panel import SearchPanel
from pkdesk.ui.window.main_window import MainWindow


def settings_at(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


def on_the_reference_page() -> None:
    """The next window `ui.app.start_window` opens (its default settings) shows the Reference
    page, whichever page an earlier test's window closed on."""
    from pkdesk.ui.window.main_window import PAGE_KEY

    settings = QSettings()
    settings.setValue(PAGE_KEY, "referencePage")
    settings.sync()


def open_window(qtbot: QtBot, db: Database, tmp_path: Path) -> MainWindow:
    window = MainWindow.for_database(db, settings_at(tmp_path))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def search_for(qtbot: QtBot, panel: SearchPanel, text: str) -> None:
    """Put ``text`` in the search field and wait until its hits are shown (the search runs
    off the GUI thread)."""
    panel.field.setText(text)
    panel.run_now()
    settled(qtbot, panel)
    assert panel.query == text


def settled(qtbot: QtBot, panel: SearchPanel) -> None:
    """Until the hits of the query asked last are shown."""
    qtbot.waitUntil(lambda: not panel.searching, timeout=10000)


def highlighted_runs(document: QTextDocument) -> list[str]:
    """The pieces of text drawn with a background (the highlighting), in reading order."""
    runs: list[str] = []
    end = -1
    block = document.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            if fragment.isValid():
                brush: QBrush = fragment.charFormat().background()
                if brush.style().value != 0:  # not Qt.NoBrush
                    # Formats can split one run (the scroll anchor sits on its first letter).
                    if runs and fragment.position() == end:
                        runs[-1] += fragment.text()
                    else:
                        runs.append(fragment.text())
                    end = fragment.position() + fragment.length()
            it += 1
        block = block.next()
    return runs
