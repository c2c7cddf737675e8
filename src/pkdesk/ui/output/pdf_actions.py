"""File › Export PDF… (Ctrl+E), Print Preview… and Print… (Ctrl+P) for the page shown, and
File › Export Assessment PDF… for the plan shown on the Planner.

Only Print… creates a QPrinter, which contacts the system's print service (`pdf_preview`).

On the Planner page the document is the plan shown, checked; on the Reference page it is the
topic shown, optionally with the sections below it. Documents are built by `pkdesk.export`
(imported when first used: it brings SQLAlchemy, which the window's first paint must not
wait for). Problems (an unwritable folder, a full disk) are told in a plain-text message.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, QSettings, Qt
from PySide6.QtGui import QAction, QGuiApplication, QIcon, QKeySequence, QPageSize
from PySide6.QtWidgets import QStatusBar, QWidget

from pkdesk.core.errors import PkdeskError
from pkdesk.ui.common.i18n import tr, trn
from pkdesk.ui.output.pdf_export_dialog import PAGE_SIZE_KEY, PdfExportDialog, locale_page_size, safe_file_stem
from pkdesk.ui.common.messages import tell
from pkdesk.ui.common.print_dialog import open_print_dialog
from pkdesk.ui.output.sources import DocumentSource

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    from pkdesk.ui.output.pdf_preview import PdfPreviewDialog

    from pkdesk.core.report import Report


class DocumentHost(Protocol):
    """Something that can give a printable document: the window, for the page shown."""

    settings: QSettings

    def document_source(self) -> DocumentSource | None: ...

    def has_document(self) -> bool: ...

    def assessment_source(self) -> DocumentSource | None: ...

    def shows_plan(self) -> bool: ...

    def statusBar(self) -> QStatusBar: ...


def _page_size_id(name: str) -> QPageSize.PageSizeId:
    return QPageSize.PageSizeId.Letter if name == "Letter" else QPageSize.PageSizeId.A4


class PdfActions(QObject):
    def __init__(self, host: DocumentHost, parent: QWidget) -> None:
        super().__init__(parent)
        self.host = host
        self.parent_widget = parent
        self.export = self._action("export", "Ctrl+E", "document-export")
        self.preview = self._action("preview", "Ctrl+Shift+P", "document-print-preview")
        self.print_ = self._action("print", QKeySequence.StandardKey.Print, "document-print")
        self.export_assessment = self._action("export_assessment", "", "document-export")
        self.all = [self.export, self.preview, self.print_]     # the page shown's document
        self.export.triggered.connect(lambda: self.choose_export())
        self.export_assessment.triggered.connect(self.choose_export_assessment)
        self.preview.triggered.connect(lambda: self.show_preview())
        self.print_.triggered.connect(self.choose_printer)
        self.update_enabled()

    def _action(self, name: str, keys: str | QKeySequence.StandardKey, icon: str) -> QAction:
        """The action ``ui.pdf.<name>`` with its ``_tip``."""
        tip = tr(f"ui.pdf.{name}_tip")
        action = QAction(QIcon.fromTheme(icon), tr(f"ui.pdf.{name}"), self.parent_widget)
        action.setShortcut(QKeySequence(keys))
        action.setStatusTip(tip)
        keys_text = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        action.setToolTip(f"{tip} ({keys_text})" if keys_text else tip)
        return action

    @property
    def settings(self) -> QSettings:
        return self.host.settings

    def update_enabled(self, *_args: object) -> None:
        # Checked again when triggered: the planner's plan can change without telling us.
        on = self.host.has_document()
        for action in self.all:
            action.setEnabled(on)
        self.export_assessment.setEnabled(self.host.shows_plan())

    def source(self) -> DocumentSource | None:
        """The document of the page shown; None when it shows nothing printable."""
        return self.host.document_source()

    def _build(self, source: DocumentSource, with_subtree: bool) -> Report | None:
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            return source.build(with_subtree)
        except PkdeskError as exc:
            tell(self.parent_widget, tr("ui.pdf.cannot_make"), str(exc))
            return None
        finally:
            QGuiApplication.restoreOverrideCursor()

    def _page_size(self) -> str:
        saved = self.settings.value(PAGE_SIZE_KEY)
        return str(saved) if saved in ("A4", "Letter") else locale_page_size()

    # Export --------------------------------------------------------------------------

    def choose_export_assessment(self) -> PdfExportDialog | None:
        """File › Export Assessment PDF…: the plan shown's assessment report, at its latest
        review, through the same dialog and output guard as Export PDF…"""
        return self.choose_export(self.host.assessment_source())

    def choose_export(self, source: DocumentSource | None = None) -> PdfExportDialog | None:
        source = source or self.source()
        if source is None:
            return None
        dialog = PdfExportDialog(source.what, source.file_stem, self.settings,
                                 source.can_include_subtree, self.parent_widget)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.preview_requested.connect(
            lambda: self.show_preview(source, dialog.chosen_page_size,
                                      dialog.subtree.isChecked(), parent=dialog))
        dialog.accepted.connect(lambda: self.export_to(
            dialog.path, dialog.chosen_page_size, dialog.pdfa.isChecked(),
            dialog.subtree.isChecked(), source))
        dialog.open()
        return dialog

    def export_to(self, path: Path, page_size: str = "A4", pdfa: bool = False,
                  with_subtree: bool = False, source: DocumentSource | None = None) -> int | None:
        """Write the document to `path`; the page count, or None after telling why not."""
        source = source or self.source()
        if source is None:
            return None
        report = self._build(source, with_subtree)
        if report is None:
            return None
        from pkdesk.export import write_pdf

        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            pages = write_pdf(report, path, page_size, pdfa)
        except PkdeskError as exc:
            tell(self.parent_widget, tr("ui.pdf.cannot_export"), tr("ui.pdf.not_written"), str(exc))
            return None
        except OSError as exc:
            tell(self.parent_widget, tr("ui.pdf.cannot_export"), tr("ui.pdf.not_written"),
                 f"{path}: {exc.strerror or exc}")
            return None
        finally:
            QGuiApplication.restoreOverrideCursor()
        self.host.statusBar().showMessage(trn("ui.pdf.exported", pages, path=path), 8000)
        return pages

    # Printing ------------------------------------------------------------------------

    def _printer(self, page_size: str | None = None) -> QPrinter:
        from PySide6.QtPrintSupport import QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageSize(QPageSize(_page_size_id(page_size or self._page_size())))
        return printer

    def show_preview(self, source: DocumentSource | None = None, page_size: str | None = None,
                     with_subtree: bool = False,
                     parent: QWidget | None = None) -> PdfPreviewDialog | None:
        """The document as its PDF would be (see `pdf_preview` for why not a QPrinter)."""
        from pkdesk.export import write_pdf
        from pkdesk.ui.output.pdf_preview import PdfPreviewDialog

        source = source or self.source()
        report = self._build(source, with_subtree) if source is not None else None
        if report is None:
            return None
        size = page_size or self._page_size()
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            dialog = PdfPreviewDialog(report.title, lambda path: write_pdf(report, path, size),
                                      parent or self.parent_widget)
        except PkdeskError as exc:     # the temporary folder could not be written
            tell(self.parent_widget, tr("ui.pdf.cannot_preview"), str(exc))
            return None
        finally:
            QGuiApplication.restoreOverrideCursor()
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def choose_printer(self, printer: QPrinter | None = None) -> QPrintDialog | None:
        """The system print dialog for the document shown; `printer` presets its choices."""
        source = self.source()
        report = self._build(source, False) if source is not None else None
        if report is None:
            return None
        chosen = printer or self._printer()
        return open_print_dialog(chosen, self.parent_widget, report.title,
                                 lambda: self.print_to(report, chosen))

    def print_to(self, report: Report, printer: QPrinter) -> int | None:
        """Print `report` on `printer`; the page count, or None after telling why not."""
        from PySide6.QtPrintSupport import QPrinter

        # "Print to file": print_report refuses what the output guard refuses, owner-only.
        pages = self._paint(report, printer)
        if pages is None:
            return None
        if printer.printerState() == QPrinter.PrinterState.Error:
            self._cannot_print("the printer reported an error")
            return None
        printer_name = printer.printerName() or tr("ui.pdf.the_printer")
        self.host.statusBar().showMessage(trn("ui.pdf.sent", pages, printer=printer_name), 8000)
        return pages

    def _paint(self, report: Report, device: QPrinter) -> int | None:
        from pkdesk.export import print_report

        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            return print_report(report, device)
        except (PkdeskError, OSError) as exc:   # OSError: the printer cannot be opened
            self._cannot_print(str(exc))
            return None
        finally:
            QGuiApplication.restoreOverrideCursor()

    def _cannot_print(self, reason: str) -> None:
        tell(self.parent_widget, tr("ui.pdf.cannot_print"), tr("ui.pdf.not_printed", reason=reason),
             tr("ui.pdf.check_printer"))
