"""The plan list's actions: new, duplicate, delete (confirmed), import, export, drops.

Each change to the set of plans is done at once (so a failure is told before anything is
on the undo stack) and then made undoable by the page (`plan_added` / `plan_deleted`).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QIcon, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMessageBox, QStyle, QWidget

from pkdesk.core.errors import PkdeskError
from pkdesk.core.plan import new_uid
from pkdesk.core.plan_edits import duplicate, starter_plan, unique_name
from pkdesk.core.planfile import FILE_SUFFIX, read_plan_file, write_plan_file
from pkdesk.ui.plan_drop import PlanDropFilter, tell

if TYPE_CHECKING:
    from pkdesk.ui.planner_page import PlannerPage

FILE_FILTER = f"pkdesk plans (*{FILE_SUFFIX});;JSON files (*.json);;All files (*)"


class PlanListActions:
    def __init__(self, page: PlannerPage) -> None:
        self.page = page
        style = page.style()
        self.new = self._action("&New Plan", QKeySequence.StandardKey.New,
                                "Start a new plan", QIcon.fromTheme("document-new"))
        self.duplicate = self._action("&Duplicate Plan", "Ctrl+Shift+D",
                                      "Copy the plan shown into a new plan",
                                      QIcon.fromTheme("edit-copy"))
        self.delete = self._action("De&lete Plan…", "Ctrl+Shift+Delete",
                                   "Delete the plan shown (Undo brings it back)",
                                   QIcon.fromTheme("edit-delete", style.standardIcon(
                                       QStyle.StandardPixmap.SP_TrashIcon)))
        self.import_ = self._action("&Import Plan…", QKeySequence.StandardKey.Open,
                                    f"Add plans from {FILE_SUFFIX} files",
                                    QIcon.fromTheme("document-open"))
        # Ctrl+E is File › Export PDF…; this writes the plan's own file format.
        self.export = self._action("E&xport Plan…", "Ctrl+Shift+E",
                                   f"Write the plan shown to a {FILE_SUFFIX} file",
                                   QIcon.fromTheme("document-save-as"))
        self.all = [self.new, self.duplicate, self.delete, self.import_, self.export]
        self.new.triggered.connect(self.new_plan)
        self.duplicate.triggered.connect(self.duplicate_plan)
        self.delete.triggered.connect(self.confirm_delete)
        self.import_.triggered.connect(self.choose_imports)
        self.export.triggered.connect(self.choose_export)
        # Delete on the focused plan list deletes too (after the same confirmation).
        list_delete = QAction(page.list_view)
        list_delete.setShortcut(QKeySequence.StandardKey.Delete)
        list_delete.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        list_delete.triggered.connect(self.confirm_delete)
        page.list_view.addAction(list_delete)

    def _action(self, text: str, shortcut: QKeySequence.StandardKey | str, tip: str,
                icon: QIcon) -> QAction:
        action = QAction(icon, text, self.page)
        action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        action.setToolTip(f"{tip} ({keys})")
        action.setStatusTip(tip)
        action.setIconText(text.replace("&", "").replace("…", "").replace(" Plan", ""))
        return action

    def update_enabled(self) -> None:
        attached = self.page.repo is not None
        shown = self.page.plan is not None
        self.new.setEnabled(attached)
        self.import_.setEnabled(attached)
        for action in (self.duplicate, self.delete, self.export):
            action.setEnabled(shown)

    def accept_drops_on(self, window: QWidget) -> None:
        window.setAcceptDrops(True)
        window.installEventFilter(PlanDropFilter(self.import_files, window))

    # Actions ---------------------------------------------------------------------------------

    def new_plan(self) -> None:
        page = self.page
        if page.repo is None:
            return
        page.flush()
        title = unique_name("New plan", [p.title for p in page.list_model.plans()])
        try:
            plan_id = page.repo.create(starter_plan(title), summary="created")
        except PkdeskError as exc:
            tell(page, "Cannot create a plan", str(exc))
            return
        page.plan_added(plan_id, f"New plan “{title}”")
        page.form.title.setFocus(Qt.FocusReason.ShortcutFocusReason)
        page.form.title.selectAll()

    def duplicate_plan(self) -> None:
        page = self.page
        if page.repo is None or page.plan is None:
            return
        page.flush()
        copy = duplicate(page.plan, new_uid())
        try:
            plan_id = page.repo.create(copy, summary=f"duplicated from “{page.plan.title}”")
        except PkdeskError as exc:
            tell(page, "Cannot duplicate the plan", str(exc))
            return
        page.plan_added(plan_id, f"Duplicate plan “{page.plan.title}”")

    def confirm_delete(self) -> QMessageBox | None:
        page = self.page
        if page.plan is None or page.plan_id is None:
            return None
        plan_id, title = page.plan_id, page.plan.title
        box = QMessageBox(QMessageBox.Icon.Question, "Delete plan",
                          f"Delete the plan “{title}”?\n\nEdit › Undo brings it back.",
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                          page)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.button(QMessageBox.StandardButton.Yes).setText("Delete")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.accepted.connect(lambda: self.delete_plan(plan_id, title))
        box.open()
        return box

    def delete_plan(self, plan_id: int, title: str) -> None:
        page = self.page
        if page.repo is None:
            return
        page.flush()
        try:
            page.repo.delete(plan_id)
        except PkdeskError as exc:
            tell(page, "Cannot delete the plan", str(exc))
            return
        page.plan_deleted(plan_id, f"Delete plan “{title}”")
        page.message.emit(f"Deleted “{title}”. Undo (Ctrl+Z) brings it back.")

    def choose_imports(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(self.page, "Import plans", "", FILE_FILTER)
        self.import_files(Path(n) for n in names)

    def import_files(self, paths: Iterable[Path]) -> list[int]:
        """Import each file; problems are told together in one plain-text message."""
        page = self.page
        if page.repo is None:
            return []
        page.flush()
        added: list[int] = []
        problems: list[str] = []
        for path in paths:
            try:
                result = page.repo.import_plan(read_plan_file(path))
            except PkdeskError as exc:
                problems.append(str(exc))
                continue
            added.append(result.id)
            page.plan_added(result.id, f"Import plan “{result.plan.title}”")
        if added:
            page.message.emit(f"Imported {len(added)} plan{'s' if len(added) > 1 else ''}.")
        if problems:
            tell(page, "Not imported", "These files could not be imported:",
                 "\n".join(f"• {p}" for p in problems))
        return added

    def choose_export(self) -> None:
        page = self.page
        if page.plan is None:
            return
        safe = "".join(c if c.isalnum() or c in " -_" else "_" for c in page.plan.title)
        name, _ = QFileDialog.getSaveFileName(page, "Export plan",
                                              (safe.strip() or "plan") + FILE_SUFFIX,
                                              FILE_FILTER)
        if name:
            self.export_to(Path(name))

    def export_to(self, path: Path) -> bool:
        page = self.page
        if page.plan is None:
            return False
        page.flush()
        try:
            write_plan_file(page.plan, path)
        except PkdeskError as exc:
            tell(page, "Cannot export the plan", str(exc))
            return False
        page.message.emit(f"Exported “{page.plan.title}” to {path}.")
        return True
