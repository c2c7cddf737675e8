"""View › Zoom In, Zoom Out, Actual Size: the text size of the page shown (the Reference's
reading pane, the Planner's findings), with the keys Ctrl+plus, Ctrl+minus and Ctrl+0.

The keys belong to these menu actions, not to the areas' own `TextZoom` actions, so they act
wherever the focus is on the page, are listed by Help › Keyboard Shortcuts, and never meet a
second action with the same keys (Qt would then do neither)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from pkdesk.ui.common.i18n import tr
from pkdesk.ui.common.text_zoom import TextZoom

ZoomOf = Callable[[], TextZoom | None]
"""The text zoom of the page shown, if it has one."""


class ZoomActions(QObject):
    def __init__(self, zoom_of: ZoomOf, parent: QWidget) -> None:
        super().__init__(parent)
        self.zoom_of = zoom_of
        self.zoom_in = self._action(tr("ui.zoom.in"), parent,
                                    [QKeySequence(QKeySequence.StandardKey.ZoomIn),
                                     QKeySequence("Ctrl+=")],
                                    lambda z: z.zoom_in)
        self.zoom_out = self._action(tr("ui.zoom.out"), parent,
                                     [QKeySequence(QKeySequence.StandardKey.ZoomOut)],
                                     lambda z: z.zoom_out)
        self.reset = self._action(tr("ui.zoom.reset"), parent, [QKeySequence("Ctrl+0")],
                                  lambda z: z.reset)
        self.all = [self.zoom_in, self.zoom_out, self.reset]
        self._watched: set[int] = set()
        self.update_enabled()

    def _action(self, text: str, parent: QWidget, keys: list[QKeySequence],
                which: Callable[[TextZoom], QAction]) -> QAction:
        action = QAction(text, parent)
        action.setShortcuts(keys)
        parent.addAction(action)

        def run() -> None:
            zoom = self.zoom_of()
            if zoom is not None:
                which(zoom).trigger()
        action.triggered.connect(run)
        return action

    def update_enabled(self, *_args: object) -> None:
        """Enabled as the page shown's own zoom actions are (none at the largest size...)."""
        zoom = self.zoom_of()
        if zoom is not None and id(zoom) not in self._watched:
            self._watched.add(id(zoom))
            zoom.changed.connect(self.update_enabled)
        self.zoom_in.setEnabled(zoom is not None and zoom.zoom_in.isEnabled())
        self.zoom_out.setEnabled(zoom is not None and zoom.zoom_out.isEnabled())
        self.reset.setEnabled(zoom is not None)
