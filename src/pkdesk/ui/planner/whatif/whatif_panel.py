"""The planner's what-if toggles: checkable perturbations from a pack, plus one field override.

Nothing here touches a stored plan or the undo stack: `apply` returns a perturbed copy that
the page checks and shows in the findings panel, beside the banner saying so.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (QComboBox, QHBoxLayout, QLabel, QLineEdit, QListView,
                               QPushButton, QSizePolicy, QSplitter, QToolButton, QVBoxLayout,
                               QWidget)

from pkdesk.core.errors import PkdeskError
from pkdesk.core.plan.model import Plan
from pkdesk.core.plan.fields import ALL_PARTIES, PARTY_FIELDS, PLAN_FIELDS, parse_path
from pkdesk.core.whatif import WhatIfPack, apply_whatifs, default_whatif_pack
from pkdesk.ui.common.i18n import tr, trn, ui_language
from pkdesk.ui.planner.whatif.whatif_model import DESCRIPTION_ROLE, WhatIfListModel

OVERRIDE_PATHS = ([p for p in PLAN_FIELDS if p != "title"]
                  + [f"parties[{ALL_PARTIES}].{f}" for f in PARTY_FIELDS])


def _hint(path: str) -> str:
    try:
        ftype = parse_path(path, "override").type
    except PkdeskError:
        return tr("ui.whatif.hint_value")
    if ftype.kind == "enum":
        return " | ".join(ftype.allowed)
    if ftype.kind == "enums":
        return tr("ui.whatif.hint_enums", values=", ".join(ftype.allowed))
    if ftype.kind == "int":
        return tr("ui.whatif.hint_int", low=ftype.low, high=ftype.high)
    if ftype.kind == "bool":
        return "yes | no"      # typed as is, in every language (the override syntax)
    return tr("ui.whatif.hint_text")


class WhatIfPanel(QWidget):
    changed = Signal()
    """The what-ifs or the override changed: the page checks again."""
    stress_requested = Signal()
    expanded_changed = Signal(bool)

    def __init__(self, pack: WhatIfPack | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("whatIfPanel")
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
        heading.setBuddy(self.list)
        self.description = QLabel()
        self.description.setObjectName("whatIfDescription")
        self.description.setTextFormat(Qt.TextFormat.PlainText)
        self.description.setWordWrap(True)
        self.description.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)

        self.field = QComboBox()
        self.field.setObjectName("overrideField")
        self.field.setEditable(True)      # parties[NAME].consent can be typed
        self.field.addItems(OVERRIDE_PATHS)
        self.field.setCurrentIndex(-1)
        self.field.setPlaceholderText(tr("ui.whatif.field"))
        editor = self.field.lineEdit()
        if editor is not None:
            editor.setPlaceholderText(tr("ui.whatif.field_hint"))
        self.field.setAccessibleName(tr("ui.whatif.field_name"))
        self.value = QLineEdit()
        self.value.setObjectName("overrideValue")
        self.value.setAccessibleName(tr("ui.whatif.value_name"))
        self.value.setClearButtonEnabled(True)
        self.value.setPlaceholderText(tr("ui.whatif.value_hint"))
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
        override.addWidget(self.field, 3)
        override.addWidget(QLabel("="))
        override.addWidget(self.value, 2)
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
        self.field.currentTextChanged.connect(self._field_changed)
        self.value.textChanged.connect(self._changed)
        self._describe(QModelIndex())
        self._field_changed(self.field.currentText())

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
        self.toggle.setToolTip(words)
        self.toggle.setAccessibleName(words)

    def _fit_in_splitter(self) -> None:
        """Give the splitter pane holding the panel the panel's height: the room freed by
        collapsing goes to the findings above (and is taken back on expanding)."""
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

    def override_text(self) -> str:
        """``FIELD=VALUE``, or "" when no value is typed."""
        field, value = self.field.currentText().strip(), self.value.text()
        return f"{field}={value}" if field and value.strip() else ""

    def is_active(self) -> bool:
        return bool(self.model.checked()) or bool(self.override_text())

    def labels(self) -> list[str]:
        """What is applied, as the banner names it."""
        out = [w.title_in(ui_language()) for w in self.model.checked()]
        override = self.override_text()
        if override:
            field, _, value = override.partition("=")
            out.append(f"{field} = {value.strip()}")
        return out

    def apply(self, plan: Plan) -> Plan:
        """A perturbed copy of ``plan``; a bad override raises (the what-ifs alone never do)."""
        names = [w.id for w in self.model.checked()]
        override = self.override_text()
        return apply_whatifs(plan, names, [override] if override else [], pack=self.pack)

    def apply_checked(self, plan: Plan) -> Plan:
        """``plan`` with the checked what-ifs only (while the override is not valid)."""
        return apply_whatifs(plan, [w.id for w in self.model.checked()], pack=self.pack)

    def show_problem(self, text: str) -> None:
        self.problem.setText(text.replace("--set ", "Override ", 1))
        self.problem.setVisible(bool(text))
        if text:
            self.set_expanded(True)     # a refused override is never hidden

    def clear(self) -> None:
        self.value.blockSignals(True)
        self.value.clear()
        self.value.blockSignals(False)
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

    def _field_changed(self, path: str) -> None:
        self.value.setPlaceholderText(_hint(path.strip()) if path.strip()
                                      else tr("ui.whatif.value_hint"))
        if self.value.text().strip():
            self._changed()
