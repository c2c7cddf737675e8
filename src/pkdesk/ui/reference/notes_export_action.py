"""File › Export Notes…: every note the user wrote, under its topic's title and place in the
handbook, with its date, to one Markdown file (`core.notes_export`), owner-only, atomically,
through the output guard (never the database, its side files, a backup, a FIFO, a folder).
A problem (a missing or read-only folder, a full disk) is told in a plain-text message."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QWidget

from pkdesk.core.errors import PkdeskError
from pkdesk.core.notes_export import note_entries, notes_markdown
from pkdesk.store.output_guard import write_private_file
from pkdesk.ui.common.i18n import tr, trn, ui_language
from pkdesk.ui.common.messages import tell
from pkdesk.ui.reference.reference_page import ReferencePage


class NotesExport:
    def __init__(self, page: ReferencePage, parent: QWidget) -> None:
        self.page, self.parent_widget = page, parent
        self.action = QAction(tr("ui.notes.export"), parent)
        self.action.setToolTip(tr("ui.notes.export_tip"))
        self.action.setStatusTip(tr("ui.notes.export_tip"))
        self.action.triggered.connect(self.choose)

    def choose(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self.parent_widget, tr("ui.notes.export_title"),
                                              tr("ui.notes.default_name"),
                                              tr("ui.notes.filter"))
        if name:
            self.export_to(Path(name))

    def export_to(self, path: Path) -> int | None:
        """Write the notes to ``path``; the number written, or None (the problem told)."""
        repo = self.page.repo
        if repo is None:
            return None
        self.page.flush()                       # the note being typed goes too
        try:
            entries = note_entries(*repo.tree(), repo.notes_dated())
            write_private_file(path, notes_markdown(entries, ui_language()).encode("utf-8"),
                               what="notes file")
        except (PkdeskError, OSError) as exc:
            tell(self.parent_widget, tr("ui.notes.cannot_export"), str(exc))
            return None
        self.page.message.emit(trn("ui.notes.exported", len(entries), path=path))
        return len(entries)
