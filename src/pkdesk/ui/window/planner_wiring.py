"""The Planner page wired into the window once built: citations open in the Reference page,
messages in the status bar, the scenario tools on its toolbar, what can be printed following
what is shown, its shortcuts scoped to it, the status bar and the kept plan following edits."""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QStatusBar, QTabWidget

from pkdesk.ui.output.pdf_actions import PdfActions
from pkdesk.ui.planner.planner_page import PlannerPage
from pkdesk.ui.reference.reference_page import ReferencePage
from pkdesk.ui.scenarios.scenario_actions import ScenarioActions
from pkdesk.ui.window.page_scope import PageScopedShortcuts


class PlannerHost(Protocol):
    """What the wiring needs of the window (`MainWindow` is one)."""

    pages: QTabWidget
    reference: ReferencePage
    settings: QSettings
    page_shortcuts: PageScopedShortcuts

    def statusBar(self) -> QStatusBar: ...

    def open_citation(self, node_id: str, quote: str) -> None: ...

    def update_location(self, *_args: object) -> None: ...

    def remember_plan(self) -> None: ...


def wire_planner(host: PlannerHost, planner: PlannerPage, pdf: PdfActions) -> ScenarioActions:
    """Connect `planner` (and the PDF actions) to the window; its scenario tools, returned."""
    planner.citation_requested.connect(host.open_citation)
    planner.activate_requested.connect(lambda: host.pages.setCurrentWidget(planner))
    planner.message.connect(lambda text: host.statusBar().showMessage(text, 6000))
    planner.findings.node_title = host.reference.tree_model.title
    scenario = ScenarioActions(planner.session, planner.whatif, planner.selected_ids, planner)
    scenario.settings = host.settings
    planner.add_tools(scenario.all)
    planner.plan_shown.connect(scenario.plan_shown)
    planner.performance.revision_requested.connect(scenario.show_revision)
    planner.selection_changed.connect(scenario.update_enabled)
    planner.session.saved.connect(host.update_location)
    planner.session.shown.connect(host.update_location)   # e.g. a new plan, a variant
    # What can be printed follows what the Planner shows (the first plan created or
    # imported, the last deleted), whatever page the user is on; the page shown and the
    # Reference's topic are followed from the attach on (`MainWindow._build_attached_actions`).
    planner.session.shown.connect(pdf.update_enabled)
    return scenario


def scope_planner(host: PlannerHost, planner: PlannerPage) -> None:
    """The Planner's shortcuts act only while it is shown; the status bar and the plan kept
    for the next start follow its findings and its undo steps."""
    plans = planner.plan_actions
    host.page_shortcuts.scope(planner, [planner.undo_action, planner.redo_action,
                                        plans.duplicate, plans.delete, plans.export,
                                        planner.whatif.whatifs.toggle_action,
                                        planner.show_form_action,
                                        planner.show_performance_action])
    for signal in (planner.findings.model.modelReset, planner.undo_stack.indexChanged):
        signal.connect(host.update_location)
    planner.findings.model.modelReset.connect(host.remember_plan)
