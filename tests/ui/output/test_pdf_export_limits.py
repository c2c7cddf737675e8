"""Issue 9, item 3 in the window: File › Export PDF, Print Preview and Print of a plan past the
export bound each say so in a dialog; the window survives (before, the process died: SIGSEGV)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from pytestqt.qtbot import QtBot

from pkdesk.core.plan.file import read_plan_file
from pkdesk.store.db import Database
from pkdesk.store.plan_repo import PlanRepository
from pkdesk.ui.output.pdf_preview import PdfPreviewDialog
from tests.export.test_export_limits import plan_file
from tests.ui.planner_helpers import message_boxes, open_planner


def _told(window: object, qtbot: QtBot, expected: str) -> None:
    qtbot.waitUntil(lambda: len(message_boxes(window)) == 1)     # type: ignore[arg-type]
    box = message_boxes(window)[0]                               # type: ignore[arg-type]
    assert box.textFormat() == Qt.TextFormat.PlainText
    shown = f"{box.text()}\n{box.informativeText()}"
    assert expected in shown and "too large to export" in shown and "Traceback" not in shown
    box.close()


def test_an_over_limit_plan_is_told_in_a_dialog_and_the_window_survives(
        qtbot: QtBot, db: Database, tmp_path: Path) -> None:
    plan = read_plan_file(plan_file(tmp_path / "hostile.json", 500, 350))
    plan_id = PlanRepository(db).import_plan(plan).id
    window = open_planner(qtbot, db, tmp_path)
    window.planner.select_plan(plan_id)
    assert window.planner.plan is not None

    out = tmp_path / "hostile.pdf"
    assert window.pdf.export_to(out, "A4") is None
    _told(window, qtbot, "500 pages")
    assert not out.exists()

    assert window.pdf.show_preview() is None
    _told(window, qtbot, "500 pages")
    # the refused preview keeps no hidden dialog (nor its temporary folder) in the window
    qtbot.waitUntil(lambda: window.findChildren(PdfPreviewDialog) == [])

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printed = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(printed))
    source = window.pdf.source()
    assert source is not None
    assert window.pdf.print_to(source.build(False), printer) is None
    _told(window, qtbot, "too large")
    assert not printed.exists()                      # refused before the printer started

    assert window.isVisible() and window.planner.plan_id == plan_id
    window.close()
