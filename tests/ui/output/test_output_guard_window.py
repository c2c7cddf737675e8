"""Issue 9, item 1, in the window: every place it writes a user-chosen file (File › Export
PDF…, plan export as .pkplan.json, comparison and stress test exports, print to file, File ›
Export Notes…) refuses the database, its side files, a backup and non-regular files with a
plain-text dialog, writing nothing."""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from pkdesk.store.backup import backup_now
from pkdesk.store.db import Database
from pkdesk.ui.scenarios.comparison_view import ComparisonView
from pkdesk.ui.window.main_window import MainWindow
from tests.ui.planner_helpers import import_example, message_boxes, open_planner


@pytest.fixture
def planner(qtbot: QtBot, db: Database, tmp_path: Path) -> Iterator[MainWindow]:
    plan_id = import_example(db, "no-consent.pkplan.json")
    import_example(db, "unoci-2004.pkplan.json")
    backup_now(db.path)
    window = open_planner(qtbot, db, tmp_path)
    window.planner.select_plan(plan_id)
    assert window.planner.plan is not None
    yield window
    window.close()


def _targets(db_path: Path, tmp_path: Path) -> dict[str, tuple[Path, str]]:
    fifo = tmp_path / "pipe.pdf"
    if not fifo.exists():
        os.mkfifo(fifo)
    backup = next((db_path.parent / "backups").iterdir())
    return {"database": (db_path, "pkdesk's database"),
            "wal": (db_path.with_name(db_path.name + "-wal"), "-wal"),
            "shm": (db_path.with_name(db_path.name + "-shm"), "-shm"),
            "backup": (backup, "backups folder"),
            "fifo": (fifo, "named pipe")}


def _state(db_path: Path, tmp_path: Path) -> dict[str, str]:
    """Digest of every regular file around (the database, backups, side files), and the
    kind of everything else: what a refused write must leave exactly as it was."""
    out = {}
    for p in sorted([*db_path.parent.iterdir(), *(db_path.parent / "backups").iterdir()]):
        mode = os.lstat(p).st_mode
        out[str(p)] = (hashlib.sha256(p.read_bytes()).hexdigest() if stat.S_ISREG(mode)
                       else stat.filemode(mode))
    return out


def _one_plain_box(window: QWidget, expected: str) -> None:
    boxes = message_boxes(window)
    assert len(boxes) == 1
    assert boxes[0].textFormat() == Qt.TextFormat.PlainText
    assert expected in boxes[0].text() and "Traceback" not in boxes[0].text(), boxes[0].text()
    boxes[0].close()


@pytest.mark.parametrize("target", ["database", "wal", "shm", "backup", "fifo"])
def test_export_pdf_refuses_with_a_dialog(qtbot: QtBot, planner: MainWindow, tmp_path: Path,
                                          target: str) -> None:
    path, expected = _targets(planner.db.path, tmp_path)[target]
    before = _state(planner.db.path, tmp_path)
    assert planner.pdf.export_to(path, "A4") is None
    _one_plain_box(planner, expected)
    assert _state(planner.db.path, tmp_path) == before


@pytest.mark.parametrize("target", ["database", "wal", "shm", "backup", "fifo"])
def test_plan_export_refuses_with_a_dialog(qtbot: QtBot, planner: MainWindow, tmp_path: Path,
                                           target: str) -> None:
    path, expected = _targets(planner.db.path, tmp_path)[target]
    before = _state(planner.db.path, tmp_path)
    assert planner.planner.plan_actions.export_to(path) is False
    _one_plain_box(planner, expected)
    assert _state(planner.db.path, tmp_path) == before


def test_print_to_file_refuses_the_database(qtbot: QtBot, planner: MainWindow,
                                            tmp_path: Path) -> None:
    before = _state(planner.db.path, tmp_path)
    report = planner.pdf._build(planner.pdf.source(), False)   # what Print… would print
    assert report is not None
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(planner.db.path))
    assert planner.pdf.print_to(report, printer) is None
    _one_plain_box(planner, "pkdesk's database")
    assert _state(planner.db.path, tmp_path) == before


def test_print_to_a_chosen_file_is_owner_only(qtbot: QtBot, planner: MainWindow,
                                              tmp_path: Path) -> None:
    out = tmp_path / "printed.pdf"
    report = planner.pdf._build(planner.pdf.source(), False)
    assert report is not None
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out))
    old = os.umask(0)
    try:
        assert planner.pdf.print_to(report, printer)
    finally:
        os.umask(old)
    assert out.read_bytes().startswith(b"%PDF")
    assert stat.S_IMODE(out.stat().st_mode) == 0o600


@pytest.mark.parametrize("target", ["database", "wal", "backup", "fifo"])
def test_comparison_export_refuses_with_a_dialog(qtbot: QtBot, planner: MainWindow,
                                                 tmp_path: Path, target: str) -> None:
    page = planner.planner
    selection = page.list_view.selectionModel()
    selection.clearSelection()
    for row in range(page.list_model.rowCount()):
        selection.select(page.list_model.index(row), QItemSelectionModel.SelectionFlag.Select)
    planner.scenario.compare.trigger()
    view = next(w for w in planner.scenario.windows if isinstance(w, ComparisonView))
    qtbot.waitExposed(view)
    path, expected = _targets(planner.db.path, tmp_path)[target]
    before = _state(planner.db.path, tmp_path)
    assert view.export_to(path) is None
    boxes = message_boxes(view)
    assert len(boxes) == 1 and boxes[0].textFormat() == Qt.TextFormat.PlainText
    assert expected in boxes[0].text()
    boxes[0].close()
    view.close()
    assert _state(planner.db.path, tmp_path) == before


@pytest.mark.parametrize("target", ["database", "wal", "backup", "fifo"])
def test_stress_export_and_print_to_file_refuse_with_a_dialog(qtbot: QtBot, planner: MainWindow,
                                                              tmp_path: Path, target: str) -> None:
    dialog = planner.scenario.show_stress()
    assert dialog is not None
    qtbot.waitExposed(dialog)
    path, expected = _targets(planner.db.path, tmp_path)[target]
    before = _state(planner.db.path, tmp_path)
    assert dialog.export_to(path) is None
    _one_plain_box(dialog, expected)
    report = dialog.document()
    assert report is not None
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    assert dialog.print_to(report, printer) is None
    _one_plain_box(dialog, expected)
    dialog.close()
    assert _state(planner.db.path, tmp_path) == before


@pytest.mark.parametrize("target", ["database", "shm", "backup", "fifo"])
def test_notes_export_refuses_with_a_dialog(qtbot: QtBot, planner: MainWindow, tmp_path: Path,
                                            target: str) -> None:
    path, expected = _targets(planner.db.path, tmp_path)[target]
    before = _state(planner.db.path, tmp_path)
    assert planner.notes_export.export_to(path) is None
    _one_plain_box(planner, expected)
    assert _state(planner.db.path, tmp_path) == before
