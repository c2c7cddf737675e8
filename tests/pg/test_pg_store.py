"""A team database on a real PostgreSQL server: recognised (empty, pkdesk's, another
program's, a newer pkdesk's), migrated by the same Alembic chain both ways, written by
concurrent writers without a revision number colliding."""

from __future__ import annotations

import sqlite3
import threading
import time
from contextlib import closing
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import create_engine, text

from pkdesk.core.errors import StoreError, UnreachableError
from pkdesk.core.plan.model import Plan
from pkdesk.store.db import SCHEMA_HEAD, Database, _alembic_config
from pkdesk.store.library import open_library
from pkdesk.store.plan_repo import PlanRepository
from pkdesk.store.reference_repo import ReferenceRepository
from tests.pgserver import PgServer, free_port


def _sql(url: str, sql: str) -> list[tuple[object, ...]]:
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            result = conn.execute(text(sql))
            return [tuple(r) for r in result.all()] if result.returns_rows else []
    finally:
        engine.dispose()


def test_empty_database_gets_the_schema_and_the_marker(pg_url: str) -> None:
    db = Database.open(pg_url)
    db.close()
    assert _sql(pg_url, "SELECT version_num FROM alembic_version") == [(SCHEMA_HEAD,)]
    assert _sql(pg_url, "SELECT value FROM app_meta WHERE key = 'application'") == [("pkdesk",)]
    assert _sql(pg_url, "SELECT indexdef FROM pg_indexes WHERE indexname = 'ref_fts_tsv'")[0][0] \
        .endswith("USING gin (tsv)")
    Database.open(pg_url).close()   # a second open finds it current


def test_another_programs_database_is_refused_and_untouched(pg_url: str) -> None:
    _sql(pg_url, "CREATE TABLE customers (id int); INSERT INTO customers VALUES (7)")
    with pytest.raises(StoreError, match="is not a pkdesk database .*customers.*untouched"):
        Database.open(pg_url)
    tables = _sql(pg_url, "SELECT table_name FROM information_schema.tables "
                          "WHERE table_schema = 'public'")
    assert tables == [("customers",)]
    assert _sql(pg_url, "SELECT id FROM customers") == [(7,)]


def test_newer_schema_is_refused(pg_url: str) -> None:
    Database.open(pg_url).close()
    _sql(pg_url, "UPDATE alembic_version SET version_num = '9999'")
    with pytest.raises(StoreError, match="newer version of pkdesk"):
        Database.open(pg_url)


def test_missing_table_is_named(pg_url: str) -> None:
    Database.open(pg_url).close()
    _sql(pg_url, "DROP TABLE bookmark")
    with pytest.raises(StoreError, match="table bookmark is missing"):
        Database.open(pg_url)


def test_migrations_run_down_and_up_again_on_postgresql(pg_url: str) -> None:
    from alembic import command

    db = open_library(pg_url)
    nodes = _sql(pg_url, "SELECT count(*) FROM ref_node")[0][0]
    with db.engine.begin() as conn:
        command.downgrade(_alembic_config(conn), "0003")
    assert "ref_fts" not in {r[0] for r in _sql(
        pg_url, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")}
    with db.engine.begin() as conn:
        command.downgrade(_alembic_config(conn), "base")
    db.close()
    assert _sql(pg_url, "SELECT version_num FROM alembic_version") == []
    db = open_library(pg_url)
    db.close()
    assert _sql(pg_url, "SELECT count(*) FROM ref_fts WHERE library_id = 1")[0][0] == nodes > 0


def _sqlite_schema(path: Path) -> list[tuple[str, str]]:
    with closing(sqlite3.connect(path)) as conn:
        return sorted((r[0], r[1] or "") for r in conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"))


def test_sqlite_files_still_migrate_exactly_as_before(tmp_path: Path) -> None:
    """The dialect checks leave SQLite's path unchanged: a file upgraded step by step from
    0001 has the schema of a new file, FTS5 table included."""
    from alembic import command

    fresh = tmp_path / "fresh.sqlite3"
    Database.open(fresh).close()
    stepped = tmp_path / "stepped.sqlite3"
    db = Database.open(stepped)
    with db.engine.begin() as conn:
        command.downgrade(_alembic_config(conn), "0001")
    with closing(sqlite3.connect(stepped)) as conn:
        assert "fts5" in conn.execute("SELECT sql FROM sqlite_master WHERE name = 'ref_fts'"
                                      ).fetchone()[0]
    for step in ("0002", "0003", "0004", "0005", "0006", "0007", "0008", "0009", "0010"):
        with db.engine.begin() as conn:
            conn.exec_driver_sql("BEGIN IMMEDIATE")
            command.upgrade(_alembic_config(conn), step)
    db.close()
    assert _sqlite_schema(stepped) == _sqlite_schema(fresh)
    assert any("USING fts5" in sql for _n, sql in _sqlite_schema(fresh))


def test_concurrent_writers_never_collide_on_a_revision_number(pg_url: str) -> None:
    first, second = Database.open(pg_url), Database.open(pg_url)   # two engines, two pools
    try:
        plan_id = PlanRepository(first).create(Plan(title="Shared"))
        errors: list[BaseException] = []

        def writer(db: Database, tag: str) -> None:
            repo = PlanRepository(db)
            try:
                for n in range(15):
                    plan, _rev = repo.current(plan_id)
                    repo.save(plan_id, Plan(title=f"{tag} {n}", uid=plan.uid), author=tag)
            except BaseException as exc:   # noqa: BLE001 (reported below)
                errors.append(exc)

        threads = [threading.Thread(target=writer, args=(db, tag))
                   for db, tag in ((first, "a"), (second, "b"))]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert errors == []
        numbers = [r.number for r in PlanRepository(second).revisions(plan_id)]
        assert numbers == list(range(1, 32))
        # The server names its user first (migration 0005), the client's name in brackets.
        authors = [r.author.rsplit(" (", 1)[-1].rstrip(")")
                   for r in PlanRepository(first).revisions(plan_id)][1:]
        assert authors.count("a") == authors.count("b") == 15
    finally:
        first.close()
        second.close()


def test_a_writer_waits_for_the_one_holding_the_lock(pg_url: str) -> None:
    first, second = Database.open(pg_url), Database.open(pg_url)
    try:
        repo = PlanRepository(first)
        plan_id = repo.create(Plan(title="Locked"))
        uid = repo.get(plan_id).uid
        got: list[int] = []
        with first.write() as s:      # holds the write lock until this block ends
            t = threading.Thread(target=lambda: got.append(
                PlanRepository(second).save(plan_id, Plan(title="second", uid=uid))))
            t.start()
            t.join(0.5)
            assert t.is_alive() and got == []      # waiting, not failing
            s.execute(text("UPDATE plan SET revision = revision + 1 WHERE id = :i"), {"i": plan_id})
            s.execute(text("INSERT INTO plan_revision (plan_id, number, author, created_at, "
                           "summary, document) SELECT id, 2, 'first', now(), '', document "
                           "FROM plan WHERE id = :i"), {"i": plan_id})
        t.join(10)
        assert got == [3]     # it saw the first writer's revision 2 once the lock was free
    finally:
        first.close()
        second.close()


def test_writers_of_two_plans_do_not_wait_for_each_other(pg_url: str) -> None:
    first, second = Database.open(pg_url), Database.open(pg_url)
    try:
        repo = PlanRepository(first)
        held_id, other_id = repo.create(Plan(title="Held")), repo.create(Plan(title="Other"))
        held_uid, other_uid = repo.get(held_id).uid, repo.get(other_id).uid
        others = PlanRepository(second)
        waiting: list[int] = []
        with first.write(held_id):     # a save of "Held" in progress, its lock held open
            start = time.monotonic()
            assert others.save(other_id, Plan(title="Other 2", uid=other_uid)) == 2
            new_id = others.create(Plan(title="Created meanwhile"))
            elapsed = time.monotonic() - start
            # Neither waited for "Held"'s lock (the server would wait LOCK_TIMEOUT, 5 s).
            assert elapsed < 1.5, elapsed
            t = threading.Thread(target=lambda: waiting.append(
                others.save(held_id, Plan(title="Held 2", uid=held_uid))))
            t.start()
            t.join(0.5)
            assert t.is_alive() and waiting == []   # the same plan's writer takes its turn
        t.join(10)
        assert waiting == [2]
        assert [r.number for r in others.revisions(held_id)] == [1, 2]
        assert others.get(new_id).title == "Created meanwhile"
    finally:
        first.close()
        second.close()


def test_a_database_wide_writer_waits_for_a_plan_writer(pg_url: str) -> None:
    first, second = Database.open(pg_url), Database.open(pg_url)
    try:
        plan_id = PlanRepository(first).create(Plan(title="Plan"))
        notes = ReferenceRepository(second)
        done: list[bool] = []
        with first.write(plan_id):     # a plan's save in progress
            t = threading.Thread(target=lambda: done.append(
                notes.set_note("n1", "written after the save") is None))
            t.start()
            t.join(0.5)
            assert t.is_alive() and done == []   # a whole-database write waits its turn
        t.join(10)
        assert done == [True] and notes.note("n1") == "written after the save"
    finally:
        first.close()
        second.close()


def test_unreachable_server_is_one_clear_sentence() -> None:
    port = free_port()
    url = f"postgresql+psycopg://someone:secret-pw@127.0.0.1:{port}/team"
    with pytest.raises(UnreachableError) as caught:
        Database.open(url)
    message = str(caught.value)
    assert message.startswith(f"The team database at 127.0.0.1:{port} is unreachable: ")
    assert "secret-pw" not in message and "\n" not in message


def test_where_names_user_host_and_database_never_the_password(pg_server: PgServer,
                                                               pg_url: str) -> None:
    db = Database.open(pg_url)
    try:
        assert db.is_server
        assert db.where == f"{pg_server.superuser}@127.0.0.1:{pg_server.port}/{pg_url.rsplit('/', 1)[1]}"
        assert pg_server.password not in db.where
    finally:
        db.close()


def test_wrong_password_is_not_called_unreachable(pg_server: PgServer, pg_url: str) -> None:
    bad = pg_server.url(pg_url.rsplit("/", 1)[1], user=pg_server.superuser, password="wrong")
    with pytest.raises(StoreError) as caught:
        Database.open(bad)
    assert not isinstance(caught.value, UnreachableError)
    assert "password authentication failed" in str(caught.value)
    assert "wrong" not in str(caught.value).replace("password authentication failed", "")
    assert isinstance(psycopg, object)


def test_the_plan_list_pages_on_the_server_are_the_whole_list(pg_url: str) -> None:
    # Issue 17: the Planner's pages (keyset over updated_at and id, variants by parent_uid)
    # put together are the whole list in lineage order here too (migration 0008's index).
    from pkdesk.ui.planner.plan_list_model import lineage_order

    db = Database.open(pg_url)
    try:
        repo = PlanRepository(db)
        ids = [repo.create(Plan(title=f"plan {i}")) for i in range(9)]
        variant = repo.branch(ids[2])
        repo.branch(variant)
        repo.branch(ids[7])
        repo.delete(ids[5])
        paged: list[tuple[int, int]] = []
        cursor = None
        while True:
            rows, cursor = repo.list_page(cursor, 2)
            paged += [(p.id, depth) for p, depth in rows]
            if cursor is None:
                break
        assert paged == [(p.id, depth) for p, depth in lineage_order(repo.list())]
        assert max(depth for _, depth in paged) == 2
        assert repo.count() == 11 and repo.listed(ids[0]) and not repo.listed(ids[5])
        assert "ix_plan_listed" in str(_sql(pg_url, "SELECT indexname FROM pg_indexes "
                                                    "WHERE tablename = 'plan'"))
    finally:
        db.close()
