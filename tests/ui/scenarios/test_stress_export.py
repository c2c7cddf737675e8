"""The Stress test dialog's Export PDF… and Print…, read back with pypdf."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from pytestqt.qtbot import QtBot

from pkdesk.store.db import Database
from tests.export.samples import squash
from tests.ui.planner_helpers import import_example, message_boxes, open_planner


def test_stress_dialog_exports_and_prints(qtbot: QtBot, db: Database, tmp_path: Path) -> None:
    import_example(db, "rwanda-1993.pkplan.json")
    window = open_planner(qtbot, db, tmp_path)
    dialog = window.scenario.show_stress()
    assert dialog is not None
    qtbot.waitExposed(dialog)
    assert dialog.export_button.isEnabled() and dialog.print_button.isEnabled()

    out = tmp_path / "Stress test – Rwanda.pdf"
    pages = dialog.export_to(out)
    reader = PdfReader(out)
    assert pages == len(reader.pages) >= 2
    first = squash(reader.pages[0].extract_text())
    assert "STRESSTEST" in first and squash("Consent withdrawn") in first
    assert squash(str(out)) in squash(dialog.status.text())

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printed = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(printed))
    report = dialog.document()
    assert report is not None
    assert dialog.print_to(report, printer) == pages
    assert squash("Consent withdrawn") in squash(PdfReader(printed).pages[0].extract_text())

    bad = tmp_path / "nowhere" / "s.pdf"
    assert dialog.export_to(bad) is None and not bad.parent.exists()
    box, = message_boxes(dialog)
    assert "nowhere" in box.text() and box.textFormat() == Qt.TextFormat.PlainText
    box.close()
    dialog.close()
