"""The planner's what-if toggles: checkable perturbations from a pack, plus one field override.

Nothing here touches a stored plan or the undo stack: `apply` returns a perturbed copy that
the page checks and shows in the findings panel, beside the banner saying so.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (QComboBox, QHBoxLayout, QLabel, QLineEdit, QListView,
                               QPushButton, QSizePolicy, QSpinBox, QSplitter, QStackedWidget,
                               QTabWidget,
                               QToolButton, QVBoxLayout, QWidget)

from pkdesk.core.errors import InputError, PkdeskError
from pkdesk.core.field_names import field_name, sub_name
from pkdesk.core.plan.model import Plan
from pkdesk.core.plan.fields import (ALL_PARTIES, PARTY_FIELDS, PLAN_FIELDS, FieldType, override,
                                    parse_path)
from pkdesk.core.report_labels import label
from pkdesk.core.whatif import WhatIfPack, apply_whatifs, default_whatif_pack
from pkdesk.core.i18n import translator
from pkdesk.ui.common.i18n import tr, trn, ui_language
from pkdesk.ui.planner.whatif.whatif_model import DESCRIPTION_ROLE, WhatIfListModel

OVERRIDE_PATHS = ([p for p in PLAN_FIELDS if p != "title"]
                  + [f"parties[{ALL_PARTIES}].{f}" for f in PARTY_FIELDS])
FIELD_ROLE = Qt.ItemDataRole.UserRole
BOOL_VALUES = ("yes", "no")      # the override syntax, whatever the language


def override_name(path: str) -> str:
    """The field an override sets, as people name it ("Use of force", "Every party: Consent")."""
    lang = ui_language()
    if path.startswith(f"parties[{ALL_PARTIES}]."):
        return tr("ui.whatif.every_party", field=sub_name(path.rsplit(".", 1)[-1], lang))
    return field_name(path, lang)


def _type(path: str) -> FieldType:
    return parse_path(path, "override").type


TOGGLE_KEYS = "Ctrl+Shift+W"


class WhatIfPanel(QWidget):
    changed = Signal()
    """The what-ifs or the override changed: the page checks again."""
    stress_requested = Signal()
    expanded_changed = Signal(bool)

    def __init__(self, pack: WhatIfPack | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("whatIfPanel")
        self.fits_splitter = True   # False in a tab of its own (`column`): nothing to resize
        self.pack = pack or default_whatif_pack()
        self.model = WhatIfListModel(self)
        self.model.set_pack(self.pack)
        heading = QLabel(tr("ui.whatif.heading"))
        heading.setTextFormat(Qt.TextFormat.PlainText)
        heading.setWordWrap(True)
        self.list = QListView()
        self.list.setObjectName("whatIfList")
        self.list.setAccessibleName(tr("ui.whatif.list_name"))
        self.list.setModel(self.model)
        self.list.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.list.setWordWrap(True)
        rows = max(self.model.rowCount(), 3)
        self.list.setMinimumHeight(self.list.sizeHintForRow(0) * min(rows, 4) + 6)
        self.list.setMaximumHeight(self.list.sizeHintForRow(0) * rows + 8)
        self.description = QLabel()
        self.description.setObjectName("whatIfDescription")
        self.description.setTextFormat(Qt.TextFormat.PlainText)
        self.description.setWordWrap(True)
        self.description.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)

        # The override: a field chosen by its name, and a value editor fitting the field
        # (labels for enumerations, a spin box for numbers, text for text).
        self.field = QComboBox()
        self.field.setObjectName("overrideField")
        for path in OVERRIDE_PATHS:
            self.field.addItem(override_name(path), path)
        self.field.setCurrentIndex(-1)
        self.field.setPlaceholderText(tr("ui.whatif.field"))
        self.field.setAccessibleName(tr("ui.whatif.field_name"))
        self.field.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.field.setMinimumContentsLength(12)
        self.value_choice = QComboBox()
        self.value_choice.setObjectName("overrideChoice")
        self.value_number = QSpinBox()
        self.value_number.setObjectName("overrideNumber")
        self.value_number.setGroupSeparatorShown(True)
        self.value = QLineEdit()
        self.value.setObjectName("overrideValue")
        self.value.setClearButtonEnabled(True)
        self.value.setPlaceholderText(tr("ui.whatif.value_hint"))
        self.value_stack = QStackedWidget()
        for editor in (self.value, self.value_choice, self.value_number):
            editor.setAccessibleName(tr("ui.whatif.value_name"))
            self.value_stack.addWidget(editor)
        self.value_stack.setEnabled(False)
        override_label = QLabel(tr("ui.whatif.override"))
        override_label.setBuddy(self.field)
        self.problem = QLabel()
        self.problem.setObjectName("overrideProblem")
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.setWordWrap(True)
        self.problem.hide()
        self.clear_button = QPushButton(tr("ui.whatif.clear"))
        self.clear_button.clicked.connect(self.clear)
        self.stress_button = QPushButton(tr("ui.whatif.stress"))
        self.stress_button.setToolTip(tr("ui.whatif.stress_tip"))
        self.stress_button.clicked.connect(self.stress_requested)

        override = QHBoxLayout()
        override.addWidget(override_label)
        override.addWidget(self.field, 1)
        override.addWidget(QLabel("="))
        override.addWidget(self.value_stack, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.clear_button)
        buttons.addWidget(self.stress_button)
        # Collapsible: the finding's detail matters more; the header still says how many are on.
        self.toggle = QToolButton()
        self.toggle.setObjectName("whatIfToggle")
        self.toggle.setCheckable(True)
        self.toggle.setAutoRaise(True)
        self.toggle.toggled.connect(self.set_expanded)
        # Reached by Tab (Space toggles it) and from anywhere on the page by its shortcut,
        # which View › Show What-ifs carries (and Help › Keyboard Shortcuts lists).
        self.toggle.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.toggle_action = QAction(tr("ui.whatif.toggle_action"), self)
        self.toggle_action.setObjectName("whatIfToggleAction")
        self.toggle_action.setCheckable(True)
        self.toggle_action.setShortcut(QKeySequence(TOGGLE_KEYS))
        self.toggle_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.toggle_action.triggered.connect(self._toggle_from_key)
        self.addAction(self.toggle_action)
        self.active_count = QLabel()
        self.active_count.setObjectName("whatIfCount")
        self.active_count.setTextFormat(Qt.TextFormat.PlainText)
        header = QHBoxLayout()
        header.addWidget(self.toggle)
        header.addWidget(heading, 1)
        header.addWidget(self.active_count)
        self.body = QWidget()
        body = QVBoxLayout(self.body)
        body.setContentsMargins(0, 0, 0, 0)
        body.addWidget(self.list)
        body.addWidget(self.description)
        body.addLayout(override)
        body.addWidget(self.problem)
        body.addLayout(buttons)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(header)
        layout.addWidget(self.body)
        self._show_expanded(False)     # the page restores the user's choice

        self.model.checked_changed.connect(self._changed)
        self.list.selectionModel().currentRowChanged.connect(self._describe)
        self.field.currentIndexChanged.connect(self._field_changed)
        self.value.textChanged.connect(self._changed)
        self.value_choice.currentIndexChanged.connect(self._changed)
        self.value_number.valueChanged.connect(self._changed)
        self._describe(QModelIndex())

    # State ------------------------------------------------------------------------------------

    def is_expanded(self) -> bool:
        return not self.body.isHidden()

    def set_expanded(self, expanded: bool) -> None:
        if expanded == self.is_expanded():
            return
        self._show_expanded(expanded)
        self._fit_in_splitter()
        self.expanded_changed.emit(expanded)

    def _show_expanded(self, expanded: bool) -> None:
        self.body.setVisible(expanded)
        self.toggle.blockSignals(True)
        self.toggle.setChecked(expanded)
        self.toggle.blockSignals(False)
        self.toggle.setArrowType(Qt.ArrowType.DownArrow if expanded else Qt.ArrowType.RightArrow)
        words = tr("ui.whatif.hide") if expanded else tr("ui.whatif.show")
        keys = QKeySequence(TOGGLE_KEYS).toString(QKeySequence.SequenceFormat.NativeText)
        self.toggle.setToolTip(f"{words} ({keys})")
        self.toggle.setAccessibleName(words)
        self.toggle_action.setChecked(expanded)

    def _toggle_from_key(self) -> None:
        expand = not self.is_expanded()
        self.set_expanded(expand)
        target: QWidget = self.list if expand else self.toggle
        if not expand and not self.toggle.isVisible():     # folded into a tab (`column`)
            target = self._tab_bar() or self.toggle
        target.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _tab_bar(self) -> QWidget | None:
        """The tab bar of the tabs holding this panel, if it sits in one."""
        parent = self.parentWidget()
        while parent is not None and not isinstance(parent, QTabWidget):
            parent = parent.parentWidget()
        return parent.tabBar() if parent is not None else None

    def _fit_in_splitter(self) -> None:
        """Give the splitter pane holding the panel the panel's height: the room freed by
        collapsing goes to the findings above (and is taken back on expanding)."""
        if not self.fits_splitter:
            return
        child: QWidget = self
        parent = self.parentWidget()
        while parent is not None and not isinstance(parent, QSplitter):
            child, parent = parent, parent.parentWidget()
        if not isinstance(parent, QSplitter) or parent.count() < 2:
            return
        index = parent.indexOf(child)
        if index < 1:
            return
        sizes = parent.sizes()
        total = sizes[index - 1] + sizes[index]
        want = min(self.sizeHint().height() + 4, total // 2 if self.is_expanded() else total)
        sizes[index - 1], sizes[index] = total - want, want
        parent.setSizes(sizes)

    def override_path(self) -> str:
        """The field chosen for the override ("" for none)."""
        path = self.field.currentData(FIELD_ROLE)
        return path if isinstance(path, str) and self.field.currentIndex() >= 0 else ""

    def _raw_value(self) -> tuple[str, str]:
        """(the value in the override syntax, as shown); ("", "") for no value."""
        path = self.override_path()
        if not path:
            return "", ""
        ftype = _type(path)
        if ftype.kind in ("enum", "bool"):
            value = self.value_choice.currentData(FIELD_ROLE)
            return (value, self.value_choice.currentText()) if isinstance(value, str) else ("", "")
        if ftype.kind == "int":
            number = self.value_number.value()
            if ftype.nullable and number < ftype.low:
                return "null", self.value_number.specialValueText()
            return str(number), self.value_number.text()
        text = self.value.text()
        if not text.strip():
            return "", ""
        if ftype.kind == "enums":
            by_label = {label(v, ui_language()).casefold(): v for v in ftype.allowed}
            ids = [by_label.get(item.strip().casefold(), item.strip())
                   for item in text.split(",") if item.strip()]
            return ",".join(ids), text.strip()
        return text, text.strip()

    def override_text(self) -> str:
        """``FIELD=VALUE`` in the override syntax, or "" when no override is set."""
        path = self.override_path()
        value, _shown = self._raw_value()
        return f"{path}={value}" if path and value else ""

    def override_problem(self, plan: Plan) -> str:
        """Why the override cannot apply to ``plan``, in one plain line ("" when it can)."""
        path = self.override_path()
        value, shown = self._raw_value()
        if not path or not value:
            return ""
        ftype, name = _type(path), override_name(path)
        if ftype.kind == "enums":
            names = {label(v, ui_language()) for v in ftype.allowed}
            for item in value.split(","):
                if item not in ftype.allowed:
                    bad = next((x.strip() for x in shown.split(",")
                                if x.strip().casefold() == item.casefold()), item)
                    return tr("ui.whatif.bad_choice", value=bad, field=name,
                              allowed=tr("ui.list_comma").join(sorted(names)))
        try:
            override(plan, self.override_text())
        except InputError:
            if ftype.kind in ("text", "texts"):
                return tr("ui.whatif.bad_text", field=name, most=ftype.max_chars)
            return tr("ui.whatif.bad_value", value=shown, field=name)
        return ""

    def is_active(self) -> bool:
        return bool(self.model.checked()) or bool(self.override_text())

    def labels(self) -> list[str]:
        """What is applied, as the banner names it."""
        out = [w.title_in(ui_language()) for w in self.model.checked()]
        if self.override_text():
            out.append(tr("ui.whatif.override_label", field=override_name(self.override_path()),
                          value=self._raw_value()[1]))
        return out

    def apply(self, plan: Plan) -> Plan:
        """A perturbed copy of ``plan``; a bad override raises an InputError in one plain line
        (the what-ifs alone never do)."""
        problem = self.override_problem(plan)
        if problem:
            raise InputError(problem)
        names = [w.id for w in self.model.checked()]
        override_text = self.override_text()
        return apply_whatifs(plan, names, [override_text] if override_text else [],
                             pack=self.pack, lang=ui_language())

    def apply_checked(self, plan: Plan) -> Plan:
        """``plan`` with the checked what-ifs only (while the override is not valid)."""
        return apply_whatifs(plan, [w.id for w in self.model.checked()], pack=self.pack,
                             lang=ui_language())

    def show_problem(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.setVisible(bool(text))
        if text:
            self.set_expanded(True)     # a refused override is never hidden

    def clear(self) -> None:
        self.field.blockSignals(True)
        self.field.setCurrentIndex(-1)
        self.field.blockSignals(False)
        self.value.blockSignals(True)
        self.value.clear()
        self.value.blockSignals(False)
        self.value_stack.setEnabled(False)
        self.model.checked_changed.disconnect(self._changed)
        try:
            self.model.clear_checked()
        finally:
            self.model.checked_changed.connect(self._changed)
        self._changed()

    # Reactions --------------------------------------------------------------------------------

    def _changed(self) -> None:
        self.clear_button.setEnabled(self.is_active())
        on = len(self.labels()) if self.is_active() else 0
        self.active_count.setText(trn("ui.whatif.active_count", on) if on else "")
        if not self.override_text():
            self.show_problem("")
        self.changed.emit()

    def _describe(self, current: QModelIndex, _previous: QModelIndex | None = None) -> None:
        text = current.data(DESCRIPTION_ROLE) if current.isValid() else None
        self.description.setText(text if isinstance(text, str) else
                                 tr("ui.whatif.describe"))

    def _field_changed(self, _index: int = -1) -> None:
        """Show the value editor that fits the field chosen."""
        path = self.override_path()
        self.value_stack.setEnabled(bool(path))
        if not path:
            self._changed()
            return
        ftype = _type(path)
        for editor in (self.value_choice, self.value_number, self.value):
            editor.blockSignals(True)
        if ftype.kind in ("enum", "bool"):
            self.value_choice.clear()
            if ftype.kind == "bool":
                lang_words = translator(ui_language())
                for value in BOOL_VALUES:
                    self.value_choice.addItem(lang_words(f"word.{value}"), value)
            else:
                for value in ftype.allowed:
                    self.value_choice.addItem(label(value, ui_language()), value)
            self.value_stack.setCurrentWidget(self.value_choice)
        elif ftype.kind == "int":
            low = ftype.low - 1 if ftype.nullable else ftype.low
            self.value_number.setRange(low, ftype.high)
            self.value_number.setSpecialValueText(tr("ui.whatif.no_value") if ftype.nullable
                                                  else "")
            self.value_stack.setCurrentWidget(self.value_number)
        else:
            self.value.setPlaceholderText(
                tr("ui.whatif.hint_enums", values=tr("ui.list_comma").join(
                    label(v, ui_language()) for v in ftype.allowed))
                if ftype.kind == "enums" else tr("ui.whatif.hint_text"))
            self.value_stack.setCurrentWidget(self.value)
        for editor in (self.value_choice, self.value_number, self.value):
            editor.blockSignals(False)
        self._changed()
