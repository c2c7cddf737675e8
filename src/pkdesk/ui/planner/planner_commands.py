"""Undoable planner edits, for one `QUndoStack` shared by the form and the plan list.

Edits to a plan keep whole before/after states: `Plan` values are never mutated (see
`core.plan.edits`), so a state costs only the parts an edit copied. Undoing an edit to a
plan other than the one shown brings that plan back on screen first.

Creating, duplicating, importing and deleting plans all come down to a plan being present or
(softly) deleted, so one command toggles that with `PlanRepository.delete` / `undelete`.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtGui import QUndoCommand

from pkdesk.core.plan.model import Plan

EDIT_COMMAND_ID = 0x504B   # commands with this id and the same merge key coalesce


class PlannerTarget(Protocol):
    def apply_plan(self, plan_id: int, plan: Plan) -> None: ...

    def set_plan_present(self, plan_id: int, present: bool) -> None: ...


class PlanEditCommand(QUndoCommand):
    def __init__(self, target: PlannerTarget, plan_id: int, before: Plan, after: Plan,
                 text: str, merge_key: object = None) -> None:
        super().__init__(text)
        self.target, self.plan_id = target, plan_id
        self.before, self.after = before, after
        self.merge_key = merge_key

    def id(self) -> int:
        return EDIT_COMMAND_ID if self.merge_key is not None else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not (isinstance(other, PlanEditCommand) and other.plan_id == self.plan_id
                and other.merge_key == self.merge_key):
            return False
        self.after = other.after
        # Typed and then typed back: nothing to undo any more.
        self.setObsolete(self.after == self.before)
        return True

    def redo(self) -> None:
        self.target.apply_plan(self.plan_id, self.after)

    def undo(self) -> None:
        self.target.apply_plan(self.plan_id, self.before)


class PlanPresenceCommand(QUndoCommand):
    """A plan created, duplicated or imported (present afterwards) or deleted (absent).

    The page does the first step itself (so a failure is reported before anything lands on
    the stack) and pushes this already done: the first `redo` does nothing.
    """

    def __init__(self, target: PlannerTarget, plan_id: int, present_after: bool,
                 text: str) -> None:
        super().__init__(text)
        self.target, self.plan_id, self.present_after = target, plan_id, present_after
        self._done = True

    def redo(self) -> None:
        if self._done:
            self._done = False
            return
        self.target.set_plan_present(self.plan_id, self.present_after)

    def undo(self) -> None:
        self.target.set_plan_present(self.plan_id, not self.present_after)
