"""Edits to team plans kept on this computer while the server was unreachable
(``store.journal``), saved as a step of attaching the team database: whatever page the
window shows, the Planner built or not (it shows the saved state when it is built).

Each edit is saved as the plan's next revision, or, when someone saved the plan meanwhile,
kept as a new scenario beside it (the Planner's words for it). One saved edit is said in the
status bar; anything more (several, one kept apart, one the server would not take, the
server gone again) in a plain-text message listing each, with the status bar's summary.
An edit that is not saved stays in the journal for the next attach: nothing is lost.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMainWindow, QMessageBox

from pkdesk.ui.common.i18n import tr, trn

if TYPE_CHECKING:
    from pkdesk.store.db import Database
    from pkdesk.store.journal import ReplayReport

STATUS_MS = 10000


def waiting(db: Database) -> bool:
    """Whether this computer's journal holds edits for the team database ``db``."""
    from pkdesk.store.journal import journal_for

    journal = journal_for(db)
    return journal is not None and journal.path.exists()


def replay_kept_edits(window: QMainWindow, db: Database) -> ReplayReport | None:
    """Save the journal's edits for ``db`` and tell the user; None when none waited."""
    if not waiting(db):
        return None
    from pkdesk.store.journal import journal_for, replay
    from pkdesk.store.plan_repo import PlanRepository
    from pkdesk.ui.planner.session import user_name

    journal = journal_for(db)
    assert journal is not None
    report = replay(PlanRepository(db), journal, user_name())
    lines = report_lines(report)
    if not lines:       # a journal with nothing readable in it
        return report
    summary = lines[0] if len(lines) == 1 else summary_line(report)
    window.statusBar().showMessage(summary, STATUS_MS)
    if len(lines) > 1 or report.not_saved or report.unreachable or any(
            r.branched for r in report.saved):
        from pkdesk.ui.common.messages import tell

        icon = (QMessageBox.Icon.Warning if report.not_saved or report.unreachable
                else QMessageBox.Icon.Information)
        box = tell(window, tr("ui.journal.title"), "\n\n".join(lines), icon=icon)
        box.setObjectName("teamJournalReport")
    return report


def report_lines(report: ReplayReport) -> list[str]:
    """One line per edit saved, kept apart or not saved, then the server gone again."""
    from pkdesk.store.journal import KEPT_SUFFIX

    lines = []
    for done in report.saved:
        if done.branched:
            lines.append(tr("ui.autosave.kept_apart", title=done.title.removesuffix(KEPT_SUFFIX),
                            kept=done.title))
        else:
            lines.append(tr("ui.autosave.replayed", title=done.title, revision=done.revision))
    for failed in report.not_saved:
        lines.append(tr("ui.journal.not_saved", title=failed.title,
                        problem=failed.problem.rstrip(".")))
    if report.unreachable:
        lines.append(trn("ui.journal.unreachable", report.waiting,
                         problem=report.unreachable.rstrip(".")))
    return lines


def summary_line(report: ReplayReport) -> str:
    """The status bar's line when there is more than one thing to say."""
    text = trn("ui.journal.saved", len(report.saved))
    if report.waiting:
        text += " " + trn("ui.journal.waiting", report.waiting)
    return text
