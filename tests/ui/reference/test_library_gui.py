"""Documents in the window: File › Add Document to Library…, a drop on the Reference page,
the preview (plain text), the library as a top-level contents entry, the search scope,
remove and replace with notes kept, a refused document as a plain-text dialog."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from pkdesk.store.db import Database
from pkdesk.ui.reference.library_actions import LibraryActions, PreviewDialog
from tests.library.makedocs import html_doc, text_doc
from tests.ui.reference_helpers import open_window, search_for, settled


class _Previews:
    """Stands in for the user at the preview: records what it showed, sets the fields."""

    def __init__(self, edition: str = "", title: str | None = None) -> None:
        self.shown: list[str] = []
        self.edition, self.title = edition, title

    def __call__(self, dialog: PreviewDialog) -> bool:
        self.shown.append(dialog.tree.toPlainText())
        dialog.edition.setText(self.edition)
        if self.title is not None:
            dialog.title.setText(self.title)
        return True


def test_add_preview_scope_remove(qtbot: QtBot, db: Database, tmp_path: Path) -> None:
    window = open_window(qtbot, db, tmp_path)
    lib: LibraryActions = window.library
    assert lib.add_action in window.menus.file_menu.actions()
    previews = _Previews("2026", "<b>S/RES/2999</b>")
    lib.ask_preview = previews       # type: ignore[method-assign]
    doc = tmp_path / "mandate.html"
    doc.write_bytes(html_doc())
    assert lib.add_file(doc) == 2
    assert "    4.1.1 Patrols shall be conducted daily" in previews.shown[0]
    model = window.reference.tree_model
    root = model.index_of("lib2")
    assert root.isValid() and not root.parent().isValid()          # a top-level entry
    assert model.data(root, Qt.ItemDataRole.DisplayRole) == "<b>S/RES/2999</b>"
    window.reference.show_node("lib2:OP 1")
    assert "Source: <b>S/RES/2999</b>, 2026" in window.reference.reading.toPlainText()
    # The scope chooser: everything, the handbook, the notes, then each library.
    scope = lib.scope
    assert [scope.itemData(i) for i in range(scope.count())] == ["all", "handbook", "notes", 2]
    assert scope.itemText(3) == "<b>S/RES/2999</b>, 2026"
    search = window.reference.search
    search_for(qtbot, search, "securite")
    assert search.model.rowCount() == 1
    scope.setCurrentIndex(1)
    scope.activated.emit(1)
    settled(qtbot, search)
    assert search.scope == "handbook" and search.model.rowCount() == 0
    # Remove, without the confirmation (a real click is covered by the CLI's tests).
    window.reference.repo.set_note("lib2:OP 1", "my note")          # type: ignore[union-attr]
    assert lib.remove(2, confirm=False)
    assert not model.index_of("lib2").isValid()
    assert scope.count() == 3
    assert [o.note for o in lib.repository().orphans()] == ["my note"]


def test_drop_on_the_page_adds_and_a_bad_file_is_a_plain_dialog(
        qtbot: QtBot, db: Database, tmp_path: Path) -> None:
    window = open_window(qtbot, db, tmp_path)
    lib: LibraryActions = window.library
    lib.ask_preview = _Previews()    # type: ignore[method-assign]
    good = tmp_path / "sop.md"
    good.write_bytes(text_doc(markdown=True))
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(good))])
    page = window.reference
    enter = QDragEnterEvent(QPoint(5, 5), Qt.DropAction.CopyAction, mime,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(page, enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(5, 5), Qt.DropAction.CopyAction, mime,
                      Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(page, drop)
    assert drop.isAccepted()
    assert page.tree_model.index_of("lib2").isValid()

    bad = tmp_path / "<i>latin&amp;.txt"
    bad.write_bytes("Sécurité".encode("latin-1"))
    assert lib.add_file(bad) is None
    boxes = [b for b in window.findChildren(QMessageBox) if b.isVisible()]
    assert len(boxes) == 1 and boxes[0].textFormat() == Qt.TextFormat.PlainText
    assert boxes[0].text().startswith("<i>latin&amp;.txt: not UTF-8 text")
    assert not page.tree_model.index_of("lib3").isValid()


def test_replace_moves_the_note(qtbot: QtBot, db: Database, tmp_path: Path) -> None:
    window = open_window(qtbot, db, tmp_path)
    lib: LibraryActions = window.library
    lib.ask_preview = _Previews("v1")    # type: ignore[method-assign]
    first = tmp_path / "sop.md"
    first.write_bytes(text_doc(markdown=True))
    assert lib.add_file(first) == 2
    repo = window.reference.repo
    assert repo is not None
    repo.set_note("lib2:OP 2", "renumbered")
    second = tmp_path / "sop-v2.md"
    second.write_text(text_doc(markdown=True).decode().replace("2. Requests", "3. Requests"),
                      encoding="utf-8")
    lib.ask_preview = _Previews("v2")    # type: ignore[method-assign]
    assert lib.replace(2, second)
    assert repo.note("lib2:OP 3") == "renumbered"
    assert lib.repository().library(2).edition == "v2"
    assert window.reference.tree_model.index_of("lib2:OP 3").isValid()
