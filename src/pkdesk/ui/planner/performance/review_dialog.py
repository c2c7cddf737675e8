"""Hold Review…: the reviewer confirms or changes, per worded objective, the rating pkdesk
suggests from its indicators (a change needs a reason), records the decisions taken, and the
review is stored as one undo step. A decision may branch a scenario (its uid is the link) or
open the plan for a new revision (the revision the review is saved in is the link).

`ReviewView` shows a past review read-only, its links followable.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFormLayout, QGridLayout,
                               QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit,
                               QPushButton, QScrollArea, QVBoxLayout, QWidget)

from pkdesk.core.performance.ratings import suggest_rating
from pkdesk.core.plan.file import NAME_CHARS, TEXT_CHARS
from pkdesk.core.plan.model import (DECISION_ACTIONS, RATINGS, Decision, MissionObjective,
                                    ObjectiveRating, Plan, Review)
from pkdesk.ui.common.i18n import tr, ui_language
from pkdesk.ui.common.keys import show_focus_frame
from pkdesk.ui.common.plain_tip import plain_tip
from pkdesk.ui.planner.performance import plan_edits
from pkdesk.ui.planner.performance.labels import action_label, rating_label
from pkdesk.ui.planner.performance.entry import EntryError, format_number, parse_date
from pkdesk.ui.planner.session import user_name

if TYPE_CHECKING:
    from pkdesk.store.plan_repo import PlanRepository
    from pkdesk.ui.planner.session import PlannerSession


def latest_values(objective: MissionObjective) -> str:
    """Each indicator's latest value, one per line ("no data yet" for those without)."""
    lang = ui_language()
    lines = []
    for indicator in objective.indicators:
        latest = indicator.data[-1] if indicator.data else None
        value = (tr("ui.performance.latest", value=format_number(latest.value, lang),
                    unit=indicator.unit, date=latest.date).strip()
                 if latest is not None else tr("ui.performance.no_data_yet"))
        lines.append(f"{indicator.text}: {value}")
    return "\n".join(lines) or tr("ui.performance.no_indicators")


def _plain(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


@dataclasses.dataclass
class RatingRow:
    objective: MissionObjective
    suggested: str
    combo: QComboBox
    reason: QLineEdit


@dataclasses.dataclass
class DecisionRow:
    text: QLineEdit
    objective: QComboBox
    action: QComboBox


class ReviewDialog(QDialog):
    def __init__(self, plan: Plan, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reviewDialog")
        self.setWindowTitle(tr("ui.performance.review.title", title=plan.title))
        self.plan = plan
        self.review: Review | None = None
        self.date = QLineEdit(today.isoformat())
        self.date.setObjectName("reviewDate")
        self.date.setMaxLength(10)
        self.reviewer = QLineEdit(user_name())
        self.reviewer.setMaxLength(NAME_CHARS)
        head = QFormLayout()
        date_label = QLabel(tr("ui.performance.review.date"))
        date_label.setBuddy(self.date)
        head.addRow(date_label, self.date)
        reviewer_label = QLabel(tr("ui.performance.review.reviewer"))
        reviewer_label.setBuddy(self.reviewer)
        head.addRow(reviewer_label, self.reviewer)

        ratings = QGroupBox(tr("ui.performance.review.ratings"))
        grid = QGridLayout(ratings)
        self.ratings: list[RatingRow] = []
        method = plain_tip(tr("ui.performance.review.rating_method"))
        for number, objective in enumerate(plan.performance.objectives):
            suggested = suggest_rating(objective, today)
            name = _plain(objective.text)
            name.setStyleSheet("font-weight: bold")
            values = _plain(latest_values(objective))
            suggestion = _plain(tr("ui.performance.review.suggested", rating=rating_label(suggested)))
            suggestion.setToolTip(method)
            combo = QComboBox()
            combo.setAccessibleName(tr("ui.performance.review.rating_name", objective=objective.text))
            combo.setToolTip(method)
            for rating in RATINGS:
                combo.addItem(rating_label(rating), rating)
            combo.setCurrentIndex(combo.findData(suggested))
            reason = QLineEdit()
            reason.setMaxLength(TEXT_CHARS)
            reason.setPlaceholderText(tr("ui.performance.review.reason_hint"))
            reason.setAccessibleName(tr("ui.performance.review.reason_name", objective=objective.text))
            row = number * 3
            grid.addWidget(name, row, 0, 1, 3)
            grid.addWidget(values, row + 1, 0)
            grid.addWidget(suggestion, row + 1, 1)
            grid.addWidget(combo, row + 1, 2)
            grid.addWidget(reason, row + 2, 0, 1, 3)
            self.ratings.append(RatingRow(objective, suggested, combo, reason))
        if not self.ratings:
            grid.addWidget(_plain(tr("ui.performance.review.no_objectives")), 0, 0)
        grid.setColumnStretch(0, 1)

        decisions = QGroupBox(tr("ui.performance.review.decisions"))
        decisions_layout = QVBoxLayout(decisions)
        self.decision_grid = QGridLayout()
        decisions_layout.addLayout(self.decision_grid)
        self.decisions: list[DecisionRow] = []
        self.add_decision_button = QPushButton(tr("ui.performance.review.add_decision"))
        self.add_decision_button.clicked.connect(self.add_decision)
        add_row = QHBoxLayout()
        add_row.addWidget(self.add_decision_button)
        add_row.addStretch(1)
        decisions_layout.addLayout(add_row)
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        self.notes.setPlaceholderText(tr("ui.performance.review.notes_hint"))
        self.notes.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 12)
        show_focus_frame(self.notes)
        notes_label = QLabel(tr("ui.performance.review.notes"))
        notes_label.setBuddy(self.notes)

        self.problem = _plain()
        self.problem.setObjectName("reviewProblem")
        self.problem.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.addButton(tr("ui.performance.review.ok"),
                                           QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.try_accept)
        buttons.rejected.connect(self.reject)

        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.addLayout(head)
        body_layout.addWidget(ratings)
        body_layout.addWidget(decisions)
        body_layout.addWidget(notes_label)
        body_layout.addWidget(self.notes)
        body_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(body)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.resize(640, 520)

    def add_decision(self) -> DecisionRow:
        text = QLineEdit()
        text.setMaxLength(TEXT_CHARS)
        text.setPlaceholderText(tr("ui.performance.review.decision_hint"))
        text.setAccessibleName(tr("ui.performance.review.decision_name"))
        objective = QComboBox()
        objective.setAccessibleName(tr("ui.performance.review.decision_objective"))
        objective.addItem(tr("ui.performance.review.whole_plan"), "")
        for worded in self.plan.performance.objectives:
            objective.addItem(worded.text, worded.uid)
        action = QComboBox()
        action.setAccessibleName(tr("ui.performance.review.decision_action"))
        for value in DECISION_ACTIONS:
            action.addItem(action_label(value), value)
        row = len(self.decisions) * 2
        self.decision_grid.addWidget(text, row, 0, 1, 2)
        self.decision_grid.addWidget(objective, row + 1, 0)
        self.decision_grid.addWidget(action, row + 1, 1)
        decision = DecisionRow(text, objective, action)
        self.decisions.append(decision)
        text.setFocus()
        return decision

    def _refuse(self, text: str, where: QWidget) -> None:
        self.problem.setText(text)
        self.problem.show()
        where.setFocus()

    def try_accept(self) -> None:
        """Accept when the review is complete; else say what is missing and stay open."""
        try:
            held = parse_date(self.date.text())
        except EntryError as exc:
            self._refuse(tr("ui.performance.field_problem", field=tr("ui.performance.review.date_name"),
                            problem=tr(str(exc), text=self.date.text().strip())), self.date)
            return
        ratings: list[ObjectiveRating] = []
        for row in self.ratings:
            rating = str(row.combo.currentData())
            reason = row.reason.text().strip()
            if rating != row.suggested and not reason:
                self._refuse(tr("ui.performance.review.needs_reason", objective=row.objective.text),
                             row.reason)
                return
            ratings.append(ObjectiveRating(objective=row.objective.uid, rating=rating,
                                           suggested=row.suggested, reason=reason))
        decisions: list[Decision] = []
        for d in self.decisions:
            text = d.text.text().strip()
            action = str(d.action.currentData())
            if not text:
                if action != "none":
                    self._refuse(tr("ui.performance.review.needs_decision_text"), d.text)
                    return
                continue
            decisions.append(Decision(text=text, objective=str(d.objective.currentData()),
                                      action=action))
        self.review = Review(date=held, reviewer=self.reviewer.text().strip(), ratings=ratings,
                             decisions=decisions, notes=self.notes.toPlainText().strip())
        self.accept()


def hold_review(parent: QWidget, session: PlannerSession, today: date) -> ReviewDialog | None:
    """Open the review dialog on the plan shown; its review is recorded when accepted."""
    if session.plan is None or session.plan_id is None:
        return None
    session.flush()
    dialog = ReviewDialog(session.plan, today, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    plan_id = session.plan_id
    dialog.accepted.connect(lambda: record_review(session, plan_id, dialog.review)
                            if dialog.review is not None else None)
    dialog.open()
    return dialog


def record_review(session: PlannerSession, plan_id: int, review: Review) -> bool:
    """Store ``review`` on plan ``plan_id`` (the plan shown) as one undo step: the scenarios
    its decisions branch are created first, then the review with their links."""
    if session.plan is None or session.plan_id != plan_id or session.repo is None:
        return False
    stack = session.undo_stack
    stack.beginMacro(tr("ui.performance.undo.hold_review", date=review.date))
    ok = True
    try:
        decisions: list[Decision] = []
        revision: int | None = None
        for decision in review.decisions:
            link = ""
            if decision.action == "scenario":
                uid = _branch(session, plan_id, decision.text)
                if uid is None:
                    ok = False
                    break
                link = uid
            elif decision.action == "revision":
                if revision is None:
                    revision = _next_revision(session, plan_id)
                    if revision is None:
                        ok = False
                        break
                link = str(revision)
            decisions.append(dataclasses.replace(decision, link=link))
        if ok:
            assert session.plan is not None
            session.edit(tr("ui.performance.undo.hold_review", date=review.date),
                         plan_edits.add_review(session.plan,
                                               dataclasses.replace(review, decisions=decisions)))
            if revision is not None:
                session.flush()     # the review is in the revision its decision names
    finally:
        stack.endMacro()
    if not ok and stack.canUndo() and stack.undoText() == tr("ui.performance.undo.hold_review",
                                                              date=review.date):
        stack.undo()    # a scenario branched before the failure goes again
    if ok:
        session.message.emit(tr("ui.performance.review.held", date=review.date))
    return ok


def _branch(session: PlannerSession, plan_id: int, text: str) -> str | None:
    """Branch a scenario of the plan for a decision; its uid (None if it failed)."""
    def branch(repo: PlanRepository) -> tuple[int, str]:
        parent = repo.get(plan_id)
        title = tr("ui.performance.review.scenario_title", title=parent.title, decision=text)
        new_id = repo.branch(plan_id, title[:NAME_CHARS], text, author=user_name())
        return new_id, repo.get(new_id).uid

    result = session.run(tr("ui.scenario.cannot_branch"), branch,
                         undo=lambda r: session.presence(r[0], True, tr("ui.undo.branch",
                                                                        title=text)),
                         show=lambda _r: plan_id)
    return result[1] if result is not None else None


def _next_revision(session: PlannerSession, plan_id: int) -> int | None:
    """The number of the revision the review will be saved in (the next one)."""
    current = session.run(tr("ui.performance.review.cannot_save"), lambda repo: repo.current(plan_id))
    return current[1] + 1 if current is not None else None


class ReviewView(QDialog):
    """A past review, read-only: its ratings (as suggested and as decided, with reasons)
    and decisions, with their links to follow."""

    scenario_requested = Signal(str)
    revision_requested = Signal(int)

    def __init__(self, plan: Plan, review: Review, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reviewView")
        self.setWindowTitle(tr("ui.performance.review.view_title", date=review.date))
        texts = {o.uid: o.text for o in plan.performance.objectives}
        body = QWidget()
        layout = QVBoxLayout(body)
        head = _plain(tr("ui.performance.review.view_head", date=review.date,
                         reviewer=review.reviewer or "—"))
        layout.addWidget(head)
        ratings = QGroupBox(tr("ui.performance.review.ratings"))
        ratings_layout = QVBoxLayout(ratings)
        for rating in review.ratings:
            line = tr("ui.performance.review.rating_line", objective=texts.get(rating.objective, "?"),
                      rating=rating_label(rating.rating),
                      suggested=rating_label(rating.suggested))
            if rating.reason:
                line += "\n" + tr("ui.performance.review.reason_line", reason=rating.reason)
            ratings_layout.addWidget(_plain(line))
        layout.addWidget(ratings)
        decisions = QGroupBox(tr("ui.performance.review.decisions"))
        decisions_layout = QVBoxLayout(decisions)
        self.link_buttons: list[QPushButton] = []
        for decision in review.decisions:
            about = texts.get(decision.objective, tr("ui.performance.review.whole_plan"))
            row = QHBoxLayout()
            row.addWidget(_plain(f"{decision.text}\n({about}; "
                                 f"{action_label(decision.action)})"), 1)
            if decision.action == "scenario" and decision.link:
                button = QPushButton(tr("ui.performance.review.show_scenario"))
                uid = decision.link
                button.clicked.connect(lambda _=False, u=uid: self._follow_scenario(u))
                row.addWidget(button)
                self.link_buttons.append(button)
            elif decision.action == "revision" and decision.link.isdigit():
                button = QPushButton(tr("ui.performance.review.show_revision", number=decision.link))
                number = int(decision.link)
                button.clicked.connect(lambda _=False, n=number: self._follow_revision(n))
                row.addWidget(button)
                self.link_buttons.append(button)
            decisions_layout.addLayout(row)
        if not review.decisions:
            decisions_layout.addWidget(_plain(tr("ui.performance.review.no_decisions")))
        layout.addWidget(decisions)
        if review.notes:
            layout.addWidget(_plain(review.notes))
        layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(body)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        outer = QVBoxLayout(self)
        outer.addWidget(scroll, 1)
        outer.addWidget(buttons)
        self.resize(560, 440)

    def _follow_scenario(self, uid: str) -> None:
        self.scenario_requested.emit(uid)
        self.accept()

    def _follow_revision(self, number: int) -> None:
        self.revision_requested.emit(number)
        self.accept()
