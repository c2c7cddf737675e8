"""The planner's scenario tools: branch a variant, compare plans, what-if toggles, stress
test, history. They work on the `PlannerSession` (and the page's what-if column and plan
selection, handed in); the window builds them and shows `menu`.

Branching and restoring go through the session's undo stack like every other change to plans;
what-ifs never touch a stored plan or the stack.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from pkdesk.core.compare import MAX_SCENARIOS, MIN_SCENARIOS, compare_plans
from pkdesk.core.stress import stress_test
from pkdesk.ui.scenarios.branch_dialog import BranchDialog
from pkdesk.ui.scenarios.comparison_view import ComparisonView
from pkdesk.ui.scenarios.history_panel import HistoryPanel
from pkdesk.core.plan.model import Plan
from pkdesk.ui.common.i18n import tr, ui_language
from pkdesk.ui.planner.session import user_name
from pkdesk.ui.scenarios.stress_dialog import StressDialog

if TYPE_CHECKING:
    from pkdesk.store.plan_repo import PlanRepository
    from pkdesk.ui.planner.session import PlannerSession
    from pkdesk.ui.planner.whatif.column import WhatIfColumn

W = TypeVar("W", bound=QWidget)


class ScenarioActions:
    def __init__(self, session: PlannerSession, whatif: WhatIfColumn,
                 selected_ids: Callable[[], list[int]], parent: QWidget) -> None:
        self.session = session
        self.parent = parent
        self.settings: QSettings | None = None    # the window's, where windows keep their size
        self.selected_ids = selected_ids
        self.branch = self._action("branch", "Ctrl+B")
        self.compare = self._action("compare", "Ctrl+Shift+M")
        self.stress = self._action("stress", "")
        self.history = self._action("history", "Ctrl+H")
        self.all = [self.branch, self.compare, self.stress, self.history]
        self.menu = QMenu(tr("ui.menu.scenario"), parent)
        self.menu.addActions(self.all)
        self.branch.triggered.connect(self.ask_branch)
        self.compare.triggered.connect(self.compare_selected)
        self.stress.triggered.connect(self.show_stress)
        self.history.triggered.connect(self.show_history)

        self.whatifs, self.banner = whatif.whatifs, whatif.banner
        self.whatifs.stress_requested.connect(self.show_stress)
        session.saved.connect(self.revision_saved)
        self.history_panel: HistoryPanel | None = None
        self.windows: list[QWidget] = []      # comparison and stress windows still open
        self.update_enabled()

    def _action(self, name: str, shortcut: str) -> QAction:
        """The action ``ui.scenario.<name>``, with its ``_tip`` and toolbar ``_icon`` text."""
        tip = tr(f"ui.scenario.{name}_tip")
        action = QAction(tr(f"ui.scenario.{name}"), self.parent)
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

    def update_enabled(self) -> None:
        shown = self.session.plan is not None and self.session.repo is not None
        for action in (self.branch, self.stress, self.history):
            action.setEnabled(shown)
        self.whatifs.stress_button.setEnabled(shown)
        self.compare.setEnabled(self.session.repo is not None
                                and MIN_SCENARIOS <= len(self.selected_ids()) <= MAX_SCENARIOS)

    # The page's hooks -------------------------------------------------------------------------

    def plan_shown(self) -> None:
        self.update_enabled()
        if self.history_panel is not None and self.history_panel.isVisible():
            self._show_history_of_current()

    def revision_saved(self, plan_id: int, _number: int) -> None:
        panel = self.history_panel
        if panel is not None and panel.isVisible() and panel.plan_id == plan_id:
            plan = self.session.plan
            panel.plan_title = plan.title if plan else panel.plan_title
            panel.reload()

    # Branch -----------------------------------------------------------------------------------

    def ask_branch(self) -> BranchDialog | None:
        session = self.session
        if session.plan is None or session.plan_id is None or session.repo is None:
            return None
        session.flush()
        changes = tr("ui.list_sep").join(self.whatifs.labels()) if self.whatifs.is_active() else ""
        dialog = BranchDialog(session.plan.title, changes, self.parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        plan_id = session.plan_id
        dialog.accepted.connect(lambda: self.branch_plan(plan_id, dialog.title_text(),
                                                         dialog.changes_text()))
        dialog.open()
        return dialog

    def branch_plan(self, plan_id: int, title: str, changes: str) -> int | None:
        session = self.session

        def shown(new_id: int) -> int:
            session.plan_added.emit(new_id)
            return new_id

        return session.run(tr("ui.scenario.cannot_branch"),
                           lambda repo: repo.branch(plan_id, title or None, changes,
                                                    author=user_name()),
                           undo=lambda new_id: session.presence(
                               new_id, True, tr("ui.undo.branch", title=title)),
                           show=shown, done=lambda _: tr("ui.scenario.branched", title=title))

    # Compare ----------------------------------------------------------------------------------

    def compare_selected(self) -> ComparisonView | None:
        session = self.session
        ids = self.selected_ids()
        if session.repo is None or not MIN_SCENARIOS <= len(ids) <= MAX_SCENARIOS:
            session.message.emit(tr("ui.scenario.select_plans", low=MIN_SCENARIOS,
                                    high=MAX_SCENARIOS))
            return None
        comparison = session.run(tr("ui.scenario.cannot_compare"), lambda repo: compare_plans(
            [(f"plan {i}", repo.get(i)) for i in ids], lang=ui_language()))
        if comparison is None:
            return None
        return self._keep(ComparisonView(comparison, session.repo.db, self.parent,
                                         self.settings))

    # Stress test and history ------------------------------------------------------------------

    def show_stress(self) -> StressDialog | None:
        plan = self.session.plan
        if plan is None:
            return None
        report = stress_test(plan, self.whatifs.pack, lang=ui_language())
        db = self.session.repo.db if self.session.repo is not None else None
        return self._keep(StressDialog(report, db, self.parent))

    def show_history(self) -> HistoryPanel | None:
        if self.session.plan_id is None:
            return None
        if self.history_panel is None:
            self.history_panel = HistoryPanel(self.parent)
            self.history_panel.restore_requested.connect(self.restore)
        self._show_history_of_current()
        if self.history_panel.isVisible():     # already open behind the main window
            self.history_panel.raise_()
            self.history_panel.activateWindow()
        self.history_panel.show()
        return self.history_panel

    def show_revision(self, number: int) -> HistoryPanel | None:
        """History of the plan shown, with revision ``number`` selected (a review's link)."""
        panel = self.show_history()
        if panel is not None:
            panel.select_numbers([number])
        return panel

    def _show_history_of_current(self) -> None:
        session, panel = self.session, self.history_panel
        assert panel is not None
        session.flush()      # the pending edit is a revision too
        panel.show_plan(session.repo, session.plan_id,
                        session.plan.title if session.plan else "")

    def restore(self, plan_id: int, number: int) -> None:
        """Revision ``number`` becomes current as a new revision; Undo goes back (another
        new revision), so nothing is ever lost."""
        session = self.session
        if session.repo is None or session.autosaver is None:
            return
        if plan_id != session.plan_id:
            session.select_requested.emit(plan_id)

        def restore(repo: PlanRepository) -> int:
            revision = repo.restore(plan_id, number, author=user_name())
            restored.append(repo.current(plan_id))
            return revision

        restored: list[tuple[Plan, int]] = []
        revision = session.run(tr("ui.scenario.cannot_restore"), restore)
        if revision is None:
            return
        plan, current = restored[0]
        session.autosaver.known(plan_id, plan, current)  # stored already: the edit writes nothing
        session.edit(tr("ui.undo.restore", number=number), plan)
        session.message.emit(tr("ui.scenario.restored", number=number, revision=revision))
        if self.history_panel is not None:
            self.history_panel.reload()

    def _keep(self, window: W) -> W:
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.windows.append(window)
        window.destroyed.connect(lambda *_: self.windows.remove(window)
                                 if window in self.windows else None)
        window.show()
        return window
