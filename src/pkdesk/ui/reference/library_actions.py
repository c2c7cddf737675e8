"""The user's documents in the Reference page (issue 15): File › Add Document to Library…,
documents dropped on the page, the preview of the structure found before anything is added,
remove and replace from the contents' context menu, the notes and bookmarks left without a
place, and the search scope chooser beside the search results.

Every text shown comes from the user's file and is shown as plain text (QPlainTextEdit,
QLineEdit, message boxes set to PlainText), never as markup. Reading a document happens
before anything is written; a refused one is a dialog with the one-line reason.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QDropEvent
from PySide6.QtWidgets import (
    QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QLabel, QLineEdit,
    QListWidget, QListWidgetItem, QMenu, QMessageBox, QPlainTextEdit, QVBoxLayout, QWidget,
)

from pkdesk.core.errors import PkdeskError
from pkdesk.ui.common.i18n import tr
from pkdesk.ui.common.messages import tell

if TYPE_CHECKING:
    from pkdesk.core.docimport.model import ImportedDocument
    from pkdesk.store.library_repo import LibraryRepository
    from pkdesk.ui.reference.reference_page import ReferencePage

_LIBRARY_ROOT = re.compile(r"lib(\d+)")


def importable(path: Path) -> bool:
    from pkdesk.core.docimport import KINDS

    return path.suffix.lower() in KINDS


def plain_message(parent: QWidget | None, title: str, text: str,
                  icon: QMessageBox.Icon = QMessageBox.Icon.Warning) -> QMessageBox:
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    return box


class PreviewDialog(QDialog):
    """The tree pkdesk found, as indented plain text, with the title, edition and language
    the library will carry."""

    def __init__(self, doc: ImportedDocument, heading: str, parent: QWidget | None = None,
                 edition: str = "") -> None:
        super().__init__(parent)
        self.doc = doc
        self.setWindowTitle(heading)
        lead = QLabel(tr("ui.lib.lead", n=len(doc.nodes) - 1))
        lead.setTextFormat(Qt.TextFormat.PlainText)
        lead.setWordWrap(True)
        self.title = QLineEdit(doc.title)
        self.edition = QLineEdit(edition)
        self.language = QComboBox()
        self.language.addItems(["en", "fr"])
        self.language.setCurrentText(doc.language)
        form = QFormLayout()
        form.addRow(tr("ui.lib.title"), self.title)
        form.addRow(tr("ui.lib.edition"), self.edition)
        form.addRow(tr("ui.lib.language"), self.language)
        self.tree = QPlainTextEdit()
        self.tree.setObjectName("libraryPreview")
        self.tree.setAccessibleName(tr("ui.lib.tree_name"))
        self.tree.setReadOnly(True)
        self.tree.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.tree.setPlainText("\n".join(doc.outline()))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.title.textChanged.connect(
            lambda text: buttons.button(QDialogButtonBox.StandardButton.Ok)
            .setEnabled(bool(text.strip())))
        layout = QVBoxLayout(self)
        layout.addWidget(lead)
        layout.addLayout(form)
        layout.addWidget(self.tree, 1)
        layout.addWidget(buttons)
        self.resize(640, 520)

    def chosen(self) -> tuple[ImportedDocument, str]:
        """The document as the user named it, and its edition."""
        title = " ".join(self.title.text().split())
        if title:
            self.doc.title = title
            self.doc.nodes[0].title = title
        self.doc.language = self.language.currentText()
        return self.doc, " ".join(self.edition.text().split())


class OrphansDialog(QDialog):
    """Notes and bookmarks without a place; one can be attached to the topic shown."""

    attached = Signal()

    def __init__(self, actions: LibraryActions, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.owner = actions
        self.setWindowTitle(tr("ui.lib.orphans_title"))
        lead = QLabel(tr("ui.lib.orphans_lead"))
        lead.setWordWrap(True)
        lead.setTextFormat(Qt.TextFormat.PlainText)
        self.list = QListWidget()
        self.list.setObjectName("orphanList")
        attach = QDialogButtonBox()
        self.attach_button = attach.addButton(tr("ui.lib.attach"),
                                              QDialogButtonBox.ButtonRole.ActionRole)
        attach.addButton(QDialogButtonBox.StandardButton.Close)
        attach.rejected.connect(self.reject)
        self.attach_button.clicked.connect(self.attach_current)
        layout = QVBoxLayout(self)
        layout.addWidget(lead)
        layout.addWidget(self.list, 1)
        layout.addWidget(attach)
        self.fill()

    def fill(self) -> None:
        self.list.clear()
        for o in self.owner.repository().orphans():
            text = f"{o.what}: {o.title or o.node_id}"
            if o.note:
                text += f"\n  {o.note[:200]}"
            item = QListWidgetItem(text)   # items show plain text
            item.setData(Qt.ItemDataRole.UserRole, o.node_id)
            self.list.addItem(item)
        if not self.list.count():
            self.list.addItem(QListWidgetItem(tr("ui.lib.orphans_none")))
        self.attach_button.setEnabled(self.list.count() > 0 and bool(
            self.list.item(0).data(Qt.ItemDataRole.UserRole)))

    def attach_current(self) -> None:
        item = self.list.currentItem() or self.list.item(0)
        target = self.owner.page.current_node
        old = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        if not old or target is None:
            return
        try:
            self.owner.repository().attach(old, target)
        except PkdeskError as exc:
            tell(self, tr("ui.lib.error_title"), str(exc))
            return
        self.owner.page.side.refresh_marks()
        self.attached.emit()
        self.fill()


class LibraryActions(QObject):
    """Owns the library actions of a Reference page. ``ask_preview`` is the preview step:
    the dialog's exec by default, replaced by tests that drive the dialog themselves."""

    changed = Signal()
    message = Signal(str)

    def __init__(self, page: ReferencePage, window: QWidget) -> None:
        super().__init__(page)
        self.page = page
        self.window = window
        self.add_action = QAction(tr("ui.lib.add"), window)
        self.add_action.setToolTip(tr("ui.lib.add_tip"))
        self.add_action.triggered.connect(self.choose_and_add)
        self.orphans_action = QAction(tr("ui.lib.orphans"), window)
        self.orphans_action.triggered.connect(self.show_orphans)
        self.all = [self.add_action, self.orphans_action]

        self.scope = QComboBox()
        self.scope.setObjectName("searchScope")
        self.scope.setAccessibleName(tr("ui.lib.scope_name"))
        self.scope.activated.connect(self._scope_chosen)
        layout = page.search.layout()
        if isinstance(layout, QVBoxLayout):
            layout.insertWidget(0, self.scope)

        tree = page.side.tree
        tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        tree.customContextMenuRequested.connect(self._context_menu)
        page.setAcceptDrops(True)
        page.installEventFilter(self)
        self.refresh_scopes()

    # The database --------------------------------------------------------------------------

    def repository(self) -> LibraryRepository:
        from pkdesk.store.library_repo import LibraryRepository

        if self.page.repo is None:
            raise PkdeskError("the database is not open yet")
        return LibraryRepository(self.page.repo.db)

    # Adding --------------------------------------------------------------------------------

    def choose_and_add(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(self.window, tr("ui.lib.choose"), "",
                                                    tr("ui.lib.filter"))
        if name:
            self.add_file(Path(name))

    def ask_preview(self, dialog: PreviewDialog) -> bool:
        return dialog.exec() == QDialog.DialogCode.Accepted

    def add_file(self, path: Path) -> int | None:
        """Read, preview, add; the new library's id, or None (refused or cancelled)."""
        from pkdesk.core.docimport import read_document   # on first use: ~30 ms, xml

        try:
            doc = read_document(path)
            repo = self.repository()
            dialog = PreviewDialog(doc, tr("ui.lib.preview_title", file=path.name), self.window)
            if not self.ask_preview(dialog):
                return None
            chosen, edition = dialog.chosen()
            info = repo.add(chosen, edition)
        except PkdeskError as exc:
            tell(self.window, tr("ui.lib.error_title"), str(exc))
            return None
        self._after_change(tr("ui.lib.added", id=info.id, title=info.cited_as()))
        return info.id

    def replace(self, library_id: int, path: Path) -> bool:
        from pkdesk.core.docimport import read_document   # on first use: ~30 ms, xml

        try:
            doc = read_document(path)
            repo = self.repository()
            old = repo.library(library_id)
            doc.title = old.title
            doc.nodes[0].title = old.title
            dialog = PreviewDialog(doc, tr("ui.lib.replace_title", id=library_id,
                                           file=path.name), self.window, old.edition)
            if not self.ask_preview(dialog):
                return False
            chosen, edition = dialog.chosen()
            result = repo.replace(library_id, chosen, edition, chosen.title)
        except PkdeskError as exc:
            tell(self.window, tr("ui.lib.error_title"), str(exc))
            return False
        self._after_change(tr("ui.lib.replaced", id=library_id, moved=len(result.moved),
                              unplaced=len(result.unplaced)))
        return True

    def remove(self, library_id: int, confirm: bool = True) -> bool:
        try:
            repo = self.repository()
            info = repo.library(library_id)
            if confirm:
                box = plain_message(self.window, tr("ui.lib.remove_title"),
                                    tr("ui.lib.remove_question", title=info.cited_as()),
                                    QMessageBox.Icon.Question)
                box.setStandardButtons(QMessageBox.StandardButton.Yes
                                       | QMessageBox.StandardButton.Cancel)
                if box.exec() != QMessageBox.StandardButton.Yes:
                    return False
            repo.remove(library_id)
        except PkdeskError as exc:
            tell(self.window, tr("ui.lib.error_title"), str(exc))
            return False
        self._after_change(tr("ui.lib.removed", id=library_id, title=info.cited_as()))
        return True

    def show_orphans(self) -> None:
        try:
            OrphansDialog(self, self.window).exec()
        except PkdeskError as exc:
            tell(self.window, tr("ui.lib.error_title"), str(exc))

    def _after_change(self, text: str) -> None:
        self.page.reload_tree()
        self.page.side.refresh_marks()
        self.refresh_scopes()
        self.changed.emit()
        self.message.emit(text)

    # Search scope --------------------------------------------------------------------------

    def refresh_scopes(self) -> None:
        current = self.scope.currentData()
        self.scope.clear()
        self.scope.addItem(tr("ui.lib.scope_all"), "all")
        self.scope.addItem(tr("ui.lib.scope_handbook"), "handbook")
        self.scope.addItem(tr("ui.lib.scope_notes"), "notes")
        if self.page.repo is not None:      # read without SQLAlchemy (store.window_repo)
            for library_id, name in self.page.repo.library_scopes():
                self.scope.addItem(name, library_id)
        index = self.scope.findData(current) if current is not None else 0
        self.scope.setCurrentIndex(max(index, 0))
        if self.page.search.scope != self.scope.currentData():
            self.page.search.set_scope(self.scope.currentData())

    def _scope_chosen(self, index: int) -> None:
        self.page.search.set_scope(self.scope.itemData(index))

    # Context menu and drops ----------------------------------------------------------------

    def library_at(self, node_id: str | None) -> int | None:
        m = _LIBRARY_ROOT.fullmatch(node_id or "")
        return int(m.group(1)) if m else None

    def _context_menu(self, pos: QPoint) -> None:
        tree = self.page.side.tree
        index = tree.indexAt(pos)
        node_id = self.page.tree_model.node_id(index) if index.isValid() else None
        library_id = self.library_at(node_id)
        if library_id is None:
            return
        menu = QMenu(tree)
        menu.addAction(tr("ui.lib.replace"), lambda: self._choose_replace(library_id))
        menu.addAction(tr("ui.lib.remove"), lambda: self.remove(library_id))
        menu.exec(tree.viewport().mapToGlobal(pos))

    def _choose_replace(self, library_id: int) -> None:
        name, _filter = QFileDialog.getOpenFileName(self.window, tr("ui.lib.choose"), "",
                                                    tr("ui.lib.filter"))
        if name:
            self.replace(library_id, Path(name))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.page and event.type() in (QEvent.Type.DragEnter,
                                                     QEvent.Type.DragMove, QEvent.Type.Drop):
            assert isinstance(event, QDropEvent)
            paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
            documents = [p for p in paths if importable(p)]
            if not documents:
                return False
            event.acceptProposedAction()
            if event.type() == QEvent.Type.Drop:
                for path in documents:
                    self.add_file(path)
            return True
        return super().eventFilter(watched, event)
