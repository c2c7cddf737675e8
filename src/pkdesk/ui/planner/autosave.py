"""Autosave: every edit reaches the database within a second, without a Save button.

Edits are collected per plan and written together after a short pause in typing
(`DELAY_MS`), and at once when the page flushes (switching plans, closing). Each flush of a
plan is one revision whose summary names the fields that changed. A state the file format
would refuse (an empty title) is never written: it waits, the user is told why, and the
database keeps the last good state.

An edit leaves the pending list only once the database has stored it. A write the database
refuses (busy in another program beyond the timeout, a full disk, any other error) keeps the
edit pending and retries it every `RETRY_MS`; the user is told once, until a save works again.
Another program (a second window, the CLI) may save the same plan meanwhile: the store
serialises the two saves, both revisions are kept, and the user is told that theirs was saved
over the other one (both are in History).

On a team database (PostgreSQL), a server that cannot be reached keeps the edit in this
computer's journal (``store.journal``: an owner-only file, so closing the window or a crash
keeps it too) and says so. When the server is back, the edit is saved as the plan's next
revision only if nobody saved the plan meanwhile; else it is kept as a new scenario beside
it, with a message. Edits a previous session left in the journal are saved the same way
when the window attaches the team database (``ui.window.team_journal``).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from pkdesk.core.errors import NotFoundError, PkdeskError, UnreachableError
from pkdesk.core.plan.model import Plan
from pkdesk.core.plan.edits import changed_fields, problem
from pkdesk.ui.common.i18n import tr

if TYPE_CHECKING:
    from pkdesk.store.plan_repo import PlanRepository

DELAY_MS = 500
RETRY_MS = 3000     # after a refused write: each try may wait the busy timeout (5 s) itself

_log = logging.getLogger(__name__)


class Autosaver(QObject):
    saved = Signal(int, int)
    """(plan id, revision number) after a plan was written."""
    invalid = Signal(int, str)
    """(plan id, why it cannot be stored); "" when a plan's state is storable again."""
    failed = Signal(str)
    """The database refused a write (e.g. locked by another program); the edit is kept and
    retried. Emitted once, not at every retry, until a save works again."""
    refused = Signal(int, str)
    """(plan id, why): a team database refused the edit for this user's role (a reader, a
    reviewer changing the plan). Retrying cannot help: the edit is dropped and said so."""
    collided = Signal(str)
    """A plan was saved over a revision another program stored meanwhile (both are kept)."""

    def __init__(self, repo: PlanRepository, author: str = "",
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.repo = repo
        self.author = author
        self._stored: dict[int, Plan] = {}
        self._pending: dict[int, Plan] = {}
        self._invalid: set[int] = set()
        self._revision: dict[int, int] = {}     # the revision ``_stored`` holds, when known
        self._failing = False                   # the user was told a write failed
        from pkdesk.store.journal import journal_for

        self.journal = journal_for(repo.db)     # a team database's pending-edit journal
        self._offline: set[int] = set()         # plans whose edit waits in the journal
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DELAY_MS)
        self.timer.timeout.connect(self.flush)

    def known(self, plan_id: int, plan: Plan, revision: int | None = None) -> None:
        """``plan`` is what the database holds for ``plan_id`` (just loaded or created), as
        its revision ``revision`` (when known, a later save by another program is noticed)."""
        self._stored[plan_id] = plan
        self._pending.pop(plan_id, None)
        if revision is None:
            self._revision.pop(plan_id, None)
        else:
            self._revision[plan_id] = revision

    def stored(self, plan_id: int) -> Plan | None:
        """The plan as this autosaver last stored (or was told the database holds) it."""
        return self._stored.get(plan_id)

    def changed(self, plan_id: int, plan: Plan) -> None:
        self._pending[plan_id] = plan
        why = problem(plan)
        if why is not None:
            self._invalid.add(plan_id)
            self.invalid.emit(plan_id, str(why))
        elif plan_id in self._invalid:
            self._invalid.discard(plan_id)
            self.invalid.emit(plan_id, "")
        self.timer.start()

    def has_pending(self) -> bool:
        return bool(self._pending)

    def flush(self) -> None:
        self.timer.stop()
        self.timer.setInterval(DELAY_MS)
        for plan_id, plan in list(self._pending.items()):
            if plan_id in self._invalid:
                continue        # kept pending: written once the user fixes it
            stored = self._stored.get(plan_id)
            if stored == plan:
                self._pending.pop(plan_id, None)
                continue        # e.g. an edit undone before it was written
            fields = changed_fields(stored, plan) if stored is not None else []
            summary = "changed " + ", ".join(fields) if fields else "edited"
            if plan_id in self._offline:
                self._save_kept(plan_id, plan, summary)
                continue
            try:
                revision = self.repo.save(plan_id, plan, author=self.author, summary=summary)
            except NotFoundError:
                self._pending.pop(plan_id, None)
                continue        # deleted meanwhile: nothing to keep
            except Exception as exc:    # noqa: BLE001 - whatever it is, the edit is kept
                from pkdesk.store.team import PermissionRefused   # loaded by the save already

                if isinstance(exc, PermissionRefused):
                    # The user's role forbids it: retrying cannot help; said in a dialog.
                    self._pending.pop(plan_id, None)
                    self.refused.emit(plan_id, tr("ui.autosave.refused", title=plan.title,
                                                  problem=str(exc)))
                    continue
                self._refused(plan_id, plan, summary, exc)
                continue
            if self._pending.get(plan_id) is plan:
                del self._pending[plan_id]      # stored: only now it leaves the list
            self._failing = False
            self._stored[plan_id] = plan
            before = self._revision.get(plan_id)
            self._revision[plan_id] = revision
            if before is not None and revision > before + 1:
                self.collided.emit(tr("ui.autosave.collided", title=plan.title,
                                      theirs=revision - 1, yours=revision))
            self.saved.emit(plan_id, revision)

    def _save_kept(self, plan_id: int, plan: Plan, summary: str) -> None:
        """Save an edit that waited in the journal (``store.journal.save_pending``): as the
        plan's next revision if nobody saved it meanwhile, else as a new scenario."""
        from pkdesk.store.journal import PendingEdit, save_pending

        edit = PendingEdit(plan_id, self._revision.get(plan_id), plan, summary, "")
        try:
            done = save_pending(self.repo, edit, self.author)
        except Exception as exc:    # noqa: BLE001 - whatever it is, the edit is kept
            self._refused(plan_id, plan, summary, exc)
            return
        self._offline.discard(plan_id)
        if self.journal is not None:
            self.journal.drop(plan_id)
        self._failing = False
        if self._pending.get(plan_id) is plan:
            del self._pending[plan_id]
        self._stored[plan_id] = plan
        if done.branched:
            # The plan shown is now beside the server's version: a next edit of it is
            # saved over theirs with the "collided" message (both in History).
            self.collided.emit(tr("ui.autosave.kept_apart", title=plan.title, kept=done.title))
            return
        assert done.revision is not None
        self._revision[plan_id] = done.revision
        self.collided.emit(tr("ui.autosave.replayed", title=plan.title, revision=done.revision))
        self.saved.emit(plan_id, done.revision)

    def _refused(self, plan_id: int, plan: Plan, summary: str, exc: Exception) -> None:
        """The edit stays pending and is retried; the user hears of it once. On a team
        database out of reach, the edit is also kept in this computer's journal."""
        if isinstance(exc, UnreachableError) and self.journal is not None:
            try:
                self.journal.put(plan_id, self._revision.get(plan_id), plan, summary)
            except PkdeskError as journal_exc:   # cannot write here either: say both
                exc = UnreachableError(f"{exc}; {journal_exc}")
            else:
                self._offline.add(plan_id)
                if not self._failing:
                    self._failing = True
                    self.failed.emit(tr("ui.autosave.offline", title=plan.title,
                                        problem=str(exc).rstrip(".")))
                self.timer.setInterval(RETRY_MS)
                self.timer.start()
                return
        if isinstance(exc, PkdeskError):
            problem = str(exc)
        else:   # not the environment pkdesk knows about: keep the details for a bug report
            _log.error("autosave of %r failed", plan.title, exc_info=exc)
            problem = _one_line(exc)
        if not self._failing:
            self._failing = True
            self.failed.emit(tr("ui.autosave.failed", title=plan.title, problem=problem))
        self.timer.setInterval(RETRY_MS)
        self.timer.start()


def _one_line(exc: BaseException) -> str:
    """SQLAlchemy's text adds the SQL and its parameters: the driver's first line is enough."""
    orig = getattr(exc, "orig", None) or exc
    lines = str(orig).splitlines()
    return " ".join(lines[0].split()) if lines and lines[0].strip() else type(orig).__name__
