"""A value changes only when the user means it: the wheel never changes an unfocused field.

Scrolling the plan form with a mouse wheel or touchpad used to change whatever combo box or
number box passed under the pointer (and autosave stored it). `install()` puts one event
filter on the application, so every window, dialog and table editor is covered, now and later:

- combo boxes, spin boxes and sliders never take focus from the wheel (`Qt.StrongFocus`
  instead of `Qt.WheelFocus`), so a wheel passing over one does not focus it;
- a wheel over one that has no focus is refused by it and goes on to what is under it (the
  form's scroll area scrolls on); once focused (click or Tab), the wheel steps it as usual.

The guard's filter is put on each guarded widget, never on the application: a Python filter
there costs PySide's call for every event of every widget (9,439 while the main window and
its Planner are built: ~45 ms of CPU, 40% of the build). `install()` guards the widgets that
exist; the ones made later are guarded as they are polished, by the application's style
(`legible_style.LegibleStyle.polish` calls `polished`). The main window installs both right
after its first paint (`MainWindow.finish_start`), when nothing has been scrolled yet.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtWidgets import (QAbstractSpinBox, QApplication, QComboBox, QScrollBar, QSlider,
                               QWidget)

OBJECT_NAME = "pkdeskWheelGuard"
GUARDED = (QComboBox, QAbstractSpinBox, QSlider)
_WHEEL = QEvent.Type.Wheel


def is_guarded(widget: QObject) -> bool:
    """A widget whose value the wheel steps (a scroll bar only scrolls: not guarded)."""
    return isinstance(widget, GUARDED) and not isinstance(widget, QScrollBar)


def has_focus_within(widget: QWidget) -> bool:
    """The widget or a part of it (an editable combo box's line edit) has the focus."""
    focused = QApplication.focusWidget()
    return widget.hasFocus() or (focused is not None and widget.isAncestorOf(focused))


class WheelGuard(QObject):
    """The filter of each guarded widget (see the module's docstring)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(OBJECT_NAME)

    def guard(self, widget: QWidget) -> None:
        """Put `widget` under the guard if the wheel steps its value (again: nothing changes,
        Qt keeps one entry per filter and object)."""
        if not is_guarded(widget):
            return
        if widget.focusPolicy() == Qt.FocusPolicy.WheelFocus:
            widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != _WHEEL:      # the common case, as cheap as can be
            return False
        assert isinstance(watched, QWidget)
        if has_focus_within(watched):
            return False
        event.ignore()      # not for this widget: Qt passes it on to the one under it
        return True


def guard_of_application() -> WheelGuard | None:
    app = QCoreApplication.instance()
    return app.findChild(WheelGuard, OBJECT_NAME) if app is not None else None


def polished(widget: QWidget) -> None:
    """The application's style polished `widget` (it is about to be shown for the first
    time, or the style changed): guard it, once the guard is in place."""
    guard = guard_of_application()
    if guard is not None:
        guard.guard(widget)


def install() -> WheelGuard:
    """Guard every widget of the application (once; later calls return the guard): those
    that exist now, those polished before too, and through the style the ones made later."""
    app = QCoreApplication.instance()
    assert app is not None, "create the QApplication first"
    guard = guard_of_application()
    if guard is None:
        guard = WheelGuard(app)
        for widget in QApplication.allWidgets():
            guard.guard(widget)
    return guard
