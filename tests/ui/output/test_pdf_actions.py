"""File › Export PDF…, Print Preview… and Print…: real dialogs driven offscreen, real PDFs
read back with pypdf."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TypeVar

import pytest
from PySide6.QtCore import QLocale, Qt, QTimer
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pypdf import PdfReader
from pytestqt.qtbot import QtBot

from pkdesk.core.checker import check
from pkdesk.core.plan.edits import with_field
from pkdesk.store.db import Database
from pkdesk.store.plan_repo import PlanRepository
from pkdesk.ui.window.main_window import MainWindow
from pkdesk.ui.output.pdf_export_dialog import PdfExportDialog, locale_page_size, safe_file_stem
from pkdesk.ui.output.pdf_preview import PdfPreviewDialog
from tests.export.samples import squash
from tests.ui.planner_helpers import import_example, message_boxes, open_planner
from tests.ui.reference_helpers import open_window

T = TypeVar("T", bound=QWidget)
LETTER_PT = (612, 792)
A4_PT = (595, 842)


def _size(reader: PdfReader) -> tuple[int, int]:
    box = reader.pages[0].mediabox
    return round(float(box.width)), round(float(box.height))


def _text(path: Path) -> str:
    return squash(" ".join(page.extract_text() for page in PdfReader(path).pages))


@pytest.fixture
def planner(qtbot: QtBot, db: Database, tmp_path: Path) -> Iterator[MainWindow]:
    plan_id = import_example(db, "no-consent.pkplan.json")
    window = open_planner(qtbot, db, tmp_path)
    window.planner.select_plan(plan_id)
    assert window.planner.plan is not None
    yield window
    window.close()


def _visible(parent: QWidget, kind: type[T]) -> list[T]:
    return [d for d in parent.findChildren(kind) if d.isVisible()]


def _visible_export_dialogs(window: MainWindow) -> list[PdfExportDialog]:
    return _visible(window, PdfExportDialog)


def _printers(window: MainWindow) -> list[QPrintDialog]:
    return window.findChildren(QPrintDialog)


def _open_export_dialog(qtbot: QtBot, window: MainWindow) -> PdfExportDialog:
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: len(_visible_export_dialogs(window)) == 1)
    return _visible_export_dialogs(window)[0]


def test_ctrl_e_exports_the_plan_shown(qtbot: QtBot, planner: MainWindow, tmp_path: Path) -> None:
    plan = planner.planner.plan
    assert plan is not None
    dialog = _open_export_dialog(qtbot, planner)
    assert dialog.path_edit.text().endswith(".pdf")
    assert not dialog.subtree.isVisibleTo(dialog)          # a plan has no subtree
    out = tmp_path / "out" / "mission"                   # no .pdf: it is added
    out.parent.mkdir()
    dialog.path_edit.setText(str(out))
    dialog.page_size.setCurrentIndex(dialog.page_size.findData("Letter"))
    dialog.pdfa.setChecked(True)
    with qtbot.waitSignal(dialog.finished):
        qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Save),
                         Qt.MouseButton.LeftButton)
    written = tmp_path / "out" / "mission.pdf"
    reader = PdfReader(written)
    assert _size(reader) == LETTER_PT
    assert reader.metadata is not None and reader.metadata.title == plan.title
    assert b"pdfaid:part=\"1\"" in written.read_bytes() or b"pdfaid:part='1'" in written.read_bytes()
    text = _text(written)
    for finding in check(plan).findings:
        assert squash(finding.message) in text
    revision = PlanRepository(planner.db).revisions(planner.planner.plan_id)[-1]  # type: ignore[arg-type]
    assert squash(f"Revision {revision.number}") in text
    assert "mission.pdf" in planner.statusBar().currentMessage()
    # The choice of paper is remembered for the next export.
    assert _open_export_dialog(qtbot, planner).chosen_page_size == "Letter"


def test_reference_topic_with_and_without_its_subtree(qtbot: QtBot, db: Database,
                                                      tmp_path: Path) -> None:
    window = open_window(qtbot, db, tmp_path)
    window.reference.show_node("principles")
    child = window.reference.tree_model.title("principles.consent")
    dialog = _open_export_dialog(qtbot, window)
    assert dialog.subtree.isVisibleTo(dialog)
    title = window.reference.tree_model.title("principles")
    assert Path(dialog.path_edit.text()).name == f"{safe_file_stem(title, '')}.pdf"
    alone, whole = tmp_path / "alone.pdf", tmp_path / "whole.pdf"
    assert window.pdf.export_to(alone, "A4") is not None
    pages = window.pdf.export_to(whole, "A4", with_subtree=True)
    assert pages is not None and pages == len(PdfReader(whole).pages)
    assert squash(child) not in _text(alone)
    assert squash(child) in _text(whole)
    assert _size(PdfReader(alone)) == A4_PT
    dialog.reject()
    window.close()


@pytest.mark.parametrize(("target", "expected"), [
    ("missing/plan.pdf", "does not exist"),
    ("a-folder.pdf", "it is a folder"),
])
def test_an_unwritable_target_is_told_in_plain_text(qtbot: QtBot, planner: MainWindow,
                                                   tmp_path: Path, target: str,
                                                   expected: str) -> None:
    (tmp_path / "a-folder.pdf").mkdir()
    assert planner.pdf.export_to(tmp_path / target) is None
    boxes = message_boxes(planner)
    assert len(boxes) == 1
    assert boxes[0].textFormat() == Qt.TextFormat.PlainText
    assert expected in boxes[0].text() and "Traceback" not in boxes[0].text()
    assert not (tmp_path / "missing").exists()
    assert sorted(p.name for p in (tmp_path / "a-folder.pdf").iterdir()) == []
    boxes[0].close()


def test_paper_size_follows_the_locale_until_chosen(qtbot: QtBot, planner: MainWindow) -> None:
    assert locale_page_size(QLocale("en_US")) == "Letter"
    assert locale_page_size(QLocale("fr_CA")) == "Letter"
    assert locale_page_size(QLocale("fr_FR")) == "A4"
    assert locale_page_size(QLocale("ar_EG")) == "A4"
    previous = QLocale()
    try:
        for name, expected in (("en_US", "Letter"), ("fr_CD", "A4")):
            QLocale.setDefault(QLocale(name))
            dialog = _open_export_dialog(qtbot, planner)
            assert dialog.chosen_page_size == expected
            dialog.reject()
            assert _visible_export_dialogs(planner) == []
    finally:
        QLocale.setDefault(previous)


def test_literal_title_in_the_dialog(qtbot: QtBot, planner: MainWindow) -> None:
    page = planner.planner
    assert page.plan is not None
    page.edit("Edit title", with_field(page.plan, "title", "<b>bold</b> <img src=x>"))
    dialog = _open_export_dialog(qtbot, planner)
    intro = dialog.findChildren(type(planner.location))[0]
    assert intro.textFormat() == Qt.TextFormat.PlainText
    assert "<b>bold</b> <img src=x>" in intro.text()
    assert "<" not in Path(dialog.path_edit.text()).name
    dialog.reject()


def test_print_preview_shows_every_page(qtbot: QtBot, planner: MainWindow, tmp_path: Path) -> None:
    exported = planner.pdf.export_to(tmp_path / "plan.pdf", "A4")
    qtbot.keyClick(planner, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: _visible(planner, PdfPreviewDialog) != [])
    dialog = _visible(planner, PdfPreviewDialog)[0]
    assert dialog.document.status() == QPdfDocument.Status.Ready
    assert dialog.document.pageCount() == exported == dialog.pages
    folder = dialog.path.parent
    assert folder.is_dir() and folder.stat().st_mode & 0o077 == 0     # private
    dialog.close()
    assert not folder.exists()                                        # removed with the dialog
    assert _printers(planner) == []       # no QPrinter: the print service was not contacted


def test_preview_from_the_export_dialog_uses_its_paper(qtbot: QtBot, planner: MainWindow) -> None:
    dialog = _open_export_dialog(qtbot, planner)
    dialog.page_size.setCurrentIndex(dialog.page_size.findData("Letter"))
    dialog.preview_button.click()
    qtbot.waitUntil(lambda: _visible(dialog, PdfPreviewDialog) != [])
    preview = _visible(dialog, PdfPreviewDialog)[0]
    size = preview.document.pagePointSize(0)
    assert (round(size.width()), round(size.height())) == LETTER_PT
    preview.close()
    dialog.reject()


def test_print_goes_through_the_print_dialog(qtbot: QtBot, planner: MainWindow,
                                             tmp_path: Path) -> None:
    # The dialog starts from this printer: print to a file the test can read back.
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printed = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(printed))
    dialog = planner.pdf.choose_printer(printer)
    assert isinstance(dialog, QPrintDialog) and dialog.isVisible()
    assert dialog.printer() is printer
    dialog.accept()
    qtbot.waitUntil(printed.exists)
    plan = planner.planner.plan
    assert plan is not None
    assert squash(plan.title) in _text(printed)
    assert "Sent" in planner.statusBar().currentMessage()
    assert message_boxes(planner) == []


@pytest.mark.qt_log_ignore(r"^QPainter::begin\(\): Returned false")   # Qt says so too
def test_a_printer_that_cannot_start_is_told_plainly(qtbot: QtBot, planner: MainWindow,
                                                     tmp_path: Path) -> None:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFileName(str(tmp_path / "no-such-folder" / "out.pdf"))
    plan = planner.planner.plan
    assert plan is not None
    source = planner.pdf.source()
    assert source is not None
    assert planner.pdf.print_to(source.build(False), printer) is None
    boxes = message_boxes(planner)
    assert len(boxes) == 1 and boxes[0].textFormat() == Qt.TextFormat.PlainText
    assert "not printed" in boxes[0].text() and "Traceback" not in boxes[0].text()
    boxes[0].close()


def test_actions_are_disabled_with_nothing_to_print(qtbot: QtBot, db: Database,
                                                    tmp_path: Path) -> None:
    window = open_planner(qtbot, db, tmp_path)   # no plan in the database
    assert window.planner.plan is None
    assert not window.pdf.export.isEnabled() and not window.pdf.print_.isEnabled()
    window.pages.setCurrentWidget(window.reference)
    assert window.pdf.export.isEnabled()
    assert QApplication.activeModalWidget() is None
    window.close()


def test_an_existing_file_is_replaced_only_when_confirmed(qtbot: QtBot, planner: MainWindow,
                                                          tmp_path: Path) -> None:
    target = tmp_path / "existing.pdf"
    target.write_bytes(b"the earlier export")
    answers = [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes]
    asked: list[str] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            asked.append(box.text())
            box.button(answers[len(asked) - 1]).click()
        else:
            QTimer.singleShot(10, answer)

    dialog = _open_export_dialog(qtbot, planner)
    dialog.path_edit.setText(str(target))
    save = dialog.buttons.button(dialog.buttons.StandardButton.Save)
    QTimer.singleShot(0, answer)
    save.click()                                  # "No": the dialog stays, the file too
    assert dialog.isVisible() and target.read_bytes() == b"the earlier export"
    QTimer.singleShot(0, answer)
    save.click()                                  # "Yes": replaced by the PDF
    assert len(asked) == 2 and str(target) in asked[0]
    assert len(PdfReader(target).pages) >= 1
