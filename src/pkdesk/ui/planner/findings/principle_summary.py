"""Where the plan stands at a glance: the verdict, and one badge per principle.

A badge is tinted by the most severe finding still asking for attention under its principle
(a blocker always does; an acknowledged warning or advice no longer does) and shows the count
of findings. Clicking a badge (or Space on it) narrows the findings list to that principle;
clicking it again shows all.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (QLabel, QToolButton, QVBoxLayout,
                               QWidget)

from pkdesk.core.checker import findings_by_principle
from pkdesk.core.findings import PRINCIPLES, SEVERITIES, CheckResult, Finding
from pkdesk.core.report_labels import principle_label, severity_counts, verdict_label
from pkdesk.ui.common.flow_layout import FlowLayout
from pkdesk.ui.common.i18n import tr, trn, ui_language
from pkdesk.ui.common.severity_style import VERDICT_TONE, tone_style

BADGE_ROWS_MAX = 4
"""The badges never take more rows than this: the summary is at least as wide as they need
for it. Its height at a narrow column is then bounded, so the window's minimum height (which
a splitter and a top-level window take at the width they have *now*, not the one they are
given) stays within a 1024×600 screen however narrow the user makes the findings column."""


def _counts(findings: list[Finding]) -> str:
    lang = ui_language()
    text = severity_counts({s: sum(1 for f in findings if f.severity == s) for s in SEVERITIES},
                           lang=lang)
    acknowledged = sum(1 for f in findings if f.acknowledged is not None)
    return trn("ui.summary.acknowledged", acknowledged, counts=text) if acknowledged else text


def _tone(findings: list[Finding]) -> str:
    live = {f.severity for f in findings if f.severity == "blocker" or f.acknowledged is None}
    return next((s for s in SEVERITIES if s in live), "clear")


class PrincipleSummary(QWidget):
    principle_chosen = Signal(object)
    """A principle id to show alone, or None for all."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._result: CheckResult | None = CheckResult(plan_title="")
        self._tones: dict[str, str] = {}     # style sheets are set only when a tone changes
        self.verdict = QLabel()
        self.verdict.setObjectName("verdict")
        self.verdict.setTextFormat(Qt.TextFormat.PlainText)
        self.verdict.setWordWrap(True)
        font = self.verdict.font()
        font.setBold(True)
        self.verdict.setFont(font)
        self.badges: dict[str, QToolButton] = {}
        self.flow = flow = FlowLayout()
        for principle in PRINCIPLES:
            badge = QToolButton()
            badge.setCheckable(True)
            badge.setAutoRaise(False)
            badge.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            badge.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            badge.toggled.connect(lambda on, p=principle: self._toggled(p, on))
            self.badges[principle] = badge
            flow.addWidget(badge)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.verdict)
        layout.addLayout(flow)
        self.set_result(self._result)

    def set_result(self, result: CheckResult | None) -> None:
        """Show ``result``; None when no plan is shown: neutral, no ticks, badges disabled."""
        self._result = result
        if result is None:
            self._no_plan()
            return
        for each in self.badges.values():
            each.setEnabled(True)
        counts = _counts(list(result.findings))
        verdict = verdict_label(result.verdict, ui_language())
        self.verdict.setText(tr("ui.summary.verdict", verdict=verdict,
                                counts=counts or tr("ui.summary.no_findings")))
        self._set_tone("", self.verdict, VERDICT_TONE[result.verdict])
        for principle, findings in findings_by_principle(result).items():
            badge = self.badges.get(principle)
            if badge is None:
                continue
            name = principle_label(principle, ui_language())
            badge.setText(f"{name}  {len(findings)}" if findings else f"{name}  ✓")
            detail = _counts(findings) or tr("ui.summary.no_findings")
            badge.setToolTip(tr("ui.summary.badge_tip", principle=name, detail=detail))
            badge.setAccessibleName(tr("ui.summary.badge_name", principle=name, detail=detail))
            self._set_tone(principle, badge, _tone(findings))
        self._fit_width()      # the badges' texts (and widths) may have changed
        self._fit_height()

    def _no_plan(self) -> None:
        self.verdict.setText(tr("ui.findings.no_plan"))
        self._tones[""] = "neutral"     # no tint: nothing is sound or wrong without a plan
        self.verdict.setStyleSheet("QLabel { padding: 4px 8px; }")
        for principle, badge in self.badges.items():
            if badge.isChecked():
                badge.setChecked(False)
            name = principle_label(principle, ui_language())
            badge.setText(name)
            badge.setToolTip("")
            badge.setAccessibleName(name)
            badge.setEnabled(False)
            self._tones[principle] = "neutral"
            badge.setStyleSheet("")
        self._fit_width()
        self._fit_height()

    def _set_tone(self, key: str, widget: QWidget, tone: str) -> None:
        if self._tones.get(key) == tone:
            return
        self._tones[key] = tone
        base = tone_style(self.palette(), tone)
        if widget is self.verdict:
            widget.setStyleSheet(f"QLabel {{ {base} padding: 4px 8px; }}")
        else:
            widget.setStyleSheet(f"QToolButton {{ {base} }} QToolButton:checked {{ "
                                 "border-width: 2px; font-weight: bold; } "
                                 "QToolButton:focus { border-style: dashed; }")

    def chosen(self) -> str | None:
        return next((p for p, b in self.badges.items() if b.isChecked()), None)

    def _toggled(self, principle: str, on: bool) -> None:
        if on:
            for other, badge in self.badges.items():
                if other != principle and badge.isChecked():
                    badge.blockSignals(True)
                    badge.setChecked(False)
                    badge.blockSignals(False)
            self.principle_chosen.emit(principle)
        elif self.chosen() is None:
            self.principle_chosen.emit(None)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_height()

    def _fit_width(self) -> None:
        """At least as wide as the badges need to fit in `BADGE_ROWS_MAX` rows."""
        flow = self.flow
        row = max((b.sizeHint().height() for b in self.badges.values()), default=0)
        allowed = BADGE_ROWS_MAX * row + (BADGE_ROWS_MAX - 1) * flow.gap()
        low = flow.minimumSize().width()
        high = max(low, sum(b.sizeHint().width() + flow.gap()
                            for b in self.badges.values()))
        while low < high:         # the narrowest width at which the rows fit
            middle = (low + high) // 2
            if flow.heightForWidth(middle) <= allowed:
                high = middle
            else:
                low = middle + 1
        if low != self.minimumWidth():
            self.setMinimumWidth(low)

    def _fit_height(self) -> None:
        """As tall as the badges' rows at this width need: a short window shrinks the list
        below, never cuts a row of badges (a splitter does not ask for height-for-width)."""
        layout = self.layout()
        need = layout.heightForWidth(self.width()) if layout is not None else -1
        if need > 0 and need != self.minimumHeight():
            self.setMinimumHeight(need)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._fit_width()
        if event.type() == QEvent.Type.PaletteChange and self._tones:
            self._tones.clear()     # the tints derive from the palette: recompute them
            self.set_result(self._result)
