"""The page's right-hand column: the what-if banner over the findings, the toggles below; and
what the findings panel shows with what-ifs on (a perturbed copy's check, never stored)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QScrollArea, QSplitter, QVBoxLayout, QWidget

from pkdesk.core.checker import check
from pkdesk.core.errors import PkdeskError
from pkdesk.core.findings import CheckResult
from pkdesk.core.plan.model import Plan
from pkdesk.ui.common.i18n import ui_language
from pkdesk.ui.planner.whatif.whatif_banner import WhatIfBanner
from pkdesk.ui.planner.whatif.whatif_panel import WhatIfPanel


class WhatIfColumn:
    def __init__(self) -> None:
        self.whatifs = WhatIfPanel()
        self.banner = WhatIfBanner()

    def findings_column(self, findings: QWidget) -> QWidget:
        """The banner over the findings, the what-ifs below."""
        upper = QWidget()
        layout = QVBoxLayout(upper)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.banner)
        layout.addWidget(findings, 1)
        column = QSplitter(Qt.Orientation.Vertical)
        column.setObjectName("findingsColumn")
        column.setChildrenCollapsible(False)
        column.addWidget(upper)
        scroll = QScrollArea()      # the window's minimum height stays the findings panel's
        scroll.setObjectName("whatIfScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(self.whatifs)
        column.addWidget(scroll)
        column.setStretchFactor(0, 1)
        column.setStretchFactor(1, 0)
        column.setSizes([480, self.whatifs.sizeHint().height()])
        return column

    def checked_result(self, plan: Plan | None, baseline: CheckResult) -> CheckResult:
        """What the findings panel shows: ``baseline``, or the active what-ifs' result."""
        if plan is None or not self.whatifs.is_active():
            self.banner.hide()
            return baseline
        labels = self.whatifs.labels()
        try:
            after = check(self.whatifs.apply(plan), lang=ui_language())
        except PkdeskError as exc:
            self.whatifs.show_problem(str(exc))
            if not self.whatifs.model.checked():
                self.banner.hide()
                return baseline
            labels = [w.title_in(ui_language()) for w in self.whatifs.model.checked()]
            after = check(self.whatifs.apply_checked(plan), lang=ui_language())
        else:
            self.whatifs.show_problem("")
        self.banner.show_delta(labels, baseline, after)
        return after
