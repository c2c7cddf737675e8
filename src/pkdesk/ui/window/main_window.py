"""The main window: menus, a toolbar per page, a status bar, and the pages themselves.

Pages are top-level modes (Reference now, Planner later) added with `add_page`; each may
bring its own toolbar, shown only while the page is current.

The window can be shown from a contents tree alone and given its database afterwards
(`attach`), so that the first paint does not wait for SQLAlchemy; `for_database` does both.
The PDF, backup, library and notes-export actions, which serve both pages, come with the
database (`attach`). The Planner page (its toolbar, Scenario menu and the SQLAlchemy behind
its plan list) is built only when first shown or needed (`planner`): until then a
placeholder holds its tab, so the window can open on it, and stand-ins hold its File-menu
entries (`planner_standins`), which build it when triggered.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QCoreApplication, QObject, QSettings
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QTabWidget, QToolBar, QWidget

from pkdesk.core.reference import NodeDetail, TreeEntry
from pkdesk.ui.common.i18n import tr
from pkdesk.ui.common.qt_values import set_enum
from pkdesk.ui.reference.reference_page import LAST_NODE_KEY, ReferencePage
from pkdesk.ui.window.menus import WindowMenus, reference_toolbar
from pkdesk.ui.window.page_scope import PageScopedShortcuts
from pkdesk.ui.window.window_state import LiveState, default_geometry
from pkdesk.ui.window.zoom_actions import ZoomActions

if TYPE_CHECKING:
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QCloseEvent

    from pkdesk.store.db import Database
    from pkdesk.store.window_repo import ReferenceStore
    from pkdesk.ui.common.text_zoom import TextZoom
    from pkdesk.ui.backup.backup_actions import BackupActions
    from pkdesk.ui.output.pdf_actions import PdfActions
    from pkdesk.ui.output.sources import DocumentSource
    from pkdesk.ui.planner.planner_page import PlannerPage
    from pkdesk.ui.reference.notes_export_action import NotesExport
    from pkdesk.ui.scenarios.scenario_actions import ScenarioActions
    from pkdesk.ui.window.language_menu import LanguageMenu

APP_NAME = "pkdesk"
PAGE_KEY = "window/page"
PLAN_KEY = "planner/lastPlan"   # the key PlannerPage.save_state/restore_state use
PLANNER_NAME = "plannerPage"


class MainWindow(QMainWindow):
    def __init__(self, settings: QSettings, roots: Sequence[str], entries: dict[str, TreeEntry],
                 first: NodeDetail | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._finished = False      # see `finish_start`
        self.db: Database | None = None
        self._where = ""        # " — user@host:port/db" on a team database (never a password)
        self.server_label: QLabel | None = None
        self.local_label: QLabel | None = None   # `work_locally`: the team database was away
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
        self.add_page(tr("ui.page.reference"), self.reference, reference_toolbar(self.reference))
        self.reference.node_shown.connect(self._node_shown)
        self.reference.message.connect(lambda text: self.statusBar().showMessage(text, 4000))
        self._planner: PlannerPage | None = None
        self._to_open: list[Path] = []   # plan files given before the database is attached
        self.instance_server: QObject | None = None   # `ui.window.single_instance`, once attached
        self.pdf: PdfActions          # built with the Planner (`_build_planner`)
        self.backups: BackupActions
        self.scenario: ScenarioActions
        self.notes_export: NotesExport   # File › Export Notes…, also built with the Planner
        self._planner_slot = QLabel(tr("ui.status.opening"))
        self._planner_slot.setObjectName(PLANNER_NAME)
        set_enum(self._planner_slot, "alignment", "AlignCenter")
        self.add_page(tr("ui.page.planner"), self._planner_slot)

        self.location = QLabel()
        set_enum(self.location, "textFormat", "PlainText")
        self.statusBar().addPermanentWidget(self.location)
        self.reference.setObjectName(self.reference.objectName() or "referencePage")
        self._build_menus()
        self._scope_page_shortcuts()
        self._restore()
        self.live = LiveState(settings)
        self.reference.node_shown.connect(lambda node_id: self.live.put(LAST_NODE_KEY, node_id))
        self.pages.currentChanged.connect(self._remember_page)
        if first is not None:
            self.reference.preview(first)

    def setWindowTitle(self, title: str) -> None:  # noqa: N802 (Qt's name)
        """Every title the window sets ends with the team database it is connected to."""
        if self._where and not title.endswith(self._where):
            title += self._where
        super().setWindowTitle(title)

    @property
    def planner(self) -> PlannerPage:
        """The Planner page, built on first use."""
        if self._planner is None:
            self._build_planner()
        assert self._planner is not None
        return self._planner

    @classmethod
    def for_database(cls, db: Database, settings: QSettings) -> MainWindow:
        from pkdesk.store.window_repo import reference_store

        repo = reference_store(db)
        window = cls(settings, *repo.tree())
        window.finish_start()
        window.attach(db, repo)
        return window

    def finish_start(self) -> None:
        """What the first paint does not need, done right after it (`ui.app.start_window`,
        before the database is attached) or at once (`for_database`); once only.

        The application-wide wheel guard and link guard and the legible style: Python hooks
        that Qt calls for every event or drawing, whose first calls make PySide set up most
        of QtWidgets' enums (~25 ms before the window could show). The first paint looks the
        same without them: no field to scroll yet, no link clicked, and the toolbar's arrows
        are already the style's own (`ui.common.arrow_icons`). Then View › Language, the
        Reference page's find bar (hidden) and search results list (another tab)."""
        if self._finished:
            return
        self._finished = True
        from pkdesk.ui.common.legible_style import install as install_legible_style
        from pkdesk.ui.common.wheel_guard import install as install_wheel_guard
        from pkdesk.ui.window.link_guard import install as install_link_guard

        # Widgets first: built under the wheel guard's filter they would cost twice as much.
        self.menus.language_menu    # noqa: B018 (built on first use)
        self.reference.finish_start()
        install_wheel_guard()       # the wheel changes no unfocused field
        install_legible_style()     # boxes and arrows visible under a dark palette too
        install_link_guard()        # no link opens another program without asking

    def attach(self, db: Database, repo: ReferenceStore | None = None) -> None:
        """Give the window its open database: search, notes, bookmarks start working.

        A database attached without SQLAlchemy's engine (`Database.open_current`) is read
        through sqlite3 (`store.window_repo`); the engine is made on first need (a write,
        the Planner shown, an import, a PDF), by `Database.engine`."""
        if repo is None:
            from pkdesk.store.window_repo import reference_store

            repo = reference_store(db)
        self.db = db
        if db.is_server:
            # Where the window is connected: in the title and the status bar, as plain text.
            self._where = f" — {db.where}"
            self.server_label = QLabel(tr("ui.status.server", where=db.where))
            self.server_label.setObjectName("serverLabel")
            set_enum(self.server_label, "textFormat", "PlainText")
            self.statusBar().addPermanentWidget(self.server_label)
            self.setWindowTitle(self.windowTitle())
            from pkdesk.ui.window.team_journal import replay_kept_edits

            replay_kept_edits(self, db)     # edits kept here while the server was away
        first = not hasattr(self, "backups")
        if first:
            self._build_attached_actions()
        self.reference.attach(repo)
        self.library.refresh_scopes()
        if self._planner is not None:
            self._attach_planner()
        elif self.pages.currentWidget() is self._planner_slot or self._to_open:
            self._build_planner()   # the page shown, or plan files to import, need it
        self.backups.attached()
        self.pdf.update_enabled()
        self.update_location()
        if self._to_open:
            paths, self._to_open = self._to_open, []
            self.open_plan_files(paths)

    def _attach_planner(self) -> None:
        """Give the built Planner the database (SQLAlchemy's, opened now if not yet)."""
        assert self._planner is not None and self.db is not None
        from pkdesk.core.errors import PkdeskError
        from pkdesk.store.plan_repo import PlanRepository

        try:
            self._planner.attach(PlanRepository(self.db))
        except PkdeskError as exc:
            # The file went wrong since the attach (damaged, unreadable): said, not raised.
            from pkdesk.ui.common.messages import tell

            tell(self, tr("ui.recovery.title"), str(exc))

    def work_locally(self, team_where: str, team_url: str | None = None) -> None:
        """The team database was unreachable at start and the user chose their own database
        file: the title and the status bar say it is the local one (plain text); File ›
        Connect to Team Database and a status-bar button try ``team_url`` again."""
        self._where = " — " + tr("ui.unreachable.title_suffix")
        self.local_label = QLabel(tr("ui.unreachable.status", where=team_where))
        self.local_label.setObjectName("localLabel")
        set_enum(self.local_label, "textFormat", "PlainText")
        self.statusBar().addPermanentWidget(self.local_label)
        self.setWindowTitle(self.windowTitle())
        if team_url is not None:
            from pkdesk.ui.window.reconnect import TeamReconnect

            self.reconnect = TeamReconnect(self, team_url)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """macOS opens files in a running app (a .pkplan.json double-clicked in the Finder,
        dropped on the Dock icon) with a FileOpen event to the application, not arguments."""
        from PySide6.QtCore import QEvent
        from PySide6.QtGui import QFileOpenEvent

        if event.type() == QEvent.Type.FileOpen and isinstance(event, QFileOpenEvent) \
                and event.file():
            self.open_plan_files([Path(event.file())])
            return True
        return super().eventFilter(watched, event)

    def open_plan_files(self, paths: Sequence[Path]) -> None:
        """Plan files opened from the desktop (`pkdesk FILE...`, or handed over by a second
        launch): brought forward, the window imports them and shows the last one on the
        Planner, or says in a dialog why it cannot. Before the database is attached they wait."""
        if not paths:
            return
        if self.isMinimized():
            self.showNormal()
        if QApplication.platformName() != "offscreen":   # which has nothing to raise above
            self.raise_()
            self.activateWindow()
        if self.db is None:
            self._to_open.extend(paths)
            return
        self.planner.plan_actions.open_files(paths)

    # Pages -----------------------------------------------------------------------------

    def add_page(self, name: str, widget: QWidget, toolbar: QToolBar | None = None) -> int:
        """Add a top-level page (a tab); `toolbar` is shown only while it is current."""
        if toolbar is not None:
            self.addToolBar(toolbar)     # at the top
            self._toolbars[widget] = toolbar
        index = self.pages.addTab(widget, name)
        self._page_changed(self.pages.currentIndex())
        return index

    def _page_changed(self, _index: int) -> None:
        current = self.pages.currentWidget()
        if self.db is not None and self._planner is None and current is self._planner_slot:
            current.repaint()       # "Opening the plans…" on screen while it is built
            self._build_planner()   # shown for the first time: built now (it calls us back)
            return
        for page, toolbar in self._toolbars.items():
            toolbar.setVisible(page is current)
        if hasattr(self, "location"):
            self.update_location()
        if hasattr(self, "zoom"):
            self.zoom.update_enabled()

    def _zoom_shown(self) -> TextZoom | None:
        """The text size of the page shown: the reading pane's or the findings'."""
        current = self.pages.currentWidget()
        if current is self.reference:
            return self.reference.zoom
        if current is not None and current is self._planner:
            return self._planner.findings.zoom
        return None

    def _scope_page_shortcuts(self) -> None:
        """A page's shortcuts act only while it is shown (see `page_scope`)."""
        self.page_shortcuts = PageScopedShortcuts(self.pages)
        ref = self.reference
        self.page_shortcuts.scope(ref, [ref.back_action, ref.forward_action, ref.bookmark_action,
                                        ref.find_action, *ref.view_actions])

    def _remember_page(self, _index: int) -> None:
        self.live.put(PAGE_KEY, self.pages.currentWidget().objectName())

    def remember_plan(self) -> None:
        if self._planner is not None:
            self.live.put(PLAN_KEY, self._planner.plan_id)

    def update_location(self, *_args: object) -> None:
        """The status bar's permanent text and the window title follow the page shown."""
        current = self.pages.currentWidget()
        if current is not None and current is self._planner:
            from pkdesk.ui.window.window_status import planner_status

            plan = current.plan
            self.location.setText(planner_status(current))
            self.setWindowTitle(f"{plan.title} — {APP_NAME}" if plan is not None else APP_NAME)
        elif current is self._planner_slot:
            self.location.setText(tr("ui.status.opening"))
            self.setWindowTitle(APP_NAME)
        elif self.reference.current_node is not None:
            self._node_shown(self.reference.current_node)

    # Building --------------------------------------------------------------------------

    def _build_attached_actions(self) -> None:
        """What the window needs once it has a database, Planner or not: the PDF, backup,
        library and notes-export actions in File (the automatic backups with them), and
        stand-ins for the Planner's own entries at its top (`planner_standins`)."""
        from pkdesk.ui.backup.backup_actions import BackupActions
        from pkdesk.ui.output.pdf_actions import PdfActions
        from pkdesk.ui.reference.library_actions import LibraryActions
        from pkdesk.ui.reference.notes_export_action import NotesExport
        from pkdesk.ui.window.planner_standins import plan_standins

        self.pdf = PdfActions(self, self)
        # What can be printed follows the page shown and what it shows.
        self.pages.currentChanged.connect(self.pdf.update_enabled)
        self.reference.node_shown.connect(self.pdf.update_enabled)
        self.backups = BackupActions(self, self)
        self.library = LibraryActions(self.reference, self)
        self.library.message.connect(lambda text: self.statusBar().showMessage(text, 6000))
        self.notes_export = NotesExport(self.reference, self)
        from pkdesk.ui.planner.plan_drop import PlanDropFilter

        # A dropped .pkplan.json is imported, building the Planner if need be.
        self.setAcceptDrops(True)
        self.installEventFilter(PlanDropFilter(
            lambda paths: self.planner.plan_actions.import_files(paths), self))
        self._standins = plan_standins(self, self._run_planner_action)
        self.menus.add_file_groups(
            [self._standins, [*self.pdf.all, self.pdf.export_assessment, self.notes_export.action],
             self.backups.all, self.library.all])

    def _run_planner_action(self, name: str) -> None:
        """A stand-in was triggered: build the Planner, then do what the real action does."""
        actions = self.planner.plan_actions
        {"new": actions.new, "import": actions.import_}[name].trigger()

    def _build_planner(self) -> None:
        """Build the Planner page and what comes with it: its tab (in the placeholder's
        place), toolbar and menus. Done when it is first shown or needed, not at attach:
        it, and the SQLAlchemy behind its plan list, cost ~20 MiB (issue 17)."""
        from pkdesk.ui.planner.planner_page import PlannerPage
        from pkdesk.ui.window.planner_wiring import scope_planner, wire_planner

        if not hasattr(self, "backups"):
            self._build_attached_actions()
        planner = self._planner = PlannerPage()
        slot = self._planner_slot
        was_current = self.pages.currentWidget() is slot
        self.pages.blockSignals(True)   # the page shown does not change, only its widget
        index = self.pages.indexOf(slot)
        self.pages.insertTab(index, planner, self.pages.tabText(index))
        self.pages.removeTab(index + 1)
        if was_current:
            self.pages.setCurrentWidget(planner)
        self.pages.blockSignals(False)
        slot.setObjectName("")
        slot.deleteLater()
        self.addToolBar(planner.toolbar)     # at the top
        self._toolbars[planner] = planner.toolbar

        self.scenario = wire_planner(self, planner, self.pdf)
        from pkdesk.ui.planner.performance.field_data_action import field_data_action

        self.field_data_action = field_data_action(self, planner.session)
        # The real plan actions take the stand-ins' place at the top of File.
        file_menu = self.menus.file_menu
        file_menu.insertActions(self._standins[0],
                                [*planner.plan_actions.all, self.field_data_action])
        for standin in self._standins:
            file_menu.removeAction(standin)
            standin.deleteLater()
        self._standins = []
        self.menus.add_planner(
            [], [planner.undo_action, planner.redo_action], self.scenario.menu,
            planner.whatif.whatifs.toggle_action)
        from pkdesk.ui.sync.sync_actions import SyncActions

        self.sync = SyncActions(planner, self.statusBar(), self)
        self.menus.file_menu.insertMenu(self.menus.quit_action, self.sync.menu)
        self.menus.file_menu.insertSeparator(self.menus.quit_action)
        scope_planner(self, planner)
        # The plan's form and its Performance tab by keyboard, listed in Keyboard Shortcuts.
        self.menus.view_menu.insertActions(self.menus.language_menu.menuAction(),
                                           [planner.show_form_action,
                                            planner.show_performance_action])
        planner.restore_state(self.settings)
        if self.db is not None:
            self._attach_planner()
        self.pdf.update_enabled()
        self._page_changed(self.pages.currentIndex())

    def _build_menus(self) -> None:
        menus = self.menus = WindowMenus(self, self.reference, quit=self.close,
                                         about=self.show_about, shortcuts=self.show_shortcuts,
                                         guide=self.show_guide)
        self.keys_action, self.guide_action = menus.keys_action, menus.guide_action
        self.zoom = ZoomActions(self._zoom_shown, self)
        menus.add_view_tools(self.zoom.all, self._language_menu)

    def _language_menu(self) -> LanguageMenu:
        from pkdesk.ui.window.language_menu import LanguageMenu

        return LanguageMenu(self.settings, self, restart=self.restart)

    @property
    def language_menu(self) -> LanguageMenu:
        """View › Language (built when the View menu first opens, or right after the first
        paint: it reads the other languages' catalogues)."""
        from pkdesk.ui.window.language_menu import LanguageMenu

        menu = self.menus.language_menu
        assert isinstance(menu, LanguageMenu)
        return menu

    def restart_command(self) -> tuple[str, list[str]]:
        """The command line that started this pkdesk (``python -m pkdesk`` and its arguments,
        or the bundled program), to start it again."""
        if getattr(sys, "frozen", False):
            return sys.executable, sys.argv[1:]
        return sys.executable, ["-m", "pkdesk", *sys.argv[1:]]

    def restart(self) -> bool:
        """Close (every pending edit and note written, a last backup, the window's state
        kept), start pkdesk again with the same command line, and quit."""
        if not self.close():
            return False
        if self.db is not None:
            self.db.close()
            self.db = None
        from PySide6.QtCore import QProcess

        program, args = self.restart_command()
        started = QProcess.startDetached(program, args)
        QCoreApplication.quit()
        return bool(started[0] if isinstance(started, tuple) else started)

    def show_shortcuts(self) -> QWidget:
        from pkdesk.ui.window import help_dialogs

        return help_dialogs.show_shortcuts(self, self.pages, self.page_shortcuts)

    def show_guide(self) -> QWidget:
        from pkdesk.ui.window import help_dialogs

        return help_dialogs.show_guide(self)

    def show_about(self) -> None:
        from pkdesk.ui.window import help_dialogs

        help_dialogs.show_about(self, APP_NAME, self.db.where if self.db else None)

    # What the output and backup actions ask of the window -------------------------------

    def document_source(self) -> DocumentSource | None:
        """The document of the page shown (`output.sources`); None when nothing to print."""
        from pkdesk.ui.output.sources import plan_source, reference_source

        if self.db is None:
            return None
        if self._planner is not None and self.pages.currentWidget() is self._planner:
            return plan_source(self._planner.session)
        return reference_source(self.reference, self.db)

    def assessment_source(self) -> DocumentSource | None:
        """The assessment report of the plan shown on the Planner; None when none is shown."""
        from pkdesk.ui.output.sources import assessment_source

        if self.db is None or not self.shows_plan():
            return None
        return assessment_source(self.planner.session)

    def shows_plan(self) -> bool:
        return (self.db is not None and self._planner is not None
                and self.pages.currentWidget() is self._planner
                and self._planner.plan is not None)

    def has_document(self) -> bool:
        if self.db is None:
            return False
        if self.pages.currentWidget() is self._planner_slot:
            return False
        if self._planner is not None and self.pages.currentWidget() is self._planner:
            return self._planner.plan is not None
        return self.reference.current_node is not None

    def flush(self) -> None:
        """Write every pending edit (notes, plans) now."""
        self.reference.flush()
        if self._planner is not None:
            self._planner.flush()

    def database_replaced(self, db: Database) -> None:
        node, planner = self.reference.current_node, self._planner
        plan_id = planner.plan_id if planner is not None else None
        if planner is not None:
            planner.session.detach_for_restore()   # its steps describe the replaced data
        self.attach(db)
        if planner is not None:
            planner.reload_list(select=plan_id)
        if node is not None:
            self.reference.show_node(node, record=False)

    def database_lost(self) -> None:
        self.db = None

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
            screen = self.screen() or QApplication.primaryScreen()
            if screen is not None:
                self.setGeometry(default_geometry(screen.availableGeometry()))
            else:
                self.resize(1100, 720)
        state = self.settings.value("window/state")
        if isinstance(state, QByteArray):
            self.restoreState(state)
        self.reference.restore_state(self.settings)
        name = self.settings.value(PAGE_KEY)
        page = self.findChild(QWidget, name) if isinstance(name, str) and name else None
        if page is not None and self.pages.indexOf(page) >= 0:
            self.pages.setCurrentWidget(page)
        self._page_changed(self.pages.currentIndex())

    def wait_for_backup(self) -> None:
        """Until the backup made at close (on its own thread) is written."""
        if hasattr(self, "backups"):
            self.backups.scheduler.wait()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.reference.may_close():   # a note the database refuses: said, and kept
            event.ignore()                   # open once for the user to copy it
            return
        self.reference.search.stop()   # a query running is stopped, its thread waited for
        if self._planner is not None:
            self._planner.flush()   # autosave: nothing pending is ever lost, nothing to ask
            self._planner.save_state(self.settings)
        if hasattr(self, "backups"):
            self.backups.closing()  # a last backup, if the data changed
        self.settings.setValue(PAGE_KEY, self.pages.currentWidget().objectName())
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        self.reference.save_state(self.settings)
        self.settings.sync()
        super().closeEvent(event)
