"""Search as you type: the field (placed in the toolbar) and the list of ranked hits."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QObject, QTimer, Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QListView, QVBoxLayout, QWidget

from pkdesk.core.highlight import search_terms
from pkdesk.ui.common.i18n import tr, trn
from pkdesk.ui.common.qt_values import set_enum

if TYPE_CHECKING:
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QShowEvent

    from pkdesk.store.window_repo import ReferenceStore
    from pkdesk.ui.reference.search_results import SearchResultsModel

DEBOUNCE_MS = 120
RESULT_LIMIT = 50
LAYOUT_BATCH = 10


class SearchPanel(QWidget):
    open_requested = Signal(str, tuple)
    """(node id, folded search terms to highlight in it)."""
    query_changed = Signal(str)
    """The query the shown results are for ("" once the field is cleared)."""
    dismissed = Signal()
    """Escape in an empty field: the user is done searching."""

    def __init__(self, repo: ReferenceStore | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._repo = repo
        self._query = ""
        self.scope: str | int = "all"   # all, handbook, notes or a library id (issue 15)

        self.field = QLineEdit()
        self.field.setObjectName("searchField")
        self.field.setPlaceholderText(tr("ui.search.placeholder"))
        self.field.setAccessibleName(tr("ui.search.name"))
        self.field.setClearButtonEnabled(True)
        self.field.setMaximumWidth(360)

        self.status = QLabel(tr("ui.search.prompt"))
        set_enum(self.status, "textFormat", "PlainText")   # it repeats the user's query
        self.status.setWordWrap(True)
        self.status.setMargin(4)

        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.addWidget(self.status)
        self._filtering = False     # the field's event filter: `finish_start`
        self._model: SearchResultsModel | None = None   # the list: `model`, `view`
        self._view: QListView | None = None

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.run_now)
        self.field.textChanged.connect(self._timer.start)
        self.field.returnPressed.connect(self._open_current)

    def finish_start(self) -> None:
        """The field's keys (Escape, the arrows to the list): an event filter, which Qt calls
        in Python for every event of the field, put in place right after the window's first
        paint (`ReferencePage.finish_start`): the first events a Python hook receives make
        PySide set up its ~50 event classes (~4 ms), and no key reaches the field before."""
        if not self._filtering:
            self._filtering = True
            self.field.installEventFilter(self)

    @property
    def query(self) -> str:
        return self._query

    @property
    def model(self) -> SearchResultsModel:
        """The ranked hits (the list is built on first use: the window's first paint shows
        the field, in the toolbar, not this tab)."""
        self._build_list()
        assert self._model is not None
        return self._model

    @property
    def view(self) -> QListView:
        self._build_list()
        assert self._view is not None
        return self._view

    def _build_list(self) -> None:
        if self._view is not None:
            return
        from pkdesk.ui.reference.search_results import SearchResultsModel, SnippetDelegate

        self._model = model = SearchResultsModel(self)
        self._view = view = QListView()
        view.setObjectName("searchResults")
        view.setAccessibleName(tr("ui.search.results_name"))
        view.setModel(model)
        view.setItemDelegate(SnippetDelegate(view))
        view.setWordWrap(True)
        view.setResizeMode(QListView.ResizeMode.Adjust)
        view.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        # Rows laid out a few at a time from the event loop: the first ones show at once and
        # a keystroke typed meanwhile is taken before the rest (as-you-type search).
        view.setLayoutMode(QListView.LayoutMode.Batched)
        view.setBatchSize(LAYOUT_BATCH)
        view.activated.connect(self._open_index)
        view.clicked.connect(self._open_index)
        self._layout.addWidget(view, 1)
        view.show()     # shown with the panel, even when built as the panel is being shown

    def showEvent(self, event: QShowEvent) -> None:
        self._build_list()
        super().showEvent(event)

    def attach(self, repo: ReferenceStore) -> None:
        self._repo = repo
        if self.field.text() != self._query:
            self.run_now()

    def run_now(self) -> None:
        """Search for what is in the field (normally after the debounce)."""
        self._timer.stop()
        text = self.field.text()
        if text == self._query or self._repo is None:
            return
        self._query = text
        hits = self._repo.search(text, RESULT_LIMIT, scope=self.scope) if text.strip() else []
        in_notes = [h for h in hits if h.in_note]
        found = [h for h in hits if not h.in_note]
        self.model.set_hits(hits)
        if not text.strip():
            self.status.setText(tr("ui.search.prompt"))
        elif not hits:
            self.status.setText(tr("ui.search.none", query=text.strip()))
        else:
            key = "ui.search.hits_best" if len(found) == RESULT_LIMIT else "ui.search.hits"
            status = trn(key, len(hits))
            if in_notes:
                status = trn("ui.search.in_notes", len(in_notes)) + " " + status
            self.status.setText(status)
        if hits:
            self.view.setCurrentIndex(self.model.index(0))
        self.query_changed.emit(text)

    def set_scope(self, scope: str | int) -> None:
        """Search ``scope`` from now on, and search again."""
        self.scope = scope
        self._query = "\x00"       # not what the field holds: run_now searches again
        self.run_now()

    def clear(self) -> None:
        self.field.clear()
        self.run_now()

    def _open_current(self) -> None:
        self.run_now()
        index = self.view.currentIndex()
        if not index.isValid() and self.model.rowCount():
            index = self.model.index(0)
        if index.isValid():
            self._open_index(index)

    def _open_index(self, index: QModelIndex) -> None:
        node_id = self.model.node_id(index)
        if node_id is not None:
            self.open_requested.emit(node_id, search_terms(self._query))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        from PySide6.QtCore import QEvent
        from PySide6.QtGui import QKeyEvent   # (here: the first paint makes no event class)

        if watched is self.field and isinstance(event, QKeyEvent) \
                and event.type() == QEvent.Type.KeyPress:
            from PySide6.QtCore import Qt

            key = event.key()
            if key == Qt.Key.Key_Escape:
                if self.field.text():
                    self.clear()
                else:
                    self.dismissed.emit()
                return True
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up, Qt.Key.Key_PageDown) and self.model.rowCount():
                self.run_now()
                self.view.setFocus(Qt.FocusReason.ShortcutFocusReason)
                return True
        return super().eventFilter(watched, event)
