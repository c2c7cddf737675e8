"""The backups of the database as a table: when, how many plans, how large, and whether it
can be restored. Newest first, as `store.backup.list_backups` returns them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QObject, Qt
from pkdesk.core.i18n import translator
from pkdesk.ui.common.i18n import tr, trn, ui_language
from pkdesk.ui.common.plain_tip import plain_tip

if TYPE_CHECKING:
    from pkdesk.store.backup import BackupInfo

_Index = QModelIndex | QPersistentModelIndex
COLUMNS = ("ui.backup.col_date", "ui.backup.col_plans", "ui.backup.col_size",
           "ui.backup.col_state")
DATE, PLANS, SIZE, STATE = range(len(COLUMNS))


def human_size(size: int) -> str:
    if size < 1024:
        return trn("ui.backup.bytes", size)
    if size < 1024 ** 2:
        return tr("ui.backup.kb", size=f"{size / 1024:.0f}")
    return tr("ui.backup.mb", size=_decimal(f"{size / 1024 ** 2:.1f}"))


def _decimal(number: str) -> str:
    """``1.5`` as the language writes it (``1,5`` in French)."""
    return number.replace(".", tr("ui.decimal_point"))


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
            return tr("ui.backup.good" if info.problem is None else "ui.backup.bad")
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tip(info.problem if info.problem is not None else str(info.path))
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (PLANS, SIZE):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.AccessibleTextRole and column == DATE:
            created = info.created.astimezone()
            return tr("ui.backup.accessible", date=translator(ui_language()).date(created.date()),
                      time=f"{created:%H:%M}")
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
            return tr(COLUMNS[section])
        return None
