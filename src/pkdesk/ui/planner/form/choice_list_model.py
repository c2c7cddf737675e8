"""A fixed list of choices, each checkable: mandate objectives, a strategy's parties."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from PySide6.QtCore import Qt, Signal

from pkdesk.ui.common.list_model import Index as _Index
from pkdesk.ui.common.list_model import ItemListModel

VALUE_ROLE = Qt.ItemDataRole.UserRole + 1


def is_checked(value: object) -> bool:
    """A check state as views and tests pass it (the enum or its int value)."""
    return value in (Qt.CheckState.Checked, Qt.CheckState.Checked.value)


class ChoiceListModel(ItemListModel[str]):
    checked_changed = Signal(list)
    """The checked values, in choice order, after the user checked or unchecked one."""

    def __init__(self, values: Sequence[str] = (), label: Callable[[str], str] = str,
                 parent: object = None) -> None:
        super().__init__(parent)
        self._items = list(values)
        self._label = label
        self._checked: set[str] = set()

    def set_values(self, values: Sequence[str]) -> None:
        self._reset_items(values)

    def values(self) -> list[str]:
        return self.items()

    def checked(self) -> list[str]:
        return [v for v in self._items if v in self._checked]

    def set_checked(self, values: Iterable[str]) -> None:
        """Check exactly ``values`` (no signal: this is the program, not the user)."""
        new = set(values)
        if new == self._checked:
            return
        self._checked = new
        if self._items:
            self.dataChanged.emit(self.index(0), self.index(len(self._items) - 1),
                                  [Qt.ItemDataRole.CheckStateRole])

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemIsUserCheckable)

    def item_data(self, value: str, row: int, role: int) -> object:
        if role == Qt.ItemDataRole.DisplayRole:
            return self._label(value)
        if role == Qt.ItemDataRole.CheckStateRole:
            return (Qt.CheckState.Checked if value in self._checked
                    else Qt.CheckState.Unchecked)
        if role == VALUE_ROLE:
            return value
        return None

    def setData(self, index: _Index, value: object,
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.CheckStateRole:
            return False
        item = self._items[index.row()]
        on = is_checked(value)
        if on == (item in self._checked):
            return True
        if on:
            self._checked.add(item)
        else:
            self._checked.discard(item)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        self.checked_changed.emit(self.checked())
        return True
