"""Ask for the written reason behind acknowledging a finding (never an empty one)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout,
                               QWidget)

from pkdesk.core.findings import Finding
from pkdesk.core.plan.file import TEXT_CHARS
from pkdesk.core.plan.model import Plan
from pkdesk.ui.planner.findings.finding_subject import rule_with_subject, subject_text
from pkdesk.ui.common.i18n import tr
from pkdesk.ui.common.keys import accept_on_ctrl_enter, show_focus_frame


class AcknowledgeDialog(QDialog):
    def __init__(self, finding: Finding, parent: QWidget | None = None,
                 plan: Plan | None = None) -> None:
        super().__init__(parent)
        self.finding = finding
        self.setWindowTitle(tr("ui.ack.title", rule=rule_with_subject(finding.rule,
                                                                      finding.subject, plan)))
        about = subject_text(finding.subject, plan)
        scope = f"{tr('ui.ack.subject', subject=about)}\n\n" if about else ""
        intro = QLabel(f"{finding.message}\n\n{scope}{tr('ui.ack.intro')}")
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)
        self.reason = QPlainTextEdit()
        self.reason.setTabChangesFocus(True)
        self.reason.setAccessibleName(tr("ui.ack.reason_name"))
        self.reason.setPlaceholderText(tr("ui.ack.placeholder"))
        intro.setBuddy(self.reason)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(tr("ui.ack.ok"))
        self.ok.setEnabled(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.reason.textChanged.connect(
            lambda: self.ok.setEnabled(bool(self.reason_text())))
        show_focus_frame(self.reason)
        accept_on_ctrl_enter(self, self.accept, self.ok.isEnabled)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.reason)
        layout.addWidget(self.buttons)
        self.resize(460, 260)

    def reason_text(self) -> str:
        return self.reason.toPlainText().strip()[:TEXT_CHARS]
