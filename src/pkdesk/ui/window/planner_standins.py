"""The Planner's File-menu entries before the Planner page is built.

The Planner is built when it is first shown (or first needed), not when the database is
attached: until then these stand-ins hold its place at the top of File, with the same names
and shortcuts (New Plan, Ctrl+N; Import Plan…, Ctrl+O). Triggering one builds the Planner
and triggers the real action; once built, the real actions take their place
(`MainWindow._build_planner`). The ones that need a plan shown stay disabled, as the real
ones are without a plan."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from pkdesk.ui.common.i18n import tr

# (name in ui.plans.*, shortcut, usable without a plan shown): as PlanListActions makes them.
PLAN_ACTIONS: tuple[tuple[str, QKeySequence.StandardKey | str, bool], ...] = (
    ("new", QKeySequence.StandardKey.New, True),
    ("duplicate", "Ctrl+Shift+D", False),
    ("delete", "Ctrl+Shift+Delete", False),
    ("import", QKeySequence.StandardKey.Open, True),
    ("export", "Ctrl+Shift+E", False),
)


def plan_standins(parent: QWidget, run: Callable[[str], object]) -> list[QAction]:
    """Stand-ins for the plan list's actions and File › Import Field Data…; `run(name)` builds
    the Planner and triggers its action `name`."""
    actions = []
    for name, shortcut, usable in PLAN_ACTIONS:
        action = QAction(tr(f"ui.plans.{name}"), parent)
        action.setObjectName(f"planStandIn_{name}")
        action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.setEnabled(usable)
        action.triggered.connect(lambda _=False, name=name: run(name))
        actions.append(action)
    field_data = QAction(tr("ui.data_import.action"), parent)
    field_data.setEnabled(False)
    actions.append(field_data)
    return actions
