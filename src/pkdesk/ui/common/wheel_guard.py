"""A value changes only when the user means it: the wheel never changes an unfocused field.

Scrolling the plan form with a mouse wheel or touchpad used to change whatever combo box or
number box passed under the pointer (and autosave stored it). `install()` puts one event
filter on the application, so every window, dialog and table editor is covered, now and later:

- combo boxes, spin boxes and sliders never take focus from the wheel (`Qt.StrongFocus`
  instead of `Qt.WheelFocus`), so a wheel passing over one does not focus it;
- a wheel over one that has no focus is refused by it and goes on to what is under it (the
  form's scroll area scrolls on); once focused (click or Tab), the wheel steps it as usual.

A Python filter on the application costs a call for every event, and the first calls make
PySide set up most of QtWidgets' enums (~60): the main window installs it right after its
first paint (`MainWindow.finish_start`), when nothing has been scrolled yet.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtWidgets import (QAbstractSpinBox, QApplication, QComboBox, QScrollBar, QSlider,
                               QWidget)

OBJECT_NAME = "pkdeskWheelGuard"
GUARDED = (QComboBox, QAbstractSpinBox, QSlider)
_POLISH, _WHEEL = QEvent.Type.Polish, QEvent.Type.Wheel


def is_guarded(widget: QObject) -> bool:
    """A widget whose value the wheel steps (a scroll bar only scrolls: not guarded)."""
    return isinstance(widget, GUARDED) and not isinstance(widget, QScrollBar)


def has_focus_within(widget: QWidget) -> bool:
    """The widget or a part of it (an editable combo box's line edit) has the focus."""
    focused = QApplication.focusWidget()
    return widget.hasFocus() or (focused is not None and widget.isAncestorOf(focused))


class WheelGuard(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(OBJECT_NAME)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind != _WHEEL and kind != _POLISH:      # the common case, as cheap as can be
            return False
        if not is_guarded(watched):
            return False
        assert isinstance(watched, QWidget)
        if kind == _POLISH:
            if watched.focusPolicy() == Qt.FocusPolicy.WheelFocus:
                watched.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            return False
        if has_focus_within(watched):
            return False
        event.ignore()      # not for this widget: Qt passes it on to the one under it
        return True


def guard_of_application() -> WheelGuard | None:
    app = QCoreApplication.instance()
    return app.findChild(WheelGuard, OBJECT_NAME) if app is not None else None


def install() -> WheelGuard:
    """Guard every widget of the application (once; later calls return the guard), those
    already polished too: the main window puts the guard in place after its first paint."""
    app = QCoreApplication.instance()
    assert app is not None, "create the QApplication first"
    guard = guard_of_application()
    if guard is None:
        guard = WheelGuard(app)
        app.installEventFilter(guard)
        for widget in QApplication.allWidgets():
            if is_guarded(widget) and widget.focusPolicy() == Qt.FocusPolicy.WheelFocus:
                widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    return guard
