"""The page's right-hand column: the what-if banner over the findings, the toggles in a tab
beside the finding's detail; and what the findings panel shows with what-ifs on (a perturbed
copy's check, never stored).

The what-ifs share the room below the findings list with the finding's detail, a tab each,
rather than taking it from the list: on a 1024×600 screen the list keeps five rows with the
what-ifs open, and a toggle's effect shows in the list beside it. Opening the what-ifs
(`WhatIfPanel.set_expanded`) shows their tab; showing the detail folds them.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QScrollArea, QVBoxLayout, QWidget

from pkdesk.core.checker import check
from pkdesk.core.errors import PkdeskError
from pkdesk.core.findings import CheckResult
from pkdesk.core.plan.model import Plan
from pkdesk.ui.common.i18n import tr, trn, ui_language
from pkdesk.ui.planner.findings.findings_panel import FindingsPanel
from pkdesk.ui.planner.whatif.whatif_banner import WhatIfBanner
from pkdesk.ui.planner.whatif.whatif_panel import WhatIfPanel


class WhatIfColumn:
    def __init__(self) -> None:
        self.whatifs = WhatIfPanel()
        self.banner = WhatIfBanner()

    def findings_column(self, findings: FindingsPanel) -> QWidget:
        """The banner over the findings; the what-ifs in a tab beside the finding's detail."""
        column = QWidget()
        column.setObjectName("findingsColumn")
        layout = QVBoxLayout(column)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.banner)
        layout.addWidget(findings, 1)
        scroll = QScrollArea()      # the window's minimum height stays the findings panel's
        scroll.setObjectName("whatIfScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(self.whatifs)
        self.whatifs.fits_splitter = False   # its tab has the room; no pane to resize
        self.whatifs.toggle.hide()           # the tab opens and folds it
        self.tabs = findings.lower_tabs
        self.tab = findings.add_lower_tab(scroll, tr("ui.whatif.tab"))
        self.tabs.currentChanged.connect(
            lambda index: self.whatifs.set_expanded(index == self.tab))
        self.whatifs.expanded_changed.connect(self._show_tab)
        self.whatifs.changed.connect(self._name_tab)
        self._show_tab(self.whatifs.is_expanded())
        return column

    def _show_tab(self, expanded: bool) -> None:
        self.tabs.setCurrentIndex(self.tab if expanded else 0)

    def _name_tab(self) -> None:
        on = len(self.whatifs.labels()) if self.whatifs.is_active() else 0
        name = tr("ui.whatif.tab")
        self.tabs.setTabText(self.tab, f"{name} {trn('ui.whatif.active_count', on)}" if on
                             else name)

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
