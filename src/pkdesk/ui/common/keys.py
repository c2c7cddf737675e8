"""Keyboard conventions shared by the window's dialogs and tool windows.

- `close_on_escape`: a non-modal tool window (Compare, History, Stress Test, the Guide)
  closes with Escape, as dialogs do, and with the platform's Close (Ctrl+W).
- `accept_on_ctrl_enter`: in a dialog with a multi-line box, Enter types a line break, so
  Ctrl+Enter (and Ctrl+Return) accepts, as in mail and chat programs.
- `show_focus_frame`: a multi-line box draws a frame in the highlight colour while it has
  the focus (the styles draw none for it), so the user sees where typing goes.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QWidget

# `Qt` is imported where used: the note editor's `show_focus_frame` is part of the first
# paint, which does without the `Qt` namespace (`ui.common.qt_values`).


def close_on_escape(window: QWidget) -> QAction:
    from PySide6.QtCore import Qt

    close = QAction(window)
    close.setObjectName("closeOnEscape")
    close.setShortcuts([QKeySequence(Qt.Key.Key_Escape),
                        QKeySequence(QKeySequence.StandardKey.Close)])
    close.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    close.triggered.connect(window.close)
    window.addAction(close)
    return close


def accept_on_ctrl_enter(dialog: QWidget, accept: Callable[[], object],
                         enabled: Callable[[], bool] = lambda: True) -> QAction:
    """Ctrl+Enter calls ``accept`` when ``enabled()`` (e.g. the OK button is enabled)."""
    from PySide6.QtCore import Qt

    action = QAction(dialog)
    action.setObjectName("acceptOnCtrlEnter")
    action.setShortcuts([QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_Return),
                         QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_Enter)])
    action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    action.triggered.connect(lambda: accept() if enabled() else None)
    dialog.addAction(action)
    return action


_FRAME = ("{kind} {{ border: 1px solid palette(mid); border-radius: 2px; padding: 1px; }}"
          " {kind}:focus {{ border: 2px solid palette(highlight); padding: 0px; }}")


def show_focus_frame(edit: QPlainTextEdit | QTextEdit) -> None:
    kind = "QPlainTextEdit" if isinstance(edit, QPlainTextEdit) else "QTextEdit"
    edit.setStyleSheet(_FRAME.format(kind=kind))
