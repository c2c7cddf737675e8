"""The plan's strategies as an editable table: kind, parties engaged, lead, notes.

Like the party table, edits are offered as `row_edited(row, new_strategy)`; the page makes
them undoable and hands the new list back through `set_items`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal

from pkdesk.core.plan.model import STRATEGY_KINDS, Strategy
from pkdesk.core.plan.file import NAME_CHARS, TEXT_CHARS
from pkdesk.core.report_labels import label
from pkdesk.ui.common.i18n import tr, ui_language
from pkdesk.ui.planner.form.party_table_model import CHOICES_ROLE, VALUE_ROLE
from pkdesk.ui.common.plain_tip import plain_tip
from pkdesk.ui.common.row_list_model import RowListModel

_Index = QModelIndex | QPersistentModelIndex
KIND, PARTIES, LEAD, NOTES = range(4)
_HEADERS = ("ui.strategy.kind", "ui.strategy.parties", "ui.strategy.lead", "ui.strategy.notes")


class StrategyTableModel(RowListModel[Strategy]):
    HEADERS = _HEADERS
    ROW_NUMBERS = True
    row_edited = Signal(int, object)

    def __init__(self, parent: object = None) -> None:
        super().__init__(parent)
        self._party_names: list[str] = []

    def set_items(self, strategies: Sequence[Strategy], party_names: Sequence[str]) -> None:
        names = list(party_names)
        names_changed = names != self._party_names
        self._party_names = names
        self._replace_rows(strategies, all_changed=names_changed)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable \
            | Qt.ItemFlag.ItemIsEditable

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        strategy, column = self._rows[index.row()], index.column()
        if column == KIND:
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                return label(strategy.kind, ui_language())
            if role in (Qt.ItemDataRole.EditRole, VALUE_ROLE):
                return strategy.kind
            if role == CHOICES_ROLE:
                return list(STRATEGY_KINDS)
            return None
        if column == PARTIES:
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                shown = (", ".join(strategy.parties) if strategy.parties
                         else tr("ui.strategy.no_parties"))
                return shown if role == Qt.ItemDataRole.DisplayRole else plain_tip(shown)
            if role in (Qt.ItemDataRole.EditRole, VALUE_ROLE):
                return list(strategy.parties)
            if role == CHOICES_ROLE:
                # The plan's parties, plus any name this strategy keeps that is not one.
                return self._party_names + [n for n in strategy.parties
                                            if n not in self._party_names]
            return None
        text = strategy.lead if column == LEAD else strategy.notes
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole, VALUE_ROLE):
            return text if role != Qt.ItemDataRole.DisplayRole else " ".join(text.split())
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tip(text) if text else None
        return None

    def setData(self, index: _Index, value: object,
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        if (not index.isValid() or role != Qt.ItemDataRole.EditRole
                or not 0 <= index.row() < len(self._rows)):
            return False
        row, column = index.row(), index.column()
        strategy = self._rows[row]
        if column == KIND and value in STRATEGY_KINDS and isinstance(value, str):
            new = replace(strategy, kind=value)
        elif column == PARTIES and isinstance(value, list) \
                and all(isinstance(n, str) for n in value):
            new = replace(strategy, parties=list(dict.fromkeys(value)))
        elif column == LEAD and isinstance(value, str):
            new = replace(strategy, lead=value.strip()[:NAME_CHARS])
        elif column == NOTES and isinstance(value, str):
            new = replace(strategy, notes=value[:TEXT_CHARS])
        else:
            return False
        if new != strategy:
            self.row_edited.emit(row, new)
        return True
