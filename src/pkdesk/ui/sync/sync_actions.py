"""File › Sync: Export Bundle…, Import Bundle…, Resolve Conflicts…; and the status bar's
notice when the plan shown has a sync conflict.

Import and export run through ``PlannerSession.run`` (the pending edit written first, errors
in one plain-text message). An import that changed plans clears Undo, as a restore does: an
older step undone would write its whole plan over what the bundle brought. A resolution is
one undo step, like restoring a revision (undoing it is a new revision; nothing is lost).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (QFileDialog, QInputDialog, QLineEdit, QMenu, QMessageBox,
                               QPushButton, QStatusBar, QWidget)

from pkdesk.core.errors import InputError
from pkdesk.core.sync.merge import Choice
from pkdesk.ui.common.i18n import tr, trn
from pkdesk.ui.common.messages import tell
from pkdesk.ui.planner.session import user_name

if TYPE_CHECKING:
    from pkdesk.store.plan_repo import PlanRepository
    from pkdesk.store.sync_repo import ImportOutcome, SyncRepository
    from pkdesk.ui.planner.planner_page import PlannerPage
    from pkdesk.ui.sync.conflict_dialog import ConflictDialog

FILTER = "pkdesk sync bundles (*.pksync);;All files (*)"


def _sync(repo: PlanRepository) -> SyncRepository:
    from pkdesk.store.sync_repo import SyncRepository

    return SyncRepository(repo.db)


def outcome_text(outcome: ImportOutcome) -> str:
    """``ImportOutcome.summary`` (the CLI's English) in the window's language."""
    if outcome.replayed:
        return tr("ui.sync.outcome.replayed")
    parts = [trn(key, len(titles)) for key, titles in (
        ("ui.sync.outcome.added", outcome.added),
        ("ui.sync.outcome.fast_forwarded", outcome.fast_forwarded),
        ("ui.sync.outcome.merged", outcome.merged),
        ("ui.sync.outcome.conflicts", outcome.conflicts),
        ("ui.sync.outcome.unchanged", outcome.unchanged),
        ("ui.sync.outcome.deleted", outcome.deleted),
        ("ui.sync.outcome.restored", outcome.restored),
        ("ui.sync.outcome.kept", outcome.kept)) if titles]
    plans = tr("ui.list_comma").join(parts) or tr("ui.sync.outcome.none")
    return trn("ui.sync.outcome.revisions", outcome.revisions, plans=plans)


class SyncActions(QObject):
    message = Signal(str)

    def __init__(self, page: PlannerPage, status: QStatusBar, parent: QWidget) -> None:
        super().__init__(parent)
        self.page, self.session, self.parent_widget = page, page.session, parent
        self.menu = QMenu(tr("ui.sync.menu"), parent)
        self.export_action = QAction(tr("ui.sync.export"), parent)
        self.import_action = QAction(tr("ui.sync.import"), parent)
        self.resolve_action = QAction(tr("ui.sync.resolve"), parent)
        self.all = [self.export_action, self.import_action, self.resolve_action]
        self.menu.addActions(self.all)
        self.export_action.triggered.connect(self.choose_export)
        self.import_action.triggered.connect(self.choose_import)
        self.resolve_action.triggered.connect(lambda: self.open_conflict())
        self.notice = QPushButton(tr("ui.sync.notice"))
        self.notice.setObjectName("syncConflictNotice")
        self.notice.setFlat(True)
        self.notice.clicked.connect(lambda: self.open_conflict())
        self.notice.setVisible(False)
        status.addPermanentWidget(self.notice)
        self.session.shown.connect(self.update_notice)
        self.session.saved.connect(lambda *_: self.update_notice())
        self.dialog: ConflictDialog | None = None

    # The notice ---------------------------------------------------------------------------

    def update_notice(self) -> None:
        plan_id = self.session.plan_id
        conflicted = plan_id is not None and bool(self.session.run(
            None, lambda repo: _sync(repo).has_conflict(plan_id)))
        self.notice.setVisible(conflicted)
        self.resolve_action.setEnabled(conflicted)

    # Export -------------------------------------------------------------------------------

    def _passphrase(self, title: str, label: str) -> bytes | None | bool:
        """The passphrase typed (None: none wanted); False when the user cancelled."""
        text, ok = QInputDialog.getText(self.parent_widget, title, label,
                                        QLineEdit.EchoMode.Password)
        if not ok:
            return False
        return text.encode("utf-8") if text else None

    def choose_export(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self.parent_widget, tr("ui.sync.export_title"),
                                              "pkdesk.pksync", FILTER)
        if not name:
            return
        passphrase = self._passphrase(tr("ui.sync.export_title"),
                                      tr("ui.sync.passphrase_optional"))
        if passphrase is False:
            return
        self.export_to(Path(name), passphrase if isinstance(passphrase, bytes) else None)

    def export_to(self, path: Path, passphrase: bytes | None = None) -> int | None:
        """Write a bundle of what changed since the last exchange; the revisions written."""
        from pkdesk.core.atomic_file import write_atomically
        from pkdesk.core.sync.bundle import encode_bundle
        from pkdesk.store.output_guard import check_output_path, shown

        def change(repo: PlanRepository) -> int:
            target = check_output_path(path, what="sync bundle")
            sync = _sync(repo)
            export = sync.prepare_export()
            write_atomically(target, encode_bundle(export.bundle, passphrase), shown(target))
            sync.record_export(export, str(target))
            return export.revisions

        written = self.session.run(tr("ui.sync.cannot_export"), change)
        if written is not None:
            self.session.message.emit(trn("ui.sync.exported", written, path=str(path)))
        return written

    # Import -------------------------------------------------------------------------------

    def choose_import(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self.parent_widget, tr("ui.sync.import_title"),
                                              "", FILTER)
        if not name:
            return
        from pkdesk.core.sync.bundle import read_bundle_file, read_header

        passphrase: bytes | None = None
        try:
            encrypted = read_header(read_bundle_file(Path(name)), Path(name).name)
        except InputError as exc:
            tell(self.parent_widget, tr("ui.sync.cannot_import"), str(exc))
            return
        if encrypted.get("encryption") is not None:
            typed = self._passphrase(tr("ui.sync.import_title"), tr("ui.sync.passphrase"))
            if not isinstance(typed, bytes):
                return
            passphrase = typed
        self.import_from(Path(name), passphrase)

    def import_from(self, path: Path, passphrase: bytes | None = None) -> ImportOutcome | None:
        """Verify and apply a bundle; the outcome in a message (None: refused, and told)."""
        from pkdesk.core.sync.bundle import decode_bundle, read_bundle_file

        def change(repo: PlanRepository) -> ImportOutcome:
            bundle = decode_bundle(read_bundle_file(path), path.name, passphrase)
            return _sync(repo).import_bundle(bundle, str(path))

        outcome = self.session.run(tr("ui.sync.cannot_import"), change)
        if outcome is None:
            return None
        if not outcome.replayed and (outcome.added or outcome.fast_forwarded or outcome.merged
                                     or outcome.deleted or outcome.restored):
            self.session.undo_stack.clear()
            shown = self.session.plan_id
            self.session.plan_id = self.session.plan = None   # read the plan shown again
            self.page.reload_list(select=shown)
        self.update_notice()
        text = tr("ui.sync.imported", name=path.name, outcome=outcome_text(outcome))
        detail = "\n".join(tr("ui.sync.conflict_line", title=t) for t in outcome.conflicts)
        box = tell(self.parent_widget, tr("ui.sync.import_title"), text, detail,
                   QMessageBox.Icon.Information)
        box.setObjectName("syncImportOutcome")
        self.session.message.emit(text)
        return outcome

    # Conflicts ----------------------------------------------------------------------------

    def open_conflict(self, plan_id: int | None = None) -> ConflictDialog | None:
        from pkdesk.ui.sync.conflict_dialog import ConflictDialog

        if plan_id is None:
            ids = self.session.run(None, lambda repo: _sync(repo).conflict_plan_ids())
            if not ids:
                self.session.message.emit(tr("ui.sync.none"))
                return None
            plan_id = self.session.plan_id if self.session.plan_id in ids else min(ids)
        if plan_id != self.session.plan_id:
            self.page.select_plan(plan_id)
        wanted = plan_id
        info = self.session.run(tr("ui.sync.cannot_resolve"),
                                lambda repo: _sync(repo).conflict(wanted))
        if info is None:
            return None
        dialog = self.dialog = ConflictDialog(info, self.parent_widget)
        dialog.accepted.connect(lambda: self.resolve(
            wanted, dialog.choices(), [c.path for c in info.fields], dialog.keep_both))
        dialog.open()
        return dialog

    def resolve(self, plan_id: int, choices: dict[str, Choice], paths: list[str],
                keep_both: bool = False) -> int | None:
        """Save the choices as a merge revision (one undo step); ``keep_both``: mine kept,
        theirs added as a scenario branched from the plan."""
        session = self.session
        if plan_id != session.plan_id:
            self.page.select_plan(plan_id)
        if keep_both:
            choices = {p: "mine" for p in paths}
        kept: list[tuple[object, int, int | None]] = []

        def change(repo: PlanRepository) -> int:
            from dataclasses import replace

            from pkdesk.core.plan.model import Lineage, new_uid

            sync = _sync(repo)
            scenario = None
            if keep_both:
                theirs = sync.conflict(plan_id).theirs
                title = tr("ui.sync.theirs_title", title=theirs.title)[:300]
                scenario = repo.create(replace(theirs, uid=new_uid(), title=title,
                                               lineage=Lineage(theirs.uid, theirs.title,
                                                               tr("ui.sync.theirs_changes"))),
                                       author=user_name(), summary="kept from a sync conflict")
            number = sync.resolve(plan_id, choices, author=user_name(), expected=paths)
            plan, current = repo.current(plan_id)
            kept.append((plan, current, scenario))
            return number

        number = session.run(tr("ui.sync.cannot_resolve"), change)
        if number is None:
            return None
        plan, current, scenario = kept[0]
        from pkdesk.core.plan.model import Plan

        assert isinstance(plan, Plan) and session.autosaver is not None
        session.autosaver.known(plan_id, plan, current)
        session.edit(tr("ui.undo.sync_resolve"), plan)
        if scenario is not None:
            command = session.presence(scenario, True, tr("ui.undo.sync_keep_both"))
            if command is not None:
                session.undo_stack.push(command)
            self.page.reload_list(select=plan_id)
        session.message.emit(tr("ui.sync.resolved", revision=number))
        self.update_notice()
        return number
