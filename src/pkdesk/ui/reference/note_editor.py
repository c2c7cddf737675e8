"""The user's personal note on the shown node, saved to the database as they type.

Saved half a second after the last keystroke, and at once when the node changes or the
window closes, so a power cut loses at most that half second, and nothing asks to "recover".
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QVBoxLayout, QWidget
from pkdesk.ui.common.i18n import tr
from pkdesk.ui.common.keys import show_focus_frame
from pkdesk.ui.common.qt_values import set_enum

if TYPE_CHECKING:
    from pkdesk.store.window_repo import ReferenceStore

SAVE_DELAY_MS = 500


class NoteEditor(QWidget):
    saved = Signal(str, bool)
    """(node id, whether the node now has a note) after each write to the database."""

    def __init__(self, repo: ReferenceStore | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._repo = repo
        self._node_id: str | None = None
        self._dirty = False

        self.label = QLabel(tr("ui.note.label"))
        set_enum(self.label, "textFormat", "PlainText")
        self.edit = QPlainTextEdit()
        self.edit.setObjectName("noteEditor")
        self.edit.setAccessibleName(tr("ui.note.name"))
        self.edit.setPlaceholderText(tr("ui.note.placeholder"))
        self.edit.setTabChangesFocus(True)
        self.label.setBuddy(self.edit)
        show_focus_frame(self.edit)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.edit)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SAVE_DELAY_MS)
        self._timer.timeout.connect(self.flush)
        self.edit.textChanged.connect(self._on_changed)
        self.setEnabled(False)

    @property
    def node_id(self) -> str | None:
        return self._node_id

    def attach(self, repo: ReferenceStore) -> None:
        self._repo = repo

    def set_node(self, node_id: str | None) -> None:
        """Save the note being edited, then load the one for `node_id`."""
        if node_id == self._node_id:
            return
        self.flush()
        if self._repo is None:
            return
        self._node_id = node_id
        self.edit.blockSignals(True)
        self.edit.setPlainText(self._repo.note(node_id) if node_id else "")
        self.edit.blockSignals(False)
        self.setEnabled(node_id is not None)

    def flush(self) -> None:
        """Write a pending change now."""
        self._timer.stop()
        if not self._dirty or self._node_id is None or self._repo is None:
            return
        body = self.edit.toPlainText()
        self._repo.set_note(self._node_id, body)
        self._dirty = False
        self.saved.emit(self._node_id, bool(body.strip()))

    def _on_changed(self) -> None:
        self._dirty = True
        self._timer.start()
