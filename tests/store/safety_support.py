"""Helpers for the backup, integrity, crash and concurrency tests: real plans in real files."""

from __future__ import annotations

import json
import sqlite3
import threading
import uuid
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path

from pkdesk.core.plan.model import Plan
from pkdesk.core.plan.file import plan_to_dict
from pkdesk.core.sync.identity import revision_id
from pkdesk.store.db import Database
from pkdesk.store.models import PlanRevisionRow, PlanRow


def add_plan(db: Database, title: str, body: str = "") -> int:
    """Store a plan with its first revision, as the planner does; return its id."""
    now = datetime.now(timezone.utc)
    uid = uuid.uuid4().hex
    document = json.dumps(plan_to_dict(Plan(title=title, uid=uid, notes=body)))
    with db.session() as s:
        row = PlanRow(uid=uid, title=title, document=document, revision=1,
                      created_at=now, updated_at=now)
        s.add(row)
        s.flush()
        s.add(PlanRevisionRow(plan_id=row.id, number=1, created_at=now, document=document,
                              rev_id=revision_id(document, ())))
    return row.id


def plan_titles(path: Path) -> list[str]:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return [r[0] for r in conn.execute("SELECT title FROM plan ORDER BY id")]
    finally:
        conn.close()


def page_size(path: Path) -> int:
    return int.from_bytes(path.read_bytes()[16:18], "big") or 65536


def damage_last_pages(path: Path, pages: int = 6) -> None:
    """Zeros over the b-tree headers of the last pages (plan revisions: rows no open reads,
    damage only a check of the whole file, or a read of those rows, finds)."""
    data = bytearray(path.read_bytes())
    size = page_size(path)
    count = len(data) // size
    for page in range(count - pages, count):
        data[page * size: page * size + 12] = bytes(12)
    path.write_bytes(bytes(data))


def start_in_thread(call: Callable[[], Database | int]) -> Callable[[], Database | int]:
    """Start ``call`` in a thread (a second window, in the same process); the function
    returned waits for it and gives what it returned, or raises what it raised."""
    done: list[Database | int | BaseException] = []

    def run() -> None:
        try:
            done.append(call())
        except BaseException as exc:   # noqa: BLE001 - raised again in the caller's thread
            done.append(exc)

    thread = threading.Thread(target=run)
    thread.start()

    def result() -> Database | int:
        thread.join(timeout=60)
        assert len(done) == 1, "the thread did not finish"
        if isinstance(done[0], BaseException):
            raise done[0]
        return done[0]
    return result


def add_plan_written(db: Database, title: str) -> int:
    """Store a plan as the CLI and the window do: one ``Database.write`` unit (which takes
    SQLite's write lock at its start); return its id."""
    from pkdesk.store.plan_repo import PlanRepository

    return PlanRepository(db).create(Plan(title=title, uid=uuid.uuid4().hex))
