"""The plan list's actions: new, duplicate, delete (confirmed), import, export, drops.

Each change to the set of plans goes through `PlannerSession.run`: done at once (so a failure
is told before anything is on the undo stack), then pushed as an undo step.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QIcon, QKeySequence, QUndoCommand
from PySide6.QtWidgets import QFileDialog, QMessageBox, QStyle, QWidget

from pkdesk.core.errors import PkdeskError
from pkdesk.core.filenames import safe_file_stem
from pkdesk.core.plan.model import Plan, new_uid
from pkdesk.core.plan.edits import duplicate, starter_plan, unique_name
from pkdesk.core.plan.file import FILE_SUFFIX, read_plan_file, write_plan_file
from pkdesk.store.output_guard import check_output_path
from pkdesk.ui.common.i18n import tr, trn

if TYPE_CHECKING:
    from pkdesk.store.plan_repo import PlanRepository
    from pkdesk.ui.planner.session import PlannerSession

def file_filter() -> str:
    return tr("ui.plans.filter", suffix=FILE_SUFFIX)


class PlanListActions(QObject):
    created = Signal()
    """A new plan is shown: its title is ready to type over."""

    def __init__(self, session: PlannerSession, parent: QWidget) -> None:
        super().__init__(parent)
        self.session = session
        self.parent_widget = parent
        style = parent.style()
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

    def _action(self, name: str, shortcut: QKeySequence.StandardKey | str,
                icon: QIcon) -> QAction:
        """The action ``ui.plans.<name>``, with its ``_tip`` and toolbar ``_icon`` text."""
        tip = tr(f"ui.plans.{name}_tip", suffix=FILE_SUFFIX)
        action = QAction(icon, tr(f"ui.plans.{name}"), self.parent_widget)
        action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        action.setToolTip(f"{tip} ({keys})")
        action.setStatusTip(tip)
        action.setIconText(tr(f"ui.plans.{name}_icon"))
        return action

    def update_enabled(self) -> None:
        attached = self.session.repo is not None
        shown = self.session.plan is not None
        self.new.setEnabled(attached)
        self.import_.setEnabled(attached)
        for action in (self.duplicate, self.delete, self.export):
            action.setEnabled(shown)

    # Actions ---------------------------------------------------------------------------------

    def _added(self, text: str) -> Callable[[int], QUndoCommand | None]:
        return lambda plan_id: self.session.presence(plan_id, True, text)

    def _show_added(self, plan_id: int) -> int:
        self.session.plan_added.emit(plan_id)
        return plan_id

    def new_plan(self) -> None:
        def create(repo: PlanRepository) -> int:
            title = unique_name(tr("ui.plans.new_title"), [p.title for p in repo.list()])
            made.append(title)
            return repo.create(starter_plan(title), summary="created")

        made: list[str] = []
        plan_id = self.session.run(tr("ui.plans.cannot_create"), create,
                                   undo=lambda i: self.session.presence(
                                       i, True, tr("ui.undo.new_plan", title=made[0])),
                                   show=self._show_added)
        if plan_id is not None:
            self.created.emit()

    def duplicate_plan(self) -> None:
        plan = self.session.plan
        if plan is None:
            return
        self.session.run(tr("ui.plans.cannot_duplicate"),
                         lambda repo: repo.create(duplicate(plan, new_uid()),
                                                  summary=f"duplicated from “{plan.title}”"),
                         undo=self._added(tr("ui.undo.duplicate_plan", title=plan.title)),
                         show=self._show_added)

    def confirm_delete(self) -> QMessageBox | None:
        session = self.session
        if session.plan is None or session.plan_id is None:
            return None
        plan_id, title = session.plan_id, session.plan.title
        box = QMessageBox(QMessageBox.Icon.Question, tr("ui.plans.delete_title"),
                          tr("ui.plans.delete_confirm", title=title),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                          self.parent_widget)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.button(QMessageBox.StandardButton.Yes).setText(tr("ui.plans.delete_ok"))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.accepted.connect(lambda: self.delete_plan(plan_id, title))
        box.open()
        return box

    def delete_plan(self, plan_id: int, title: str) -> None:
        session = self.session

        def gone(_: None) -> None:
            if plan_id == session.plan_id:
                session.plan_id = session.plan = None
            return None

        session.run(tr("ui.plans.cannot_delete"), lambda repo: repo.delete(plan_id),
                    undo=lambda _: session.presence(plan_id, False,
                                                    tr("ui.undo.delete_plan", title=title)),
                    show=gone, done=lambda _: tr("ui.plans.deleted", title=title))

    def choose_imports(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(self.parent_widget, tr("ui.plans.import_title"),
                                                "", file_filter())
        self.import_files(Path(n) for n in names)

    def import_files(self, paths: Iterable[Path], reopen: bool = False) -> list[int]:
        """Import each file; problems are told together in one plain-text message.

        ``reopen`` (a file opened from the desktop): a file whose plan is already here,
        unchanged, shows that plan instead of importing a copy of it."""
        session = self.session
        repo = session.repo
        if repo is None:
            return []
        session.flush()
        added: list[int] = []
        shown: int | None = None
        problems: list[str] = []
        for path in paths:
            try:
                plan = read_plan_file(path)
                if reopen and (same := self._stored_copy(repo, plan)) is not None:
                    shown = same
                    continue
                result = repo.import_plan(plan)
            except PkdeskError as exc:     # each file's problem, told with the others below
                problems.append(str(exc))
                continue
            added.append(result.id)
            shown = None
            command = session.presence(result.id, True,
                                       tr("ui.undo.import_plan", title=result.plan.title))
            if command is not None:
                session.undo_stack.push(command)
            session.plans_changed.emit(self._show_added(result.id))
        if shown is not None:
            session.select_requested.emit(shown)
            session.plan_added.emit(shown)      # brings the Planner forward
        if added:
            session.message.emit(trn("ui.plans.imported", len(added)))
        if problems:
            session.tell(tr("ui.plans.not_imported"), tr("ui.plans.not_imported_text"),
                         "\n".join(f"• {p}" for p in problems))
        return added

    def open_files(self, paths: Iterable[Path]) -> list[int]:
        """Plan files opened from the desktop: imported, or shown if already here as they are."""
        return self.import_files(paths, reopen=True)

    @staticmethod
    def _stored_copy(repo: PlanRepository, plan: Plan) -> int | None:
        """The id of the stored plan with this plan's uid, if it is the same plan."""
        try:
            plan_id, stored = repo.get_by_uid(plan.uid)
        except PkdeskError:
            return None
        return plan_id if stored == plan else None

    def choose_export(self) -> None:
        plan = self.session.plan
        if plan is None:
            return
        name, _ = QFileDialog.getSaveFileName(self.parent_widget, tr("ui.plans.export_title"),
                                              safe_file_stem(plan.title, "plan") + FILE_SUFFIX,
                                              file_filter())
        if name:
            self.export_to(Path(name))

    def export_to(self, path: Path) -> bool:
        plan = self.session.plan
        if plan is None:
            return False

        def write(_repo: PlanRepository) -> bool:
            # never the database, its side files, a backup, a FIFO or a folder
            write_plan_file(plan, check_output_path(path, what="plan file"))
            return True

        return bool(self.session.run(tr("ui.plans.cannot_export"), write,
                                     done=lambda _: tr("ui.plans.exported", title=plan.title,
                                                       path=path)))
