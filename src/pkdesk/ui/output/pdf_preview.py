"""Print Preview: the exact PDF that File › Export PDF… would write, shown inside pkdesk.

Why not QPrintPreviewDialog: it needs a QPrinter, and creating any QPrinter makes Qt's CUPS
plug-in ask the print service for its printers — over TCP to localhost:631 (seen with
strace), or to a remote print server if the machine is set up so. Only Print… may do that,
because the user asked for a printer. The preview renders the PDF with QtPdf (PDFium, in
process) from a private temporary folder that is removed when the dialog closes.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from pkdesk.ui.common.i18n import tr, trn


class PdfPreviewDialog(QDialog):
    def __init__(self, title: str, write: Callable[[Path], int],
                 parent: QWidget | None = None) -> None:
        """`write(path)` writes the document to `path` and returns its page count."""
        super().__init__(parent)
        self.setObjectName("pdfPreviewDialog")
        self.setWindowTitle(tr("ui.preview.title", title=title))
        self._folder = tempfile.TemporaryDirectory(prefix="pkdesk-preview-")
        self.path = Path(self._folder.name) / "preview.pdf"
        try:
            self.pages = write(self.path)
        except BaseException:
            # refused (too large) or unwritable: no folder left behind, no hidden dialog kept
            self._folder.cleanup()
            self.deleteLater()
            raise
        self.document = QPdfDocument(self)
        self.document.load(str(self.path))
        self.view = QPdfView(self)
        self.view.setObjectName("pdfPreview")
        self.view.setAccessibleName(tr("ui.preview.name"))
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        size = self.document.pagePointSize(0)
        paper = tr("ui.preview.letter") if round(size.width()) == 612 else "A4"
        summary = QLabel(trn("ui.preview.summary", self.pages, paper=paper))
        summary.setTextFormat(Qt.TextFormat.PlainText)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addWidget(summary)
        layout.addWidget(buttons)
        self.resize(820, 900)
        self.finished.connect(self._clean_up)

    def _clean_up(self, *_args: object) -> None:
        self.document.close()
        self._folder.cleanup()
