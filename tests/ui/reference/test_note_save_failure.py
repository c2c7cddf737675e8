"""A note the database refuses (its file removed, a lock held by another program) is told in
one plain dialog, once, and the text typed stays: in the editor, across topics, retried until
the database takes it; closing the window first says it is not saved."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from pkdesk.store.db import Database
from pkdesk.store.library import open_library
from pkdesk.store.reference_repo import ReferenceRepository
from pkdesk.ui.window.main_window import MainWindow
from tests.ui.reference_helpers import open_window

TYPED = "Group X refuses direct talks: try through the imam. <b>not bold</b>"


@pytest.fixture
def attached(db_path: Path) -> Iterator[Database]:
    """The database as the window attaches it at start-up: current and checked, read through
    a plain sqlite3 connection, SQLAlchemy's engine made on the first write."""
    open_library(db_path).close()
    db = Database.open_current(db_path)
    assert db is not None and not db.connected
    yield db
    db.close()


def _dialogs(window: MainWindow) -> list[QMessageBox]:
    return [box for box in window.findChildren(QMessageBox) if box.isVisible()]


def _two_topics(window: MainWindow) -> tuple[str, str]:
    first = window.reference.current_node
    assert first is not None
    repo = window.reference.repo
    assert repo is not None
    roots, entries = repo.tree()
    other = next(node for node in entries if node != first and node not in roots)
    return first, other


def _remove_database(path: Path) -> None:
    for name in (path.name, path.name + "-wal", path.name + "-shm"):
        if (path.parent / name).exists():
            os.unlink(path.parent / name)


def test_a_removed_database_is_told_once_and_the_note_is_kept(
        qtbot: QtBot, attached: Database, db_path: Path, tmp_path: Path) -> None:
    window = open_window(qtbot, attached, tmp_path)
    notes = window.reference.notes
    first, other = _two_topics(window)
    notes.edit.setFocus()
    qtbot.keyClicks(notes.edit, TYPED)
    _remove_database(db_path)

    assert notes.flush() is False                         # no traceback, nothing raised
    boxes = _dialogs(window)
    assert len(boxes) == 1
    said = boxes[0].text()
    assert boxes[0].textFormat().name == "PlainText"
    assert len(said.splitlines()) == 1 and str(db_path) in said, said
    assert "Traceback" not in said
    assert notes.edit.toPlainText() == TYPED

    # Another topic and back: the typed text comes back, still unsaved; told only once.
    window.reference.show_node(other)
    assert notes.edit.toPlainText() != TYPED
    qtbot.keyClicks(notes.edit, "second")
    notes.flush()
    window.reference.show_node(first)
    assert notes.edit.toPlainText() == TYPED
    window.reference.show_node(other)
    assert notes.edit.toPlainText().endswith("second")
    assert len(_dialogs(window)) == 1
    assert notes.has_unsaved()

    # Closing: refused once with a dialog saying so, then the second close leaves.
    boxes[0].accept()
    window.close()
    assert window.isVisible()
    closing = _dialogs(window)
    assert len(closing) == 1 and len(closing[0].text().splitlines()) == 1
    closing[0].accept()
    window.close()
    assert not window.isVisible()
    assert not notes._timer.isActive()        # nothing retried once the window has closed


LOCK_HOLDER = """
import sqlite3, sys, time
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN IMMEDIATE")   # hold the write lock, as a stuck writer would
conn.execute("UPDATE app_meta SET value = value WHERE key = 'application'")
print("locked", flush=True)
sys.stdin.readline()
"""


def test_a_locked_database_keeps_the_note_and_saves_it_once_released(
        qtbot: QtBot, attached: Database, db_path: Path, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    from pkdesk.store import db as dbmodule
    from pkdesk.ui.reference import note_editor

    monkeypatch.setattr(dbmodule, "BUSY_TIMEOUT_MS", 300)     # keep the test short
    monkeypatch.setattr(note_editor, "RETRY_MS", 200)
    window = open_window(qtbot, attached, tmp_path)
    notes = window.reference.notes
    first, other = _two_topics(window)
    holder = subprocess.Popen([sys.executable, "-c", LOCK_HOLDER, str(db_path)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "locked\n"
        qtbot.keyClicks(notes.edit, TYPED)
        window.reference.show_node(other)                  # saving on leaving: refused
        boxes = _dialogs(window)
        assert len(boxes) == 1 and "busy" in boxes[0].text(), boxes[0].text()
        assert len(boxes[0].text().splitlines()) == 1
        assert notes.has_unsaved()
    finally:
        holder.communicate("done\n", timeout=30)          # the lock released
    qtbot.waitUntil(lambda: not notes.has_unsaved(), timeout=10_000)
    assert ReferenceRepository(attached).note(first) == TYPED
    window.reference.show_node(first)
    assert notes.edit.toPlainText() == TYPED
    window.close()
    assert not window.isVisible()
