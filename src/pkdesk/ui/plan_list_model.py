"""The plans in the database as a list: title shown, id and uid kept for the page.

The order is the repository's (most recently changed first) as of the last `set_plans`; it
does not jump while the user types, only titles are updated in place.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

if TYPE_CHECKING:
    from pkdesk.store.plan_repo import PlanSummary

_Index = QModelIndex | QPersistentModelIndex
PLAN_ID_ROLE = Qt.ItemDataRole.UserRole + 1
PLAN_UID_ROLE = Qt.ItemDataRole.UserRole + 2
PARENT_UID_ROLE = Qt.ItemDataRole.UserRole + 3


class PlanListModel(QAbstractListModel):
    def __init__(self, parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._plans: list[PlanSummary] = []

    def set_plans(self, plans: Sequence[PlanSummary]) -> None:
        self.beginResetModel()
        self._plans = list(plans)
        self.endResetModel()

    def plans(self) -> list[PlanSummary]:
        return list(self._plans)

    def row_of(self, plan_id: int) -> int | None:
        return next((i for i, p in enumerate(self._plans) if p.id == plan_id), None)

    def plan_id(self, row: int) -> int | None:
        return self._plans[row].id if 0 <= row < len(self._plans) else None

    def set_title(self, plan_id: int, title: str) -> None:
        row = self.row_of(plan_id)
        if row is not None and self._plans[row].title != title:
            self._plans[row] = replace(self._plans[row], title=title)
            index = self.index(row)
            self.dataChanged.emit(index, index, [Qt.ItemDataRole.DisplayRole])

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._plans)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._plans):
            return None
        plan = self._plans[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return plan.title or "(untitled)"
        if role == Qt.ItemDataRole.ToolTipRole:
            return (f"{plan.title}\nRevision {plan.revision}, changed "
                    f"{plan.updated_at:%Y-%m-%d %H:%M} UTC")
        if role == PLAN_ID_ROLE:
            return plan.id
        if role == PLAN_UID_ROLE:
            return plan.uid
        if role == PARENT_UID_ROLE:
            return plan.parent_uid
        return None
