"""Problems told in a plain-text message box (it may quote a file's own words)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget


def tell(parent: QWidget, title: str, text: str, detail: str = "",
         icon: QMessageBox.Icon = QMessageBox.Icon.Warning) -> QMessageBox:
    """A window-modal message in plain text (it may quote a file's own words); not blocking."""
    # One plain-text label: the informative text's format is not the text's in every Qt.
    box = QMessageBox(icon, title, f"{text}\n\n{detail}" if detail else text,
                      QMessageBox.StandardButton.Ok, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setWindowModality(Qt.WindowModality.WindowModal)
    box.open()
    return box
