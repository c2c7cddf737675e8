"""Migration 0007: the search index has a prefix index for every typed length from 1 to 12
letters (issue 17: "diploma", "peacekeep" merged every term they start before the first row),
and an existing 0006 file is upgraded with its rows, rowids and search results unchanged."""

from __future__ import annotations

import re
import sqlite3
from contextlib import closing
from pathlib import Path

from pkdesk.store import queries
from pkdesk.store.db import SCHEMA_HEAD, _alembic_config
from pkdesk.store.library import open_library
from pkdesk.store.reference_repo import ReferenceRepository

TYPED = ("p", "diploma", "peacekeep", "peacekeepin", "consent of the", "security co", "impart")


def _prefixes(path: Path) -> list[int]:
    with closing(sqlite3.connect(path)) as conn:
        sql = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'ref_fts'").fetchone()[0]
    found = re.search(r"prefix\s*=\s*'([0-9 ]+)'", sql)
    assert found, sql
    return [int(n) for n in found.group(1).split()]


def _rows(path: Path) -> list[tuple[object, ...]]:
    with closing(sqlite3.connect(path)) as conn:
        return conn.execute("SELECT rowid, node_id, library_id, title, body, stems FROM ref_fts "
                            "ORDER BY rowid").fetchall()


def _hits(path: Path) -> dict[str, list[tuple[str, float]]]:
    with closing(sqlite3.connect(path)) as conn:
        fetch: queries.Fetch = lambda sql, params: conn.execute(sql, params).fetchall()
        return {q: [(h.id, h.score) for h in queries.search(fetch, q, 20, "handbook")]
                for q in TYPED}


def test_a_new_database_indexes_every_prefix_length_up_to_twelve(db_path: Path) -> None:
    open_library(db_path).close()
    assert _prefixes(db_path) == list(range(1, 13))


def test_upgrade_from_0006_keeps_every_row_and_every_hit(db_path: Path) -> None:
    from alembic import command

    db = open_library(db_path)
    ReferenceRepository(db).set_note("principles.consent", "kept across 0007")
    with db.engine.begin() as conn:
        command.downgrade(_alembic_config(conn), "0006")
    db.close()
    assert _prefixes(db_path) == [1, 2, 3, 4, 5, 6, 8]
    rows, hits = _rows(db_path), _hits(db_path)
    assert len(rows) >= 40 and hits["diploma"] and hits["peacekeep"]

    db = open_library(db_path)
    try:
        assert ReferenceRepository(db).search("kept across", limit=5)[0].in_note
    finally:
        db.close()
    with closing(sqlite3.connect(db_path)) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] \
            == SCHEMA_HEAD == "0010"
        assert conn.execute("SELECT count(*) FROM sqlite_master WHERE name LIKE 'ref_fts_old%'"
                            ).fetchone()[0] == 0
    assert _prefixes(db_path) == list(range(1, 13))
    assert _rows(db_path) == rows
    assert _hits(db_path) == hits


SNIPPETS = ("SELECT node_id, title, snippet(ref_fts, 3, char(2), char(3), '…', 16) FROM ref_fts "
            "WHERE ref_fts MATCH ? ORDER BY bm25(ref_fts, 0.0, 0.0, 8.0, 1.0, 0.1), rowid "
            "LIMIT 20")


def test_ranked_hits_carry_the_snippets_fts5_makes_for_them(db_path: Path) -> None:
    """Ranked hits' snippets are looked up one by one (a seek in the prefix index), those of
    a word longer than the prefix index over the range: both as one FTS5 query makes them."""
    from pkdesk.core.search import fts_query

    open_library(db_path).close()
    with closing(sqlite3.connect(db_path)) as conn:
        fetch: queries.Fetch = lambda sql, params: conn.execute(sql, params).fetchall()
        for text in (*TYPED[1:], "international", "peacekeeping operations"):
            hits = queries.search(fetch, text, 20, "handbook")
            full = conn.execute(SNIPPETS, (fts_query(text),)).fetchall()
            assert hits, text
            assert [(h.id, h.title, h.snippet) for h in hits] == \
                [(r[0], r[1], " ".join(r[2].split())) for r in full], text
