"""A table editable in place with Add and Remove buttons (the plan's parties, strategies).

Insert adds a row and Delete removes the selected one when the table has focus; the page
decides what a new row holds and makes both undoable.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QHeaderView, QPushButton,
                               QTableView, QVBoxLayout, QWidget)

from pkdesk.ui.common.i18n import tr
from pkdesk.ui.planner.form.table_delegates import PlanTableDelegate

VISIBLE_ROWS = 6


class ItemTableEditor(QWidget):
    add_requested = Signal(int)
    """Insert a new row at this position."""
    remove_requested = Signal(int)

    def __init__(self, model: QAbstractItemModel, noun: str, stretch_column: int,
                 widths: tuple[int, ...] = (), parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = QTableView()
        self.table.setModel(model)
        self.table.setAccessibleName(tr(f"ui.{noun}.table_name"))
        self.table.setItemDelegate(PlanTableDelegate(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed
                                   | QAbstractItemView.EditTrigger.AnyKeyPressed
                                   | QAbstractItemView.EditTrigger.SelectedClicked)
        self.table.setTabKeyNavigation(False)   # Tab leaves the table, arrows move inside
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(stretch_column, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(60)
        # Fixed starting widths, not ResizeToContents: that would measure every row of a
        # 200-strategy table on each edit.
        for column, width in enumerate(widths):
            if width and column != stretch_column:
                # Never narrower than the header's own words (French ones are longer).
                header.resizeSection(column, max(width, header.sectionSizeHint(column)))
        self.table.setWordWrap(False)
        row_height = self.table.verticalHeader().defaultSectionSize()
        self.table.setMinimumHeight(header.sizeHint().height() + VISIBLE_ROWS * row_height + 4)

        self.add_button = QPushButton(tr(f"ui.{noun}.add"))
        self.add_button.setToolTip(tr(f"ui.{noun}.add_tip"))
        self.remove_button = QPushButton(tr(f"ui.{noun}.remove"))
        self.remove_button.setToolTip(tr(f"ui.{noun}.remove_tip"))
        self.add_button.clicked.connect(self._add)
        self.remove_button.clicked.connect(self._remove)
        for key, slot in ((QKeySequence.StandardKey.Delete, self._remove),
                          (QKeySequence(Qt.Key.Key_Insert), self._add)):
            action = QAction(self.table)
            action.setShortcut(QKeySequence(key))
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            action.triggered.connect(slot)
            self.table.addAction(action)
        model.modelReset.connect(self._update_buttons)
        self.table.selectionModel().currentChanged.connect(self._update_buttons)

        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self._update_buttons()

    def current_row(self) -> int:
        index = self.table.currentIndex()
        return index.row() if index.isValid() else -1

    def select_row(self, row: int, column: int = 0) -> None:
        model = self.table.model()
        if 0 <= row < model.rowCount():
            self.table.setCurrentIndex(model.index(row, column))

    def _add(self) -> None:
        row = self.current_row()
        self.add_requested.emit(row + 1 if row >= 0 else self.table.model().rowCount())

    def _remove(self) -> None:
        row = self.current_row()
        if row >= 0:
            self.remove_requested.emit(row)

    def _update_buttons(self, *_args: object) -> None:
        self.remove_button.setEnabled(self.current_row() >= 0)
