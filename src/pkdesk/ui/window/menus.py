"""The window's menu bar (File, Edit, View, Go, Help) and the Reference page's toolbar.

The menus are built with the Reference page's actions; the Planner's (plans, PDF, notes
export, backups, libraries) join them when the database is attached (`add_file_groups`);
Undo/Redo, the Scenario menu and the what-if toggle when the Planner is built (`add_planner`)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QSizePolicy, QToolBar, QWidget

from pkdesk.ui.common.i18n import tr
from pkdesk.ui.common.qt_values import set_enum, set_shortcut
from pkdesk.ui.reference.reference_page import ReferencePage


def reference_toolbar(page: ReferencePage) -> QToolBar:
    bar = QToolBar(tr("ui.toolbar.reference"))
    bar.setObjectName("referenceToolbar")
    bar.setMovable(False)
    set_enum(bar, "toolButtonStyle", "ToolButtonTextBesideIcon")
    bar.addAction(page.back_action)
    bar.addAction(page.forward_action)
    bar.addSeparator()
    bar.addAction(page.bookmark_action)
    spacer = QWidget()
    spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    bar.addWidget(spacer)
    bar.addWidget(page.search.field)
    return bar


class WindowMenus:
    """The menus of `window`; `quit`, `about`, `shortcuts`, `guide` are what their actions do."""

    def __init__(self, window: QMainWindow, page: ReferencePage, *, quit: Callable[[], object],
                 about: Callable[[], object], shortcuts: Callable[[], object],
                 guide: Callable[[], object]) -> None:
        self.window = window
        self.page = page
        bar = window.menuBar()
        self.file_menu = bar.addMenu(tr("ui.menu.file"))
        quit_action = self.quit_action = QAction(tr("ui.menu.quit"), window)
        set_shortcut(quit_action, QKeySequence.StandardKey.Quit)
        quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        quit_action.triggered.connect(quit)
        self.file_menu.addAction(quit_action)

        self.edit_menu = bar.addMenu(tr("ui.menu.edit"))
        self.edit_menu.addAction(page.find_action)
        self.edit_menu.addAction(page.bookmark_action)

        self.view_menu = bar.addMenu(tr("ui.menu.view"))
        self.view_menu.addActions(page.view_actions)
        self.view_menu.addSeparator()

        self.go_menu = bar.addMenu(tr("ui.menu.go"))
        self.go_menu.addAction(page.back_action)
        self.go_menu.addAction(page.forward_action)

        # The Planner's Scenario menu (Branch, Compare, Stress Test, History) comes before
        # Help once the Planner is built.
        self.help_menu = bar.addMenu(tr("ui.menu.help"))
        about_action = QAction(tr("ui.menu.about"), window)
        about_action.setMenuRole(QAction.MenuRole.AboutRole)
        about_action.triggered.connect(about)
        keys = self.keys_action = QAction(tr("ui.menu.shortcuts"), window)
        keys.triggered.connect(shortcuts)
        guide_action = self.guide_action = QAction(tr("ui.menu.guide"), window)
        set_shortcut(guide_action, QKeySequence.StandardKey.HelpContents)
        guide_action.triggered.connect(guide)
        self.help_menu.addActions([guide_action, keys])
        self.help_menu.addSeparator()
        self.help_menu.addAction(about_action)

    def add_view_tools(self, zoom: Sequence[QAction],
                       language_menu: Callable[[], QMenu]) -> None:
        """View › Zoom In, Zoom Out, Actual Size, then the language menu, which
        `language_menu()` builds when the View menu first opens (or `language_menu` is read:
        the window does so right after its first paint)."""
        self.view_menu.addActions(list(zoom))
        self.view_menu.addSeparator()
        self._make_language_menu = language_menu
        self._language_menu: QMenu | None = None
        self.view_menu.aboutToShow.connect(lambda: self.language_menu)

    @property
    def language_menu(self) -> QMenu:
        """View › Language, last in the View menu (what the Planner adds comes before it)."""
        if self._language_menu is None:
            self._language_menu = self._make_language_menu()
            self.view_menu.addMenu(self._language_menu)
        return self._language_menu

    def add_file_groups(self, groups: Sequence[Sequence[QAction]]) -> None:
        """Each group of `groups` in File before Quit, a separator after each."""
        for group in groups:
            self.file_menu.insertActions(self.quit_action, list(group))
            self.file_menu.insertSeparator(self.quit_action)

    def add_planner(self, groups: Sequence[Sequence[QAction]], undo: Sequence[QAction],
                    scenario_menu: QMenu, whatif_toggle: QAction) -> None:
        """The Planner's actions: each group of `groups` in File before Quit (a separator
        after each), Undo/Redo before Find, the Scenario menu before Help, the what-if toggle
        before the language menu."""
        self.add_file_groups(groups)
        find = self.page.find_action
        self.edit_menu.insertActions(find, list(undo))
        self.edit_menu.insertSeparator(find)
        self.window.menuBar().insertMenu(self.help_menu.menuAction(), scenario_menu)
        self.view_menu.insertAction(self.language_menu.menuAction(), whatif_toggle)
        self.view_menu.insertSeparator(self.language_menu.menuAction())
