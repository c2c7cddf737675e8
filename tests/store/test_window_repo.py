"""The window's database without SQLAlchemy (issue 17): `Database.open_current` attaches a
current, checked file with a read-only sqlite3 connection only, `SqliteReferenceRepository`
reads what `ReferenceRepository` reads (the same `store.queries` SQL) and writes through it,
and SQLAlchemy's engine is made on first need, after `Database.open`'s checks."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from pkdesk.core.docimport import read_document
from pkdesk.core.errors import StoreError
from pkdesk.store.checked_stamp import is_checked, mark_checked, stamp_path
from pkdesk.store.db import Database
from pkdesk.store.library import open_library
from pkdesk.store.library_repo import LibraryRepository
from pkdesk.store.reference_repo import ReferenceRepository
from pkdesk.store.window_repo import SqliteReferenceRepository, reference_store


def _filled(db_path: Path, tmp_path: Path) -> None:
    """A database with a document, notes (one dated) and bookmarks; closed cleanly."""
    db = open_library(db_path)
    doc_path = tmp_path / "resolution.txt"
    doc_path.write_text("Mandate\n\nThe mission shall protect civilians.\n\nReporting\n\n"
                        "The Secretary-General shall report every ninety days.\n",
                        encoding="utf-8")
    LibraryRepository(db).add(read_document(doc_path, title="S/RES/2999 (2026)"), "2026")
    repo = ReferenceRepository(db)
    repo.set_note("principles.consent", "Ask <b>first</b>")
    repo.set_note("principles.impartiality", "Même règle")
    repo.set_bookmark("principles.impartiality", True)
    repo.set_bookmark("principles.consent", True)
    db.close()


def test_the_sqlite3_repository_reads_what_the_sqlalchemy_one_reads(
        db_path: Path, tmp_path: Path) -> None:
    _filled(db_path, tmp_path)
    window_db = Database.open_current(db_path)
    assert window_db is not None and window_db.reader is not None and not window_db.connected
    fast = reference_store(window_db)
    assert isinstance(fast, SqliteReferenceRepository)
    full_db = Database.open(db_path)
    full = ReferenceRepository(full_db)
    try:
        assert fast.tree() == full.tree() and len(fast.tree()[1]) > 40
        for node_id in ("principles.consent", "lib2", *list(fast.tree()[1])[-3:]):
            assert fast.node(node_id) == full.node(node_id)
        for query in ("consent", "protect civ", "first", "sec"):
            assert fast.search(query) == full.search(query)
            assert fast.search(query, scope="handbook") == full.search(query, scope="handbook")
        assert fast.search("ninety", scope=2) == full.search("ninety", scope=2) != []
        assert fast.bookmarks() == full.bookmarks() == ["principles.impartiality",
                                                         "principles.consent"]
        assert fast.is_bookmarked("principles.consent") and not fast.is_bookmarked("x")
        assert fast.note("principles.consent") == "Ask <b>first</b>" == full.note(
            "principles.consent")
        assert fast.note("nowhere") == full.note("nowhere") == ""
        assert fast.notes() == full.notes()
        assert fast.notes_dated() == full.notes_dated()
        assert fast.library_scopes() == full.library_scopes() == [(2, "S/RES/2999 (2026), 2026")]
        assert not window_db.connected          # all of that without SQLAlchemy's engine
    finally:
        full_db.close()
        window_db.close()


def test_a_write_makes_the_engine_and_the_reader_sees_it(db_path: Path, tmp_path: Path) -> None:
    _filled(db_path, tmp_path)
    db = Database.open_current(db_path)
    assert db is not None
    repo = reference_store(db)
    repo.set_note("principles.consent", "changed")
    repo.set_bookmark("principles.consent", False)
    assert db.connected
    assert repo.note("principles.consent") == "changed"
    assert repo.bookmarks() == ["principles.impartiality"]
    db.close()
    assert is_checked(db_path)       # closed cleanly: the reader first, then the engine
    again = Database.open(db_path)
    try:
        assert ReferenceRepository(again).note("principles.consent") == "changed"
    finally:
        again.close()


def test_only_a_current_checked_file_is_attached_without_the_full_open(
        db: Database, db_path: Path) -> None:
    db.close()
    assert Database.open_current(tmp_missing := db_path.with_name("none.sqlite3")) is None
    assert not tmp_missing.exists()
    stamp_path(db_path).unlink()
    assert Database.open_current(db_path) is None        # not vouched for: checked in full
    mark_checked(db_path)
    conn = sqlite3.connect(db_path)
    conn.execute("UPDATE ref_source SET checksum = 'old'")   # a corpus to load again
    conn.commit()
    conn.close()
    assert Database.open_current(db_path) is None          # the stamp is stale, too
    mark_checked(db_path)
    assert Database.open_current(db_path) is None          # and the corpus differs
    conn = sqlite3.connect(db_path)
    conn.execute("UPDATE alembic_version SET version_num = '0001'")
    conn.commit()
    conn.close()
    mark_checked(db_path)
    assert Database.open_current(db_path) is None          # another schema


def test_a_file_changed_after_the_attach_is_checked_in_full_before_the_engine_writes(
        db: Database, db_path: Path) -> None:
    db.close()
    attached = Database.open_current(db_path)
    assert attached is not None
    with db_path.open("r+b") as fh:       # damage written by something else meanwhile
        fh.seek(100)
        fh.write(b"\xff" * 4000)
    with pytest.raises(StoreError, match="damaged|malformed|not a database|cannot use"):
        ReferenceRepository(attached).set_note("principles.consent", "lost?")
    assert not attached.connected
    attached.close()
