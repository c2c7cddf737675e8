"""Migration 0005 on a database made before it: every revision gets its identity, chained in
number order, and the store an id; on SQLite and PostgreSQL."""

from __future__ import annotations

import json

from alembic import command
from sqlalchemy import select, text

from pkdesk.core.plan.file import plan_to_dict
from pkdesk.core.sync.identity import revision_id
from pkdesk.store.db import Database, _alembic_config
from pkdesk.store.models import AppMeta, PlanRevisionRow
from tests.sync.support import open_store, sample_plan


def test_existing_revisions_are_backfilled_as_a_chain(any_db_url: str) -> None:
    db = open_store(any_db_url)
    try:
        with db.engine.begin() as conn:
            if conn.dialect.name == "sqlite":
                conn.exec_driver_sql("BEGIN IMMEDIATE")
            command.downgrade(_alembic_config(conn), "0004")
        plan = sample_plan()
        docs = [json.dumps(plan_to_dict(plan)), json.dumps(plan_to_dict(plan)),
                json.dumps({**plan_to_dict(plan), "plan": {**plan_to_dict(plan)["plan"],
                                                           "notes": "third"}})]
        with db.engine.begin() as conn:
            conn.execute(text("INSERT INTO plan (uid, title, document, revision, created_at, "
                              "updated_at) VALUES (:u, :t, :d, 3, :n, :n)"),
                         {"u": plan.uid, "t": plan.title, "d": docs[2], "n": "2026-01-01"})
            pid = conn.execute(text("SELECT id FROM plan")).scalar()
            for number, doc in enumerate(docs, 1):
                conn.execute(text("INSERT INTO plan_revision (plan_id, number, author, "
                                  "created_at, summary, document) VALUES (:p, :n, '', "
                                  ":c, '', :d)"),
                             {"p": pid, "n": number, "c": "2026-01-01", "d": doc})
        with db.engine.begin() as conn:
            if conn.dialect.name == "sqlite":
                conn.exec_driver_sql("BEGIN IMMEDIATE")
            command.upgrade(_alembic_config(conn), "head")
        with db.session() as s:
            revs = s.execute(select(PlanRevisionRow.rev_id, PlanRevisionRow.parents,
                                    PlanRevisionRow.document)
                             .order_by(PlanRevisionRow.number)).all()
            store_id = s.scalar(select(AppMeta.value).where(AppMeta.key == "store_id"))
        assert [r.parents for r in revs] == ["", revs[0].rev_id, revs[1].rev_id]
        assert all(r.rev_id == revision_id(r.document, r.parents.split()) for r in revs)
        assert revs[0].rev_id != revs[1].rev_id          # the same document, another parent
        assert store_id is not None and len(store_id) == 32
    finally:
        db.close()


def test_each_store_has_its_own_id(tmp_path: object) -> None:
    from pathlib import Path

    from pkdesk.store.sync_repo import SyncRepository

    base = Path(str(tmp_path))
    a, b = Database.open(base / "a.sqlite3"), Database.open(base / "b.sqlite3")
    try:
        assert SyncRepository(a).store_id() != SyncRepository(b).store_id()
    finally:
        a.close()
        b.close()
