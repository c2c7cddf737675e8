"""Text size for a reading area (the reference's reading pane, the planner's findings),
remembered in QSettings under one key per area. The keys (Ctrl+plus, Ctrl+minus, Ctrl+0) are
the window's View menu's (`ui.window.zoom_actions`), which trigger the actions here of the
page shown."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from pkdesk.ui.common.i18n import tr

MIN_LEVEL, MAX_LEVEL = -3, 8
STEP = 0.1               # each level is 10% of the widget's own font size


class TextZoom(QObject):
    changed = Signal(int)

    def __init__(self, key: str, widgets: Sequence[QWidget], scope: QWidget,
                 after: Callable[[], None] | None = None) -> None:
        super().__init__(scope)
        self.key, self.widgets, self.after = key, list(widgets), after
        self.level = 0
        self.settings: QSettings | None = None
        self._base: dict[int, float] = {}     # each widget's own size, read when first zoomed
        self.zoom_in = self._action(tr("ui.zoom.in"), scope,
                                    lambda: self.set_level(self.level + 1))
        self.zoom_out = self._action(tr("ui.zoom.out"), scope,
                                     lambda: self.set_level(self.level - 1))
        self.reset = self._action(tr("ui.zoom.reset"), scope, lambda: self.set_level(0))
        self.actions_ = [self.zoom_in, self.zoom_out, self.reset]

    def _action(self, text: str, scope: QWidget, slot: Callable[[], None]) -> QAction:
        action = QAction(text, scope)
        action.triggered.connect(slot)
        return action

    def restore(self, settings: QSettings) -> None:
        """Take the level kept in ``settings`` and keep later changes there."""
        self.settings = settings
        try:
            level = int(settings.value(self.key, 0))  # type: ignore[call-overload]
        except (TypeError, ValueError):
            level = 0
        self.set_level(level)

    def set_level(self, level: int) -> None:
        level = max(MIN_LEVEL, min(MAX_LEVEL, level))
        self.level = level
        # At the widgets' own size and never zoomed, their fonts are left alone: the window's
        # first paint (the size kept is usually 0) then makes no QFont (~1.2 ms, issue 17).
        if level or self._base:
            from PySide6.QtGui import QFont

            for widget in self.widgets:
                base = self._base.setdefault(id(widget), widget.font().pointSizeF())
                font = QFont(widget.font())
                font.setPointSizeF(base * (1 + STEP * level))
                widget.setFont(font)
        self.zoom_in.setEnabled(level < MAX_LEVEL)
        self.zoom_out.setEnabled(level > MIN_LEVEL)
        if self.settings is not None:
            self.settings.setValue(self.key, level)
        if self.after is not None:
            self.after()
        self.changed.emit(level)
