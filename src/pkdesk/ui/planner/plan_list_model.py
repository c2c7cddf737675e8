"""The plans in the database as a list: title shown, id and uid kept for the page.

The order is the repository's (most recently changed first) as of the last `set_source` (the
database, read a page at a time) or `set_plans` (a list in memory); it does not jump while
the user types, only titles are updated in place. Variants follow the
plan they were branched from, one level deeper (`DEPTH_ROLE`, drawn indented by the view's
`LineageDelegate`); a variant whose parent is not in the list stays at the top level.
"""

from __future__ import annotations

import builtins
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QModelIndex, Qt

from pkdesk.core.errors import PkdeskError
from pkdesk.ui.common.i18n import tr
from pkdesk.ui.common.list_model import Index, ItemListModel
from pkdesk.ui.common.plain_tip import plain_tip

if TYPE_CHECKING:
    from pkdesk.store.plan_repo import PlanSummary
    from pkdesk.store.queries import PageCursor

    # A page of rows (plan, depth) and whether more follow.
    Page = tuple[list[tuple[PlanSummary, int]], bool]

PLAN_ID_ROLE = Qt.ItemDataRole.UserRole + 1
PLAN_UID_ROLE = Qt.ItemDataRole.UserRole + 2
PARENT_UID_ROLE = Qt.ItemDataRole.UserRole + 3
DEPTH_ROLE = Qt.ItemDataRole.UserRole + 4
PARENT_TITLE_ROLE = Qt.ItemDataRole.UserRole + 5
# Rows handed to the view at a time (``canFetchMore``/``fetchMore``): with 10,000 plans the
# view lays out (word-wraps, measures) what it is shown, not the whole list, and from the
# database only that much is read (a page of top-level plans with their variants).
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


class PlanPages(Protocol):
    """Where a long plan list is read from a page at a time (``PlanRepository``)."""

    def list_page(self, after: PageCursor | None, roots: int
                  ) -> tuple[list[tuple[PlanSummary, int]], PageCursor | None]: ...

    def count(self) -> int: ...

    def listed(self, plan_id: int) -> bool: ...

    def list(self) -> builtins.list[PlanSummary]: ...


class PlanListModel(ItemListModel["PlanSummary"]):
    """The rows read so far are the rows the view has (``rowCount``); ``fetchMore`` reads
    the next ``BATCH``: from a list in memory (``set_plans``) or from the database, a page of
    ``BATCH`` top-level plans with their variants at a time (``set_source``)."""

    def __init__(self, parent: object = None) -> None:
        super().__init__(parent)
        self._depths: list[int] = []
        self._titles: dict[str, str] = {}     # uid -> title, for "branched from"
        self._ids: dict[int, int] = {}        # plan id -> row, of the rows read
        self._next: Callable[[], Page] | None = None     # reads the next page, if any
        self._listed: Callable[[int], bool] = lambda _plan_id: False
        self._total = 0

    def set_plans(self, plans: Sequence[PlanSummary]) -> None:
        """A list in memory, shown ``BATCH`` rows at a time."""
        ordered = lineage_order(plans)
        ids = {p.id for p in plans}
        at = 0

        def page() -> Page:
            nonlocal at
            at += BATCH
            return ordered[at - BATCH:at], at < len(ordered)

        self._start(page, len(ordered), ids.__contains__)

    def set_source(self, source: PlanPages) -> None:
        """The plans in the database, read a page at a time as the view asks for them: the
        first page, the count and the plan to show are what opening the Planner reads."""
        cursor: PageCursor | None = None
        seen: set[str] = set()
        total = source.count()

        def page() -> Page:
            nonlocal cursor
            rows, cursor = source.list_page(cursor, BATCH)
            # (A plan read already is not listed twice: one whose parent was deleted, or that
            # was saved elsewhere, between two pages.)
            rows = [(p, depth) for p, depth in rows if p.uid not in seen]
            seen.update(p.uid for p, _depth in rows)
            if cursor is None and len(seen) < total:
                # Plans none of the pages reached: a cycle of parents (only a hand-edited
                # database holds one), listed flat at the end as ``lineage_order`` does.
                rest = [(p, 0) for p in source.list() if p.uid not in seen]
                seen.update(p.uid for p, _depth in rest)
                rows += rest
            return rows, cursor is not None

        self._start(page, total, source.listed)

    def _start(self, pages: Callable[[], Page], total: int,
               listed: Callable[[int], bool]) -> None:
        rows, more = pages()          # read before the reset: an error leaves the list as it was
        self.beginResetModel()
        self._items, self._depths, self._titles, self._ids = [], [], {}, {}
        self._total, self._listed, self._next = total, listed, pages
        self._append(rows, more)
        self.endResetModel()

    def _append(self, rows: list[tuple[PlanSummary, int]], more: bool) -> None:
        if not more:
            self._next = None
        for plan, depth in rows:
            self._ids[plan.id] = len(self._items)
            self._items.append(plan)
            self._depths.append(depth)
            self._titles[plan.uid] = plan.title

    # Lazy rows: the view asks for more as it scrolls to the end of what it has.

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:
        return not parent.isValid() and self._next is not None

    def fetchMore(self, parent: Index = QModelIndex()) -> None:
        if not self.canFetchMore(parent) or self._next is None:
            return
        try:
            rows, more = self._next()
        except PkdeskError:
            rows, more = [], False   # the database went away: the rows read stay
        if rows:
            self.beginInsertRows(QModelIndex(), len(self._items),
                                 len(self._items) + len(rows) - 1)
            self._append(rows, more)
            self.endInsertRows()
        else:
            self._next = None

    def total(self) -> int:
        """Every plan listed, read yet or not."""
        return self._total

    def plans(self) -> list[PlanSummary]:
        """Every plan listed (the rest read now)."""
        while self.canFetchMore():
            self.fetchMore()
        return self.items()

    def row_of(self, plan_id: int) -> int | None:
        """The plan's row, read and handed to the view first if it was not yet (the current
        plan is shown and selected whatever its place in a long list)."""
        row = self._ids.get(plan_id)
        if row is None and self._next is not None and self._listed(plan_id):
            while row is None and self.canFetchMore():
                self.fetchMore()
                row = self._ids.get(plan_id)
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
            for i, p in enumerate(self._items):   # "branched from" names it
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
