"""The tabs beside the reading pane: Contents (the tree), Search, Bookmarks and Notes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import QAbstractItemView, QListView, QTabWidget, QTreeView, QWidget

from pkdesk.ui.common.i18n import tr
from pkdesk.ui.reference.node_list_model import NodeItem, NodeListModel
from pkdesk.ui.reference.reference_model import ReferenceTreeModel
from pkdesk.ui.reference.search_panel import SearchPanel

if TYPE_CHECKING:
    from pkdesk.store.window_repo import ReferenceStore


def _list_view(name: str, model: NodeListModel, accessible: str) -> QListView:
    view = QListView()
    view.setObjectName(name)
    view.setAccessibleName(accessible)
    view.setModel(model)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setUniformItemSizes(True)
    return view


class SidePanel(QTabWidget):
    node_chosen = Signal(str)
    """The user picked a node in the tree, the bookmarks or the notes."""

    def __init__(self, tree_model: ReferenceTreeModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._repo: ReferenceStore | None = None
        self.tree_model = tree_model
        self.setDocumentMode(True)
        self.setMinimumWidth(200)

        self.tree = QTreeView()
        self.tree.setObjectName("contentsTree")
        self.tree.setAccessibleName(tr("ui.side.contents_name"))
        self.tree.setModel(tree_model)
        self.tree.setHeaderHidden(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # Following the current item lets arrow keys browse; activation also covers a click
        # on the item that is already current.
        self.tree.selectionModel().currentChanged.connect(self._tree_current_changed)
        self.tree.activated.connect(self._tree_activated)

        self.search = SearchPanel()

        self.bookmark_model = NodeListModel(self)
        self.bookmark_view = _list_view("Bookmarks", self.bookmark_model,
                                        tr("ui.side.bookmarks_name"))
        self.bookmark_view.activated.connect(self._list_activated)
        self.bookmark_view.clicked.connect(self._list_activated)

        self.note_model = NodeListModel(self)
        self.note_view = _list_view("Notes", self.note_model, tr("ui.side.notes_name"))
        self.note_view.activated.connect(self._list_activated)
        self.note_view.clicked.connect(self._list_activated)

        self.addTab(self.tree, tr("ui.side.contents"))
        self.addTab(self.search, tr("ui.side.search"))
        self.addTab(self.bookmark_view, tr("ui.side.bookmarks"))
        self.addTab(self.note_view, tr("ui.side.notes"))
        self._syncing = False

    def attach(self, repo: ReferenceStore) -> None:
        self._repo = repo
        self.search.attach(repo)
        self.refresh_marks()

    # Keeping the lists current -----------------------------------------------------------

    def refresh_marks(self) -> None:
        """Reload the bookmarks and notes lists (and the note marks in the tree)."""
        if self._repo is None:
            return
        from pkdesk.core.notes_export import preview

        title = self.tree_model.title
        self.bookmark_model.set_items([NodeItem(n, title(n)) for n in self._repo.bookmarks()])
        notes = self._repo.notes()
        ordered = sorted(notes, key=lambda n: title(n).casefold())
        self.note_model.set_items([NodeItem(n, title(n), notes[n][:300], preview(notes[n]))
                                   for n in ordered])
        self.tree_model.set_noted(notes)

    def select_in_tree(self, node_id: str) -> None:
        """Make `node_id` the tree's current item without it counting as a user's choice."""
        index = self.tree_model.index_of(node_id)
        if not index.isValid():
            return
        self._syncing = True
        try:
            self.tree.setCurrentIndex(index)
            self.tree.scrollTo(index)
        finally:
            self._syncing = False

    def show_tab(self, widget: QWidget, focus: bool = True) -> None:
        self.setCurrentWidget(widget)
        if focus:
            target = widget.view if isinstance(widget, SearchPanel) else widget
            target.setFocus()

    # Signals ---------------------------------------------------------------------------

    def _tree_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        node_id = self.tree_model.node_id(current)
        if node_id is not None and not self._syncing:
            self.node_chosen.emit(node_id)

    def _tree_activated(self, index: QModelIndex) -> None:
        node_id = self.tree_model.node_id(index)
        if node_id is not None:
            self.node_chosen.emit(node_id)

    def _list_activated(self, index: QModelIndex) -> None:
        model = index.model()
        if isinstance(model, NodeListModel):
            node_id = model.node_id(index)
            if node_id is not None:
                self.node_chosen.emit(node_id)
