"""Migration 0004 upgrades a real 0003 file with data: the handbook becomes library 1, the
search index gains stems and library ids, notes, bookmarks and plans stay."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

from pkdesk.store.db import SCHEMA_HEAD, _alembic_config
from pkdesk.store.library_repo import LibraryRepository
from pkdesk.store.library import open_library
from pkdesk.store.reference_repo import ReferenceRepository


def test_upgrade_from_0003_keeps_data_and_makes_the_handbook_library_1(db_path: Path) -> None:
    from alembic import command

    db = open_library(db_path)
    ref = ReferenceRepository(db)
    ref.set_note("principles.consent", "note kept across 0004")
    ref.set_bookmark("history", True)
    nodes = ref.tree()[1].keys()
    with db.engine.begin() as conn:
        command.downgrade(_alembic_config(conn), "0003")
    db.close()
    with closing(sqlite3.connect(db_path)) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0003"
        columns = [r[1] for r in conn.execute("PRAGMA table_info(ref_fts)")]
        assert columns == ["node_id", "title", "body"]
        assert conn.execute("SELECT count(*) FROM ref_fts").fetchone()[0] == len(nodes)
    db = open_library(db_path)
    try:
        with closing(sqlite3.connect(db_path)) as conn:
            assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] \
                == SCHEMA_HEAD == "0010"
            assert conn.execute("SELECT count(*) FROM ref_fts WHERE library_id = 1 "
                                "AND stems != ''").fetchone()[0] == len(nodes)
        libs = LibraryRepository(db).libraries()
        assert [(lib.id, lib.title, lib.language) for lib in libs] == [
            (1, "Peacekeeping and Diplomacy", "en")]
        assert libs[0].nodes == len(nodes)
        ref = ReferenceRepository(db)
        assert ref.note("principles.consent") == "note kept across 0004"
        assert ref.bookmarks() == ["history"]
        assert ref.tree()[1].keys() == nodes
        # The stems column is filled: a plural typed finds the singular in the handbook.
        assert "principles.consent" in [h.id for h in ref.search("consents", scope="handbook")]
    finally:
        db.close()
