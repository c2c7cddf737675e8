"""The Planner's Performance tab: where a team site records what it observes and a planning
cell holds its reviews.

From top to bottom: when the plan took effect, when the next review is due and which are
overdue (a calm warning line); the mission's worded objectives grouped under the mandate's
objectives (add, rename in place with F2, remove); the indicators of the objective selected
and the editor of the one selected; its data points as a keyboard-fast table, with the
trend chart; the reviews held, and Hold Review….

Every change is one `session.edit` (an undo step the autosaver writes within a second); the
tab shows the plan again through `set_plan` when the page applies it.
"""

from __future__ import annotations

import importlib
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QFormLayout, QGroupBox,
                               QHBoxLayout, QLabel, QLineEdit, QListView, QPushButton,
                               QScrollArea, QVBoxLayout, QWidget)

from pkdesk.core.performance.schedule import next_review_due, overdue_reviews
from pkdesk.core.performance.trend import plan_review_dates, review_grid
from pkdesk.core.plan.model import OBJECTIVES, DataPoint, Indicator, MissionObjective, Plan
from pkdesk.core.plan.performance_file import OBJECTIVE_CHARS
from pkdesk.core.report_labels import label
from pkdesk.ui.common.i18n import tr, trn, ui_language
from pkdesk.ui.common.severity_style import tone_style
from pkdesk.ui.planner.performance import plan_edits
from pkdesk.ui.planner.performance.data_point_model import DataPointModel
from pkdesk.ui.planner.performance.data_point_table import DataPointTable
from pkdesk.ui.planner.performance.entry import EntryError, parse_optional_date
from pkdesk.ui.planner.performance.indicator_editor import IndicatorEditor
from pkdesk.ui.planner.performance.review_grid import ReviewGridView
from pkdesk.ui.planner.performance.trend_chart import TrendChartView
from pkdesk.ui.planner.performance.performance_models import (IndicatorListModel,
                                                              ObjectiveListModel,
                                                              ReviewListModel)
from pkdesk.ui.planner.session import user_name

if TYPE_CHECKING:
    from pkdesk.ui.planner.session import PlannerSession

def _list_view(name: str, rows: int) -> QListView:
    view = QListView()
    view.setObjectName(name)
    view.setUniformItemSizes(True)
    view.setWordWrap(False)
    view.setTextElideMode(Qt.TextElideMode.ElideRight)     # the tooltip has the words
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    view.setMinimumHeight(view.fontMetrics().lineSpacing() * rows + 12)
    view.setMaximumHeight(view.fontMetrics().lineSpacing() * (rows + 4) + 12)
    return view


class PerformanceTab(QScrollArea):
    review_requested = Signal()
    """Hold Review… was asked for (the tab opens the dialog itself; for tests and tools)."""
    scenario_requested = Signal(str)
    """Follow a decision's link: show the scenario with this uid."""
    revision_requested = Signal(int)
    """Follow a decision's link: show this revision of the plan in History."""

    def __init__(self, session: PlannerSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("performanceTab")
        self.session = session
        self.plan: Plan | None = None
        self.today = date.today
        self.body = body = QWidget()
        layout = QVBoxLayout(body)

        # When: the plan's start, the next review, overdue ones.
        schedule = QGroupBox(tr("ui.performance.group_schedule"))
        schedule_form = QFormLayout(schedule)
        schedule_form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.start = QLineEdit()
        self.start.setObjectName("performanceStart")
        self.start.setMaxLength(10)
        self.start.setPlaceholderText(tr("ui.performance.date_hint"))
        self.start.editingFinished.connect(self._start_edited)
        start_label = QLabel(tr("ui.performance.start"))
        start_label.setBuddy(self.start)
        schedule_form.addRow(start_label, self.start)
        self.next_review = QLabel()
        self.next_review.setObjectName("nextReview")
        self.next_review.setTextFormat(Qt.TextFormat.PlainText)
        self.next_review.setWordWrap(True)
        schedule_form.addRow(tr("ui.performance.next_review"), self.next_review)
        self.overdue = QLabel()
        self.overdue.setObjectName("overdueReviews")
        self.overdue.setTextFormat(Qt.TextFormat.PlainText)
        self.overdue.setWordWrap(True)
        self.overdue.setStyleSheet(f"QLabel {{ {tone_style(self.palette(), 'warning')} }}")
        self.overdue.hide()
        schedule_form.addRow(self.overdue)
        self.problem = QLabel()
        self.problem.setObjectName("performanceProblem")
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(f"QLabel {{ {tone_style(self.palette(), 'blocker')} }}")
        self.problem.hide()
        schedule_form.addRow(self.problem)
        layout.addWidget(schedule)

        # The worded objectives, grouped under the mandate's.
        objectives = QGroupBox(tr("ui.performance.group_objectives"))
        objectives_layout = QVBoxLayout(objectives)
        self.objectives = ObjectiveListModel(self)
        self.objective_view = _list_view("objectiveList", 6)
        self.objective_view.setModel(self.objectives)
        self.objective_view.setAccessibleName(tr("ui.performance.objectives_name"))
        self.objective_view.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed
                                            | QAbstractItemView.EditTrigger.DoubleClicked)
        objectives_label = QLabel(tr("ui.performance.objectives"))
        objectives_label.setBuddy(self.objective_view)
        objectives_layout.addWidget(objectives_label)
        objectives_layout.addWidget(self.objective_view)
        self.objective_under = QComboBox()
        self.objective_under.setObjectName("objectiveUnder")
        self.objective_under.setAccessibleName(tr("ui.performance.under_name"))
        self.objective_under.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.objective_under.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.objective_under.setMinimumContentsLength(12)
        self.new_objective = QLineEdit()
        self.new_objective.setObjectName("newObjective")
        self.new_objective.setMaxLength(OBJECTIVE_CHARS)
        self.new_objective.setPlaceholderText(tr("ui.performance.new_objective_hint"))
        self.new_objective.setAccessibleName(tr("ui.performance.new_objective_name"))
        self.new_objective.returnPressed.connect(self.add_objective)
        self.add_objective_button = QPushButton(tr("ui.performance.add_objective"))
        self.add_objective_button.clicked.connect(self.add_objective)
        self.remove_objective_button = QPushButton(tr("ui.performance.remove_objective"))
        self.remove_objective_button.clicked.connect(self.remove_objective)
        new_row = QHBoxLayout()
        new_row.addWidget(self.objective_under)
        new_row.addWidget(self.new_objective, 1)
        objectives_layout.addLayout(new_row)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_objective_button)
        buttons.addWidget(self.remove_objective_button)
        buttons.addStretch(1)
        objectives_layout.addLayout(buttons)
        self.objectives.renamed.connect(self._rename_objective)
        self.objectives.refused.connect(self.session.message)
        self.objective_view.selectionModel().currentChanged.connect(
            lambda *_: self._objective_chosen())
        layout.addWidget(objectives)

        # The selected objective's indicators and the selected indicator's editor.
        self.indicator_box = QGroupBox(tr("ui.performance.group_indicators"))
        indicators_layout = QVBoxLayout(self.indicator_box)
        # Whose indicators, in words that wrap (a group box's title would widen the column).
        self.indicators_of = QLabel()
        self.indicators_of.setObjectName("indicatorsOf")
        self.indicators_of.setTextFormat(Qt.TextFormat.PlainText)
        self.indicators_of.setWordWrap(True)
        indicators_layout.addWidget(self.indicators_of)
        self.indicators = IndicatorListModel(self)
        self.indicator_view = _list_view("indicatorList", 3)
        self.indicator_view.setModel(self.indicators)
        self.indicator_view.setAccessibleName(tr("ui.performance.indicators_name"))
        self.indicator_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        indicators_label = QLabel(tr("ui.performance.indicators"))
        indicators_label.setBuddy(self.indicator_view)
        indicators_layout.addWidget(indicators_label)
        indicators_layout.addWidget(self.indicator_view)
        self.add_indicator_button = QPushButton(tr("ui.performance.add_indicator"))
        self.add_indicator_button.clicked.connect(self.add_indicator)
        self.remove_indicator_button = QPushButton(tr("ui.performance.remove_indicator"))
        self.remove_indicator_button.clicked.connect(self.remove_indicator)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_indicator_button)
        buttons.addWidget(self.remove_indicator_button)
        buttons.addStretch(1)
        indicators_layout.addLayout(buttons)
        self.editor = IndicatorEditor()
        self.editor.edited.connect(self._indicator_edited)
        indicators_layout.addWidget(self.editor)
        self.indicator_view.selectionModel().currentChanged.connect(
            lambda *_: self._indicator_chosen())
        layout.addWidget(self.indicator_box)

        # The selected indicator's data points and its trend.
        self.data_box = QGroupBox(tr("ui.performance.group_data"))
        data_layout = QVBoxLayout(self.data_box)
        self.points = DataPointModel(recorded_by=user_name(), parent=self)
        self.points.today = lambda: self.today()
        self.table = DataPointTable(self.points)
        self.table.setMinimumHeight(self.table.verticalHeader().defaultSectionSize() * 6
                                    + self.table.horizontalHeader().sizeHint().height() + 4)
        data_label = QLabel(tr("ui.performance.data"))
        data_label.setBuddy(self.table)
        data_layout.addWidget(data_label)
        data_layout.addWidget(self.table)
        self.import_button = QPushButton(tr("ui.performance.import"))
        self.import_button.setToolTip(tr("ui.performance.import_tip"))
        self.import_button.clicked.connect(self.import_field_data)
        buttons = QHBoxLayout()
        buttons.addWidget(self.import_button)
        buttons.addStretch(1)
        data_layout.addLayout(buttons)
        self.chart = TrendChartView()
        data_layout.addWidget(self.chart)
        self.points.points_edited.connect(self._points_edited,
                                          Qt.ConnectionType.QueuedConnection)
        self.points.refused.connect(self.session.message)
        self.table.remove_requested.connect(self._remove_points)
        layout.addWidget(self.data_box)

        # The reviews held.
        reviews = QGroupBox(tr("ui.performance.group_reviews"))
        reviews_layout = QVBoxLayout(reviews)
        self.hold_button = QPushButton(tr("ui.performance.hold_review"))
        self.hold_button.setObjectName("holdReview")
        self.hold_button.setToolTip(tr("ui.performance.hold_review_tip"))
        self.hold_button.clicked.connect(self.hold_review)
        self.reviews = ReviewListModel(self)
        self.review_view = _list_view("reviewList", 3)
        self.review_view.setModel(self.reviews)
        self.review_view.setAccessibleName(tr("ui.performance.reviews_name"))
        self.review_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.review_view.activated.connect(lambda index: self.open_review(index.row()))
        reviews_label = QLabel(tr("ui.performance.reviews"))
        reviews_label.setBuddy(self.review_view)
        self.open_button = QPushButton(tr("ui.performance.open_review"))
        self.open_button.clicked.connect(
            lambda: self.open_review(self.review_view.currentIndex().row()))
        buttons = QHBoxLayout()
        buttons.addWidget(self.hold_button)
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        reviews_layout.addLayout(buttons)
        reviews_layout.addWidget(reviews_label)
        reviews_layout.addWidget(self.review_view)
        self.grid = ReviewGridView()
        reviews_layout.addWidget(self.grid)
        self.setTabOrder(self.hold_button, self.open_button)
        self.setTabOrder(self.open_button, self.review_view)
        self.setTabOrder(self.review_view, self.grid)
        layout.addWidget(reviews)
        layout.addStretch(1)

        self.setWidget(body)
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        self.set_plan(None)

    # Showing ---------------------------------------------------------------------------------

    def set_plan(self, plan: Plan | None) -> None:
        """Show ``plan`` (None: no plan), keeping the objective and indicator selected."""
        self.plan = plan
        self.body.setEnabled(plan is not None)
        shown = plan if plan is not None else Plan(title="")
        self._show_schedule(shown)
        self._show_under(shown)
        objective = self.current_objective_uid()
        self.objectives.set_plan(shown)
        self.reviews.set_reviews(shown.performance.reviews)
        grid = review_grid(shown)
        if grid != self.grid.grid_model.grid:
            self.grid.show_grid(grid)
        self.grid.setVisible(bool(shown.performance.reviews))
        self.open_button.setEnabled(self.reviews.rowCount() > 0)
        if objective and self.objective_view.currentIndex().data(
                Qt.ItemDataRole.UserRole + 1) != objective:
            self.select_objective(objective)
        self._objective_chosen()

    def _show_schedule(self, plan: Plan) -> None:
        if not self.start.hasFocus() or not self.start.isModified():
            self.start.setText(plan.performance.start)
        today = self.today()
        due = next_review_due(plan, today)
        months = plan.mandate.review_months
        if due is None:
            self.next_review.setText(tr("ui.performance.no_review_due") if not months
                                     else tr("ui.performance.needs_start"))
        else:
            self.next_review.setText(tr("ui.performance.due_on", date=due.isoformat(),
                                        days=(due - today).days)
                                     if due >= today else
                                     tr("ui.performance.due_since", date=due.isoformat()))
        overdue = overdue_reviews(plan, today)
        self.overdue.setText(trn("ui.performance.overdue", len(overdue),
                                dates=", ".join(d.isoformat() for d in overdue))
                             if overdue else "")
        self.overdue.setVisible(bool(overdue))

    def _show_under(self, plan: Plan) -> None:
        wanted = list(plan.mandate.objectives) or list(OBJECTIVES)
        current = [self.objective_under.itemData(i)
                   for i in range(self.objective_under.count())]
        if current != wanted:
            keep = self.objective_under.currentData()
            self.objective_under.clear()
            lang = ui_language()
            for value in wanted:
                self.objective_under.addItem(label(value, lang), value)
            self.objective_under.setCurrentIndex(max(0, self.objective_under.findData(keep)))

    def current_objective_uid(self) -> str:
        row = self.objectives.row(self.objective_view.currentIndex().row())
        return row.worded.uid if row is not None and row.worded is not None else ""

    def current_objective(self) -> MissionObjective | None:
        uid = self.current_objective_uid()
        return plan_edits.find_objective(self.plan, uid) if self.plan and uid else None

    def current_indicator(self) -> Indicator | None:
        return self.indicators.indicator(self.indicator_view.currentIndex().row())

    def select_objective(self, uid: str) -> None:
        row = self.objectives.row_of(uid)
        if row >= 0:
            self.objective_view.selectionModel().setCurrentIndex(
                self.objectives.index(row), QItemSelectionModel.SelectionFlag.ClearAndSelect)

    def select_indicator(self, uid: str) -> None:
        row = self.indicators.row_of(uid)
        if row >= 0:
            self.indicator_view.selectionModel().setCurrentIndex(
                self.indicators.index(row), QItemSelectionModel.SelectionFlag.ClearAndSelect)

    def _objective_chosen(self) -> None:
        objective = self.current_objective()
        self.remove_objective_button.setEnabled(objective is not None)
        self.indicator_box.setEnabled(objective is not None)
        self.indicators_of.setText(
            tr("ui.performance.group_indicators_of", objective=objective.text)
            if objective is not None else "")
        self.indicators_of.setVisible(objective is not None)
        kept = self.current_indicator()
        self.indicators.set_indicators(objective.indicators if objective is not None else [])
        if kept is not None and self.indicators.row_of(kept.uid) >= 0:
            if self.current_indicator() is None or self.current_indicator().uid != kept.uid:  # type: ignore[union-attr]
                self.select_indicator(kept.uid)
        elif self.indicators.rowCount() and self.current_indicator() is None:
            self.indicator_view.setCurrentIndex(self.indicators.index(0))
        self._indicator_chosen()

    def _indicator_chosen(self) -> None:
        indicator = self.current_indicator()
        self.remove_indicator_button.setEnabled(indicator is not None)
        self.editor.set_indicator(indicator)
        self.data_box.setEnabled(indicator is not None)
        self.points.set_points(indicator.data if indicator is not None else [],
                               indicator.uid if indicator is not None else "")
        self._show_chart(indicator)

    def _show_chart(self, indicator: Indicator | None) -> None:
        reviews = plan_review_dates(self.plan) if self.plan is not None else ()
        self.chart.show_indicator(indicator, reviews, self.today())

    def show_problem(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.setVisible(bool(text))

    # Edits -------------------------------------------------------------------------------------

    def _edit(self, text: str, after: Plan) -> None:
        self.session.edit(text, after)

    def _start_edited(self) -> None:
        if self.plan is None:
            return
        try:
            start = parse_optional_date(self.start.text())
        except EntryError as exc:
            self.show_problem(tr("ui.performance.field_problem",
                                 field=tr("ui.performance.start_name"),
                                 problem=tr(str(exc), text=self.start.text().strip())))
            return
        self.show_problem("")
        self._edit(tr("ui.performance.undo.start"), plan_edits.with_start(self.plan, start))

    def add_objective(self) -> None:
        if self.plan is None:
            return
        text = " ".join(self.new_objective.text().split())
        if not text:
            self.session.message.emit(tr("ui.performance.needs_objective_text"))
            self.new_objective.setFocus()
            return
        objective = MissionObjective(objective=str(self.objective_under.currentData()), text=text)
        self._edit(tr("ui.performance.undo.add_objective", text=text),
                   plan_edits.add_objective(self.plan, objective))
        self.new_objective.clear()
        self.select_objective(objective.uid)

    def _rename_objective(self, uid: str, text: str) -> None:
        if self.plan is not None:
            self._edit(tr("ui.performance.undo.rename_objective", text=text),
                       plan_edits.rename_objective(self.plan, uid, text))

    def remove_objective(self) -> None:
        objective = self.current_objective()
        if self.plan is None or objective is None:
            return
        rated = [r.date for r in self.plan.performance.reviews
                 if any(x.objective == objective.uid for x in r.ratings)
                 or any(d.objective == objective.uid for d in r.decisions)]
        if rated:
            self.session.tell(tr("ui.performance.cannot_remove"),
                              tr("ui.performance.objective_reviewed", text=objective.text,
                                 dates=", ".join(rated)))
            return
        self._edit(tr("ui.performance.undo.remove_objective", text=objective.text),
                   plan_edits.remove_objective(self.plan, objective.uid))

    def add_indicator(self) -> None:
        objective = self.current_objective()
        if self.plan is None or objective is None:
            return
        indicator = Indicator(text=tr("ui.performance.new_indicator"))
        self._edit(tr("ui.performance.undo.add_indicator", text=indicator.text),
                   plan_edits.add_indicator(self.plan, objective.uid, indicator))
        self.select_indicator(indicator.uid)
        self.editor.text.setFocus(Qt.FocusReason.OtherFocusReason)
        self.editor.text.selectAll()

    def remove_indicator(self) -> None:
        indicator = self.current_indicator()
        if self.plan is not None and indicator is not None:
            self._edit(tr("ui.performance.undo.remove_indicator", text=indicator.text),
                       plan_edits.remove_indicator(self.plan, indicator.uid))

    def _indicator_edited(self, indicator: object) -> None:
        if self.plan is not None and isinstance(indicator, Indicator):
            self._edit(tr("ui.performance.undo.edit_indicator", text=indicator.text),
                       plan_edits.replace_indicator(self.plan, indicator))

    def _points_edited(self, points: object, text: str, focus: object) -> None:
        indicator = self.current_indicator()
        if self.plan is None or indicator is None or not isinstance(points, list):
            return
        self._edit(text, plan_edits.with_data(self.plan, indicator.uid, points))
        if isinstance(focus, tuple):
            uid, column = focus
            self.table.go_to(str(uid), int(column))

    def _remove_points(self, rows: list[int]) -> None:
        indicator = self.current_indicator()
        if self.plan is None or indicator is None:
            return
        points: list[DataPoint] = self.points.removed(rows)
        self._edit(tr("ui.performance.undo.remove_points", n=len(rows)),
                   plan_edits.with_data(self.plan, indicator.uid, points))

    def import_field_data(self) -> None:
        indicator = self.current_indicator()
        if indicator is None:
            return
        try:
            module = importlib.import_module("pkdesk.ui.planner.performance.import_dialog")
        except ImportError:
            self.session.message.emit(tr("ui.performance.import_unavailable"))
            return
        module.import_field_data(self, self.session, indicator.uid)

    # Reviews -----------------------------------------------------------------------------------

    def hold_review(self) -> None:
        from pkdesk.ui.planner.performance.review_dialog import hold_review

        self.review_requested.emit()
        if self.plan is not None:
            hold_review(self, self.session, self.today())

    def open_review(self, row: int) -> None:
        from pkdesk.ui.planner.performance.review_dialog import ReviewView

        review = self.reviews.review(row)
        if review is None or self.plan is None:
            return
        view = ReviewView(self.plan, review, self)
        view.scenario_requested.connect(self.scenario_requested)
        view.revision_requested.connect(self.revision_requested)
        view.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        view.open()
        QTimer.singleShot(0, view.raise_)
