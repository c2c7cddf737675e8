"""The banner above the findings while a what-if is on: what is applied, that it is not
saved, and which findings appeared or disappeared against the plan as it is."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from pkdesk.core.findings import CheckResult, Finding
from pkdesk.core.report_labels import severity_label, verdict_label
from pkdesk.core.stress import cleared_findings, new_findings
from pkdesk.ui.common.i18n import tr, trn, ui_language
from pkdesk.ui.common.severity_style import tone_style

LISTED = 4      # findings named per direction; the rest are counted


def headline(labels: Sequence[str]) -> str:
    return tr("ui.banner.headline", applied=tr("ui.list_sep").join(labels))


def _lines(sign: str, findings: Sequence[Finding]) -> list[str]:
    lang = ui_language()
    lines = [tr("ui.banner.line", sign=sign, severity=severity_label(f.severity, lang),
                rule=f.rule, message=f.message) for f in findings[:LISTED]]
    if len(findings) > LISTED:
        lines.append(trn("ui.banner.more", len(findings) - LISTED, sign=sign))
    return lines


def delta_text(baseline: CheckResult, after: CheckResult) -> str:
    appeared, gone = new_findings(baseline, after), cleared_findings(baseline, after)
    lang = ui_language()
    summary = tr("ui.banner.delta", before=verdict_label(baseline.verdict, lang),
                 after=verdict_label(after.verdict, lang),
                 appeared=trn("ui.banner.appeared", len(appeared)),
                 gone=trn("ui.banner.gone", len(gone)))
    return "\n".join([summary, *_lines("+", appeared), *_lines("−", gone)])


class WhatIfBanner(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("whatIfBanner")
        self.headline = QLabel()
        self.headline.setObjectName("whatIfHeadline")
        self.headline.setTextFormat(Qt.TextFormat.PlainText)
        self.headline.setWordWrap(True)
        font = self.headline.font()
        font.setBold(True)
        self.headline.setFont(font)
        self.detail = QLabel()
        self.detail.setObjectName("whatIfDelta")
        self.detail.setTextFormat(Qt.TextFormat.PlainText)
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.setSpacing(2)
        layout.addWidget(self.headline)
        layout.addWidget(self.detail)
        self.setStyleSheet(f"QFrame#whatIfBanner {{ {tone_style(self.palette(), 'warning')} }}")
        self.hide()

    def show_delta(self, labels: Sequence[str], baseline: CheckResult,
                   after: CheckResult | None, problem: str = "") -> None:
        self.headline.setText(headline(labels))
        self.detail.setText(problem or (delta_text(baseline, after) if after is not None
                                        else ""))
        self.show()
