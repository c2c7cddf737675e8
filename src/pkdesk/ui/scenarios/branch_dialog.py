"""Asks for a new variant's title and what it changes, both prefilled and editable."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit,
                               QPlainTextEdit, QVBoxLayout, QWidget)

from pkdesk.core.plan.file import NAME_CHARS, TEXT_CHARS
from pkdesk.ui.common.i18n import tr
from pkdesk.ui.common.keys import accept_on_ctrl_enter, show_focus_frame

def variant_title(parent_title: str) -> str:
    suffix = tr("ui.branch.suffix")      # " (variant)"
    return parent_title[:NAME_CHARS - len(suffix)] + suffix


class BranchDialog(QDialog):
    def __init__(self, parent_title: str, changes: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("ui.branch.title"))
        intro = QLabel(tr("ui.branch.intro", title=parent_title))
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)
        self.title = QLineEdit(variant_title(parent_title))
        self.title.setMaxLength(NAME_CHARS)
        self.title.selectAll()
        self.changes = QPlainTextEdit()
        self.changes.setTabChangesFocus(True)
        self.changes.setPlaceholderText(tr("ui.branch.changes_hint"))
        self.changes.setPlainText(changes)
        self.changes.setFixedHeight(self.changes.fontMetrics().lineSpacing() * 4 + 12)
        form = QFormLayout()
        title_label = QLabel(tr("ui.branch.title_label"))
        title_label.setBuddy(self.title)
        changes_label = QLabel(tr("ui.branch.changes"))
        changes_label.setBuddy(self.changes)
        form.addRow(title_label, self.title)
        form.addRow(changes_label, self.changes)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("ui.branch.ok"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.title.textChanged.connect(self._update_ok)
        show_focus_frame(self.changes)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        accept_on_ctrl_enter(self, self.accept, ok.isEnabled)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.resize(560, self.sizeHint().height())

    def _update_ok(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(
            bool(self.title.text().strip()))

    def title_text(self) -> str:
        return self.title.text().strip()

    def changes_text(self) -> str:
        return self.changes.toPlainText().strip()[:TEXT_CHARS]
