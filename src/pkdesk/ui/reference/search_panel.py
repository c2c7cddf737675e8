"""Search as you type: the field (placed in the toolbar) and the list of ranked hits.

The searches run off the GUI thread (issue 17, `store.search_worker`): 120 ms after the last
keystroke the text goes to the worker, which stops the query it is running, if any, and the
hits are shown when they come, if no newer query was asked meanwhile (each query has a
generation; an older one's hits are dropped). The GUI thread never waits for a query. Where
the worker cannot read the file (damaged, gone), the search is done again the full way on
this thread (`ReferenceStore.search`), which names the problem in a dialog.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QObject, QTimer, Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QListView, QVBoxLayout, QWidget

from pkdesk.core.highlight import search_terms
from pkdesk.ui.common.i18n import tr, trn
from pkdesk.ui.common.qt_values import set_enum

if TYPE_CHECKING:
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QCloseEvent, QShowEvent

    from pkdesk.core.search import SearchHit
    from pkdesk.store.db import Database
    from pkdesk.store.search_worker import SearchWorker, Source
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
    asked = Signal(str)
    """A query handed to the worker (its hits come with ``query_changed``)."""
    _arrived = Signal(int, object, object)   # from the worker's thread: generation, hits, problem

    def __init__(self, repo: ReferenceStore | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._repo = repo
        self._query = ""
        # What was last asked (text, scope), whether shown or still searched; the generation
        # of the query whose hits are awaited (None: none); what to do once they are shown.
        self._asked: tuple[str, str | int] | None = ("", "all")
        self._pending: int | None = None
        self._then: str | None = None
        self._worker: SearchWorker | None = None
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
        self.field.textChanged.connect(self._forget_then)
        self.field.returnPressed.connect(self._open_current)
        self._arrived.connect(self._show_arrived)

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
        from pkdesk.ui.reference.search_results import (HitsView, SearchResultsModel,
                                                        SnippetDelegate)

        self._model = model = SearchResultsModel(self)
        # Rows laid out a few at a time from the event loop, the first batch filling the
        # view: the first ones show at once and a keystroke typed meanwhile is taken before
        # the rest (as-you-type search).
        self._view = view = HitsView(LAYOUT_BATCH)
        view.setObjectName("searchResults")
        view.setAccessibleName(tr("ui.search.results_name"))
        view.setModel(model)
        view.setItemDelegate(SnippetDelegate(view))
        view.setWordWrap(True)
        view.setResizeMode(QListView.ResizeMode.Adjust)
        view.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        view.activated.connect(self._open_index)
        view.clicked.connect(self._open_index)
        self._layout.addWidget(view, 1)
        view.show()     # shown with the panel, even when built as the panel is being shown

    def showEvent(self, event: QShowEvent) -> None:
        self._build_list()
        super().showEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.stop()      # a panel of its own closed (in the window, the window's close does it)
        super().closeEvent(event)

    def attach(self, repo: ReferenceStore) -> None:
        if self._worker is not None:
            self.stop()                       # another database: another worker
        self._repo = repo
        self._asked = (self._query, self.scope)   # what is shown; a pending query is gone
        self._pending = None
        if self.field.text() != self._query:
            self.run_now()

    def stop(self) -> None:
        """Stop the query running, if any, and end the worker's thread (waited for): the
        window is closing, or another database comes. A later search starts a new one."""
        worker, self._worker = self._worker, None
        self._pending = None
        if worker is not None:
            worker.stop()

    @property
    def searching(self) -> bool:
        """A query asked whose hits are not shown yet."""
        return self._pending is not None

    def run_now(self) -> None:
        """Search for what is in the field (normally after the debounce), off this thread:
        the hits are shown when they come (``query_changed``)."""
        self._timer.stop()
        text = self.field.text()
        asked = (text, self.scope)
        if asked == self._asked or self._repo is None:
            return
        self._asked = asked
        if not text.strip():
            if self._worker is not None:
                self._worker.cancel()
            self._pending = None
            self._show(text, [])
            return
        self._pending = self._search_worker().submit(text, RESULT_LIMIT, self.scope)
        self.asked.emit(text)

    def _search_worker(self) -> SearchWorker:
        if self._worker is None:
            assert self._repo is not None
            from pkdesk.store.search_worker import SearchWorker

            arrived = self._arrived

            def deliver(generation: int, hits: object, problem: object) -> None:
                try:
                    arrived.emit(generation, hits, problem)   # queued to the GUI thread
                except RuntimeError:
                    pass      # the panel is gone: nobody to show them to

            self._worker = worker = SearchWorker(self.make_source(self._repo.db), deliver)
            # A panel deleted without being closed leaves no thread behind.
            self.destroyed.connect(lambda *_: worker.stop())
        return self._worker

    @staticmethod
    def make_source(db: Database) -> Source:
        """Where the worker searches (``store.search_worker.source_for``)."""
        from pkdesk.store.search_worker import source_for

        return source_for(db)

    def _show_arrived(self, generation: int, hits: list[SearchHit] | None,
                      problem: BaseException | None) -> None:
        if generation != self._pending or self._asked is None:
            return         # an older query's, or the field was cleared meanwhile: dropped
        self._pending = None
        text, scope = self._asked
        if problem is not None:
            hits = self._search_here(text, scope, problem)
            if hits is None:
                return
        assert hits is not None
        self._show(text, hits)
        then, self._then = self._then, None
        if then == "open":
            self._open_current()
        elif then == "focus" and self.model.rowCount():
            from PySide6.QtCore import Qt

            self.view.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _search_here(self, text: str, scope: str | int,
                     problem: BaseException) -> list[SearchHit] | None:
        """The query the worker could not answer, done the full way on this thread, as
        every read of the Reference page is: its checks name what is wrong, said in a
        dialog (None then). Anything else the worker met is a bug: raised here."""
        import sqlite3

        from pkdesk.core.errors import PkdeskError

        try:
            if isinstance(problem, PkdeskError):
                raise problem       # a team database's problem, already said plainly
            if not isinstance(problem, (sqlite3.Error, ValueError, TypeError)):
                raise problem
            assert self._repo is not None
            return self._repo.search(text, RESULT_LIMIT, scope=scope)
        except PkdeskError as exc:
            from pkdesk.ui.common.messages import tell

            self._then = None
            self._query = text
            self.model.set_hits([])
            self.status.setText(str(exc))
            tell(self.window(), tr("ui.search.failed"), str(exc))
            return None

    def _show(self, text: str, hits: list[SearchHit]) -> None:
        self._query = text
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
        self._asked = None          # searched again, even for the same scope
        self.run_now()

    def clear(self) -> None:
        self.field.clear()
        self.run_now()

    def _forget_then(self) -> None:
        self._then = None      # Enter or Down was for the text before this keystroke

    def _open_current(self) -> None:
        """Enter: open the selected hit (the first by default) of what the field holds,
        once its hits are shown."""
        self.run_now()
        if self._pending is not None:
            self._then = "open"
            return
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
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up, Qt.Key.Key_PageDown):
                self.run_now()
                if self.model.rowCount():
                    self.view.setFocus(Qt.FocusReason.ShortcutFocusReason)
                    return True
                if self._pending is not None:
                    self._then = "focus"    # the list, once the hits are shown
                    return True
        return super().eventFilter(watched, event)
