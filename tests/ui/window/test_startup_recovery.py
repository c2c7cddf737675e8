"""A database that cannot be opened at start: the user is told plainly and may restore the
latest good backup (the refused file is kept aside) or quit (nothing is moved)."""

from __future__ import annotations

import argparse
import random
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from pkdesk.core.plan.edits import starter_plan
from pkdesk.store.backup import backup_now
from pkdesk.store.db import Database
from pkdesk.store.plan_repo import PlanRepository
from pkdesk.ui.app import EXIT_BAD_INPUT, run_gui, start_window
from pkdesk.ui.window.startup_recovery import RecoveryDialog
from tests.store.safety_support import page_size


def _overwrite_pages(path: Path) -> None:
    """Random bytes over the b-tree headers of a dozen pages (seeded: the same every run)."""
    rng = random.Random(6)
    data = bytearray(path.read_bytes())
    size = page_size(path)
    for page in rng.sample(range(2, len(data) // size), 12):
        data[page * size: page * size + 48] = rng.randbytes(48)
    path.write_bytes(bytes(data))


def _truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: len(path.read_bytes()) // 3])


def _not_sqlite(path: Path) -> None:
    path.write_text("Rapport de mission\nCeci n'est pas une base de données.\n", encoding="utf-8")


def _other_program(path: Path) -> None:
    path.unlink()
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, amount REAL)")
    conn.close()


def _newer_schema(path: Path) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.close()


def _sql(*statements: str) -> Callable[[Path], None]:
    def damage(path: Path) -> None:
        with sqlite3.connect(path) as conn:
            conn.execute("PRAGMA foreign_keys = OFF")
            for statement in statements:
                conn.execute(statement)
        conn.close()
    return damage


def _header_byte(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[18] = 0x07       # SQLite would call the file read-only; it is damaged
    path.write_bytes(bytes(data))


DAMAGE: dict[str, tuple[Callable[[Path], None], str]] = {
    "plan table dropped": (_sql("DROP TABLE plan"), "damaged"),
    "revisions dropped": (_sql("DROP TABLE plan_revision"), "damaged"),
    "garbage date": (_sql("UPDATE plan SET updated_at = 'garbage' WHERE id = 3"), "damaged"),
    "no schema revision": (_sql("DELETE FROM alembic_version"), "damaged"),
    "header byte": (_header_byte, "damaged"),
    "overwritten": (_overwrite_pages, "damaged"),
    "truncated": (_truncate, "damaged"),
    "not sqlite": (_not_sqlite, "not a database at all"),
    "another program's": (_other_program, "may belong to another program"),
    "newer schema": (_newer_schema, "newer version of pkdesk"),
}


def _database_with_backup(db_path: Path) -> Path:
    """A database with 40 plans and a backup of it; then one more plan after the backup."""
    db = Database.open(db_path)
    repo = PlanRepository(db)
    for i in range(40):
        repo.create(starter_plan(f"Plan {i:02d} " + "x" * 200))
    backup = backup_now(db_path)
    repo.create(starter_plan("After the backup"))
    db.close()
    return backup


def _answer_recovery(choice: str, seen: list[RecoveryDialog]) -> None:
    """When the recovery dialog is up, remember it and click `choice` ("restore"/"quit")."""
    def poll() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, RecoveryDialog):
            seen.append(box)
            (box.restore_button if choice == "restore" else box.quit_button).click()
        elif isinstance(box, QMessageBox):
            box.close()       # any other box: fail below rather than hang
            seen.append(box)  # type: ignore[arg-type]
        else:
            QTimer.singleShot(20, poll)

    QTimer.singleShot(0, poll)


def _files(folder: Path) -> list[Path]:
    """The files in `folder`, without the empty -wal/-shm that SQLite makes to read a WAL
    database even read-only (integrity.py): they hold nothing and move with their file."""
    return [p for p in folder.iterdir()
            if not (p.name.endswith(("-wal", "-shm")) and p.stat().st_size in (0, 32768))]


def _args(db_path: Path) -> argparse.Namespace:
    return argparse.Namespace(db=str(db_path))


@pytest.mark.parametrize("kind", DAMAGE)
def test_restore_the_latest_good_backup_keeping_the_refused_file(
        qtbot: QtBot, db_path: Path, kind: str) -> None:
    damage, reason = DAMAGE[kind]
    _database_with_backup(db_path)
    damage(db_path)
    refused = db_path.read_bytes()
    seen: list[RecoveryDialog] = []
    _answer_recovery("restore", seen)
    window = start_window(_args(db_path))
    assert window is not None
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.db is not None, timeout=10000)
    assert len(seen) == 1 and isinstance(seen[0], RecoveryDialog)
    dialog = seen[0]
    assert reason in dialog.text()
    assert str(db_path) in dialog.text() and "has not changed it" in dialog.text()
    assert "40 plans" in dialog.text()                         # which backup, told
    assert dialog.defaultButton() is dialog.quit_button         # moving files is not the default
    assert dialog.textFormat().name == "PlainText"
    titles = [p.title for p in window.planner.list_model.plans()]
    assert len(titles) == 40 and "After the backup" not in titles
    aside = [p for p in _files(db_path.parent) if p.name.startswith(f"{db_path.name}.damaged-")]
    assert len(aside) == 1 and aside[0].read_bytes() == refused
    window.close()
    window.db.close()


def test_quit_moves_nothing(qtbot: QtBot, db_path: Path) -> None:
    _database_with_backup(db_path)
    _overwrite_pages(db_path)
    before = sorted(p.name for p in _files(db_path.parent))
    refused = db_path.read_bytes()
    seen: list[RecoveryDialog] = []
    _answer_recovery("quit", seen)
    assert run_gui(_args(db_path)) == EXIT_BAD_INPUT
    assert len(seen) == 1 and isinstance(seen[0], RecoveryDialog)
    assert sorted(p.name for p in _files(db_path.parent)) == before
    assert db_path.read_bytes() == refused
    for widget in QApplication.topLevelWidgets():
        widget.close()


def test_without_a_backup_the_user_is_told_and_nothing_is_offered(qtbot: QtBot,
                                                                  db_path: Path) -> None:
    Database.open(db_path).close()
    _truncate(db_path)
    seen: list[QMessageBox] = []

    def close_box() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            seen.append(box)
            box.close()
        else:
            QTimer.singleShot(20, close_box)

    QTimer.singleShot(0, close_box)
    window = start_window(_args(db_path))   # painted from a snapshot, or not at all
    qtbot.waitUntil(lambda: len(seen) == 1)
    assert window is None or (window.db is None and not window.isVisible())
    assert len(seen) == 1 and not isinstance(seen[0], RecoveryDialog)
    assert "no backup of it was found" in seen[0].text()
    assert seen[0].textFormat().name == "PlainText"
    for widget in QApplication.topLevelWidgets():
        widget.close()
