"""Loading the shipped corpus: first open fills it, later opens leave it alone, a new corpus
refreshes it without touching bookmarks or notes; and the migrations that hold it all."""

from __future__ import annotations

import json
import shutil
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import inspect, select, text

from pkdesk.core.reference import load_corpus
from pkdesk.paths import resources_dir
from pkdesk.core.reference import shipped_corpora
from pkdesk.store.corpus import sync_shipped_corpora
from pkdesk.store.db import SCHEMA_HEAD, Database, _alembic_config
from pkdesk.store.library import open_library
from pkdesk.store.models import Base, RefSource
from pkdesk.store.reference_repo import ReferenceRepository

SHIPPED = resources_dir() / "reference" / "peacekeeping-and-diplomacy.json"


def _count(db: Database, table: str) -> int:
    with db.engine.connect() as conn:
        return int(conn.execute(text(f"SELECT count(*) FROM {table}")).scalar_one())


def _data_version(path: Path) -> int:
    """SQLite bumps this for a connection whenever *another* connection commits a change."""
    with closing(sqlite3.connect(path)) as conn:
        return int(conn.execute("PRAGMA data_version").fetchone()[0])


def test_first_open_fills_the_corpus_and_its_index(db: Database) -> None:
    corpus = load_corpus(SHIPPED)
    assert _count(db, "ref_node") == len(corpus.nodes)
    assert _count(db, "ref_fts") == len(corpus.nodes)
    with db.session() as s:
        source = s.scalars(select(RefSource)).one()
    assert (source.id, source.checksum) == (corpus.source.id, corpus.checksum)
    roots, entries = ReferenceRepository(db).tree()
    assert roots[0] == "introduction"
    assert entries["principles"].children[:1] == ("principles.consent",)


def test_a_corpus_loaded_by_another_window_meanwhile_is_not_loaded_again(db_path: Path) -> None:
    """Two windows opening a new file at once: the second, having found the reference empty,
    waits for the first one's load, then finds it done (it used to delete and reload it all)."""
    from pkdesk.store.corpus import load_into

    import time

    from tests.store.safety_support import start_in_thread

    first, second = Database.open(db_path), Database.open(db_path)
    try:
        with first.write() as s:        # the first window loads, holding the write lock
            reloaded = start_in_thread(lambda: sync_shipped_corpora(second))
            time.sleep(0.5)             # the second found nothing loaded, and waits
            for corpus in shipped_corpora():
                load_into(s, corpus)
        assert reloaded() == 0
        with first.session() as s:
            loaded_at = {src.id: src.loaded_at for src in s.scalars(select(RefSource))}
        assert sync_shipped_corpora(second) == 0
        with second.session() as s:
            assert {src.id: src.loaded_at for src in s.scalars(select(RefSource))} == loaded_at
        assert _count(second, "ref_fts") == _count(second, "ref_node") > 0
    finally:
        first.close()
        second.close()


def test_second_open_reloads_nothing(db_path: Path) -> None:
    open_library(db_path).close()
    with closing(sqlite3.connect(db_path)) as watcher:
        before = watcher.execute("PRAGMA data_version").fetchone()[0]
        db = open_library(db_path)
        try:
            assert sync_shipped_corpora(db) == 0
            after = watcher.execute("PRAGMA data_version").fetchone()[0]
        finally:
            db.close()
    assert after == before  # no other connection committed anything


def _edited_corpus(folder: Path, edit: Any) -> Path:
    folder.mkdir()
    doc = json.loads(SHIPPED.read_text(encoding="utf-8"))
    edit(doc["nodes"])
    (folder / SHIPPED.name).write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return folder


def test_changed_corpus_refreshes_nodes_and_index_and_keeps_user_data(db: Database,
                                                                      tmp_path: Path) -> None:
    repo = ReferenceRepository(db)
    repo.set_bookmark("trends.climate-change", True)
    repo.set_note("trends.climate-change", "Check rainfall data before the dry season.")
    repo.set_bookmark("principles.consent", True)
    repo.set_note("principles.consent", "Ask the governor first.")

    def edit(nodes: list[dict[str, Any]]) -> None:
        nodes[:] = [n for n in nodes if n["id"] != "trends.climate-change"]
        for n in nodes:
            if n["id"] == "strategies.mediation":
                n["paragraphs"] = ["Zanzibarian quorum of mediators."]
        nodes.append({"id": "trends.drones", "title": "Drones", "kind": "trend",
                      "parent": "trends", "paragraphs": ["Unmanned quadcopters watch roads."]})

    folder = _edited_corpus(tmp_path / "corpus", edit)
    assert repo.search("quadcopters") == []
    assert sync_shipped_corpora(db, folder) == 1

    assert repo.node("strategies.mediation").node.paragraphs == ("Zanzibarian quorum of mediators.",)
    assert repo.node("trends.drones").node.parent == "trends"
    assert "trends.drones" in repo.tree()[1]["trends"].children
    assert "trends.climate-change" not in repo.tree()[1]
    assert [h.id for h in repo.search("quadcopters")] == ["trends.drones"]
    assert [h.id for h in repo.search("zanzibarian")] == ["strategies.mediation"]
    assert repo.search("rainfall", scope="handbook") == []    # the notes are searched too
    assert "strategies.mediation" not in [h.id for h in repo.search("neutral third party")]
    assert "trends.climate-change" not in [h.id for h in repo.search("climate")]
    assert _count(db, "ref_fts") == _count(db, "ref_node")

    # User data is untouched, including on the node that is gone.
    assert repo.bookmarks() == ["trends.climate-change", "principles.consent"]
    assert repo.notes() == {"trends.climate-change": "Check rainfall data before the dry season.",
                            "principles.consent": "Ask the governor first."}

    assert sync_shipped_corpora(db, folder) == 0
    assert sync_shipped_corpora(db) == 1  # back to the shipped corpus
    assert repo.node("trends.climate-change").node.title == "Climate Change"
    assert repo.is_bookmarked("trends.climate-change")


def test_a_bad_corpus_file_changes_nothing(db: Database, tmp_path: Path) -> None:
    folder = _edited_corpus(tmp_path / "corpus",
                            lambda nodes: nodes.append({"id": "x", "title": "X", "parent": "nope"}))
    before = _data_version(db.path)
    from pkdesk.core.errors import InputError

    with pytest.raises(InputError, match="unknown or later node 'nope'"):
        sync_shipped_corpora(db, folder)
    assert _data_version(db.path) == before
    assert _count(db, "ref_node") == len(load_corpus(SHIPPED).nodes)


def test_shipped_corpora_reads_every_json_in_the_folder(tmp_path: Path) -> None:
    assert [c.source.id for c in shipped_corpora()] == ["peacekeeping-and-diplomacy"]
    folder = tmp_path / "two"
    folder.mkdir()
    shutil.copy(SHIPPED, folder / "a.json")
    doc = json.loads(SHIPPED.read_text(encoding="utf-8"))
    doc["source"]["id"] = "other"
    doc["nodes"] = [{"id": "other.root", "title": "Other", "paragraphs": ["Text."]}]
    (folder / "b.json").write_text(json.dumps(doc), encoding="utf-8")
    (folder / "notes.txt").write_text("not a corpus", encoding="utf-8")
    assert [c.source.id for c in shipped_corpora(folder)] == ["peacekeeping-and-diplomacy", "other"]


# Migrations ------------------------------------------------------------------------------

def _schema(path: Path) -> list[tuple[str, str]]:
    with closing(sqlite3.connect(path)) as conn:
        return sorted(conn.execute("SELECT name, sql FROM sqlite_master "
                                   "WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%'"))


def test_migrations_from_empty_create_every_model_table(db_path: Path) -> None:
    db = Database.open(db_path)      # the database alone: no corpus loaded
    try:
        inspector = inspect(db.engine)
        tables = set(inspector.get_table_names())
        assert {"app_meta", "alembic_version", "ref_source", "ref_node", "ref_fts", "bookmark",
                "note", "plan", "plan_revision"} <= tables
        for name, table in Base.metadata.tables.items():
            assert name in tables
            assert {c["name"] for c in inspector.get_columns(name)} == set(table.columns.keys()), name
        with db.engine.connect() as conn:
            assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == SCHEMA_HEAD
            assert conn.execute(text("SELECT value FROM app_meta WHERE key = 'application'")
                                ).scalar() == "pkdesk"
            assert conn.execute(text("SELECT count(*) FROM ref_node")).scalar() == 0
            fts = conn.execute(text("SELECT sql FROM sqlite_master WHERE name = 'ref_fts'")).scalar()
        assert "remove_diacritics 2" in fts and "prefix" in fts
    finally:
        db.close()


def test_downgrade_to_base_and_upgrade_again(db_path: Path) -> None:
    from alembic import command

    db = open_library(db_path)
    ReferenceRepository(db).set_note("principles.consent", "kept until downgrade")
    schema = _schema(db_path)
    try:
        with db.engine.begin() as conn:
            command.downgrade(_alembic_config(conn), "base")
        assert [name for name, _sql in _schema(db_path)] == ["alembic_version"]
        with db.engine.begin() as conn:
            command.upgrade(_alembic_config(conn), "head")
        assert _schema(db_path) == schema
    finally:
        db.close()
    db = open_library(db_path)  # recognised as ours again, and refilled
    try:
        assert _count(db, "ref_node") == len(load_corpus(SHIPPED).nodes)
        assert ReferenceRepository(db).note("principles.consent") == ""
    finally:
        db.close()


def test_an_older_schema_is_upgraded_on_open_keeping_user_data(db_path: Path) -> None:
    from alembic import command

    db = open_library(db_path)
    ReferenceRepository(db).set_bookmark("history", True)
    with db.engine.begin() as conn:
        command.downgrade(_alembic_config(conn), "0001")
    db.close()
    with closing(sqlite3.connect(db_path)) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0001"
    db = open_library(db_path)
    try:
        with db.engine.connect() as conn:
            assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == SCHEMA_HEAD
        assert ReferenceRepository(db).bookmarks() == ["history"]
    finally:
        db.close()
