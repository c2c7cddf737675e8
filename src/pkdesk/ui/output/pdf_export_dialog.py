"""The Export PDF dialog: where to write, the paper size, PDF/A, and (for a reference topic)
whether to include the sections below it. "Preview…" shows the document with these choices.

The paper size defaults to the locale's (US Letter in the United States and Canada, A4
elsewhere) until the user picks one, which is remembered.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLocale, QSettings, Qt, Signal
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFileDialog,
                               QFormLayout, QHBoxLayout, QLabel, QLineEdit, QMessageBox,
                               QPushButton, QVBoxLayout, QWidget)

from pkdesk.core.filenames import safe_file_stem
from pkdesk.ui.common.i18n import tr

__all__ = ["PdfExportDialog", "locale_page_size", "safe_file_stem"]

PAGE_SIZES = ("A4", "Letter")
LETTER_TERRITORIES = (QLocale.Country.UnitedStates, QLocale.Country.Canada)
PAGE_SIZE_KEY = "export/pageSize"
FOLDER_KEY = "export/folder"


def locale_page_size(locale: QLocale | None = None) -> str:
    territory = (locale or QLocale()).territory()
    return "Letter" if territory in LETTER_TERRITORIES else "A4"


class PdfExportDialog(QDialog):
    preview_requested = Signal()
    """The user wants to see the document with the options chosen (page size, subtree)."""

    def __init__(self, what: str, suggested_name: str, settings: QSettings,
                 can_include_subtree: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.setWindowTitle(tr("ui.export.title"))
        self.setObjectName("pdfExportDialog")
        intro = QLabel(tr("ui.export.intro", what=what))
        intro.setTextFormat(Qt.TextFormat.PlainText)   # `what` quotes a plan's own title
        intro.setWordWrap(True)

        folder = settings.value(FOLDER_KEY)
        start = Path(folder) if isinstance(folder, str) and Path(folder).is_dir() else Path.home()
        self.path_edit = QLineEdit(str(start / f"{suggested_name}.pdf"))
        self.path_edit.setObjectName("pdfPath")
        self.path_edit.setMinimumWidth(360)
        self.path_edit.textChanged.connect(self._update_ok)
        browse = QPushButton(tr("ui.export.browse"))
        browse.clicked.connect(self.browse)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(browse)

        self.page_size = QComboBox()
        self.page_size.setObjectName("pageSize")
        self.page_size.addItem(tr("ui.export.a4"), "A4")
        self.page_size.addItem(tr("ui.export.letter"), "Letter")
        saved = settings.value(PAGE_SIZE_KEY)
        chosen = saved if saved in PAGE_SIZES else locale_page_size()
        self.page_size.setCurrentIndex(PAGE_SIZES.index(str(chosen)))
        self.pdfa = QCheckBox(tr("ui.export.pdfa"))
        self.subtree = QCheckBox(tr("ui.export.subtree"))
        self.subtree.setVisible(can_include_subtree)

        form = QFormLayout()
        file_label = QLabel(tr("ui.export.file"))
        file_label.setBuddy(self.path_edit)
        form.addRow(file_label, path_row)
        size_label = QLabel(tr("ui.export.paper"))
        size_label.setBuddy(self.page_size)
        form.addRow(size_label, self.page_size)
        form.addRow("", self.pdfa)
        if can_include_subtree:
            form.addRow("", self.subtree)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(tr("ui.export.ok"))
        self.preview_button = self.buttons.addButton(tr("ui.export.preview"),
                                                     QDialogButtonBox.ButtonRole.ActionRole)
        self.preview_button.clicked.connect(self.preview_requested)
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self._update_ok()

    @property
    def path(self) -> Path:
        text = self.path_edit.text().strip()
        path = Path(text).expanduser()
        return path if path.suffix.lower() == ".pdf" else path.with_name(path.name + ".pdf")

    @property
    def chosen_page_size(self) -> str:
        return str(self.page_size.currentData())

    def browse(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, tr("ui.export.title"), self.path_edit.text(),
                                              tr("ui.pdf.filter"))
        if name:
            self.path_edit.setText(name)

    def _update_ok(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(
            bool(self.path_edit.text().strip()))

    def _accept(self) -> None:
        if self.path.exists() and not self._replace_confirmed():
            return
        self.settings.setValue(PAGE_SIZE_KEY, self.chosen_page_size)
        self.settings.setValue(FOLDER_KEY, str(self.path.parent))
        self.accept()

    def _replace_confirmed(self) -> bool:
        box = QMessageBox(QMessageBox.Icon.Question, tr("ui.export.replace_title"),
                          tr("ui.export.replace", path=self.path),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setDefaultButton(QMessageBox.StandardButton.No)
        return box.exec() == QMessageBox.StandardButton.Yes
