"""The history of the plan shown: its numbered revisions, the difference between any two, and
restoring one (after confirmation; the restore is itself a new revision, nothing is lost).

It follows the planner: whichever plan is shown is the one whose history is listed, and it
lists again when a new revision is saved. Selecting one revision compares it with the one
before; selecting two compares them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QMessageBox,
                               QPushButton, QSplitter, QTableView, QVBoxLayout, QWidget)

from pkdesk.core.errors import PkdeskError
from pkdesk.ui.scenarios.history_models import (NUMBER, SUMMARY, WHEN, WHO, ChangesModel, RevisionsModel)
from pkdesk.ui.common.i18n import tr, trn
from pkdesk.ui.common.keys import close_on_escape

if TYPE_CHECKING:
    from pkdesk.store.plan_repo import PlanRepository


class HistoryPanel(QWidget):
    restore_requested = Signal(int, int)
    """(plan id, revision number), confirmed by the user: the page restores it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("historyPanel")
        self.setWindowTitle(tr("ui.history.title"))
        self.repo: PlanRepository | None = None
        self.plan_id: int | None = None
        self.plan_title = ""
        self.revisions = RevisionsModel(self)
        self.changes = ChangesModel(self)

        self.heading = QLabel()
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setWordWrap(True)
        self.table = QTableView()
        self.table.setObjectName("revisionTable")
        self.table.setAccessibleName(tr("ui.history.revisions_name"))
        self.table.setModel(self.revisions)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        # Fixed row heights and column widths: nothing is measured per row (1,000s of rows).
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().lineSpacing() + 8)
        header = self.table.horizontalHeader()
        metrics = self.fontMetrics()
        header.resizeSection(NUMBER, metrics.horizontalAdvance("00000") + 16)
        header.resizeSection(WHEN, metrics.horizontalAdvance("0000-00-00 00:00:00") + 16)
        header.resizeSection(WHO, metrics.horizontalAdvance("M") * 10)
        header.setSectionResizeMode(SUMMARY, QHeaderView.ResizeMode.Stretch)
        header.setHighlightSections(False)

        self.diff_heading = QLabel()
        self.diff_heading.setObjectName("diffHeading")
        self.diff_heading.setTextFormat(Qt.TextFormat.PlainText)
        self.diff_heading.setWordWrap(True)
        self.diff = QTableView()
        self.diff.setObjectName("revisionDiff")
        self.diff.setAccessibleName(tr("ui.history.diff_name"))
        self.diff.setModel(self.changes)
        self.diff.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.diff.setWordWrap(True)
        self.diff.verticalHeader().hide()
        self.diff.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.diff.horizontalHeader().setSectionResizeMode(
            1, QHeaderView.ResizeMode.ResizeToContents)

        self.restore_button = QPushButton(tr("ui.history.restore"))
        self.restore_button.setToolTip(tr("ui.history.restore_tip"))
        self.restore_button.clicked.connect(self.confirm_restore)
        close_on_escape(self)

        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.heading)
        top_layout.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.restore_button)
        top_layout.addLayout(buttons)
        bottom = QWidget()
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        bottom_layout.addWidget(self.diff_heading)
        bottom_layout.addWidget(self.diff, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(top)
        splitter.addWidget(bottom)
        splitter.setSizes([300, 260])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self.resize(820, 600)

        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self._selection_changed()

    # What is listed ---------------------------------------------------------------------------

    def show_plan(self, repo: PlanRepository | None, plan_id: int | None, title: str) -> None:
        self.repo, self.plan_id, self.plan_title = repo, plan_id, title
        self.reload()

    def reload(self) -> None:
        """List the plan's revisions again, keeping the selected revision numbers selected."""
        selected = self.selected_numbers()
        revisions = []
        if self.repo is not None and self.plan_id is not None:
            try:
                revisions = self.repo.revisions(self.plan_id)
            except PkdeskError as exc:
                self.heading.setText(str(exc))
        self.revisions.set_revisions(revisions)
        self.setWindowTitle(tr("ui.history.title_of", title=self.plan_title)
                            if self.plan_id is not None else tr("ui.history.title"))
        if self.plan_id is None:
            self.heading.setText(tr("ui.history.no_plan"))
        else:
            self.heading.setText(trn("ui.history.heading", len(revisions), title=self.plan_title))
        self.select_numbers(selected)
        self._selection_changed()

    def selected_numbers(self) -> list[int]:
        rows = self.table.selectionModel().selectedRows()
        numbers = [self.revisions.revision(i.row()) for i in rows]
        return sorted(r.number for r in numbers if r is not None)

    def select_numbers(self, numbers: list[int]) -> None:
        model = self.table.selectionModel()
        model.clearSelection()
        flags = (QItemSelectionModel.SelectionFlag.Select
                 | QItemSelectionModel.SelectionFlag.Rows)
        for number in numbers:
            row = self.revisions.row_of(number)
            if row is not None:
                model.select(self.revisions.index(row, 0), flags)

    # Reactions --------------------------------------------------------------------------------

    def _selection_changed(self, *_args: object) -> None:
        numbers = self.selected_numbers()
        latest = self.revisions.latest()
        self.restore_button.setEnabled(len(numbers) == 1 and numbers[0] != latest)
        if not numbers or self.repo is None or self.plan_id is None:
            self.changes.clear()
            self.diff_heading.setText(tr("ui.history.select"))
            return
        old, new = (numbers[0] - 1, numbers[0]) if len(numbers) == 1 else (numbers[0],
                                                                          numbers[-1])
        if old < 1:
            self.changes.clear()
            self.diff_heading.setText(tr("ui.history.first", number=new))
            return
        try:
            changes = self.repo.diff_revisions(self.plan_id, old, new)
        except PkdeskError as exc:
            self.changes.clear()
            self.diff_heading.setText(str(exc))
            return
        self.changes.set_changes(changes, old, new)
        count = trn("ui.history.changes", len(changes)) if changes else tr("ui.history.no_changes")
        key = "ui.history.from_to" if len(numbers) <= 2 else "ui.history.from_to_ends"
        self.diff_heading.setText(tr(key, old=old, new=new, count=count))
        self.diff.resizeRowsToContents()

    def confirm_restore(self) -> QMessageBox | None:
        numbers = self.selected_numbers()
        if len(numbers) != 1 or self.plan_id is None:
            return None
        plan_id, number = self.plan_id, numbers[0]
        box = QMessageBox(QMessageBox.Icon.Question, tr("ui.history.confirm_title"),
                          tr("ui.history.confirm", number=number, title=self.plan_title),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                          self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.button(QMessageBox.StandardButton.Yes).setText(tr("ui.history.confirm_ok"))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.accepted.connect(lambda: self.restore_requested.emit(plan_id, number))
        box.open()
        return box
