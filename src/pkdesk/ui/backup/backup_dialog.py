"""File › Restore from Backup…: the backups with their dates, plan counts and sizes; the one
chosen is restored only after a confirmation that says what will happen."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QDialogButtonBox, QHeaderView, QLabel,
                               QMessageBox, QPushButton, QTableView, QVBoxLayout, QWidget)

from pkdesk.ui.backup.backup_table_model import DATE, BackupTableModel
from pkdesk.ui.common.i18n import tr, trn

if TYPE_CHECKING:
    from pkdesk.store.backup import BackupInfo


class RestoreBackupDialog(QDialog):
    restore_requested = Signal(Path)
    """The user chose this backup and confirmed."""
    backup_requested = Signal()

    def __init__(self, backups: Sequence[BackupInfo], folder: Path,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("ui.backup.dialog_title"))
        self.setObjectName("restoreBackupDialog")
        self.model = BackupTableModel(self)
        self.model.set_backups(backups)
        intro = QLabel(tr("ui.backup.intro"))
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)
        self.table = QTableView()
        self.table.setObjectName("backupTable")
        self.table.setAccessibleName(tr("ui.backup.table_name"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setMinimumSize(520, 220)
        where = QLabel(tr("ui.backup.kept_in" if backups else "ui.backup.none_yet",
                          folder=folder))
        where.setTextFormat(Qt.TextFormat.PlainText)
        where.setWordWrap(True)
        where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.restore_button = QPushButton(tr("ui.backup.restore_button"))
        self.buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.backup_button = QPushButton(tr("ui.backup.now"))
        self.buttons.addButton(self.backup_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.reject)
        self.restore_button.clicked.connect(self.confirm_restore)
        self.backup_button.clicked.connect(self.backup_requested)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.table.doubleClicked.connect(lambda _index: self.confirm_restore())

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(where)
        layout.addWidget(self.buttons)
        self.resize(640, 380)
        for row in range(self.model.rowCount()):
            if self.model.backup(row) is not None and self.model.flags(
                    self.model.index(row, DATE)) & Qt.ItemFlag.ItemIsSelectable:
                self.select_row(row)
                break
        self._update_buttons()

    def set_backups(self, backups: Sequence[BackupInfo]) -> None:
        self.model.set_backups(backups)
        if backups:
            self.select_row(0)
        self._update_buttons()

    def select_row(self, row: int) -> None:
        self.table.selectionModel().setCurrentIndex(
            self.model.index(row, DATE), QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)

    def chosen(self) -> BackupInfo | None:
        rows = self.table.selectionModel().selectedRows()
        info = self.model.backup(rows[0].row()) if rows else None
        return info if info is not None and info.problem is None else None

    def _update_buttons(self, *_args: object) -> None:
        self.restore_button.setEnabled(self.chosen() is not None)

    def confirm_restore(self) -> QMessageBox | None:
        info = self.chosen()
        if info is None:
            return None
        when = info.created.astimezone().strftime("%Y-%m-%d %H:%M")
        plans = trn("ui.backup.plans", info.plans or 0)
        box = QMessageBox(QMessageBox.Icon.Question, tr("ui.backup.confirm_title"),
                          tr("ui.backup.confirm", when=when, plans=plans),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                          self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.button(QMessageBox.StandardButton.Yes).setText(tr("ui.backup.confirm_ok"))
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        path = info.path
        box.accepted.connect(lambda: self.restore_requested.emit(path))
        box.open()
        return box
