"""Shortcuts that belong to one page of the window act only while that page is shown.

The Reference page's Ctrl+D (bookmark) or Alt+Left (back) would otherwise act, unseen, on the
hidden Reference page while the user works in the Planner; the Planner's Ctrl+Z would undo a
plan edit while the user reads. Scoped actions keep their menu entries everywhere: chosen
from a menu on another page, they do their work and bring their page forward, so the user
sees what happened. One shortcut may thus serve two pages (Ctrl+Shift+E: the Reference
page's "My Note", the Planner's "Export Plan…") without ever being ambiguous.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QTabWidget, QWidget


class PageScopedShortcuts(QObject):
    def __init__(self, pages: QTabWidget) -> None:
        super().__init__(pages)
        self.pages = pages
        self._scoped: dict[QAction, tuple[QWidget, list[QKeySequence]]] = {}
        pages.currentChanged.connect(self.update)

    def scope(self, page: QWidget, actions: Iterable[QAction]) -> None:
        for action in actions:
            self._scoped[action] = (page, action.shortcuts())
            action.triggered.connect(lambda _checked=False, p=page: self._bring_forward(p))
        self.update()

    def update(self, *_args: object) -> None:
        current = self.pages.currentWidget()
        for action, (page, keys) in self._scoped.items():
            action.setShortcuts(keys if page is current else [])

    def keys(self, action: QAction) -> list[QKeySequence]:
        """The shortcuts `action` has while its page is shown."""
        return self._scoped[action][1]

    def is_scoped(self, action: QAction) -> bool:
        return action in self._scoped

    def page(self, action: QAction) -> QWidget | None:
        """The page whose shortcut ``action`` is; None for a window-wide one."""
        scoped = self._scoped.get(action)
        return None if scoped is None else scoped[0]

    def _bring_forward(self, page: QWidget) -> None:
        if self.pages.currentWidget() is not page and self.pages.indexOf(page) >= 0:
            self.pages.setCurrentWidget(page)
