"""Help › Keyboard Shortcuts: every menu action that has a shortcut, grouped by menu, read from
the actions themselves when the sheet opens (so it cannot drift from what the keys do), in the
window's language. Page-scoped actions (`window.page_scope`) are listed with the keys they have
on their page, and the page named."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QHeaderView, QMenu, QMenuBar,
                               QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget)

from pkdesk.ui.common.i18n import tr

KeysOf = Callable[[QAction], list[QKeySequence]]
"""An action's shortcuts (on its page, for a page-scoped one)."""
PageOf = Callable[[QAction], str]
"""The page an action's shortcut acts on ("" for the whole window)."""


def plain(text: str) -> str:
    """A menu text as read: "&File" -> "File", "R&&D" -> "R&D", no trailing dots."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").strip()


def _walk(menu: QMenu) -> Iterator[QAction]:
    for action in menu.actions():
        sub = action.menu()
        if isinstance(sub, QMenu):
            yield from _walk(sub)
        elif not action.isSeparator():
            yield action


def shortcut_rows(bar: QMenuBar, keys_of: KeysOf, page_of: PageOf
                  ) -> list[tuple[str, list[tuple[str, str, str]]]]:
    """[(menu title, [(action, keys, page), ...]), ...] in menu order; keys as the platform
    writes them ("Ctrl+Shift+E"), several joined by ", "."""
    groups = []
    for top in bar.actions():
        menu = top.menu()
        if not isinstance(menu, QMenu):
            continue
        rows = []
        for action in _walk(menu):
            keys = [k for k in keys_of(action) if not k.isEmpty()]
            if keys:
                text = ", ".join(k.toString(QKeySequence.SequenceFormat.NativeText)
                                 for k in keys)
                rows.append((plain(action.text()), text, page_of(action)))
        if rows:
            groups.append((plain(top.text()), rows))
    return groups


class ShortcutsSheet(QDialog):
    def __init__(self, bar: QMenuBar, keys_of: KeysOf, page_of: PageOf,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shortcutsSheet")
        self.setWindowTitle(tr("ui.keys.title"))
        self.tree = QTreeWidget()
        self.tree.setObjectName("shortcutsTree")
        self.tree.setHeaderLabels([tr("ui.keys.col_action"), tr("ui.keys.col_keys"),
                                   tr("ui.keys.col_page")])
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        for title, rows in shortcut_rows(bar, keys_of, page_of):
            group = QTreeWidgetItem(self.tree, [title])
            font = group.font(0)
            font.setBold(True)
            group.setFont(0, font)
            group.setFirstColumnSpanned(True)
            for row in rows:
                QTreeWidgetItem(group, list(row))
        self.tree.expandAll()
        header = self.tree.header()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tree)
        layout.addWidget(buttons)
        self.resize(560, 520)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def texts(self) -> list[tuple[str, ...]]:
        """Every row as shown: (menu,) for a group, then (action, keys, page) rows."""
        out: list[tuple[str, ...]] = []
        for i in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(i)
            assert group is not None
            out.append((group.text(0),))
            for j in range(group.childCount()):
                item = group.child(j)
                assert item is not None
                out.append(tuple(item.text(c) for c in range(3)))
        return out
