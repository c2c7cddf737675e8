"""The system print dialog, opened window-modal for one document."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QWidget

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter


def open_print_dialog(printer: QPrinter, parent: QWidget, title: str,
                      print_it: Callable[[], object]) -> QPrintDialog:
    """Show the print dialog for ``printer`` (named ``title``); ``print_it`` runs on OK."""
    from PySide6.QtPrintSupport import QPrintDialog

    printer.setDocName(title)
    dialog = QPrintDialog(printer, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.printer_ = printer  # type: ignore[attr-defined]    # kept alive with the dialog
    dialog.accepted.connect(print_it)
    QDialog.open(dialog)   # QPrintDialog.open is overloaded away in PySide
    return dialog
