"""The editor of one indicator: text, unit, baseline and target (value and date), which way
is better, where the data comes from and how often it is measured.

A field is read when the user leaves it (or presses Enter); what is no number or no date is
refused with a line under the fields naming the field and what is wrong, the plan keeps its
value and the field keeps what was typed until corrected. Numbers in the window's language
(a decimal comma in French); dates as 2025-03-31 or 31/03/2025.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QComboBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit,
                               QWidget)

from pkdesk.core.plan.file import NAME_CHARS
from pkdesk.core.plan.model import DIRECTIONS, FREQUENCIES, Indicator
from pkdesk.core.plan.performance_file import OBJECTIVE_CHARS, UNIT_CHARS
from pkdesk.ui.common.i18n import tr, ui_language
from pkdesk.ui.planner.performance.labels import value_label
from pkdesk.ui.planner.performance.entry import (EntryError, format_number,
                                                 parse_optional_date, parse_optional_number)


class IndicatorEditor(QWidget):
    edited = Signal(object)
    """The indicator as the user changed it (an `Indicator`)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.indicator: Indicator | None = None
        self._updating = False
        self.text = self._line(OBJECTIVE_CHARS, "ui.performance.indicator_text_hint")
        self.unit = self._line(UNIT_CHARS, "ui.performance.unit_hint")
        self.baseline = self._line(40, "ui.performance.value_hint")
        self.baseline_date = self._line(10, "ui.performance.date_hint")
        self.target = self._line(40, "ui.performance.value_hint")
        self.target_date = self._line(10, "ui.performance.date_hint")
        self.direction = self._combo(DIRECTIONS)
        self.source = self._line(NAME_CHARS, "ui.performance.source_hint")
        self.frequency = self._combo(FREQUENCIES)
        self.problem = QLabel()
        self.problem.setObjectName("indicatorProblem")
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.setWordWrap(True)
        self.problem.hide()
        for edit in (self.baseline, self.target):
            edit.setAccessibleName(tr("ui.performance.value_name"))
        for edit in (self.baseline_date, self.target_date):
            edit.setAccessibleName(tr("ui.performance.date_name"))

        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        text_label = QLabel(tr("ui.performance.indicator_text"))
        text_label.setBuddy(self.text)
        form.addRow(text_label, self.text)
        form.addRow(tr("ui.performance.unit"), self.unit)
        form.addRow(tr("ui.performance.baseline"), self._pair(self.baseline, self.baseline_date))
        form.addRow(tr("ui.performance.target"), self._pair(self.target, self.target_date))
        form.addRow(tr("ui.performance.direction"), self.direction)
        form.addRow(tr("ui.performance.source"), self.source)
        form.addRow(tr("ui.performance.frequency"), self.frequency)
        form.addRow(self.problem)
        self.set_indicator(None)

    def _line(self, limit: int, hint: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setMaxLength(limit)
        edit.setPlaceholderText(tr(hint))
        edit.editingFinished.connect(self._commit)
        return edit

    def _combo(self, values: tuple[str, ...]) -> QComboBox:
        combo = QComboBox()
        combo.setFocusPolicy(Qt.FocusPolicy.StrongFocus)     # focus before the wheel
        for value in values:
            combo.addItem(value_label(value), value)
        combo.currentIndexChanged.connect(lambda _i: self._commit())
        return combo

    @staticmethod
    def _pair(value: QLineEdit, day: QLineEdit) -> QWidget:
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(value, 1)
        on = QLabel(tr("ui.performance.on_date"))
        row.addWidget(on)
        row.addWidget(day, 1)
        return box

    def set_indicator(self, indicator: Indicator | None) -> None:
        """Show ``indicator`` (None: nothing to edit); a field the user is in keeps its text
        when its value did not change."""
        changed = indicator is None or self.indicator is None \
            or indicator.uid != self.indicator.uid
        self.indicator = indicator
        self.setEnabled(indicator is not None)
        if changed:
            self.show_problem("")
        shown = indicator or Indicator(text="")
        lang = ui_language()
        self._updating = True
        try:
            for edit, value in ((self.text, shown.text), (self.unit, shown.unit),
                                (self.baseline, format_number(shown.baseline, lang)),
                                (self.baseline_date, shown.baseline_date),
                                (self.target, format_number(shown.target, lang)),
                                (self.target_date, shown.target_date),
                                (self.source, shown.source)):
                if changed or self._read_or_none(edit) != value:
                    edit.setText(value)
            for combo, value in ((self.direction, shown.direction),
                                 (self.frequency, shown.frequency)):
                combo.setCurrentIndex(max(0, combo.findData(value)))
        finally:
            self._updating = False

    def _read_or_none(self, edit: QLineEdit) -> str | None:
        """What the field holds, as the plan would write it (None if it is not valid)."""
        lang = ui_language()
        try:
            if edit in (self.baseline, self.target):
                return format_number(parse_optional_number(edit.text(), lang), lang)
            if edit in (self.baseline_date, self.target_date):
                return parse_optional_date(edit.text())
        except EntryError:
            return None
        return edit.text().strip()

    def show_problem(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.setVisible(bool(text))

    def _commit(self) -> None:
        if self._updating or self.indicator is None:
            return
        lang = ui_language()
        fields: list[tuple[str, QLineEdit, Callable[[str], object]]] = [
            ("ui.performance.baseline_name", self.baseline,
             lambda t: parse_optional_number(t, lang)),
            ("ui.performance.baseline_date_name", self.baseline_date, parse_optional_date),
            ("ui.performance.target_name", self.target, lambda t: parse_optional_number(t, lang)),
            ("ui.performance.target_date_name", self.target_date, parse_optional_date)]
        values: list[object] = []
        for name, edit, read in fields:
            try:
                values.append(read(edit.text()))
            except EntryError as exc:
                self.show_problem(tr("ui.performance.field_problem", field=tr(name),
                                     problem=tr(str(exc), text=edit.text().strip())))
                return
        text = " ".join(self.text.text().split())
        if not text:
            self.show_problem(tr("ui.performance.needs_indicator_text"))
            return
        self.show_problem("")
        baseline, baseline_date, target, target_date = values
        assert baseline is None or isinstance(baseline, float)
        assert target is None or isinstance(target, float)
        new = dataclasses.replace(
            self.indicator, text=text, unit=self.unit.text().strip(),
            baseline=baseline, baseline_date=str(baseline_date), target=target,
            target_date=str(target_date), direction=str(self.direction.currentData()),
            source=self.source.text().strip(), frequency=str(self.frequency.currentData()))
        if new != self.indicator:
            self.edited.emit(new)
