"""A headquarters-sized database: 10,000 plans x 20 revisions (issue 17), reproducibly.

The schema is made by pkdesk itself (``open_library``: migrations, shipped corpus); the plans
are the shipped examples (``examples/*.pkplan.json``) varied per plan and per revision, written
in the repository's own document format (``plan_to_dict``, as ``PlanRepository`` stores it)
with plain ``sqlite3`` inserts in one transaction, so 200,000 revisions take seconds, not the
~20 minutes the ORM would. One plan in ten is a variant of an earlier one (lineage).

    .venv/bin/python benchmarks/make_big_db.py OUT.sqlite3 [PLANS] [REVISIONS]

Other benchmarks import ``make_big_db(path, plans, revisions)``; the same arguments give
the same content (seeded), apart from uids and times.
"""

from __future__ import annotations

import json
import random
import sqlite3
import sys
import time
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from pkdesk.core.plan.model import Lineage, Plan, new_uid  # noqa: E402
from pkdesk.core.plan.file import plan_from_dict, plan_to_dict, read_plan_file  # noqa: E402
from pkdesk.store.library import open_library  # noqa: E402

PLANS = 10_000
REVISIONS = 20
_STAMP = "%Y-%m-%d %H:%M:%S.%f"   # how SQLAlchemy stores a DateTime in SQLite


def examples() -> list[Plan]:
    return [read_plan_file(p) for p in sorted((ROOT / "examples").glob("*.pkplan.json"))]


def _document(plan: Plan) -> str:
    """As ``plan_repo._document`` stores it (proved to read back)."""
    doc = plan_to_dict(plan)
    plan_from_dict(doc)
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def make_big_db(path: Path, plans: int = PLANS, revisions: int = REVISIONS, *,
                seed: int = 17) -> Path:
    """A new pkdesk database at ``path`` with ``plans`` plans of ``revisions`` revisions."""
    path = Path(path)
    if path.exists():
        raise SystemExit(f"{path} already exists; choose a new name")
    open_library(path).close()      # schema, marker and shipped corpus, as pkdesk makes them
    rng = random.Random(seed)
    base = examples()
    start = datetime(2026, 1, 1)
    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA synchronous = OFF")
        conn.execute("BEGIN")
        uids: list[tuple[str, str]] = []
        for i in range(plans):
            plan = base[i % len(base)]
            title = f"{plan.title} #{i + 1}"
            lineage = None
            if uids and i % 10 == 9:
                parent_uid, parent_title = uids[rng.randrange(len(uids))]
                lineage = Lineage(parent_uid, parent_title, "more personnel")
            uid = new_uid()
            uids.append((uid, title))
            when = start + timedelta(minutes=i)
            rev_rows = []
            document = ""
            for r in range(1, revisions + 1):
                personnel = 500 + 100 * r + rng.randrange(100)
                version = replace(plan, uid=uid, title=title, lineage=lineage,
                                  resources=replace(plan.resources, personnel=personnel),
                                  notes=f"revision {r}: personnel {personnel}")
                document = _document(version)
                created = (when + timedelta(seconds=r)).strftime(_STAMP)
                summary = "created" if r == 1 else f"resources.personnel: {personnel}"
                rev_rows.append((r, "planner", created, summary, document))
            updated = (when + timedelta(seconds=revisions)).strftime(_STAMP)
            cur = conn.execute(
                "INSERT INTO plan (uid, title, parent_uid, document, revision, created_at, "
                "updated_at, deleted_at) VALUES (?, ?, ?, ?, ?, ?, ?, NULL)",
                (uid, title, lineage.parent if lineage else None, document, revisions,
                 when.strftime(_STAMP), updated))
            plan_id = cur.lastrowid
            conn.executemany(
                "INSERT INTO plan_revision (plan_id, number, author, created_at, summary, "
                "document) VALUES (?, ?, ?, ?, ?, ?)",
                [(plan_id, *row) for row in rev_rows])
        conn.execute("COMMIT")
    finally:
        conn.close()
    return path


if __name__ == "__main__":
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("big.sqlite3")
    n = int(sys.argv[2]) if len(sys.argv) > 2 else PLANS
    revs = int(sys.argv[3]) if len(sys.argv) > 3 else REVISIONS
    t0 = time.perf_counter()
    make_big_db(out, n, revs)
    print(f"{out}: {n} plans x {revs} revisions, {out.stat().st_size / 1e6:.0f} MB, "
          f"made in {time.perf_counter() - t0:.1f} s")
