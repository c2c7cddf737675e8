"""Find in the topic shown: a bar under the reading pane (Ctrl+F while the pane has focus).

The text typed is looked for literally (never as a pattern), ignoring case; every match is
marked, the current one selected; Enter / F3 go to the next, Shift+Enter / Shift+F3 to the
previous, wrapping round; Escape closes the bar and gives the focus back to the pane.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QPalette, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QLineEdit, QTextEdit, QToolButton, QWidget)

from pkdesk.ui.common.i18n import tr


class FindBar(QWidget):
    def __init__(self, view: QTextEdit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = view
        self.setObjectName("findBar")
        self.matches: list[QTextCursor] = []
        self.current = -1
        self.field = QLineEdit()
        self.field.setObjectName("findField")
        self.field.setPlaceholderText(tr("ui.find.placeholder"))
        self.field.setAccessibleName(tr("ui.find.name"))
        self.field.setClearButtonEnabled(True)
        self.field.textChanged.connect(self.search)
        self.field.installEventFilter(self)
        self.count = QLabel()
        self.count.setTextFormat(Qt.TextFormat.PlainText)
        self.previous_button = QToolButton()
        self.previous_button.setText(tr("ui.find.previous"))
        self.previous_button.clicked.connect(self.find_previous)
        self.next_button = QToolButton()
        self.next_button.setText(tr("ui.find.next"))
        self.next_button.clicked.connect(self.find_next)
        close = QToolButton()
        close.setText("✕")
        close.setToolTip(tr("ui.find.close"))
        close.setAccessibleName(tr("ui.find.close"))
        close.clicked.connect(self.close_bar)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.addWidget(QLabel(tr("ui.find.label")))
        layout.addWidget(self.field, 1)
        layout.addWidget(self.count)
        layout.addWidget(self.previous_button)
        layout.addWidget(self.next_button)
        layout.addWidget(close)
        self.next_action = self._action("F3", self.find_next)
        self.previous_action = self._action("Shift+F3", self.find_previous)
        self.hide()

    def _action(self, keys: str, slot: Callable[[], None]) -> QAction:
        action = QAction(self)
        action.setShortcut(QKeySequence(keys))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        return action

    def scope(self, widget: QWidget) -> None:
        """F3 / Shift+F3 work anywhere in ``widget`` while the bar is open."""
        widget.addAction(self.next_action)
        widget.addAction(self.previous_action)

    def open_bar(self) -> None:
        selected = self.view.textCursor().selectedText()
        self.show()
        if selected and "\u2029" not in selected:
            self.field.setText(selected)
        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.field.selectAll()
        self.search()

    def close_bar(self) -> None:
        self.hide()
        self.matches, self.current = [], -1
        self.view.setExtraSelections([])
        self.view.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def search(self, *_args: object) -> None:
        """Find every match of the text typed in the page shown; select the first one at or
        after the cursor."""
        text = self.field.text()
        self.matches = []
        doc = self.view.document()
        if text:
            cursor = QTextCursor(doc)
            while True:
                cursor = doc.find(text, cursor)   # a string: literal, not a pattern
                if cursor.isNull():
                    break
                self.matches.append(QTextCursor(cursor))
        start = self.view.textCursor().selectionStart()
        self.current = next((i for i, c in enumerate(self.matches)
                             if c.selectionStart() >= start), 0) if self.matches else -1
        self._show()

    def refresh(self) -> None:
        """The page changed: find again in it, if the bar is open."""
        if self.isVisible():
            self.view.moveCursor(QTextCursor.MoveOperation.Start)
            self.search()

    def find_next(self) -> None:
        self._step(1)

    def find_previous(self) -> None:
        self._step(-1)

    def _step(self, by: int) -> None:
        if not self.isVisible():
            self.open_bar()
            return
        if self.matches:
            self.current = (self.current + by) % len(self.matches)
        self._show()

    def _show(self) -> None:
        palette = self.view.palette()
        mark = QTextCharFormat()
        mark.setBackground(palette.color(QPalette.ColorRole.Highlight).lighter(160))
        mark.setForeground(palette.color(QPalette.ColorRole.Text))
        selections = []
        for cursor in self.matches:
            selection = QTextEdit.ExtraSelection()
            selection.cursor = cursor
            selection.format = mark
            selections.append(selection)
        self.view.setExtraSelections(selections)
        if self.current >= 0:
            self.view.setTextCursor(self.matches[self.current])
            self.view.ensureCursorVisible()
            self.count.setText(tr("ui.find.count", current=self.current + 1,
                                  total=len(self.matches)))
        else:
            self.count.setText(tr("ui.find.none") if self.field.text() else "")
        found = bool(self.matches)
        self.next_button.setEnabled(found)
        self.previous_button.setEnabled(found)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.field and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = event.key()
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                shift = event.modifiers() & Qt.KeyboardModifier.ShiftModifier
                self._step(-1 if shift else 1)
                return True
            if key == Qt.Key.Key_Escape:
                self.close_bar()
                return True
        return super().eventFilter(watched, event)
