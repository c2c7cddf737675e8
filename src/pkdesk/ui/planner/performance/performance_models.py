"""List models of the Performance tab: worded objectives grouped under the mandate's
objectives, the indicators of one objective, the reviews held. Each keeps its rows when the
plan changes without adding or removing any (the selection and the cursor stay)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QFont

from pkdesk.core.plan.model import Indicator, MissionObjective, Plan, Review
from pkdesk.core.plan.performance_file import OBJECTIVE_CHARS
from pkdesk.core.report_labels import label
from pkdesk.ui.common.i18n import tr, trn, ui_language
from pkdesk.ui.common.list_model import ItemListModel
from pkdesk.ui.common.plain_tip import plain_tip
from pkdesk.ui.planner.performance.entry import format_number
from pkdesk.ui.planner.performance.labels import rating_label

_Index = QModelIndex | QPersistentModelIndex
UID_ROLE = Qt.ItemDataRole.UserRole + 1


@dataclass(frozen=True)
class ObjectiveRow:
    """A heading (a mandate objective, ``worded`` None) or one worded objective under it."""

    objective: str
    worded: MissionObjective | None = None

    @property
    def key(self) -> str:
        return self.worded.uid if self.worded is not None else f"group:{self.objective}"


def objective_rows(plan: Plan) -> list[ObjectiveRow]:
    """The mandate's objectives in its order (then any other a worded objective names), each
    followed by its worded objectives."""
    order = list(plan.mandate.objectives)
    for worded in plan.performance.objectives:
        if worded.objective not in order:
            order.append(worded.objective)
    rows: list[ObjectiveRow] = []
    for objective in order:
        rows.append(ObjectiveRow(objective))
        rows.extend(ObjectiveRow(objective, w) for w in plan.performance.objectives
                    if w.objective == objective)
    return rows


class _KeptListModel(ItemListModel[object]):
    def _keep_or_reset(self, items: Sequence[object], keys: list[str]) -> None:
        if keys == getattr(self, "_keys", None):
            self._items = list(items)
            if self._items:
                self.dataChanged.emit(self.index(0), self.index(len(self._items) - 1))
            return
        self._keys = keys
        self._reset_items(items)

    def row_of(self, uid: str) -> int:
        return next((r for r in range(self.rowCount())
                     if self.data(self.index(r), UID_ROLE) == uid), -1)


class ObjectiveListModel(_KeptListModel):
    renamed = Signal(str, str)
    """(worded objective's uid, new text)"""
    refused = Signal(str)

    def set_plan(self, plan: Plan) -> None:
        rows = objective_rows(plan)
        self._keep_or_reset(rows, [r.key for r in rows])

    def row(self, row: int) -> ObjectiveRow | None:
        item = self.item(row)
        return item if isinstance(item, ObjectiveRow) else None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        row = self.row(index.row()) if index.isValid() else None
        if row is None:
            return Qt.ItemFlag.NoItemFlags
        if row.worded is None:
            return Qt.ItemFlag.ItemIsEnabled
        return (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemIsEditable)

    def item_data(self, item: object, row: int, role: int) -> object:
        assert isinstance(item, ObjectiveRow)
        worded = item.worded
        if role == UID_ROLE:
            return worded.uid if worded is not None else None
        if role == Qt.ItemDataRole.DisplayRole:
            if worded is None:
                return label(item.objective, ui_language())
            count = len(worded.indicators)
            return f"    {worded.text}  ({trn('ui.performance.n_indicators', count)})"
        if role == Qt.ItemDataRole.EditRole:
            return worded.text if worded is not None else None
        if role == Qt.ItemDataRole.FontRole and worded is None:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and worded is not None:
            return plain_tip(worded.text)
        return None

    def setData(self, index: _Index, value: object,
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        row = self.row(index.row()) if index.isValid() else None
        if row is None or row.worded is None or role != Qt.ItemDataRole.EditRole \
                or not isinstance(value, str):
            return False
        text = " ".join(value.split())[:OBJECTIVE_CHARS]
        if not text:
            self.refused.emit(tr("ui.performance.needs_objective_text"))
            return False
        if text != row.worded.text:
            self.renamed.emit(row.worded.uid, text)
        return True


class IndicatorListModel(_KeptListModel):
    def set_indicators(self, indicators: list[Indicator]) -> None:
        self._keep_or_reset(indicators, [i.uid for i in indicators])

    def indicator(self, row: int) -> Indicator | None:
        item = self.item(row)
        return item if isinstance(item, Indicator) else None

    def item_data(self, item: object, row: int, role: int) -> object:
        assert isinstance(item, Indicator)
        if role == UID_ROLE:
            return item.uid
        if role == Qt.ItemDataRole.DisplayRole:
            latest = item.data[-1] if item.data else None
            value = (tr("ui.performance.latest", value=format_number(latest.value, ui_language()),
                        unit=item.unit, date=latest.date).strip()
                     if latest is not None else tr("ui.performance.no_data_yet"))
            return f"{item.text}  ({value})"
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tip(item.text)
        return None


class ReviewListModel(_KeptListModel):
    def set_reviews(self, reviews: list[Review]) -> None:
        newest_first = list(reversed(reviews))
        self._keep_or_reset(newest_first, [r.uid for r in newest_first])

    def review(self, row: int) -> Review | None:
        item = self.item(row)
        return item if isinstance(item, Review) else None

    def item_data(self, item: object, row: int, role: int) -> object:
        assert isinstance(item, Review)
        if role == UID_ROLE:
            return item.uid
        if role == Qt.ItemDataRole.DisplayRole:
            counts: dict[str, int] = {}
            for rating in item.ratings:
                counts[rating.rating] = counts.get(rating.rating, 0) + 1
            ratings = ", ".join(f"{rating_label(r)} {n}" for r, n in counts.items())
            who = f" — {item.reviewer}" if item.reviewer else ""
            decisions = trn("ui.performance.n_decisions", len(item.decisions))
            return f"{item.date}{who}: {ratings or '—'}; {decisions}"
        return None
