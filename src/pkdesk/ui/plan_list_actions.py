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
from pkdesk.store.output_guard import check_output_path
from pkdesk.ui.i18n import tr, trn
from pkdesk.ui.plan_drop import PlanDropFilter, tell

if TYPE_CHECKING:
    from pkdesk.ui.planner_page import PlannerPage

def file_filter() -> str:
    return tr("ui.plans.filter", suffix=FILE_SUFFIX)


class PlanListActions:
    def __init__(self, page: PlannerPage) -> None:
        self.page = page
        style = page.style()
        self.new = self._action("new", QKeySequence.StandardKey.New,
                                QIcon.fromTheme("document-new"))
        self.duplicate = self._action("duplicate", "Ctrl+Shift+D", QIcon.fromTheme("edit-copy"))
        self.delete = self._action("delete", "Ctrl+Shift+Delete",
                                   QIcon.fromTheme("edit-delete", style.standardIcon(
                                       QStyle.StandardPixmap.SP_TrashIcon)))
        self.import_ = self._action("import", QKeySequence.StandardKey.Open,
                                    QIcon.fromTheme("document-open"))
        # Ctrl+E is File › Export PDF…; this writes the plan's own file format.
        self.export = self._action("export", "Ctrl+Shift+E",
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

    def _action(self, name: str, shortcut: QKeySequence.StandardKey | str,
                icon: QIcon) -> QAction:
        """The action ``ui.plans.<name>``, with its ``_tip`` and toolbar ``_icon`` text."""
        tip = tr(f"ui.plans.{name}_tip", suffix=FILE_SUFFIX)
        action = QAction(icon, tr(f"ui.plans.{name}"), self.page)
        action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        action.setToolTip(f"{tip} ({keys})")
        action.setStatusTip(tip)
        action.setIconText(tr(f"ui.plans.{name}_icon"))
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
        title = unique_name(tr("ui.plans.new_title"), [p.title for p in page.list_model.plans()])
        try:
            plan_id = page.repo.create(starter_plan(title), summary="created")
        except PkdeskError as exc:
            tell(page, tr("ui.plans.cannot_create"), str(exc))
            return
        page.plan_added(plan_id, tr("ui.undo.new_plan", title=title))
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
            tell(page, tr("ui.plans.cannot_duplicate"), str(exc))
            return
        page.plan_added(plan_id, tr("ui.undo.duplicate_plan", title=page.plan.title))

    def confirm_delete(self) -> QMessageBox | None:
        page = self.page
        if page.plan is None or page.plan_id is None:
            return None
        plan_id, title = page.plan_id, page.plan.title
        box = QMessageBox(QMessageBox.Icon.Question, tr("ui.plans.delete_title"),
                          tr("ui.plans.delete_confirm", title=title),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                          page)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.button(QMessageBox.StandardButton.Yes).setText(tr("ui.plans.delete_ok"))
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
            tell(page, tr("ui.plans.cannot_delete"), str(exc))
            return
        page.plan_deleted(plan_id, tr("ui.undo.delete_plan", title=title))
        page.message.emit(tr("ui.plans.deleted", title=title))

    def choose_imports(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(self.page, tr("ui.plans.import_title"), "",
                                                file_filter())
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
            page.plan_added(result.id, tr("ui.undo.import_plan", title=result.plan.title))
        if added:
            page.message.emit(trn("ui.plans.imported", len(added)))
        if problems:
            tell(page, tr("ui.plans.not_imported"), tr("ui.plans.not_imported_text"),
                 "\n".join(f"• {p}" for p in problems))
        return added

    def choose_export(self) -> None:
        page = self.page
        if page.plan is None:
            return
        safe = "".join(c if c.isalnum() or c in " -_" else "_" for c in page.plan.title)
        name, _ = QFileDialog.getSaveFileName(page, tr("ui.plans.export_title"),
                                              (safe.strip() or "plan") + FILE_SUFFIX,
                                              file_filter())
        if name:
            self.export_to(Path(name))

    def export_to(self, path: Path) -> bool:
        page = self.page
        if page.plan is None:
            return False
        page.flush()
        try:
            write_plan_file(page.plan, check_output_path(path, what="plan file"))
        except PkdeskError as exc:
            tell(page, tr("ui.plans.cannot_export"), str(exc))
            return False
        page.message.emit(tr("ui.plans.exported", title=page.plan.title, path=path))
        return True
