"""The plans in the database as a list: title shown, id and uid kept for the page.

The order is the repository's (most recently changed first) as of the last `set_plans`; it
does not jump while the user types, only titles are updated in place. Variants follow the
plan they were branched from, one level deeper (`DEPTH_ROLE`, drawn indented by the view's
`LineageDelegate`); a variant whose parent is not in the list stays at the top level.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt

from pkdesk.ui.common.i18n import tr
from pkdesk.ui.common.list_model import Index, ItemListModel
from pkdesk.ui.common.plain_tip import plain_tip

if TYPE_CHECKING:
    from pkdesk.store.plan_repo import PlanSummary

PLAN_ID_ROLE = Qt.ItemDataRole.UserRole + 1
PLAN_UID_ROLE = Qt.ItemDataRole.UserRole + 2
PARENT_UID_ROLE = Qt.ItemDataRole.UserRole + 3
DEPTH_ROLE = Qt.ItemDataRole.UserRole + 4
PARENT_TITLE_ROLE = Qt.ItemDataRole.UserRole + 5
# Rows handed to the view at a time (``canFetchMore``/``fetchMore``): with 10,000 plans the
# view lays out (word-wraps, measures) what it is shown, not the whole list.
BATCH = 200
# The roles that name the plan's parent (computing it is a dictionary look-up per call, and
# the view asks for many roles per row).
_PARENT_ROLES = (Qt.ItemDataRole.AccessibleTextRole, Qt.ItemDataRole.ToolTipRole,
                 PARENT_TITLE_ROLE)


def lineage_order(plans: Sequence[PlanSummary]) -> list[tuple[PlanSummary, int]]:
    """``plans`` with every variant right under its parent: (plan, depth), keeping the given
    order among siblings and among roots."""
    uids = {p.uid for p in plans}
    children: dict[str, list[PlanSummary]] = {}
    roots = []
    for p in plans:
        if p.parent_uid is not None and p.parent_uid in uids and p.parent_uid != p.uid:
            children.setdefault(p.parent_uid, []).append(p)
        else:
            roots.append(p)
    out: list[tuple[PlanSummary, int]] = []
    seen: set[str] = set()
    stack = [(p, 0) for p in reversed(roots)]
    while stack:
        plan, depth = stack.pop()
        if plan.uid in seen:
            continue
        seen.add(plan.uid)
        out.append((plan, depth))
        stack.extend((c, depth + 1) for c in reversed(children.get(plan.uid, [])))
    # A cycle of parents (only a hand-edited database could hold one) is listed flat.
    out.extend((p, 0) for p in plans if p.uid not in seen)
    return out


class PlanListModel(ItemListModel["PlanSummary"]):
    def __init__(self, parent: object = None) -> None:
        super().__init__(parent)
        self._depths: list[int] = []
        self._titles: dict[str, str] = {}     # uid -> title, for "branched from"
        self._shown = 0                        # rows the view has been given (fetchMore)

    def set_plans(self, plans: Sequence[PlanSummary]) -> None:
        ordered = lineage_order(plans)
        self._depths = [depth for _plan, depth in ordered]
        self._titles = {p.uid: p.title for p, _depth in ordered}
        self.beginResetModel()
        self._items = [p for p, _depth in ordered]
        self._shown = min(BATCH, len(self._items))
        self.endResetModel()

    # Lazy rows: the view asks for more as it scrolls to the end of what it has.

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else self._shown

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:
        return not parent.isValid() and self._shown < len(self._items)

    def fetchMore(self, parent: Index = QModelIndex()) -> None:
        if self.canFetchMore(parent):
            self._show_up_to(min(len(self._items), self._shown + BATCH) - 1)

    def _show_up_to(self, row: int) -> None:
        if row >= self._shown:
            self.beginInsertRows(QModelIndex(), self._shown, row)
            self._shown = row + 1
            self.endInsertRows()

    def total(self) -> int:
        """Every plan listed, shown to the view yet or not."""
        return len(self._items)

    def plans(self) -> list[PlanSummary]:
        return self.items()

    def row_of(self, plan_id: int) -> int | None:
        """The plan's row, handed to the view first if it was not yet (the current plan is
        shown and selected whatever its place in a long list)."""
        row = next((i for i, p in enumerate(self._items) if p.id == plan_id), None)
        if row is not None:
            self._show_up_to(row)
        return row

    def plan_id(self, row: int) -> int | None:
        return self._items[row].id if 0 <= row < len(self._items) else None

    def set_title(self, plan_id: int, title: str) -> None:
        row = self.row_of(plan_id)
        if row is not None and self._items[row].title != title:
            self._items[row] = self._items[row].replace(title=title)
            self._titles[self._items[row].uid] = title
            index = self.index(row)
            self.dataChanged.emit(index, index, [Qt.ItemDataRole.DisplayRole])
            uid = self._items[row].uid
            for i, p in enumerate(self._items[:self._shown]):   # "branched from" names it
                if p.parent_uid == uid:
                    self.dataChanged.emit(self.index(i), self.index(i))

    def item_data(self, plan: PlanSummary, row: int, role: int) -> object:
        if role == Qt.ItemDataRole.DisplayRole:
            return plan.title or tr("ui.plans.untitled")
        if role == DEPTH_ROLE:
            return self._depths[row]
        if role not in _PARENT_ROLES:
            return self._plain_role(plan, role)
        parent_title = self.parent_title(row)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            title = plan.title or tr("ui.plans.untitled")
            return (tr("ui.plans.variant_of", title=title, parent=parent_title)
                    if parent_title is not None else title)
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [plan.title]
            if parent_title is not None:
                lines.append(tr("ui.plans.branched_from", parent=parent_title))
            elif plan.parent_uid is not None:
                lines.append(tr("ui.plans.orphan_variant"))
            lines.append(tr("ui.plans.revision_tip", revision=plan.revision,
                            when=f"{plan.updated_at:%Y-%m-%d %H:%M}"))
            return plain_tip("\n".join(lines))
        return parent_title                # PARENT_TITLE_ROLE

    @staticmethod
    def _plain_role(plan: PlanSummary, role: int) -> object:
        if role == PLAN_ID_ROLE:
            return plan.id
        if role == PLAN_UID_ROLE:
            return plan.uid
        if role == PARENT_UID_ROLE:
            return plan.parent_uid
        return None

    def parent_title(self, row: int) -> str | None:
        """The title of the listed plan this one was branched from, if it is listed."""
        parent = self._items[row].parent_uid if 0 <= row < len(self._items) else None
        return self._titles.get(parent) if parent is not None else None
