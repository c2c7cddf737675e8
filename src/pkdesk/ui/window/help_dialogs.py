"""What the Help menu opens: Keyboard Shortcuts (read from the menus' actions, with the page
a scoped shortcut belongs to), the pkdesk Guide, About."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMessageBox, QTabWidget, QWidget

from pkdesk import __version__
from pkdesk.ui.common.i18n import tr
from pkdesk.ui.window.page_scope import PageScopedShortcuts


def show_shortcuts(window: QMainWindow, pages: QTabWidget,
                   scoped: PageScopedShortcuts) -> QWidget:
    from pkdesk.ui.help.shortcuts_sheet import ShortcutsSheet

    def keys_of(action: QAction) -> list[QKeySequence]:
        return scoped.keys(action) if scoped.is_scoped(action) else action.shortcuts()

    def page_of(action: QAction) -> str:
        page = scoped.page(action)
        return "" if page is None else pages.tabText(pages.indexOf(page)) \
            .replace("&&", "\0").replace("&", "").replace("\0", "&")

    sheet = ShortcutsSheet(window.menuBar(), keys_of, page_of, window)
    sheet.open()
    return sheet


def show_guide(parent: QWidget) -> QWidget:
    from pkdesk.ui.help.guide_viewer import GuideViewer

    viewer = GuideViewer(parent)
    viewer.show()
    return viewer


def show_about(parent: QWidget, app_name: str, database: str | None) -> None:
    box = QMessageBox(QMessageBox.Icon.Information, tr("ui.about.title"),
                      f"{app_name} {__version__}", QMessageBox.StandardButton.Ok, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    path = database if database else tr("ui.about.not_open")
    box.setInformativeText(f"{tr('ui.about.text')}\n\n{tr('ui.about.database', path=path)}")
    box.exec()
