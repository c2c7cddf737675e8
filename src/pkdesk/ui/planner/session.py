"""The planner's state, owned in one place: the repository, the autosaver, the undo stack and
the plan shown. Widgets show it; actions change it through `run`.

`run` is the one wrapper around a change to stored plans (in the spirit of Anki's
`CollectionOp`): write the pending edit first, run the change, and on a `PkdeskError` tell
the user in one plain-text message and stop; otherwise push the undo step (if any), let the
autosaver write, and announce what changed (`message`, `plans_changed`).
"""

from __future__ import annotations

import getpass
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QWidget

from pkdesk.core.errors import PkdeskError
from pkdesk.core.plan.model import Plan
from pkdesk.ui.common.i18n import tr
from pkdesk.ui.common.messages import tell
from pkdesk.ui.planner.autosave import Autosaver
from pkdesk.ui.planner.planner_commands import PlanEditCommand, PlannerTarget, PlanPresenceCommand

if TYPE_CHECKING:
    from pkdesk.store.db import Database
    from pkdesk.store.plan_repo import PlanRepository

T = TypeVar("T")


def user_name() -> str:
    """Who edits, for revisions and acknowledgements ("" when the system cannot say)."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return ""


class PlannerSession(QObject):
    message = Signal(str)
    """A short status line for the user."""
    attached = Signal()
    """The session has a repository (first time, or again after a restore)."""
    plans_changed = Signal(object)
    """The set of plans changed: read the list again and show this plan id (or None)."""
    plan_added = Signal(int)
    """A plan was created (new, duplicate, import, branch): show the Planner."""
    saved = Signal(int, int)
    """(plan id, revision number): the autosaver wrote a revision."""
    invalid = Signal(int, str)
    """(plan id, why it cannot be stored, or "" once it can)."""
    select_requested = Signal(int)
    """Show this plan (e.g. before restoring one of its revisions)."""
    shown = Signal()
    """Another plan (or none) is shown, and checked: what depends on the plan shown (the
    window's title and status, Export PDF and Print) looks again."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.repo: PlanRepository | None = None
        self.autosaver: Autosaver | None = None
        self.undo_stack = QUndoStack(self)
        self.plan_id: int | None = None
        self.plan: Plan | None = None
        self.dialog_parent: QWidget | None = None   # where error messages are shown
        self.target: PlannerTarget | None = None     # what undo and redo apply plans to
        # On a team database, what the user's role allows (store.team.access): a reader
        # edits nothing, a reviewer only acknowledges; ``access_note`` says why.
        self.may_edit = True
        self.access_note = ""

    @property
    def db(self) -> Database | None:
        return self.repo.db if self.repo is not None else None

    def attach(self, repo: PlanRepository) -> None:
        old = self.autosaver
        self.repo = repo
        self.autosaver = Autosaver(repo, author=user_name(), parent=self)
        self.autosaver.invalid.connect(self.invalid)
        self.autosaver.failed.connect(self.message)
        self.autosaver.collided.connect(self.message)
        self.autosaver.saved.connect(self.saved)
        self.autosaver.refused.connect(self._refused)
        if old is not None:
            old.deleteLater()
        self._read_access(repo)
        self.attached.emit()

    def _read_access(self, repo: PlanRepository) -> None:
        self.may_edit, self.access_note = True, ""
        if not repo.db.is_server:
            return
        from pkdesk.store.team import access, read_only_message

        try:
            with repo.db.engine.connect() as conn:
                who = access(conn)
        except Exception:   # noqa: BLE001 - unreachable now: the server refuses what it must
            return
        if who.read_only:
            self.may_edit = False
            self.access_note = tr("ui.team.read_only", reason=read_only_message(who))
        elif who.role == "reviewer":
            self.may_edit = False
            self.access_note = tr("ui.team.reviewer", user=who.user)

    refused = Signal(int)
    """The team database refused an edit of this plan (told in a dialog): show it as stored."""

    def _refused(self, plan_id: int, text: str) -> None:
        self.undo_stack.clear()     # its steps describe an edit that was never stored
        self.tell(tr("ui.autosave.refused_title"), text)
        self.refused.emit(plan_id)

    def detach_for_restore(self) -> None:
        """The database is about to be replaced: its undo steps and the plan in memory
        describe data the restore replaces (undoing one would write old data over it)."""

        self.undo_stack.clear()
        self.plan_id = self.plan = None

    def flush(self) -> None:
        """Write any pending edit now (switching plans, closing, before any other change)."""
        if self.autosaver is not None:
            self.autosaver.flush()

    def edit(self, text: str, after: Plan, merge_key: object = None) -> None:
        """An edit of the plan shown, as an undo step (applied by pushing it)."""
        if self.plan is None or self.plan_id is None or after == self.plan \
                or self.target is None:
            return
        self.undo_stack.push(PlanEditCommand(self.target, self.plan_id, self.plan, after, text,
                                             merge_key))

    def presence(self, plan_id: int, present: bool, text: str) -> QUndoCommand | None:
        """The undo step for a plan just created (``present``) or deleted."""
        if self.target is None:
            return None
        return PlanPresenceCommand(self.target, plan_id, present, text)

    def run(self, failure: str | None, change: Callable[[PlanRepository], T], *,
            undo: Callable[[T], QUndoCommand | None] | None = None,
            done: Callable[[T], str] | None = None,
            show: Callable[[T], int | None] | None = None) -> T | None:
        """Flush, run ``change(repo)``; on failure tell ``failure`` with the reason (or, when
        ``failure`` is None, put the reason in the status line) and return None. Otherwise push ``undo(result)``, announce ``done(result)`` and, with
        ``show``, that the plan list changed (showing ``show(result)``)."""
        if self.repo is None:
            return None
        self.flush()
        try:
            result = change(self.repo)
        except PkdeskError as exc:
            if failure is None:
                self.message.emit(str(exc))
            else:
                self.tell(failure, str(exc))
            return None
        command = undo(result) if undo is not None else None
        if command is not None:
            self.undo_stack.push(command)
        if show is not None:
            self.plans_changed.emit(show(result))
        if done is not None:
            self.message.emit(done(result))
        return result

    def tell(self, title: str, text: str, detail: str = "") -> None:
        """The one place planner errors are shown: a plain-text, window-modal message."""
        parent = self.dialog_parent
        if parent is None:
            self.message.emit(f"{title}: {text}")
            return
        tell(parent, title, text, detail)
