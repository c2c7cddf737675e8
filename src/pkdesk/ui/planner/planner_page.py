"""The Planner page: the plan list, the plan's form and its findings, checked as you type.

The planner's state (repository, autosaver, undo stack, the plan shown as an immutable `Plan`
value) is the `PlannerSession`; the page shows it and is the undo stack's target. Plan-list
operations (new, duplicate, delete, import, export) live in `PlanListActions`; the scenario
tools (`ui.scenarios`) are given the session by the window.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QItemSelectionModel, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import (QAbstractItemView, QLabel, QListView, QTabWidget,
                               QToolBar, QVBoxLayout, QWidget)

from pkdesk.core.checker import check
from pkdesk.core.findings import CheckResult, Finding
from pkdesk.core.plan.model import Acknowledgement, Party, Plan, Strategy
from pkdesk.core.plan.edits import (FIELD_LABELS, acknowledge_finding, acknowledgement_of,
                                    insert_party, insert_strategy, remove_party, remove_strategy,
                                    replace_party, replace_strategy, unique_name, with_field,
                                    withdraw, withdraw_finding)
from pkdesk.ui.planner.columns_splitter import ColumnsSplitter
from pkdesk.ui.planner.findings.acknowledge_dialog import AcknowledgeDialog
from pkdesk.ui.planner.findings.finding_subject import rule_with_subject
from pkdesk.ui.planner.findings.findings_panel import FindingsPanel
from pkdesk.ui.common.i18n import has, tr, ui_language
from pkdesk.ui.planner.form.plan_form import PlanForm
from pkdesk.ui.planner.performance.performance_tab import PerformanceTab
from pkdesk.ui.planner.plan_list_actions import PlanListActions
from pkdesk.ui.planner.plan_list_model import PlanListModel
from pkdesk.ui.planner.lineage_delegate import LineageDelegate
from pkdesk.ui.planner.session import PlannerSession, user_name
from pkdesk.ui.planner.whatif.column import WhatIfColumn
from pkdesk.ui.common.severity_style import tone_style

if TYPE_CHECKING:
    from pkdesk.store.plan_repo import PlanRepository
    from pkdesk.ui.planner.autosave import Autosaver

CHECK_DELAY_MS = 0   # coalesces the edits of one event-loop pass into one check


class PlannerPage(QWidget):
    citation_requested = Signal(str, str)
    """(node id, quote): show this passage in the Reference page."""
    message = Signal(str)
    activate_requested = Signal()
    """A plan was added (perhaps from another page's menu): show the Planner."""
    plan_shown = Signal()
    """Another plan (or none) is shown."""
    selection_changed = Signal()
    """The plans selected in the list changed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("plannerPage")
        self.session = session = PlannerSession(self)
        session.dialog_parent = self
        session.target = self
        session.message.connect(self.message)
        session.invalid.connect(self._invalid)
        session.plans_changed.connect(self._plans_changed)
        session.plan_added.connect(self.activate_requested)
        session.select_requested.connect(self.select_plan)
        session.refused.connect(self._show_stored)
        self._wanted: int | None = None     # the plan shown last time, until attached
        self.result = CheckResult(plan_title="")
        self.undo_action = self.undo_stack.createUndoAction(self, tr("ui.plan.undo"))
        self.undo_action.setShortcuts([QKeySequence(QKeySequence.StandardKey.Undo)])
        self.redo_action = self.undo_stack.createRedoAction(self, tr("ui.plan.redo"))
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])

        self.list_model = PlanListModel(self)
        self.list_view = QListView()
        self.list_view.setObjectName("planList")
        self.list_view.setAccessibleName(tr("ui.plan.list_name"))
        self.list_view.setModel(self.list_model)
        self.list_view.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.list_view.setWordWrap(True)      # long mission titles stay readable
        self.list_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list_view.setResizeMode(QListView.ResizeMode.Adjust)
        self.list_view.setSpacing(2)
        self.list_view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list_view.setItemDelegate(LineageDelegate(self.list_view))
        self.list_view.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self._plan_chosen(current.row()))
        self.list_view.selectionModel().selectionChanged.connect(
            lambda *_: self.selection_changed.emit())
        self.list_model.modelReset.connect(self.selection_changed)
        self.form = PlanForm()
        self.form.setEnabled(False)
        self.form.title_problem.setStyleSheet(
            f"QLabel {{ {tone_style(self.palette(), 'blocker')} }}")
        self.form.problem.setStyleSheet(f"QLabel {{ {tone_style(self.palette(), 'blocker')} }}")
        # The plan's form and its Performance beside it, as two tabs of the middle column.
        self.performance = PerformanceTab(session)
        self.plan_tabs = QTabWidget()
        self.plan_tabs.setObjectName("planTabs")
        self.plan_tabs.setDocumentMode(True)
        self.plan_tabs.addTab(self.form, tr("ui.plan.tab_form"))
        self.plan_tabs.addTab(self.performance, tr("ui.plan.tab_performance"))
        self.show_form_action = self._tab_action(self.form, "ui.plan.tab_form_action",
                                                 "Ctrl+Shift+F")
        self.show_performance_action = self._tab_action(
            self.performance, "ui.plan.tab_performance_action", "Ctrl+Shift+R")
        self.performance.scenario_requested.connect(self.show_scenario)
        self.findings = FindingsPanel()
        self.empty = QLabel(tr("ui.plan.empty"))
        self.empty.setTextFormat(Qt.TextFormat.PlainText)
        self.empty.setWordWrap(True)
        self.plan_actions = PlanListActions(session, self)
        # Delete on the focused plan list deletes too (after the same confirmation).
        list_delete = QAction(self.list_view)
        list_delete.setShortcut(QKeySequence.StandardKey.Delete)
        list_delete.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        list_delete.triggered.connect(self.plan_actions.confirm_delete)
        self.list_view.addAction(list_delete)
        self.plan_actions.created.connect(self._title_ready)
        self.whatif = WhatIfColumn()
        self.whatif.whatifs.changed.connect(self.recheck)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        plans_label = QLabel(tr("ui.plan.list_label"))
        plans_label.setBuddy(self.list_view)
        left_layout.addWidget(plans_label)
        left_layout.addWidget(self.list_view, 1)
        left_layout.addWidget(self.empty)
        # The form gets the room a small screen leaves (`columns_splitter`).
        self.splitter = ColumnsSplitter()
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.plan_tabs)
        self.splitter.addWidget(self.whatif.findings_column(self.findings))
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setStretchFactor(2, 1)
        self.splitter.setSizes([200, 500, 500])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        # A team database's limit on this user (reader, reviewer), said above the form.
        self.access_banner = QLabel()
        self.access_banner.setObjectName("accessBanner")
        self.access_banner.setTextFormat(Qt.TextFormat.PlainText)
        self.access_banner.setWordWrap(True)
        self.access_banner.setVisible(False)
        layout.addWidget(self.access_banner)
        layout.addWidget(self.splitter)
        self.toolbar = self._toolbar()

        self._check_timer = QTimer(self)
        self._check_timer.setSingleShot(True)
        self._check_timer.setInterval(CHECK_DELAY_MS)
        self._check_timer.timeout.connect(self.recheck)
        self.form.field_edited.connect(self._field_edited)
        self.form.parties.row_edited.connect(self._party_edited)
        self.form.parties.refused.connect(self.message)
        self.form.party_editor.add_requested.connect(self.add_party)
        self.form.party_editor.remove_requested.connect(self.remove_party)
        self.form.strategies.row_edited.connect(self._strategy_edited)
        self.form.strategy_editor.add_requested.connect(self.add_strategy)
        self.form.strategy_editor.remove_requested.connect(self.remove_strategy)
        self.findings.citation_requested.connect(self.citation_requested)
        self.findings.acknowledge_requested.connect(self.ask_acknowledgement)
        self.findings.withdraw_requested.connect(self.withdraw_acknowledgement)
        self.findings.remove_stale_requested.connect(self.remove_stale_acknowledgement)

    def _tab_action(self, tab: QWidget, text: str, keys: str) -> QAction:
        """A shortcut to one tab of the middle column (its tooltip names the keys)."""
        action = QAction(tr(text), self)
        action.setShortcut(QKeySequence(keys))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(lambda: self._show_tab(tab))
        self.addAction(action)
        index = self.plan_tabs.indexOf(tab)
        native = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        self.plan_tabs.setTabToolTip(index, f"{tr(text).replace('&', '')} ({native})")
        return action

    def _show_tab(self, tab: QWidget) -> None:
        self.plan_tabs.setCurrentWidget(tab)
        tab.setFocus(Qt.FocusReason.ShortcutFocusReason)
        tab.focusNextChild()

    def show_scenario(self, uid: str) -> None:
        """Show the plan (a scenario a review branched) with this uid, if it is still there."""
        def find(repo: PlanRepository) -> int:
            return repo.get_by_uid(uid)[0]

        plan_id = self.session.run(tr("ui.performance.review.cannot_follow"), find)
        if plan_id is not None:
            self.select_plan(plan_id)

    def _toolbar(self) -> QToolBar:
        bar = QToolBar(tr("ui.toolbar.planner"))
        bar.setObjectName("plannerToolbar")
        bar.setMovable(False)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)  # few themes have them all
        bar.addActions(self.plan_actions.all)
        bar.addSeparator()   # the window puts the scenario tools here (`add_tools`)
        bar.addAction(self.undo_action)
        bar.addAction(self.redo_action)
        return bar

    def add_tools(self, actions: list[QAction]) -> None:
        """More tools on the toolbar, before Undo and Redo."""
        self.toolbar.insertActions(self.undo_action, actions)
        self.toolbar.insertSeparator(self.undo_action)

    # The session's state, as the page shows it --------------------------------------------

    @property
    def repo(self) -> PlanRepository | None:
        return self.session.repo

    @property
    def autosaver(self) -> Autosaver | None:
        return self.session.autosaver

    @property
    def undo_stack(self) -> QUndoStack:
        return self.session.undo_stack

    @property
    def plan_id(self) -> int | None:
        return self.session.plan_id

    @property
    def plan(self) -> Plan | None:
        return self.session.plan

    def attach(self, repo: PlanRepository) -> None:
        self.session.attach(repo)
        self.access_banner.setText(self.session.access_note)
        self.access_banner.setVisible(bool(self.session.access_note))
        self.reload_list(select=self._wanted)

    def _show_stored(self, plan_id: int) -> None:
        """An edit the team database refused: show the plan as it is stored."""
        stored = self.autosaver.stored(plan_id) if self.autosaver is not None else None
        if stored is not None and plan_id == self.plan_id:
            self._show(plan_id, stored)

    def selected_ids(self) -> list[int]:
        """The plans selected in the list, in list order."""
        rows = sorted(i.row() for i in self.list_view.selectionModel().selectedIndexes())
        ids = [self.list_model.plan_id(r) for r in rows]
        return [i for i in ids if i is not None]

    def _plans_changed(self, select: object) -> None:
        self.reload_list(select=select if isinstance(select, int) else None)

    # Showing plans -------------------------------------------------------------------------

    def reload_list(self, select: int | None = None) -> None:
        """Read the plan list again; show `select` (or the plan shown, or the first)."""
        if self.repo is None:
            return
        wanted = select if select is not None else self.plan_id
        self.list_model.set_source(self.repo)   # the first page; the rest as scrolled to
        row = self.list_model.row_of(wanted) if wanted is not None else None
        if row is None and self.list_model.rowCount():
            row = 0
        self.empty.setVisible(self.list_model.rowCount() == 0)
        if row is None:
            self._show(None, None)
        else:
            self.select_plan(self.list_model.plan_id(row))

    def select_plan(self, plan_id: int | None) -> None:
        row = self.list_model.row_of(plan_id) if plan_id is not None else None
        if row is None:
            return
        self.list_view.selectionModel().setCurrentIndex(
            self.list_model.index(row), QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self._plan_chosen(row)

    def _plan_chosen(self, row: int) -> None:
        plan_id = self.list_model.plan_id(row)
        if plan_id is None or plan_id == self.plan_id or self.repo is None:
            return
        current = self.session.run(None, lambda repo: repo.current(plan_id))
        if current is None:
            return
        plan, revision = current
        assert self.autosaver is not None
        self.autosaver.known(plan_id, plan, revision)
        self._show(plan_id, plan)

    def _show(self, plan_id: int | None, plan: Plan | None) -> None:
        self.session.plan_id, self.session.plan = plan_id, plan
        self.form.setEnabled(plan is not None and self.session.may_edit)
        self.form.show_problem("")
        if plan is not None:
            self.form.set_plan(plan)
        self.performance.set_plan(plan)
        self.plan_actions.update_enabled()
        self.plan_shown.emit()
        self.recheck()
        self.session.shown.emit()

    def recheck(self) -> None:
        self._check_timer.stop()
        self.result = (check(self.plan, lang=ui_language()) if self.plan is not None
                       else CheckResult(plan_title=""))
        # With what-ifs on, the panel shows a perturbed copy's findings; `result` stays the plan's.
        # No plan: a neutral panel (not "sound"), and no what-if to try on nothing.
        self.whatif.whatifs.setEnabled(self.plan is not None)
        self.findings.set_result(self.whatif.checked_result(self.plan, self.result)
                                 if self.plan is not None else None, self.plan)

    def flush(self) -> None:
        """Write any pending edit now (switching plans, closing the window)."""
        self.session.flush()

    # The undo stack's target ---------------------------------------------------------------

    def apply_plan(self, plan_id: int, plan: Plan) -> None:
        if plan_id != self.plan_id:
            self.select_plan(plan_id)
            if plan_id != self.plan_id:
                return   # the plan is gone (cannot happen while the stack is linear)
        self.session.plan = plan
        self.form.set_plan(plan)
        self.performance.set_plan(plan)
        self.list_model.set_title(plan_id, plan.title)
        assert self.autosaver is not None
        self.autosaver.changed(plan_id, plan)
        self._check_timer.start()

    def set_plan_present(self, plan_id: int, present: bool) -> None:
        def change(repo: PlanRepository) -> bool:
            if present:
                repo.undelete(plan_id)
            else:
                repo.delete(plan_id)
            return True

        if self.session.run(None, change) is None:
            return
        if not present and plan_id == self.plan_id:
            self.session.plan_id = self.session.plan = None
        self.reload_list(select=plan_id if present else None)

    def _title_ready(self) -> None:
        self.form.title.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.form.title.selectAll()

    # Edits ----------------------------------------------------------------------------------

    def edit(self, text: str, after: Plan, merge_key: object = None) -> None:
        self.session.edit(text, after, merge_key)

    def _field_edited(self, key: str, value: object, typing: bool) -> None:
        if self.plan is not None:
            field = (tr(f"ui.undo_field.{key}") if has(f"ui.undo_field.{key}")
                     else FIELD_LABELS.get(key, key))
            self.edit(tr("ui.undo.field", field=field), with_field(self.plan, key, value),
                      (key, self.form.session) if typing else None)

    def add_party(self, row: int) -> None:
        if self.plan is None:
            return
        name = unique_name(tr("ui.plan.new_party"), self.plan.party_names())
        self.edit(tr("ui.undo.add_party", name=name),
                  insert_party(self.plan, row, Party(name=name)))
        self._edit_cell(self.form.party_editor, row)

    def remove_party(self, row: int) -> None:
        if self.plan is not None and 0 <= row < len(self.plan.parties):
            name = self.plan.parties[row].name
            self.edit(tr("ui.undo.remove_party", name=name), remove_party(self.plan, row))

    def _party_edited(self, row: int, party: Party) -> None:
        if self.plan is not None and 0 <= row < len(self.plan.parties):
            self.edit(tr("ui.undo.edit_party", name=party.name),
                      replace_party(self.plan, row, party))

    def add_strategy(self, row: int) -> None:
        if self.plan is None:
            return
        strategy = Strategy(kind="dialogue_channels")
        self.edit(tr("ui.undo.add_strategy"), insert_strategy(self.plan, row, strategy))
        self._edit_cell(self.form.strategy_editor, row)

    def remove_strategy(self, row: int) -> None:
        if self.plan is not None and 0 <= row < len(self.plan.strategies):
            self.edit(tr("ui.undo.remove_strategy"), remove_strategy(self.plan, row))

    def _strategy_edited(self, row: int, strategy: Strategy) -> None:
        if self.plan is not None and 0 <= row < len(self.plan.strategies):
            self.edit(tr("ui.undo.edit_strategy"), replace_strategy(self.plan, row, strategy))

    @staticmethod
    def _edit_cell(editor: object, row: int) -> None:
        from pkdesk.ui.planner.form.item_table_editor import ItemTableEditor

        assert isinstance(editor, ItemTableEditor)
        editor.select_row(row)
        editor.table.setFocus()
        editor.table.edit(editor.table.currentIndex())

    # Acknowledgements ------------------------------------------------------------------------

    def ask_acknowledgement(self, finding: Finding) -> AcknowledgeDialog:
        dialog = AcknowledgeDialog(finding, self, self.plan)
        if self.plan is not None:
            earlier = acknowledgement_of(self.plan, finding)
            if earlier is not None:
                dialog.reason.setPlainText(earlier.reason)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.acknowledge(finding, dialog.reason_text()))
        dialog.open()
        return dialog

    def acknowledge(self, finding: Finding, reason: str) -> None:
        """Acknowledge this one finding (its rule and subject), never the rule as a whole."""
        if self.plan is None or not reason:
            return
        at = datetime.now(timezone.utc).isoformat(timespec="seconds")
        which = rule_with_subject(finding.rule, finding.subject, self.plan)
        self.edit(tr("ui.undo.acknowledge", rule=which),
                  acknowledge_finding(self.plan, finding, reason, by=user_name(), at=at))

    def withdraw_acknowledgement(self, finding: Finding) -> None:
        if self.plan is not None:
            which = rule_with_subject(finding.rule, finding.subject, self.plan)
            self.edit(tr("ui.undo.withdraw", rule=which), withdraw_finding(self.plan, finding))

    def remove_stale_acknowledgement(self, ack: Acknowledgement) -> None:
        """Drop an acknowledgement that applies to no finding (undoable)."""
        if self.plan is not None:
            self.edit(tr("ui.undo.remove_stale", rule=rule_with_subject(ack.rule, ack.subject,
                                                                         self.plan)),
                      withdraw(self.plan, ack.rule, ack.subject))

    # State ----------------------------------------------------------------------------------

    def _invalid(self, plan_id: int, why: str) -> None:
        if plan_id == self.plan_id:
            self.form.show_problem(why)

    def save_state(self, settings: QSettings) -> None:
        settings.setValue("planner/splitter", self.splitter.saveState())
        settings.setValue("planner/findingsSplitter", self.findings.splitter.saveState())
        settings.setValue("planner/whatIfsShown", self.whatif.whatifs.is_expanded())
        if self.plan_id is not None:
            settings.setValue("planner/lastPlan", self.plan_id)

    def restore_state(self, settings: QSettings) -> None:
        self.findings.zoom.restore(settings)
        for key, splitter in (("planner/splitter", self.splitter),
                              ("planner/findingsSplitter", self.findings.splitter)):
            state = settings.value(key)
            if isinstance(state, QByteArray) and splitter.restoreState(state) \
                    and splitter is self.splitter:
                self.splitter.user_sized = True     # the user's last layout, kept
        self.whatif.whatifs.set_expanded(
            str(settings.value("planner/whatIfsShown", "false")).lower() == "true")
        last = settings.value("planner/lastPlan")
        self._wanted = int(last) if isinstance(last, (int, str)) and str(last).isdigit() else None
        if self.repo is not None and self._wanted is not None:
            self.select_plan(self._wanted)
