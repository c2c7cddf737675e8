"""The backups of the database as a table: when, how many plans, how large, and whether it
can be restored. Newest first, as `store.backup.list_backups` returns them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QObject, Qt
from pkdesk.ui.plain_tip import plain_tip

if TYPE_CHECKING:
    from pkdesk.store.backup import BackupInfo

_Index = QModelIndex | QPersistentModelIndex
COLUMNS = ("Date", "Plans", "Size", "State")
DATE, PLANS, SIZE, STATE = range(len(COLUMNS))


def human_size(size: int) -> str:
    if size < 1024:
        return f"{size} bytes"
    if size < 1024 ** 2:
        return f"{size / 1024:.0f} KB"
    return f"{size / 1024 ** 2:.1f} MB"


class BackupTableModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._backups: list[BackupInfo] = []

    def set_backups(self, backups: Sequence[BackupInfo]) -> None:
        self.beginResetModel()
        self._backups = list(backups)
        self.endResetModel()

    def backup(self, row: int) -> BackupInfo | None:
        return self._backups[row] if 0 <= row < len(self._backups) else None

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._backups)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        info = self.backup(index.row()) if index.isValid() else None
        if info is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == DATE:
                return info.created.astimezone().strftime("%Y-%m-%d %H:%M:%S")
            if column == PLANS:
                return "—" if info.plans is None else str(info.plans)
            if column == SIZE:
                return human_size(info.size)
            return "Good" if info.problem is None else "Cannot be restored"
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tip(info.problem if info.problem is not None else str(info.path))
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (PLANS, SIZE):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.AccessibleTextRole and column == DATE:
            return f"Backup of {info.created.astimezone():%A %d %B %Y, %H:%M}"
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        info = self.backup(index.row()) if index.isValid() else None
        if info is None:
            return Qt.ItemFlag.NoItemFlags
        if info.problem is not None:
            return Qt.ItemFlag.ItemIsEnabled        # shown, but cannot be chosen
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(COLUMNS):
            return COLUMNS[section]
        return None
