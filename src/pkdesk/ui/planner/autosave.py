"""Autosave: every edit reaches the database within a second, without a Save button.

Edits are collected per plan and written together after a short pause in typing
(`DELAY_MS`), and at once when the page flushes (switching plans, closing). Each flush of a
plan is one revision whose summary names the fields that changed. A state the file format
would refuse (an empty title) is never written: it waits, the user is told why, and the
database keeps the last good state.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from pkdesk.core.errors import NotFoundError, PkdeskError
from pkdesk.core.plan import Plan
from pkdesk.core.plan_edits import changed_fields, problem
from pkdesk.ui.common.i18n import tr

if TYPE_CHECKING:
    from pkdesk.store.plan_repo import PlanRepository

DELAY_MS = 500


class Autosaver(QObject):
    saved = Signal(int, int)
    """(plan id, revision number) after a plan was written."""
    invalid = Signal(int, str)
    """(plan id, why it cannot be stored); "" when a plan's state is storable again."""
    failed = Signal(str)
    """The database refused a write (e.g. locked by another program); retried next time."""

    def __init__(self, repo: PlanRepository, author: str = "",
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.repo = repo
        self.author = author
        self._stored: dict[int, Plan] = {}
        self._pending: dict[int, Plan] = {}
        self._invalid: set[int] = set()
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DELAY_MS)
        self.timer.timeout.connect(self.flush)

    def known(self, plan_id: int, plan: Plan) -> None:
        """``plan`` is what the database holds for ``plan_id`` (just loaded or created)."""
        self._stored[plan_id] = plan
        self._pending.pop(plan_id, None)

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
        for plan_id, plan in list(self._pending.items()):
            if plan_id in self._invalid:
                continue        # kept pending: written once the user fixes it
            del self._pending[plan_id]
            stored = self._stored.get(plan_id)
            if stored == plan:
                continue        # e.g. an edit undone before it was written
            fields = changed_fields(stored, plan) if stored is not None else []
            summary = "changed " + ", ".join(fields) if fields else "edited"
            try:
                revision = self.repo.save(plan_id, plan, author=self.author, summary=summary)
            except NotFoundError:
                continue        # deleted meanwhile: nothing to keep
            except PkdeskError as exc:
                self._pending.setdefault(plan_id, plan)
                self.failed.emit(tr("ui.autosave.failed", title=plan.title, problem=exc))
                self.timer.start()
                continue
            self._stored[plan_id] = plan
            self.saved.emit(plan_id, revision)
