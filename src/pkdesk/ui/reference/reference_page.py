"""The Reference page: contents, search, bookmarks and notes beside the reading pane.

`show_node(node_id, highlight=quote)` is the one way in: the tree, search hits, links,
back/forward and other pages (a planner finding citing a passage) all go through it.

The page is built from a contents tree and can be shown before the database is attached
(see `store.snapshot`); `attach(repo)` brings search, bookmarks, notes and navigation.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSettings, Signal
from PySide6.QtGui import QAction, QIcon, QKeySequence
from PySide6.QtWidgets import QApplication, QSplitter, QVBoxLayout, QWidget

from pkdesk.core.errors import NotFoundError
from pkdesk.core.navigation import History
from pkdesk.core.reference import NodeDetail, TreeEntry
from pkdesk.ui.common.arrow_icons import arrow_icon
from pkdesk.ui.common.i18n import tr
from pkdesk.ui.common.qt_values import set_enum, set_shortcut
from pkdesk.ui.reference.note_editor import NoteEditor
from pkdesk.ui.common.text_zoom import TextZoom
from pkdesk.ui.reference.reading_pane import ReadingPane
from pkdesk.ui.reference.reference_model import ReferenceTreeModel
from pkdesk.ui.reference.side_panel import SidePanel

if TYPE_CHECKING:
    from pkdesk.store.window_repo import ReferenceStore
    from pkdesk.ui.reference.find_bar import FindBar

LAST_NODE_KEY = "reference/lastNode"


def last_node(settings: QSettings) -> str | None:
    """The node shown when the window was last closed."""
    value = settings.value(LAST_NODE_KEY)
    return value if isinstance(value, str) and value else None


def _action(parent: QWidget, text: str, shortcut: QKeySequence | QKeySequence.StandardKey | str,
            tip: str, icon: QIcon | None = None) -> QAction:
    action = QAction(text, parent)
    set_shortcut(action, shortcut)
    action.setToolTip(f"{tip} ({QKeySequence(shortcut).toString(QKeySequence.SequenceFormat.NativeText)})")
    action.setStatusTip(tip)
    if icon is not None:
        action.setIcon(icon)
    parent.addAction(action)
    return action


class ReferencePage(QWidget):
    node_shown = Signal(str)
    message = Signal(str)
    """A short status message for the window's status bar."""

    def __init__(self, roots: Sequence[str], entries: dict[str, TreeEntry],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.repo: ReferenceStore | None = None
        self.history: History[str] = History()
        self.tree_model = ReferenceTreeModel(roots, entries, self)
        self._entries = entries
        self._roots = list(roots)
        self._start: str | None = None

        self.side = SidePanel(self.tree_model)
        self.reading = ReadingPane(self.tree_model.title)
        self.notes = NoteEditor()
        self.search = self.side.search

        self._find_bar: FindBar | None = None     # hidden until Ctrl+F: built after the first paint
        reading_box = self._reading_box = QWidget()
        reading_layout = QVBoxLayout(reading_box)
        reading_layout.setContentsMargins(0, 0, 0, 0)
        reading_layout.setSpacing(0)
        reading_layout.addWidget(self.reading, 1)
        self.reading_split = QSplitter()
        set_enum(self.reading_split, "orientation", "Vertical")
        self.reading_split.addWidget(reading_box)
        self.reading_split.addWidget(self.notes)
        self.reading_split.setStretchFactor(0, 4)
        self.reading_split.setStretchFactor(1, 1)
        self.reading_split.setChildrenCollapsible(False)
        self.reading_split.setSizes([540, 140])
        self.splitter = QSplitter()       # horizontal
        self.splitter.addWidget(self.side)
        self.splitter.addWidget(self.reading_split)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([340, 760])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

        # The arrows `LegibleStyle` would give (it is put in place after the first paint).
        palette = QApplication.palette()
        self.back_action = _action(self, tr("ui.ref.back"), QKeySequence.StandardKey.Back,
                                   tr("ui.ref.back_tip"),
                                   QIcon.fromTheme("go-previous", arrow_icon(palette, "left")))
        self.forward_action = _action(self, tr("ui.ref.forward"), QKeySequence.StandardKey.Forward,
                                      tr("ui.ref.forward_tip"),
                                      QIcon.fromTheme("go-next", arrow_icon(palette, "right")))
        self.bookmark_action = _action(self, tr("ui.ref.bookmark"), "Ctrl+D",
                                       tr("ui.ref.bookmark_tip"),
                                       QIcon.fromTheme("bookmark-new"))
        self.bookmark_action.setCheckable(True)
        self.bookmark_action.setIconText(tr("ui.ref.bookmark_icon"))
        self.find_action = _action(self, tr("ui.ref.find"), QKeySequence.StandardKey.Find,
                                   tr("ui.ref.find_tip"))
        self.view_actions = [
            _action(self, tr("ui.ref.contents"), "Ctrl+Shift+C", tr("ui.ref.contents_tip")),
            _action(self, tr("ui.ref.bookmarks"), "Ctrl+Shift+B", tr("ui.ref.bookmarks_tip")),
            _action(self, tr("ui.ref.notes"), "Ctrl+Shift+N", tr("ui.ref.notes_tip")),
            _action(self, tr("ui.ref.reading"), "F6", tr("ui.ref.reading_tip")),
            _action(self, tr("ui.ref.my_note"), "Ctrl+Shift+E", tr("ui.ref.my_note_tip")),
        ]
        targets = [self.side.tree, self.side.bookmark_view, self.side.note_view]
        for action, target in zip(self.view_actions[:3], targets, strict=True):
            action.triggered.connect(lambda _=False, t=target: self.side.show_tab(t))
        self.view_actions[3].triggered.connect(lambda: self.reading.setFocus())
        self.view_actions[4].triggered.connect(lambda: self.notes.edit.setFocus())

        self.back_action.triggered.connect(self.go_back)
        self.forward_action.triggered.connect(self.go_forward)
        self.bookmark_action.toggled.connect(self._bookmark_toggled)
        self.find_action.triggered.connect(self.find_or_search)
        self.side.node_chosen.connect(self.show_node)
        self.reading.node_link_activated.connect(self.show_node)
        self.search.open_requested.connect(self._open_hit)
        self.search.query_changed.connect(self._search_changed)
        self.search.dismissed.connect(lambda: self.reading.setFocus())
        self.notes.saved.connect(self._note_saved)
        self.notes.failed.connect(self._note_refused)
        self.zoom = TextZoom("reference/textZoom", [self.reading], self)
        self._update_actions()

    @property
    def find_bar(self) -> FindBar:
        """Find in the topic (Ctrl+F, F3), below the reading pane; built on first use."""
        if self._find_bar is None:
            from pkdesk.ui.reference.find_bar import FindBar

            self._find_bar = FindBar(self.reading)
            layout = self._reading_box.layout()
            assert layout is not None
            layout.addWidget(self._find_bar)
            self._find_bar.scope(self._reading_box)
        return self._find_bar

    def finish_start(self) -> None:
        """Build what the first paint does not show (the find bar, the search results list)
        and put in place the Python event hooks (the search field's keys, the reading pane's
        palette watch); the window calls this right after its first paint."""
        self.find_bar      # noqa: B018 (built on first use)
        self.search.model  # noqa: B018
        self.search.finish_start()
        self.reading.finish_start()

    def attach(self, repo: ReferenceStore) -> None:
        """Use `repo` from now on; reload the tree if it differs from the one shown."""
        self.repo = repo
        roots, entries = repo.tree()
        if roots != self._roots or entries != self._entries:
            self._roots, self._entries = list(roots), entries
            self.tree_model.set_tree(roots, entries)
        self.side.attach(repo)
        self.notes.attach(repo)
        start = self._start if self._start in self._entries else None
        if start is None and self._roots:
            start = self._roots[0]
        if start is not None:
            self.show_node(start)

    def reload_tree(self) -> None:
        """Read the contents again (a library was added, replaced or removed)."""
        if self.repo is not None:
            roots, entries = self.repo.tree()
            self._roots, self._entries = list(roots), entries
            self.tree_model.set_tree(roots, entries)

    def preview(self, detail: NodeDetail) -> None:
        """Show a page before the database is attached (the first paint at start-up)."""
        self.reading.show_detail(detail)
        self.side.select_in_tree(detail.node.id)
        self.node_shown.emit(detail.node.id)
    # Navigation ------------------------------------------------------------------------

    def show_node(self, node_id: str, *, highlight: str | None = None,
                  terms: Sequence[str] = (), record: bool = True) -> bool:
        """Show a node; `highlight` is a verbatim passage to mark and scroll to, `terms`
        search words to mark. Returns False when the node is unknown or the passage is not
        in it (the node is still shown, and the status bar says so)."""
        if self.repo is None:
            return False
        try:
            detail = self.repo.node(node_id)
        except NotFoundError as exc:
            self.message.emit(str(exc))
            return False
        self.notes.set_node(node_id)
        page = self.reading.show_detail(detail, highlight=highlight, terms=terms)
        if self._find_bar is not None:
            self._find_bar.refresh()
        if record:
            self.history.visit(node_id)
        self.side.select_in_tree(node_id)
        self._update_actions()
        if not page.quote_found:
            self.message.emit(tr("ui.ref.quote_missing"))
        self.node_shown.emit(node_id)
        return page.quote_found

    @property
    def current_node(self) -> str | None:
        return self.reading.node_id

    def go_back(self) -> None:
        node_id = self.history.back()
        if node_id is not None:
            self.show_node(node_id, record=False)

    def go_forward(self) -> None:
        node_id = self.history.forward()
        if node_id is not None:
            self.show_node(node_id, record=False)

    def find_or_search(self) -> None:
        """Ctrl+F: find in the topic when the reading pane (or the find bar) has the focus;
        anywhere else, go to the search field."""
        focus = QApplication.focusWidget()
        if focus is not None and (focus is self.reading or self.find_bar.isAncestorOf(focus)):
            self.find_bar.open_bar()
        else:
            self.focus_search()

    def focus_search(self) -> None:
        from PySide6.QtCore import Qt

        self.search.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.field.selectAll()

    def breadcrumb(self, node_id: str) -> str:
        parts: list[str] = []
        current: str | None = node_id
        while current is not None and current in self._entries:
            parts.append(self._entries[current].title)
            current = self._entries[current].parent
        return " › ".join(reversed(parts))

    # State -----------------------------------------------------------------------------

    def flush(self) -> None:
        """Write anything pending (the note being typed) to the database."""
        self.notes.flush()

    def may_close(self) -> bool:
        """Write anything pending; False, once, when the database refuses a note: a message
        says so, and the window stays open for the user to copy it (``NoteEditor.may_close``)."""
        if self.notes.may_close():
            return True
        from pkdesk.ui.common.messages import tell

        refused = self.notes.refused_note()
        node_id, problem = refused if refused is not None else ("", "")
        tell(self, tr("ui.note.not_saved_title"),
             tr("ui.note.not_saved_close", title=self.tree_model.title(node_id),
                problem=problem))
        return False

    def save_state(self, settings: QSettings) -> None:
        settings.setValue("reference/splitter", self.splitter.saveState())
        settings.setValue("reference/readingSplitter", self.reading_split.saveState())
        settings.setValue("reference/sideTab", self.side.currentIndex())
        if self.current_node:
            settings.setValue(LAST_NODE_KEY, self.current_node)

    def restore_state(self, settings: QSettings) -> None:
        self.zoom.restore(settings)
        for key, splitter in (("reference/splitter", self.splitter),
                              ("reference/readingSplitter", self.reading_split)):
            state = settings.value(key)
            if isinstance(state, QByteArray):
                splitter.restoreState(state)
        tab = settings.value("reference/sideTab", 0, type=int)
        # The search tab would come back empty: start on Contents instead.
        self.side.setCurrentIndex(tab if isinstance(tab, int) and tab != 1 else 0)
        self._start = last_node(settings)

    # Internals -------------------------------------------------------------------------

    def _open_hit(self, node_id: str, terms: tuple[str, ...]) -> None:
        self.show_node(node_id, terms=terms)

    def _search_changed(self, query: str) -> None:
        if query.strip():
            self.side.show_tab(self.search, focus=False)
        elif self.side.currentWidget() is self.search:
            self.side.show_tab(self.side.tree, focus=False)

    def _bookmark_toggled(self, on: bool) -> None:
        node_id = self.current_node
        if self.repo is None or node_id is None or on == self.repo.is_bookmarked(node_id):
            return
        self.repo.set_bookmark(node_id, on)
        self.side.refresh_marks()
        title = self.tree_model.title(node_id)
        self.message.emit(tr("ui.ref.bookmarked" if on else "ui.ref.unbookmarked", title=title))

    def _note_refused(self, node_id: str, problem: str) -> None:
        from pkdesk.ui.common.messages import tell   # (not needed for the first paint)

        tell(self, tr("ui.note.not_saved_title"),
             tr("ui.note.not_saved", title=self.tree_model.title(node_id), problem=problem))

    def _note_saved(self, node_id: str, has_note: bool) -> None:
        self.side.refresh_marks()
        self.message.emit(tr("ui.ref.note_saved" if has_note else "ui.ref.note_removed"))

    def _update_actions(self) -> None:
        self.back_action.setEnabled(self.history.can_go_back)
        self.forward_action.setEnabled(self.history.can_go_forward)
        node_id = self.current_node if self.repo is not None else None
        self.bookmark_action.setEnabled(node_id is not None)
        self.bookmark_action.blockSignals(True)
        self.bookmark_action.setChecked(node_id is not None and self.repo is not None
                                        and self.repo.is_bookmarked(node_id))
        self.bookmark_action.blockSignals(False)
