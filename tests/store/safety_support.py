"""Helpers for the backup, integrity, crash and concurrency tests: real plans in real files."""

from __future__ import annotations

import json
import sqlite3
import uuid
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
