"""The data-point table, keyboard first: type in the last row to add a point (date, Enter,
value, Enter: the point is added and the cursor is back in the new last row), Enter in a
filled row commits and moves down, Delete removes the selected points, Ctrl+Z (the planner's
Undo) takes back one point at a time."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (QAbstractItemDelegate, QAbstractItemView, QHeaderView,
                               QTableView, QWidget)

from pkdesk.ui.common.i18n import tr
from pkdesk.ui.planner.performance.data_point_model import (BY, DATE, NOTE, SOURCE, VALUE,
                                                            DataPointModel)


class DataPointTable(QTableView):
    remove_requested = Signal(list)
    """Rows to remove (the selected points)."""

    def __init__(self, model: DataPointModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dataPointTable")
        self.setModel(model)
        self.points = model
        self.setAccessibleName(tr("ui.performance.data_name"))
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                             | QAbstractItemView.EditTrigger.EditKeyPressed
                             | QAbstractItemView.EditTrigger.AnyKeyPressed
                             | QAbstractItemView.EditTrigger.SelectedClicked)
        self.setTabKeyNavigation(False)     # Tab leaves the table, arrows move inside
        self.setWordWrap(False)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.verticalHeader().hide()    # the last row is set in italics: no numbers to measure
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().lineSpacing() + 8)
        header = self.horizontalHeader()
        metrics = self.fontMetrics()
        header.setMinimumSectionSize(40)
        header.resizeSection(DATE, metrics.horizontalAdvance("0000-00-00") + 24)
        header.resizeSection(VALUE, metrics.horizontalAdvance("00 000,0") + 16)
        header.setSectionResizeMode(NOTE, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        self.fit_text_columns()
        model.modelReset.connect(self.fit_text_columns)
        remove = QAction(self)
        remove.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        remove.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        remove.triggered.connect(self._remove_selected)
        self.addAction(remove)
        self.remove_action = remove

    def fit_text_columns(self) -> None:
        """Source and "recorded by" as wide as their header's words and the longest of their
        values (up to 14 letters; "JMAC Bunia" whole), measured when another indicator is
        shown, not on each entry; the note takes what is left."""
        header = self.horizontalHeader()
        metrics = self.fontMetrics()
        letter = metrics.horizontalAdvance("M")
        points = self.points.items()
        for column, values, least in (
                (SOURCE, {p.source for p in points}, 6 * letter),
                (BY, {p.recorded_by for p in points} | {self.points.recorded_by}, 5 * letter)):
            longest = max((metrics.horizontalAdvance(v) for v in values if v), default=0)
            header.resizeSection(column, max(least, header.sectionSizeHint(column),
                                             min(14 * letter, longest + 16)))

    def selected_rows(self) -> list[int]:
        rows = {i.row() for i in self.selectionModel().selectedIndexes()}
        current = self.currentIndex()
        if not rows and current.isValid():
            rows = {current.row()}
        return sorted(r for r in rows if not self.points.is_draft(r))

    def _remove_selected(self) -> None:
        rows = self.selected_rows()
        if rows:
            self.remove_requested.emit(rows)

    def go_to(self, uid: str, column: int) -> None:
        """Put the cursor on the point ``uid``'s cell ("" = the empty last row)."""
        row = self.points.row_of(uid)
        index = self.points.index(row, column)
        if index.isValid():
            self.setCurrentIndex(index)
            self.scrollTo(index)

    def closeEditor(self, editor: QWidget,
                    hint: QAbstractItemDelegate.EndEditHint) -> None:
        """Enter in the last row's date goes on to its value; elsewhere Enter moves down
        (the tab moves the cursor itself once a point is added or changed)."""
        index = self.currentIndex()
        entered = hint == QAbstractItemDelegate.EndEditHint.SubmitModelCache
        super().closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint
                            if entered else hint)
        if not entered or not index.isValid():
            return
        row, column = index.row(), index.column()
        if self.points.is_draft(row):
            if column != VALUE:
                self.setCurrentIndex(self.points.index(row, VALUE if column == DATE
                                                       else column))
        elif row + 1 < self.points.rowCount():
            self.setCurrentIndex(self.points.index(row + 1, column))
