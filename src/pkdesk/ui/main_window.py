"""The main window: menus, a toolbar per page, a status bar, and the pages themselves.

Pages are top-level modes (Reference now, Planner later) added with `add_page`; each may
bring its own toolbar, shown only while the page is current.

The window can be shown from a contents tree alone and given its database afterwards
(`attach`), so that the first paint does not wait for SQLAlchemy; `for_database` does both.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSettings, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (QLabel, QMainWindow, QMenu, QMessageBox, QSizePolicy, QTabWidget,
                               QToolBar, QWidget)

from pkdesk import __version__
from pkdesk.core.reference import NodeDetail, TreeEntry
from pkdesk.ui.backup_actions import BackupActions
from pkdesk.ui.i18n import tr
from pkdesk.ui.language_menu import LanguageMenu
from pkdesk.ui.link_guard import install as install_link_guard
from pkdesk.ui.page_scope import PageScopedShortcuts
from pkdesk.ui.pdf_actions import PdfActions
from pkdesk.ui.planner_page import PlannerPage
from pkdesk.ui.reference_page import ReferencePage
from pkdesk.ui.window_status import planner_status

if TYPE_CHECKING:
    from pkdesk.store.db import Database
    from pkdesk.store.reference_repo import ReferenceRepository

APP_NAME = "pkdesk"
PAGE_KEY = "window/page"


class MainWindow(QMainWindow):
    def __init__(self, settings: QSettings, roots: Sequence[str], entries: dict[str, TreeEntry],
                 first: NodeDetail | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db: Database | None = None
        self.settings = settings
        self.setObjectName("mainWindow")
        self.setWindowTitle(APP_NAME)
        self._toolbars: dict[QWidget, QToolBar] = {}

        self.pages = QTabWidget()
        self.pages.setObjectName("pages")
        self.pages.setDocumentMode(True)
        self.pages.setTabBarAutoHide(True)  # one page needs no tab bar
        self.pages.currentChanged.connect(self._page_changed)
        self.setCentralWidget(self.pages)

        self.reference = ReferencePage(roots, entries)
        self.add_page(tr("ui.page.reference"), self.reference, self._reference_toolbar())
        self.reference.node_shown.connect(self._node_shown)
        self.reference.message.connect(lambda text: self.statusBar().showMessage(text, 4000))
        self.planner = PlannerPage()
        self.add_page(tr("ui.page.planner"), self.planner, self.planner.toolbar)
        self.planner.citation_requested.connect(self.open_citation)
        self.planner.activate_requested.connect(lambda: self.pages.setCurrentWidget(self.planner))
        self.planner.message.connect(lambda text: self.statusBar().showMessage(text, 6000))
        self.planner.findings.node_title = self.reference.tree_model.title
        self.planner.plan_actions.accept_drops_on(self)  # a dropped .pkplan.json is imported

        self.location = QLabel()
        self.location.setTextFormat(Qt.TextFormat.PlainText)
        self.statusBar().addPermanentWidget(self.location)
        self.reference.setObjectName(self.reference.objectName() or "referencePage")
        self.pdf = PdfActions(self)
        self.backups = BackupActions(self)
        install_link_guard()
        self._build_menus()
        self._scope_page_shortcuts()
        for signal in (self.planner.findings.model.modelReset, self.planner.undo_stack.indexChanged):
            signal.connect(self._update_location)
        self._restore()
        if first is not None:
            self.reference.preview(first)

    @classmethod
    def for_database(cls, db: Database, settings: QSettings) -> MainWindow:
        from pkdesk.store.reference_repo import ReferenceRepository

        repo = ReferenceRepository(db)
        window = cls(settings, *repo.tree())
        window.attach(db, repo)
        return window

    def attach(self, db: Database, repo: ReferenceRepository | None = None) -> None:
        """Give the window its open database: search, notes, bookmarks start working."""
        if repo is None:
            from pkdesk.store.reference_repo import ReferenceRepository

            repo = ReferenceRepository(db)
        self.db = db
        self.reference.attach(repo)
        from pkdesk.store.plan_repo import PlanRepository

        self.planner.attach(PlanRepository(db))
        if self.planner.autosaver is not None:
            self.planner.autosaver.saved.connect(self._update_location)
        self.backups.attached()
        self.pdf.update_enabled()
        self._update_location()

    # Pages -----------------------------------------------------------------------------

    def add_page(self, name: str, widget: QWidget, toolbar: QToolBar | None = None) -> int:
        """Add a top-level page (a tab); `toolbar` is shown only while it is current."""
        if toolbar is not None:
            self.addToolBar(Qt.ToolBarArea.TopToolBarArea, toolbar)
            self._toolbars[widget] = toolbar
        index = self.pages.addTab(widget, name)
        self._page_changed(self.pages.currentIndex())
        return index

    def _page_changed(self, _index: int) -> None:
        current = self.pages.currentWidget()
        for page, toolbar in self._toolbars.items():
            toolbar.setVisible(page is current)
        if hasattr(self, "location"):
            self._update_location()

    def _scope_page_shortcuts(self) -> None:
        """A page's shortcuts act only while it is shown (see `page_scope`)."""
        self.page_shortcuts = PageScopedShortcuts(self.pages)
        ref = self.reference
        self.page_shortcuts.scope(ref, [ref.back_action, ref.forward_action, ref.bookmark_action,
                                        ref.find_action, *ref.view_actions])
        plans = self.planner.plan_actions
        self.page_shortcuts.scope(self.planner, [self.planner.undo_action,
                                                 self.planner.redo_action, plans.duplicate,
                                                 plans.delete, plans.export])

    def _update_location(self, *_args: object) -> None:
        """The status bar's permanent text and the window title follow the page shown."""
        if self.pages.currentWidget() is self.planner:
            plan = self.planner.plan
            self.location.setText(planner_status(self.planner))
            self.setWindowTitle(f"{plan.title} — {APP_NAME}" if plan is not None else APP_NAME)
        elif self.reference.current_node is not None:
            self._node_shown(self.reference.current_node)

    # Building --------------------------------------------------------------------------

    def _reference_toolbar(self) -> QToolBar:
        page = self.reference
        bar = QToolBar(tr("ui.toolbar.reference"))
        bar.setObjectName("referenceToolbar")
        bar.setMovable(False)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        bar.addAction(page.back_action)
        bar.addAction(page.forward_action)
        bar.addSeparator()
        bar.addAction(page.bookmark_action)
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        bar.addWidget(spacer)
        bar.addWidget(page.search.field)
        return bar

    def _build_menus(self) -> None:
        page = self.reference
        bar = self.menuBar()
        file_menu = bar.addMenu(tr("ui.menu.file"))
        file_menu.addActions(self.planner.plan_actions.all)
        file_menu.addSeparator()
        file_menu.addActions(self.pdf.all)
        file_menu.addSeparator()
        file_menu.addActions(self.backups.all)
        file_menu.addSeparator()
        quit_action = QAction(tr("ui.menu.quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

        edit_menu = bar.addMenu(tr("ui.menu.edit"))
        edit_menu.addActions([self.planner.undo_action, self.planner.redo_action])
        edit_menu.addSeparator()
        edit_menu.addAction(page.find_action)
        edit_menu.addAction(page.bookmark_action)

        view_menu: QMenu = bar.addMenu(tr("ui.menu.view"))
        view_menu.addActions(page.view_actions)
        view_menu.addSeparator()
        self.language_menu = LanguageMenu(self.settings, self)
        view_menu.addMenu(self.language_menu)

        go_menu = bar.addMenu(tr("ui.menu.go"))
        go_menu.addAction(page.back_action)
        go_menu.addAction(page.forward_action)

        bar.addMenu(self.planner.scenario.menu)   # Branch, Compare, Stress Test, History
        help_menu = bar.addMenu(tr("ui.menu.help"))
        about = QAction(tr("ui.menu.about"), self)
        about.setMenuRole(QAction.MenuRole.AboutRole)
        about.triggered.connect(self.show_about)
        help_menu.addAction(about)

    def show_about(self) -> None:
        box = QMessageBox(QMessageBox.Icon.Information, tr("ui.about.title"),
                          f"{APP_NAME} {__version__}", QMessageBox.StandardButton.Ok, self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        path = self.db.path if self.db else tr("ui.about.not_open")
        box.setInformativeText(f"{tr('ui.about.text')}\n\n{tr('ui.about.database', path=path)}")
        box.exec()

    # State -----------------------------------------------------------------------------

    def open_citation(self, node_id: str, quote: str) -> None:
        """Show a cited passage, highlighted, in the Reference page."""
        self.pages.setCurrentWidget(self.reference)
        self.reference.show_node(node_id, highlight=quote)

    def _node_shown(self, node_id: str) -> None:
        if self.pages.currentWidget() is not self.reference:
            return
        self.setWindowTitle(f"{self.reference.tree_model.title(node_id)} — {APP_NAME}")
        self.location.setText(self.reference.breadcrumb(node_id))

    def _restore(self) -> None:
        geometry = self.settings.value("window/geometry")
        if not (isinstance(geometry, QByteArray) and self.restoreGeometry(geometry)):
            self.resize(1100, 720)
        state = self.settings.value("window/state")
        if isinstance(state, QByteArray):
            self.restoreState(state)
        self.reference.restore_state(self.settings)
        self.planner.restore_state(self.settings)
        name = self.settings.value(PAGE_KEY)
        page = self.findChild(QWidget, name) if isinstance(name, str) and name else None
        if page is not None and self.pages.indexOf(page) >= 0:
            self.pages.setCurrentWidget(page)
        self._page_changed(self.pages.currentIndex())

    def closeEvent(self, event: QCloseEvent) -> None:
        self.reference.flush()
        self.planner.flush()   # autosave: nothing pending is ever lost, nothing to ask
        self.backups.closing()  # a last backup, if the data changed
        self.settings.setValue(PAGE_KEY, self.pages.currentWidget().objectName())
        self.planner.save_state(self.settings)
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        self.reference.save_state(self.settings)
        self.settings.sync()
        super().closeEvent(event)
