"""A what-if pack as a checkable list: the title shown, the description as tooltip."""

from __future__ import annotations

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from pkdesk.core.whatif import WhatIf, WhatIfPack
from pkdesk.ui.common.i18n import ui_language
from pkdesk.ui.common.plain_tip import plain_tip

_Index = QModelIndex | QPersistentModelIndex
WHATIF_ID_ROLE = Qt.ItemDataRole.UserRole + 1
DESCRIPTION_ROLE = Qt.ItemDataRole.UserRole + 2


class WhatIfListModel(QAbstractListModel):
    checked_changed = Signal()

    def __init__(self, parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._whatifs: list[WhatIf] = []
        self._checked: set[str] = set()

    def set_pack(self, pack: WhatIfPack) -> None:
        self.beginResetModel()
        self._whatifs = list(pack.whatifs)
        self._checked &= {w.id for w in self._whatifs}
        self.endResetModel()

    def whatif(self, row: int) -> WhatIf | None:
        return self._whatifs[row] if 0 <= row < len(self._whatifs) else None

    def row_of(self, whatif_id: str) -> int | None:
        return next((i for i, w in enumerate(self._whatifs) if w.id == whatif_id), None)

    def checked(self) -> list[WhatIf]:
        """The what-ifs switched on, in the pack's order (the order they are applied in)."""
        return [w for w in self._whatifs if w.id in self._checked]

    def set_checked(self, whatif_id: str, on: bool) -> bool:
        row = self.row_of(whatif_id)
        if row is None or (whatif_id in self._checked) == on:
            return False
        if on:
            self._checked.add(whatif_id)
        else:
            self._checked.discard(whatif_id)
        index = self.index(row)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        self.checked_changed.emit()
        return True

    def clear_checked(self) -> None:
        for w in self.checked():
            self.set_checked(w.id, False)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._whatifs)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemNeverHasChildren)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._whatifs):
            return None
        whatif = self._whatifs[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return whatif.title_in(ui_language())
        if role in (DESCRIPTION_ROLE, Qt.ItemDataRole.AccessibleDescriptionRole):
            return whatif.description_in(ui_language())
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tip(whatif.description_in(ui_language()))
        if role == Qt.ItemDataRole.CheckStateRole:
            return (Qt.CheckState.Checked if whatif.id in self._checked
                    else Qt.CheckState.Unchecked)
        if role == WHATIF_ID_ROLE:
            return whatif.id
        return None

    def setData(self, index: _Index, value: object,
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        if (role != Qt.ItemDataRole.CheckStateRole or not index.isValid()
                or not 0 <= index.row() < len(self._whatifs)):
            return False
        state = value.value if isinstance(value, Qt.CheckState) else value
        self.set_checked(self._whatifs[index.row()].id, state == Qt.CheckState.Checked.value)
        return True
