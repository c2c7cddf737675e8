"""Editors for the party and strategy tables, chosen by what a cell holds.

A cell with allowed values (`CHOICES_ROLE`) and a text value gets a combo box; one with a
list value gets a checkable list (a strategy's parties); anything else the default line edit.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, QRect, Qt
from PySide6.QtWidgets import (QComboBox, QListView, QStyledItemDelegate, QStyleOptionViewItem,
                               QWidget)

from pkdesk.core.report_labels import label
from pkdesk.ui.planner.form.choice_list_model import ChoiceListModel
from pkdesk.ui.common.i18n import tr, ui_language
from pkdesk.ui.planner.form.party_table_model import CHOICES_ROLE, VALUE_ROLE

_Index = QModelIndex | QPersistentModelIndex
LIST_EDITOR_ROWS = 7


class PartyChoiceEditor(QListView):
    """A strategy's parties: every party of the plan with a check box (Space toggles)."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.choices = ChoiceListModel(parent=self)
        self.setModel(self.choices)
        self.setAccessibleName(tr("ui.strategy.parties"))
        self.setToolTip(tr("ui.strategy.parties_tip"))


class PlanTableDelegate(QStyledItemDelegate):
    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: _Index) -> QWidget:
        choices = index.data(CHOICES_ROLE)
        value = index.data(VALUE_ROLE)
        if isinstance(choices, list) and isinstance(value, list):
            editor = PartyChoiceEditor(parent)
            editor.choices.set_values(choices)
            return editor
        if isinstance(choices, list):
            combo = QComboBox(parent)
            for choice in choices:
                combo.addItem(label(choice, ui_language()), choice)
            combo.setAccessibleName(str(index.model().headerData(
                index.column(), Qt.Orientation.Horizontal)))
            return combo
        return super().createEditor(parent, option, index)

    def setEditorData(self, editor: QWidget, index: _Index) -> None:
        value = index.data(VALUE_ROLE)
        if isinstance(editor, PartyChoiceEditor):
            editor.choices.set_checked(value if isinstance(value, list) else [])
            editor.setCurrentIndex(editor.choices.index(0))
        elif isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(0, editor.findData(value)))
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: _Index) -> None:
        if isinstance(editor, PartyChoiceEditor):
            model.setData(index, editor.choices.checked(), Qt.ItemDataRole.EditRole)
        elif isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
        else:
            super().setModelData(editor, model, index)

    def updateEditorGeometry(self, editor: QWidget, option: QStyleOptionViewItem,
                             index: _Index) -> None:
        if isinstance(editor, PartyChoiceEditor):
            # Taller than the cell, so several parties show at once.
            rows = max(1, min(LIST_EDITOR_ROWS, editor.choices.rowCount()))
            height = rows * max(editor.sizeHintForRow(0), option.rect.height()) + 4
            rect = QRect(option.rect.topLeft(), option.rect.size())
            rect.setHeight(max(option.rect.height(), height))
            rect.setWidth(max(option.rect.width(), 220))
            editor.setGeometry(rect)
            editor.raise_()
        else:
            super().updateEditorGeometry(editor, option, index)
