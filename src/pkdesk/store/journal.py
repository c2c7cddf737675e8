"""Edits to a team database's plans that the server could not take yet, kept on this computer.

When the server is unreachable, the autosaver (``ui.planner.autosave``) writes each pending
edit here: one small owner-only JSON file in this computer's folder for that team database
(``paths.server_state_dir``), replaced whole at each change (``core.atomic_file``), so that
closing the window or a crash keeps it. When the server is back (the autosaver's next try,
or the next start: ``replay``) each edit is saved, and leaves the journal only once stored.

Nothing is overwritten silently: an edit is saved as the plan's next revision only if the
plan is still at the revision the edit was made on. If someone saved the plan meanwhile, the
edit is kept as a new scenario branched from it, and the user is told its name.

No Qt here.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:       # the plan modules load only when an edit is read or kept
    from pkdesk.core.plan.model import Plan

JOURNAL_NAME = "pending-edits.json"
FORMAT = "pkdesk.pending-edits"


@dataclass(frozen=True)
class PendingEdit:
    plan_id: int
    base_revision: int | None     # the revision the edit was made on, when known
    plan: Plan
    summary: str
    kept_at: str                  # ISO time, UTC


@dataclass(frozen=True)
class Replayed:
    plan_id: int          # the plan now holding the edit (a new scenario when branched)
    title: str
    revision: int | None  # the revision it was saved as; None when branched
    branched: bool


class Journal:
    """The pending edits of one team database on this computer."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / JOURNAL_NAME

    def entries(self) -> dict[int, PendingEdit]:
        """What the journal holds; a journal that cannot be read reads as empty (``put``
        then moves it aside rather than replace it: it may hold the only copy of an edit)."""
        from pkdesk.core.errors import PkdeskError
        from pkdesk.core.plan.file import plan_from_dict

        raw = self._read()
        out: dict[int, PendingEdit] = {}
        if raw is None:
            return out
        for item in raw.get("edits", []):
            try:
                out[int(item["plan_id"])] = PendingEdit(
                    int(item["plan_id"]), None if item.get("base_revision") is None
                    else int(item["base_revision"]), plan_from_dict(item["plan"]),
                    str(item.get("summary", "")), str(item.get("kept_at", "")))
            except (KeyError, TypeError, ValueError, PkdeskError):
                continue
        return out

    def _read(self) -> dict[str, Any] | None:
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return raw if isinstance(raw, dict) and raw.get("format") == FORMAT else None

    def put(self, plan_id: int, base_revision: int | None, plan: Plan, summary: str) -> None:
        """Keep (or replace) the pending edit of ``plan_id``."""
        if self.path.exists() and self._read() is None:
            # Unreadable (damaged, or a newer pkdesk's): kept beside, never written over.
            stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S")
            self.path.replace(self.path.with_name(f"{JOURNAL_NAME}.unreadable-{stamp}"))
        edits = self.entries()
        edits[plan_id] = PendingEdit(plan_id, base_revision, plan, summary,
                                     datetime.now(timezone.utc).isoformat(timespec="seconds"))
        self._write(edits)

    def drop(self, plan_id: int) -> None:
        """The edit of ``plan_id`` is stored on the server: forget it."""
        if not self.path.exists():
            return
        edits = self.entries()
        if edits.pop(plan_id, None) is not None:
            self._write(edits)

    def _write(self, edits: dict[int, PendingEdit]) -> None:
        from pkdesk.core.atomic_file import write_atomically
        from pkdesk.core.plan.file import plan_to_dict

        if not edits:
            self.path.unlink(missing_ok=True)
            return
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        doc: dict[str, Any] = {"format": FORMAT, "version": 1, "edits": [
            {"plan_id": e.plan_id, "base_revision": e.base_revision, "summary": e.summary,
             "kept_at": e.kept_at, "plan": plan_to_dict(e.plan)} for e in edits.values()]}
        write_atomically(self.path, json.dumps(doc, ensure_ascii=False).encode("utf-8"),
                         "the pending-edit journal")


KEPT_SUFFIX = " (kept edit)"    # ends the title of an edit kept apart as a scenario


def journal_for(db: Any) -> Journal | None:
    """The journal of an open ``Database`` on a server; None for a database file."""
    if not getattr(db, "is_server", False):
        return None
    return Journal(Path(db.path).parent)


def save_pending(repo: Any, edit: PendingEdit, author: str) -> Replayed:
    """Store one pending edit: as the next revision if the plan is still at
    ``edit.base_revision`` (or it is unknown), else as a new scenario branched from the
    plan, so that neither the other person's revision nor this edit is lost."""
    from dataclasses import replace

    from pkdesk.core.plan.model import Lineage, new_uid

    from pkdesk.core.errors import NotFoundError
    from pkdesk.core.plan.file import NAME_CHARS

    try:
        revision = repo.save_if_at(edit.plan_id, edit.plan, edit.base_revision, author=author,
                                   summary=edit.summary)
    except NotFoundError:
        revision = None       # deleted meanwhile: the edit is kept as a plan of its own
    if revision is not None:
        return Replayed(edit.plan_id, edit.plan.title, revision, False)
    title = edit.plan.title[:NAME_CHARS - len(KEPT_SUFFIX)] + KEPT_SUFFIX
    kept = replace(edit.plan, title=title, uid=new_uid(),
                   lineage=Lineage(edit.plan.uid, edit.plan.title,
                                   "an edit made while the server was unreachable, kept apart "
                                   "because the plan was changed meanwhile"))
    new_id = repo.create(kept, author=author, summary="kept edit (the plan changed meanwhile)")
    return Replayed(new_id, title, None, True)


@dataclass(frozen=True)
class NotSaved:
    plan_id: int
    title: str
    problem: str          # one line; the edit stays in the journal


@dataclass
class ReplayReport:
    """What ``replay`` did with the journal's edits."""

    saved: list[Replayed] = field(default_factory=list)
    not_saved: list[NotSaved] = field(default_factory=list)
    unreachable: str = ""     # the server went away during the replay: the rest wait
    waiting: int = 0          # edits left in the journal (not saved, or not tried)


def replay(repo: Any, journal: Journal, author: str) -> ReplayReport:
    """Save every edit the journal holds (``save_pending``); each leaves it once stored.

    An edit the server refuses (the user's role, a plan it will not take) stays in the
    journal and is reported, and the next ones are tried; a server unreachable again stops
    the replay, the rest kept for the next attach."""
    from pkdesk.core.errors import PkdeskError, UnreachableError

    report = ReplayReport()
    entries = journal.entries()
    for plan_id, edit in entries.items():
        try:
            report.saved.append(save_pending(repo, edit, author))
        except UnreachableError as exc:
            report.unreachable = str(exc)
            break
        except Exception as exc:    # noqa: BLE001 - whatever it is, the edit is kept
            problem = str(exc) if isinstance(exc, PkdeskError) else _one_line(exc)
            report.not_saved.append(NotSaved(plan_id, edit.plan.title, problem))
            continue
        journal.drop(plan_id)
    report.waiting = len(entries) - len(report.saved)
    return report


def _one_line(exc: BaseException) -> str:
    """A driver's first line (SQLAlchemy's text adds the SQL and its parameters)."""
    orig = getattr(exc, "orig", None) or exc
    lines = str(orig).splitlines()
    return " ".join(lines[0].split()) if lines and lines[0].strip() else type(orig).__name__
