"""The user's personal note on the shown node, saved to the database as they type.

Saved half a second after the last keystroke, and at once when the node changes or the
window closes, so a power cut loses at most that half second, and nothing asks to "recover".

A save the database refuses (busy in another program, its file removed, a full disk) loses
nothing, as the Planner's autosaver: the text stays in the editor, and a note left for
another topic is kept in memory and shown again on coming back; every note not yet stored
is retried every `RETRY_MS`, and the user is told once (``failed``), until a save works.
Closing the window with a note still refused is stopped once, with a message
(``may_close``); closing again leaves without it.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from pkdesk.core.errors import PkdeskError
from pkdesk.ui.common.i18n import tr
from pkdesk.ui.common.keys import show_focus_frame
from pkdesk.ui.common.qt_values import set_enum

if TYPE_CHECKING:
    from pkdesk.store.window_repo import ReferenceStore

_log = logging.getLogger(__name__)

SAVE_DELAY_MS = 500
RETRY_MS = 3000     # after a refused save: each try may wait the busy timeout (5 s) itself


class NoteEditor(QWidget):
    saved = Signal(str, bool)
    """(node id, whether the node now has a note) after each write to the database."""
    failed = Signal(str, str)
    """(node id, why in one line): the database refused a save; the note is kept and
    retried. Emitted once, not at every retry, until a save works again."""

    def __init__(self, repo: ReferenceStore | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._repo = repo
        self._node_id: str | None = None
        self._dirty = False
        self._unsaved: dict[str, str] = {}   # notes of other topics the database refused
        self._failing = False                # the user was told a save failed
        self._close_stopped = False          # closing was stopped once for an unsaved note
        self._problem: str | None = None     # why the last save was refused

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
        """Save the note being edited, then load the one for `node_id` (its text not yet
        stored, if the database refused it)."""
        if node_id == self._node_id:
            return
        self.flush()
        if self._repo is None:
            return
        if self._dirty and self._node_id is not None:
            self._unsaved[self._node_id] = self.edit.toPlainText()   # refused: kept
        self._node_id = node_id
        kept = self._unsaved.pop(node_id, None) if node_id else None
        self.edit.blockSignals(True)
        if kept is not None:
            self.edit.setPlainText(kept)
        else:
            self.edit.setPlainText(self._repo.note(node_id) if node_id else "")
        self.edit.blockSignals(False)
        self._dirty = kept is not None
        self.setEnabled(node_id is not None)

    def has_unsaved(self) -> bool:
        """Whether any typed text is not yet in the database."""
        return self._dirty or bool(self._unsaved)

    def flush(self) -> bool:
        """Write every pending note now; True when nothing is left unsaved."""
        self._timer.stop()
        self._timer.setInterval(SAVE_DELAY_MS)
        if self._repo is None:
            return not self.has_unsaved()
        pending = dict(self._unsaved)
        if self._dirty and self._node_id is not None:
            pending[self._node_id] = self.edit.toPlainText()
        for node_id, body in pending.items():
            try:
                self._repo.set_note(node_id, body)
            except Exception as exc:    # noqa: BLE001 - whatever it is, the note is kept
                if not isinstance(exc, PkdeskError):   # not the environment: for a bug report
                    _log.error("saving the note on %r failed", node_id, exc_info=exc)
                self._refused(node_id, _one_line(exc))
                return False
            if node_id == self._node_id:
                self._dirty = self.edit.toPlainText() != body
            else:
                self._unsaved.pop(node_id, None)
            self.saved.emit(node_id, bool(body.strip()))
        self._failing = self._close_stopped = False
        return not self.has_unsaved()

    def may_close(self) -> bool:
        """Save what is pending. False, once, when a note is still refused: the window says
        so (``refused_note``) and stays open for the user to copy it; closing again leaves
        without it. Not told twice: a first refusal here emits no ``failed``."""
        self._failing = True        # a refusal now is said by the window's closing message
        if self.flush():
            return True
        if self._close_stopped:
            self._timer.stop()      # leaving without it: no retry after the window closed
            return True
        self._close_stopped = True
        return False

    def refused_note(self) -> tuple[str, str] | None:
        """(node id, why) of a note the database last refused, or None."""
        if not self.has_unsaved() or self._problem is None:
            return None
        return (self._node_id if self._dirty and self._node_id is not None
                else next(iter(self._unsaved))), self._problem

    def _refused(self, node_id: str, problem: str) -> None:
        self._problem = problem
        if not self._failing:
            self._failing = True
            self.failed.emit(node_id, problem)
        self._timer.setInterval(RETRY_MS)
        self._timer.start()

    def _on_changed(self) -> None:
        self._dirty = True
        self._timer.start()     # while refused, at the retry interval


def _one_line(exc: BaseException) -> str:
    """A StoreError is one sentence already; SQLAlchemy's text adds the SQL: its first line."""
    orig = getattr(exc, "orig", None) or exc
    lines = str(orig).splitlines()
    return " ".join(lines[0].split()).rstrip(".") if lines and lines[0].strip() \
        else type(orig).__name__
