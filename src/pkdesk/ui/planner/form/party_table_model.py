"""The plan's parties as an editable table: name, kind, consent, direct talks, role and
the conditions of its consent.

The model shows a list of `Party` values and never changes it itself: an edit is offered as
`row_edited(row, new_party)` and the page turns it into an undoable command, whose `redo`
hands the new list back through `set_items`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal

from pkdesk.core.plan.model import PARTY_CONSENTS, PARTY_KINDS, PARTY_ROLES, Party
from pkdesk.core.plan.file import NAME_CHARS, TEXT_CHARS
from pkdesk.core.report_labels import label
from pkdesk.ui.planner.form.choice_list_model import is_checked
from pkdesk.ui.common.i18n import tr, ui_language
from pkdesk.ui.common.plain_tip import plain_tip
from pkdesk.ui.common.row_list_model import RowListModel

_Index = QModelIndex | QPersistentModelIndex
CHOICES_ROLE = Qt.ItemDataRole.UserRole + 10
"""The allowed values of an enumerated column (read by the combo box delegate)."""
VALUE_ROLE = Qt.ItemDataRole.UserRole + 11
"""The raw value of a cell (an enum value, a list of names), not its label."""

NAME, KIND, CONSENT, TALKS, ROLE, CONDITIONS = range(6)
_HEADERS = ("ui.party.name", "ui.party.kind", "ui.party.consent", "ui.party.talks",
            "ui.party.role", "ui.party.conditions")


class PartyTableModel(RowListModel[Party]):
    HEADERS = _HEADERS
    ROW_NUMBERS = True
    TWO_LINE_HEADERS = True
    row_edited = Signal(int, object)
    refused = Signal(str)
    """An edit that cannot be taken, and why (e.g. an empty or repeated name)."""

    def set_items(self, parties: Sequence[Party]) -> None:
        self._replace_rows(parties)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == TALKS:
            return base | Qt.ItemFlag.ItemIsUserCheckable
        return base | Qt.ItemFlag.ItemIsEditable

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        party, column = self._rows[index.row()], index.column()
        if column == TALKS:
            if role == Qt.ItemDataRole.CheckStateRole:
                return Qt.CheckState.Checked if party.direct_talks else Qt.CheckState.Unchecked
            if role == Qt.ItemDataRole.ToolTipRole:
                return tr("ui.party.talks_yes" if party.direct_talks else "ui.party.talks_no")
            return None
        value = (party.name, party.kind, party.consent, "", party.role,
                 party.consent_conditions)[column]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            shown = value if column in (NAME, CONDITIONS) else label(value, ui_language())
            return shown if role == Qt.ItemDataRole.DisplayRole else plain_tip(shown)
        if role in (Qt.ItemDataRole.EditRole, VALUE_ROLE):
            return value
        if role == CHOICES_ROLE:
            return {KIND: list(PARTY_KINDS), CONSENT: list(PARTY_CONSENTS),
                    ROLE: list(PARTY_ROLES)}.get(column)
        return None

    def setData(self, index: _Index, value: object,
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return False
        row, column = index.row(), index.column()
        party = self._rows[row]
        if column == TALKS and role == Qt.ItemDataRole.CheckStateRole:
            new = replace(party, direct_talks=is_checked(value))
        elif role != Qt.ItemDataRole.EditRole or not isinstance(value, str):
            return False
        elif column == NAME:
            name = value.strip()[:NAME_CHARS]
            others = [p.name for i, p in enumerate(self._rows) if i != row]
            if not name:
                self.refused.emit(tr("ui.party.needs_name"))
                return False
            if name in others:
                self.refused.emit(tr("ui.party.duplicate", name=name))
                return False
            new = replace(party, name=name)
        elif column == KIND and value in PARTY_KINDS:
            new = replace(party, kind=value)
        elif column == CONSENT and value in PARTY_CONSENTS:
            new = replace(party, consent=value)
        elif column == ROLE and value in PARTY_ROLES:
            new = replace(party, role=value)
        elif column == CONDITIONS:
            new = replace(party, consent_conditions=value.strip()[:TEXT_CHARS])
        else:
            return False
        if new != party:
            self.row_edited.emit(row, new)
        return True
