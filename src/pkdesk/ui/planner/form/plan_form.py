"""The plan as a form: every field of the plan, parties and strategies as tables.

The form never changes a plan itself. A user's edit is announced as
`field_edited(key, value, typing)` (keys as in `core.plan.edits`); the page makes it an
undoable command and shows the result with `set_plan`, which touches only widgets whose
value differs (so the cursor stays where the user is typing). `typing` edits of one field
in one stretch of focus coalesce into one undo step: `session` changes on every focus move.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (QCheckBox, QComboBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel,
                               QLineEdit, QListView, QPlainTextEdit, QScrollArea, QSpinBox,
                               QVBoxLayout, QWidget)

from pkdesk.core.plan.model import (COMMAND_ARRANGEMENTS, COMPONENTS, CONSENTS, CONTEXTS,
                                    EQUIPMENT_LEVELS, FUNDING_LEVELS, FUNDING_SOURCES,
                                    HOST_AUTHORITIES, OBJECTIVES, PARTY_CONSENTS, PARTY_KINDS,
                                    PARTY_ROLES, PHASES, STRATEGY_KINDS, THREAT_LEVELS,
                                    USES_OF_FORCE, Benchmark, Caveat, ParallelForce, Plan,
                                    ProtectionSite)
from pkdesk.core.plan.edits import field_value
from pkdesk.core.plan.file import (MAX_PERSONNEL, MAX_POPULATION, MAX_REVIEW_MONTHS, NAME_CHARS,
                                   TEXT_CHARS)
from pkdesk.core.report_labels import label
from pkdesk.ui.planner.form.choice_list_model import ChoiceListModel
from pkdesk.ui.common.i18n import tr, ui_language
from pkdesk.ui.common.keys import show_focus_frame
from pkdesk.ui.planner.form.item_table_editor import ItemTableEditor
from pkdesk.ui.planner.form.party_table_model import (CONDITIONS, CONSENT, KIND, NAME, ROLE,
                                                     TALKS, PartyTableModel)
from pkdesk.ui.planner.form.record_table_model import Column, RecordTableModel
from pkdesk.ui.planner.form.strategy_table_model import NOTES, StrategyTableModel

_UNDO_KEYS = (QKeySequence.StandardKey.Undo, QKeySequence.StandardKey.Redo)
_FORMAT_2_KEYS = frozenset({"phase", "host_authority", "protection.threat_level",
                            "command.arrangement", "resources.funding_source"})


def _label(value: str) -> str:
    return label(value, ui_language())


_SHOWN_FROM_START = "pkdeskShownFromStart"


def _show_line(edit: QLineEdit, text: str) -> None:
    """``text`` in ``edit``, read from its start when it is longer than the field (setText
    leaves the cursor at the end: a long title showed "…ssion in Rwanda (UNAMIR-like, 1993)"
    at 1024×600); the field being typed in keeps its cursor at the end, and so does a field
    given the focus afterwards (`PlanForm.eventFilter`), as setText alone left it."""
    edit.setText(text)
    if not edit.hasFocus():
        edit.setCursorPosition(0)
        edit.setProperty(_SHOWN_FROM_START, True)


def _partners(text: str) -> list[str]:
    return [line.strip()[:NAME_CHARS] for line in text.splitlines() if line.strip()]


class PlanForm(QScrollArea):
    field_edited = Signal(str, object, bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = 0
        self._updating = False
        # key -> (read the widget's value, show a value in the widget)
        self._bindings: dict[str, tuple[Callable[[], Any], Callable[[Any], None]]] = {}
        body = QWidget()
        self.body = body
        self.title = self._line("title", tr("ui.form.title_hint"))
        self.title_problem = QLabel()
        self.title_problem.setObjectName("titleProblem")
        self.title_problem.setTextFormat(Qt.TextFormat.PlainText)
        self.title_problem.setWordWrap(True)
        self.title_problem.hide()
        self.problem = QLabel()
        self.problem.setObjectName("planProblem")
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.setWordWrap(True)
        self.problem.hide()
        self.host_country = self._line("host_country", tr("ui.form.host_country_hint"))
        self.context = self._combo("context", CONTEXTS)
        self.auth_body = self._line("authorization.body", tr("ui.form.auth_body_hint"))
        self.auth_reference = self._line("authorization.reference", tr("ui.form.auth_ref_hint"))
        self.mandate_summary = self._text("mandate.summary", tr("ui.form.summary_hint"))
        self.objectives = ChoiceListModel(OBJECTIVES, _label, self)
        self.objectives_view = QListView()
        self.objectives_view.setModel(self.objectives)
        self.objectives_view.setAccessibleName(tr("ui.form.objectives_name"))
        self.objectives_view.setFixedHeight(
            self.objectives_view.sizeHintForRow(0) * len(OBJECTIVES) + 6)
        self.objectives.checked_changed.connect(
            lambda values: self._emit("mandate.objectives", values, False))
        self._bindings["mandate.objectives"] = (self.objectives.checked,
                                                self.objectives.set_checked)
        self.review = QSpinBox()
        self.review.setRange(0, MAX_REVIEW_MONTHS)
        self.review.setSpecialValueText(tr("ui.form.no_review"))
        self.review.setSuffix(tr("ui.form.months_suffix"))
        self.review.valueChanged.connect(
            lambda v: self._emit("mandate.review_months", v or None, False))
        self._bindings["mandate.review_months"] = (lambda: self.review.value() or None,
                                                   lambda v: self.review.setValue(v or 0))
        self.host_consent = self._combo("host_consent", CONSENTS)
        self.use_of_force = self._combo("use_of_force", USES_OF_FORCE)
        # Format 2: phase and authority, consent conditions, end state, targets, benchmarks,
        # protection of civilians, command; combos and spin boxes take focus before the wheel.
        self.phase = self._combo("phase", PHASES)
        self.host_authority = self._combo("host_authority", HOST_AUTHORITIES)
        self.host_consent_conditions = self._text("host_consent_conditions",
                                                  tr("ui.form.conditions_hint"))
        self.end_state = self._text("mandate.end_state", tr("ui.form.end_state_hint"))
        self.directed_against = self._text("mandate.directed_against",
                                           tr("ui.form.directed_against_hint"),
                                           read=lambda w: _partners(w.toPlainText()),
                                           show=lambda w, v: w.setPlainText("\n".join(v)))
        self.benchmarks = self._records(
            "mandate.benchmarks", ("ui.benchmark.text", "ui.benchmark.due"),
            (Column("text", "text", TEXT_CHARS), Column("due", "month")),
            lambda: Benchmark(tr("ui.plan.new_benchmark")))
        self.benchmark_editor = ItemTableEditor(self.benchmarks, "benchmark", 0, (0, 130))
        self.threat_level = self._combo("protection.threat_level", THREAT_LEVELS)
        self.civilians_at_risk = QSpinBox()
        self.civilians_at_risk.setRange(0, MAX_POPULATION)
        self.civilians_at_risk.setSpecialValueText(tr("ui.form.not_estimated"))
        self.civilians_at_risk.setGroupSeparatorShown(True)
        self.civilians_at_risk.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.civilians_at_risk.setAccessibleName(tr("ui.form.civilians_at_risk_name"))
        self.civilians_at_risk.valueChanged.connect(
            lambda v: self._emit("protection.civilians_at_risk", v or None, True))
        self._bindings["protection.civilians_at_risk"] = (
            lambda: self.civilians_at_risk.value() or None,
            lambda v: self.civilians_at_risk.setValue(v or 0))
        self.sites = self._records(
            "protection.sites", ("ui.site.name", "ui.site.population", "ui.site.personnel"),
            (Column("name", "text"), Column("population", "int", MAX_POPULATION),
             Column("personnel", "int", MAX_PERSONNEL)),
            lambda: ProtectionSite(tr("ui.plan.new_site")))
        self.site_editor = ItemTableEditor(self.sites, "site", 0, (0, 130, 110))
        self.arrangement = self._combo("command.arrangement", COMMAND_ARRANGEMENTS)
        self.parallel_forces = self._records(
            "command.parallel_forces", ("ui.force.name", "ui.force.under_command"),
            (Column("name", "text"), Column("under_mission_command", "bool")),
            lambda: ParallelForce(tr("ui.plan.new_force")))
        self.force_editor = ItemTableEditor(self.parallel_forces, "force", 0, (0, 190))
        self.caveats = self._records(
            "command.caveats", ("ui.caveat.contributor", "ui.caveat.restriction"),
            (Column("contributor", "text"), Column("restriction", "note", TEXT_CHARS)),
            lambda: Caveat(tr("ui.plan.new_contributor")))
        self.caveat_editor = ItemTableEditor(self.caveats, "caveat", 1, (180, 0))
        for editor in (self.benchmark_editor, self.site_editor, self.force_editor,
                       self.caveat_editor):
            editor.table.setMinimumHeight(editor.table.minimumHeight() // 2)
        self.parties = PartyTableModel(self)
        self.party_editor = ItemTableEditor(
            self.parties, "party", NAME,
            (0, self._fit(PARTY_KINDS, 90), self._fit(PARTY_CONSENTS, 110), 90,
             self._fit(PARTY_ROLES, 110), 160),
            two_lines={ROLE: self._fit_two_lines(PARTY_ROLES),
                       KIND: self._fit_two_lines(PARTY_KINDS),
                       CONSENT: self._fit_two_lines(PARTY_CONSENTS)},
            gives_first=(CONDITIONS, TALKS))
        self.strategies = StrategyTableModel(self)
        self.strategy_editor = ItemTableEditor(self.strategies, "strategy", NOTES,
                                               (self._fit(STRATEGY_KINDS, 170, 260), 200, 140, 0))
        self.components = {c: QCheckBox(_label(c).capitalize()) for c in COMPONENTS}
        for box in self.components.values():
            box.toggled.connect(lambda _on: self._emit("components", self._components(), False))
        self._bindings["components"] = (self._components, self._show_components)
        self.personnel = QSpinBox()
        self.personnel.setRange(0, MAX_PERSONNEL)
        self.personnel.setGroupSeparatorShown(True)
        self.personnel.setAccessibleName(tr("ui.form.personnel_name"))
        self.personnel.valueChanged.connect(
            lambda v: self._emit("resources.personnel", v, True))
        self._bindings["resources.personnel"] = (self.personnel.value, self.personnel.setValue)
        # Optional: 0 is the spin box's "Not estimated" (the file's null; 1 is the least estimate).
        self.personnel_required = QSpinBox()
        self.personnel_required.setRange(0, MAX_PERSONNEL)
        self.personnel_required.setSpecialValueText(tr("ui.form.not_estimated"))
        self.personnel_required.setGroupSeparatorShown(True)
        self.personnel_required.setAccessibleName(tr("ui.form.personnel_required_name"))
        self.personnel_required.setToolTip(tr("ui.form.personnel_required_tip"))
        self.personnel_required.valueChanged.connect(
            lambda v: self._emit("resources.personnel_required", v or None, True))
        self._bindings["resources.personnel_required"] = (
            lambda: self.personnel_required.value() or None,
            lambda v: self.personnel_required.setValue(v or 0))
        self.equipment = self._combo("resources.equipment", EQUIPMENT_LEVELS)
        self.funding = self._combo("resources.funding", FUNDING_LEVELS)
        self.funding_source = self._combo("resources.funding_source", FUNDING_SOURCES)
        self.partners = self._text("partners", tr("ui.form.partners_hint"),
                                   read=lambda w: _partners(w.toPlainText()),
                                   show=lambda w, v: w.setPlainText("\n".join(v)))
        self.community = self._text("community_engagement", tr("ui.form.community_hint"))
        self.climate = self._text("climate_risks", tr("ui.form.climate_hint"))
        self.notes = self._text("notes", tr("ui.form.notes_hint"))
        for key, model, editor in (
                ("mandate.benchmarks", self.benchmarks, self.benchmark_editor),
                ("protection.sites", self.sites, self.site_editor),
                ("command.parallel_forces", self.parallel_forces, self.force_editor),
                ("command.caveats", self.caveats, self.caveat_editor)):
            self._connect_records(key, model, editor)
        self._build_layout()

    # Building ----------------------------------------------------------------------------

    def _build_layout(self) -> None:
        layout = QVBoxLayout(self.body)
        layout.addWidget(self.problem)
        basics = self._group(layout, tr("ui.form.group_plan"))
        title_row = QVBoxLayout()
        title_row.setSpacing(2)
        title_row.addWidget(self.title)
        title_row.addWidget(self.title_problem)
        title_label = QLabel(tr("ui.form.title"))
        title_label.setBuddy(self.title)
        basics.addRow(title_label, title_row)
        basics.addRow(tr("ui.form.host_country"), self.host_country)
        basics.addRow(tr("ui.form.context"), self.context)
        basics.addRow(tr("ui.form.phase"), self.phase)
        basics.addRow(tr("ui.form.host_authority"), self.host_authority)
        auth = self._group(layout, tr("ui.form.group_auth"))
        auth.addRow(tr("ui.form.auth_body"), self.auth_body)
        auth.addRow(tr("ui.form.auth_ref"), self.auth_reference)
        mandate = self._group(layout, tr("ui.form.group_mandate"))
        mandate.addRow(tr("ui.form.summary"), self.mandate_summary)
        mandate.addRow(tr("ui.form.objectives"), self.objectives_view)
        mandate.addRow(tr("ui.form.review"), self.review)
        mandate.addRow(tr("ui.form.end_state"), self.end_state)
        mandate.addRow(tr("ui.form.benchmarks"), self.benchmark_editor)
        mandate.addRow(tr("ui.form.directed_against"), self.directed_against)
        posture = self._group(layout, tr("ui.form.group_posture"))
        posture.addRow(tr("ui.form.host_consent"), self.host_consent)
        posture.addRow(tr("ui.form.host_consent_conditions"), self.host_consent_conditions)
        posture.addRow(tr("ui.form.use_of_force"), self.use_of_force)
        for title, editor in ((tr("ui.form.group_parties"), self.party_editor),
                              (tr("ui.form.group_strategies"), self.strategy_editor)):
            box = QGroupBox(title)     # its mnemonic moves focus to the table
            inner = QVBoxLayout(box)
            inner.addWidget(editor)
            layout.addWidget(box)
        resources = self._group(layout, tr("ui.form.group_resources"))
        boxes = QHBoxLayout()
        for check in self.components.values():
            boxes.addWidget(check)
        boxes.addStretch(1)
        resources.addRow(tr("ui.form.components"), boxes)
        resources.addRow(tr("ui.form.personnel"), self.personnel)
        resources.addRow(tr("ui.form.personnel_required"), self.personnel_required)
        resources.addRow(tr("ui.form.equipment"), self.equipment)
        resources.addRow(tr("ui.form.funding"), self.funding)
        resources.addRow(tr("ui.form.funding_source"), self.funding_source)
        protection = self._group(layout, tr("ui.form.group_protection"))
        protection.addRow(tr("ui.form.threat_level"), self.threat_level)
        protection.addRow(tr("ui.form.civilians_at_risk"), self.civilians_at_risk)
        protection.addRow(tr("ui.form.sites"), self.site_editor)
        command = self._group(layout, tr("ui.form.group_command"))
        command.addRow(tr("ui.form.arrangement"), self.arrangement)
        command.addRow(tr("ui.form.parallel_forces"), self.force_editor)
        command.addRow(tr("ui.form.caveats"), self.caveat_editor)
        others = self._group(layout, tr("ui.form.group_partners"))
        others.addRow(tr("ui.form.partners"), self.partners)
        others.addRow(tr("ui.form.community"), self.community)
        others.addRow(tr("ui.form.climate"), self.climate)
        others.addRow(tr("ui.form.notes"), self.notes)
        layout.addStretch(1)
        self.setWidget(self.body)
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)

    def _fit(self, values: tuple[str, ...], least: int, most: int = 200) -> int:
        """A column width for these values' labels in the window's language."""
        metrics = self.fontMetrics()
        widest = max(metrics.horizontalAdvance(_label(v)) for v in values) + 16
        return min(max(least, widest), most)

    def _fit_two_lines(self, values: tuple[str, ...]) -> int:
        """The least column width that shows every one of these values' labels whole on two
        lines at most (each broken at its best space or hyphen)."""
        metrics = self.fontMetrics()

        def two_lines(text: str) -> int:
            cuts = [i + 1 for i, ch in enumerate(text) if ch in " -"]
            return min([metrics.horizontalAdvance(text)] +
                       [max(metrics.horizontalAdvance(text[:i].rstrip()),
                            metrics.horizontalAdvance(text[i:])) for i in cuts])
        return max(two_lines(_label(v)) for v in values) + 10    # the cell's margins

    def _group(self, layout: QVBoxLayout, title: str) -> QFormLayout:
        box = QGroupBox(title)
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)  # narrow windows
        layout.addWidget(box)
        return form

    def _line(self, key: str, placeholder: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setMaxLength(NAME_CHARS)
        edit.setPlaceholderText(placeholder)
        edit.textEdited.connect(lambda text: self._emit(key, text, True))
        edit.installEventFilter(self)
        self._bindings[key] = (edit.text, lambda value: _show_line(edit, value))
        return edit

    def _text(self, key: str, placeholder: str,
              read: Callable[[QPlainTextEdit], Any] = QPlainTextEdit.toPlainText,
              show: Callable[[QPlainTextEdit, Any], None] = QPlainTextEdit.setPlainText,
              ) -> QPlainTextEdit:
        edit = QPlainTextEdit()
        edit.setPlaceholderText(placeholder)
        edit.setTabChangesFocus(True)
        show_focus_frame(edit)
        edit.setUndoRedoEnabled(False)     # the planner's undo stack undoes typing
        edit.setFixedHeight(edit.fontMetrics().lineSpacing() * 4 + 12)
        edit.textChanged.connect(lambda: self._emit(key, read(edit), True))
        edit.installEventFilter(self)
        self._bindings[key] = (lambda: read(edit), lambda v: show(edit, v))
        return edit

    def _combo(self, key: str, values: tuple[str, ...]) -> QComboBox:
        combo = QComboBox()
        if key in _FORMAT_2_KEYS:
            combo.setFocusPolicy(Qt.FocusPolicy.StrongFocus)    # focus before the wheel
        for value in values:
            combo.addItem(_label(value), value)
        combo.currentIndexChanged.connect(lambda _i: self._emit(key, combo.currentData(), False))
        self._bindings[key] = (combo.currentData,
                               lambda v: combo.setCurrentIndex(max(0, combo.findData(v))))
        return combo

    def _records(self, key: str, headers: tuple[str, ...], columns: tuple[Column, ...],
                 make: Callable[[], Any]) -> RecordTableModel:
        """A list of records edited as a table; each change is one edit of the whole list."""
        model = RecordTableModel(headers, columns, make, self)
        model.list_edited.connect(lambda rows: self._emit(key, rows, False))
        model.refused.connect(self.show_problem)
        self._bindings[key] = (model.items, model.set_items)
        return model

    def _connect_records(self, key: str, model: RecordTableModel,
                         editor: ItemTableEditor) -> None:
        editor.add_requested.connect(lambda row: self._emit(key, model.inserted(row), False))
        editor.remove_requested.connect(lambda row: self._emit(key, model.removed(row), False))

    def _components(self) -> list[str]:
        return [c for c, box in self.components.items() if box.isChecked()]

    def _show_components(self, values: list[str]) -> None:
        for c, box in self.components.items():
            box.setChecked(c in values)

    # Showing and reporting -----------------------------------------------------------------

    def set_plan(self, plan: Plan) -> None:
        self._updating = True
        try:
            for key, (read, show) in self._bindings.items():
                value = field_value(plan, key)
                if read() != value:
                    show(value)
            self.parties.set_items(plan.parties)
            self.strategies.set_items(plan.strategies, plan.party_names())
        finally:
            self._updating = False

    def show_problem(self, message: str) -> None:
        """Why the current state cannot be stored, next to the field it concerns ("" clears)."""
        on_title = message and ".title:" in message
        self.title_problem.setText(message if on_title else "")
        self.title_problem.setVisible(bool(on_title))
        self.problem.setText("" if on_title or not message
                             else tr("ui.form.not_saved", problem=message))
        self.problem.setVisible(bool(message) and not on_title)

    def _emit(self, key: str, value: object, typing: bool) -> None:
        if not self._updating:
            self.field_edited.emit(key, value, typing)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.FocusIn, QEvent.Type.KeyPress) \
                and isinstance(watched, QLineEdit) and watched.property(_SHOWN_FROM_START):
            watched.setProperty(_SHOWN_FROM_START, False)
            if watched.cursorPosition() == 0 and not watched.hasSelectedText():
                watched.end(False)  # typing goes on at the end (a click still places it)
        if kind in (QEvent.Type.FocusIn, QEvent.Type.FocusOut):
            self.session += 1
        elif kind == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent) \
                and any(event.matches(k) for k in _UNDO_KEYS):
            # Leave Ctrl+Z to the planner's undo stack, not the text field's own.
            event.ignore()
            return True
        return super().eventFilter(watched, event)
