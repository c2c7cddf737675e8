"""File › Import Field Data… as an action. Built with the Planner; the dialog and the readers
behind it (`core.dataimport`: CSV, XLSX, ODS) are imported only when the user opens it."""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from pkdesk.ui.common.i18n import tr
from pkdesk.ui.planner.session import PlannerSession


def _open(parent: QWidget, session: PlannerSession) -> None:
    from pkdesk.ui.planner.performance.import_dialog import import_field_data

    import_field_data(parent, session, None)


def field_data_action(parent: QWidget, session: PlannerSession) -> QAction:
    """File › Import Field Data…, enabled while a plan is shown."""
    action = QAction(tr("ui.data_import.action"), parent)
    action.setObjectName("importFieldData")
    action.setStatusTip(tr("ui.data_import.tip"))
    action.triggered.connect(lambda: _open(parent, session))
    action.setEnabled(session.plan is not None)
    session.shown.connect(lambda: action.setEnabled(session.plan is not None))
    return action
