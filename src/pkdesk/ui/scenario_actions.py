"""The planner's scenario tools: branch a variant, compare plans, what-if toggles, stress
test, history. Owned by the Planner page; the window shows `menu`.

Branching and restoring go through the page's undo stack like every other change to plans;
what-ifs never touch a stored plan or the stack (`checked_result` checks a perturbed copy).
"""

from __future__ import annotations

import getpass
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QMenu, QScrollArea, QSplitter, QVBoxLayout, QWidget

from pkdesk.core.checker import check
from pkdesk.core.compare import MAX_SCENARIOS, MIN_SCENARIOS, compare_plans
from pkdesk.core.errors import PkdeskError
from pkdesk.core.findings import CheckResult
from pkdesk.core.plan import Plan
from pkdesk.core.stress import stress_test
from pkdesk.ui.branch_dialog import BranchDialog
from pkdesk.ui.comparison_view import ComparisonView
from pkdesk.ui.history_panel import HistoryPanel
from pkdesk.ui.i18n import tr, ui_language
from pkdesk.ui.lineage_delegate import LineageDelegate
from pkdesk.ui.plan_drop import tell
from pkdesk.ui.stress_dialog import StressDialog
from pkdesk.ui.whatif_banner import WhatIfBanner
from pkdesk.ui.whatif_panel import WhatIfPanel

if TYPE_CHECKING:
    from pkdesk.ui.planner_page import PlannerPage

W = TypeVar("W", bound=QWidget)


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return ""


class ScenarioActions:
    def __init__(self, page: PlannerPage) -> None:
        self.page = page
        self.branch = self._action("branch", "Ctrl+B")
        self.compare = self._action("compare", "Ctrl+Shift+M")
        self.stress = self._action("stress", "")
        self.history = self._action("history", "Ctrl+H")
        self.all = [self.branch, self.compare, self.stress, self.history]
        self.menu = QMenu(tr("ui.menu.scenario"), page)
        self.menu.addActions(self.all)
        self.branch.triggered.connect(self.ask_branch)
        self.compare.triggered.connect(self.compare_selected)
        self.stress.triggered.connect(self.show_stress)
        self.history.triggered.connect(self.show_history)

        self.whatifs = WhatIfPanel()
        self.banner = WhatIfBanner()
        self.whatifs.changed.connect(page.recheck)
        self.whatifs.stress_requested.connect(self.show_stress)
        self.history_panel: HistoryPanel | None = None
        self.windows: list[QWidget] = []      # comparison and stress windows still open

        view = page.list_view
        view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        view.setItemDelegate(LineageDelegate(view))
        view.selectionModel().selectionChanged.connect(lambda *_: self.update_enabled())
        page.list_model.modelReset.connect(self.update_enabled)

    def _action(self, name: str, shortcut: str) -> QAction:
        """The action ``ui.scenario.<name>``, with its ``_tip`` and toolbar ``_icon`` text."""
        tip = tr(f"ui.scenario.{name}_tip")
        action = QAction(tr(f"ui.scenario.{name}"), self.page)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            action.setToolTip(f"{tip} ({keys})")
        else:
            action.setToolTip(tip)
        action.setStatusTip(tip)
        action.setIconText(tr(f"ui.scenario.{name}_icon"))
        return action

    def findings_column(self, findings: QWidget) -> QWidget:
        """The page's right-hand column: the banner over the findings, the what-ifs below."""
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

    def update_enabled(self) -> None:
        shown = self.page.plan is not None and self.page.repo is not None
        for action in (self.branch, self.stress, self.history):
            action.setEnabled(shown)
        self.whatifs.stress_button.setEnabled(shown)
        self.compare.setEnabled(self.page.repo is not None
                                and MIN_SCENARIOS <= len(self.selected_ids()) <= MAX_SCENARIOS)

    # The page's hooks -------------------------------------------------------------------------

    def plan_shown(self) -> None:
        self.update_enabled()
        if self.history_panel is not None and self.history_panel.isVisible():
            self._show_history_of_current()

    def revision_saved(self, plan_id: int, _number: int) -> None:
        panel = self.history_panel
        if panel is not None and panel.isVisible() and panel.plan_id == plan_id:
            panel.plan_title = self.page.plan.title if self.page.plan else panel.plan_title
            panel.reload()

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

    # Branch -----------------------------------------------------------------------------------

    def ask_branch(self) -> BranchDialog | None:
        page = self.page
        if page.plan is None or page.plan_id is None or page.repo is None:
            return None
        page.flush()
        changes = tr("ui.list_sep").join(self.whatifs.labels()) if self.whatifs.is_active() else ""
        dialog = BranchDialog(page.plan.title, changes, page)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        plan_id = page.plan_id
        dialog.accepted.connect(lambda: self.branch_plan(plan_id, dialog.title_text(),
                                                         dialog.changes_text()))
        dialog.open()
        return dialog

    def branch_plan(self, plan_id: int, title: str, changes: str) -> int | None:
        page = self.page
        if page.repo is None:
            return None
        page.flush()
        try:
            new_id = page.repo.branch(plan_id, title or None, changes, author=_user())
        except PkdeskError as exc:
            tell(page, tr("ui.scenario.cannot_branch"), str(exc))
            return None
        page.plan_added(new_id, tr("ui.undo.branch", title=title))
        page.message.emit(tr("ui.scenario.branched", title=title))
        return new_id

    # Compare ----------------------------------------------------------------------------------

    def selected_ids(self) -> list[int]:
        """The plans selected in the list, in list order."""
        rows = sorted(i.row() for i in self.page.list_view.selectionModel().selectedIndexes())
        ids = [self.page.list_model.plan_id(r) for r in rows]
        return [i for i in ids if i is not None]

    def compare_selected(self) -> ComparisonView | None:
        page = self.page
        ids = self.selected_ids()
        if page.repo is None or not MIN_SCENARIOS <= len(ids) <= MAX_SCENARIOS:
            page.message.emit(tr("ui.scenario.select_plans", low=MIN_SCENARIOS,
                                 high=MAX_SCENARIOS))
            return None
        page.flush()
        try:
            named = [(f"plan {i}", page.repo.get(i)) for i in ids]
            comparison = compare_plans(named, lang=ui_language())
        except PkdeskError as exc:
            tell(page, tr("ui.scenario.cannot_compare"), str(exc))
            return None
        view = ComparisonView(comparison, page.repo.db, page)
        return self._keep(view)

    # Stress test and history ------------------------------------------------------------------

    def show_stress(self) -> StressDialog | None:
        page = self.page
        if page.plan is None:
            return None
        report = stress_test(page.plan, self.whatifs.pack, lang=ui_language())
        return self._keep(StressDialog(report, page))

    def show_history(self) -> HistoryPanel | None:
        if self.page.plan_id is None:
            return None
        if self.history_panel is None:
            self.history_panel = HistoryPanel(self.page)
            self.history_panel.restore_requested.connect(self.restore)
        self._show_history_of_current()
        if self.history_panel.isVisible():     # already open behind the main window
            self.history_panel.raise_()
            self.history_panel.activateWindow()
        self.history_panel.show()
        return self.history_panel

    def _show_history_of_current(self) -> None:
        page, panel = self.page, self.history_panel
        assert panel is not None
        page.flush()      # the pending edit is a revision too
        panel.show_plan(page.repo, page.plan_id, page.plan.title if page.plan else "")

    def restore(self, plan_id: int, number: int) -> None:
        """Revision ``number`` becomes current as a new revision; Undo goes back (another
        new revision), so nothing is ever lost."""
        page = self.page
        if page.repo is None or page.autosaver is None:
            return
        if plan_id != page.plan_id:
            page.select_plan(plan_id)
        page.flush()
        try:
            revision = page.repo.restore(plan_id, number, author=_user())
            restored, current = page.repo.current(plan_id)
        except PkdeskError as exc:
            tell(page, tr("ui.scenario.cannot_restore"), str(exc))
            return
        page.autosaver.known(plan_id, restored, current)  # stored already: the edit writes nothing
        page.edit(tr("ui.undo.restore", number=number), restored)
        page.message.emit(tr("ui.scenario.restored", number=number, revision=revision))
        if self.history_panel is not None:
            self.history_panel.reload()

    def _keep(self, window: W) -> W:
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.windows.append(window)
        window.destroyed.connect(lambda *_: self.windows.remove(window)
                                 if window in self.windows else None)
        window.show()
        return window
