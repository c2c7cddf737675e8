"""The side-by-side conflict dialog: for each field both sides changed, the ancestor's value,
mine and theirs, and which to keep; or keep both, theirs as a scenario beside the plan.

Every value is shown as plain text (a plan's words are never markup).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QDialog, QDialogButtonBox,
                               QHeaderView, QLabel, QTableWidget, QTableWidgetItem, QVBoxLayout,
                               QWidget)

from pkdesk.core.plan.diff import show_value
from pkdesk.core.sync.merge import Choice
from pkdesk.ui.common.i18n import tr

if TYPE_CHECKING:
    from pkdesk.store.sync_repo import ConflictInfo

VALUE_CHARS = 400
FIELD, ANCESTOR, MINE, THEIRS, KEEP = range(5)


def _cell(text: str) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
    return item


class ConflictDialog(QDialog):
    """``choices()`` after Accepted; ``keep_both`` when the user kept theirs as a scenario."""

    def __init__(self, info: ConflictInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.info = info
        self.keep_both = False
        self.setWindowTitle(tr("ui.sync.conflict_title", title=info.title))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        layout = QVBoxLayout(self)
        intro = QLabel(tr("ui.sync.conflict_intro", title=info.title))
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.table = QTableWidget(len(info.fields), 5)
        self.table.setObjectName("syncConflicts")
        self.table.setHorizontalHeaderLabels([tr("ui.sync.col_field"), tr("ui.sync.col_base"),
                                              tr("ui.sync.col_mine"), tr("ui.sync.col_theirs"),
                                              tr("ui.sync.col_keep")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        for col in (ANCESTOR, MINE, THEIRS):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Stretch)
        self.keep: list[QComboBox] = []
        for row, c in enumerate(info.fields):
            values = [(c.base, c.present[0]), (c.mine, c.present[1]), (c.theirs, c.present[2])]
            self.table.setItem(row, FIELD, _cell(c.path))
            for col, (value, present) in zip((ANCESTOR, MINE, THEIRS), values):
                self.table.setItem(row, col, _cell(show_value(value, VALUE_CHARS) if present
                                                   else tr("ui.sync.absent")))
            box = QComboBox()
            box.addItem(tr("ui.sync.keep_mine"), "mine")
            box.addItem(tr("ui.sync.keep_theirs"), "theirs")
            box.setAccessibleName(tr("ui.sync.keep_for", field=c.path))
            self.table.setCellWidget(row, KEEP, box)
            self.keep.append(box)
        self.table.resizeRowsToContents()
        layout.addWidget(self.table)
        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton(tr("ui.sync.save_resolution"),
                                             QDialogButtonBox.ButtonRole.AcceptRole)
        self.both_button = buttons.addButton(tr("ui.sync.keep_both"),
                                             QDialogButtonBox.ButtonRole.ActionRole)
        self.both_button.setToolTip(tr("ui.sync.keep_both_tip"))
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.both_button.clicked.connect(self._keep_both)
        layout.addWidget(buttons)
        self.resize(900, 420)

    def choose(self, path: str, side: Choice) -> None:
        for c, box in zip(self.info.fields, self.keep):
            if c.path == path:
                box.setCurrentIndex(box.findData(side))
                return
        raise KeyError(path)

    def choices(self) -> dict[str, Choice]:
        out: dict[str, Choice] = {}
        for c, box in zip(self.info.fields, self.keep):
            out[c.path] = "theirs" if box.currentData() == "theirs" else "mine"
        return out

    def _keep_both(self) -> None:
        self.keep_both = True
        self.accept()
