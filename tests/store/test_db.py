from pathlib import Path

import pytest
from sqlalchemy import text

from pkdesk.core.errors import StoreError
from pkdesk.store.db import Database
from pkdesk.store.library import open_library


def test_new_database_is_migrated_to_head_with_pragmas(db: Database) -> None:
    with db.engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == "0010"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA busy_timeout")).scalar() == 5000
        assert conn.execute(text("SELECT count(*) FROM ref_node")).scalar() >= 40


def test_schema_head_constant_matches_alembic_head() -> None:
    from pkdesk.store.db import SCHEMA_HEAD, _head_revision

    assert _head_revision() == SCHEMA_HEAD


def test_database_file_is_private(db: Database) -> None:
    assert db.path.stat().st_mode & 0o077 == 0


def test_foreign_file_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_bytes(b"hello, not a database")
    with pytest.raises(StoreError, match="not an SQLite file"):
        open_library(path)
    assert path.read_bytes() == b"hello, not a database"


def test_other_programs_sqlite_is_refused(tmp_path: Path) -> None:
    import sqlite3

    path = tmp_path / "other.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE customers (id INTEGER)")
    before = path.read_bytes()
    with pytest.raises(StoreError, match="is not a pkdesk database, or is too damaged to tell"):
        open_library(path)
    assert path.read_bytes() == before


def test_newer_schema_is_refused(db_path: Path) -> None:
    open_library(db_path).close()
    import sqlite3

    with sqlite3.connect(db_path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    with pytest.raises(StoreError, match="newer version of pkdesk"):
        open_library(db_path)


def test_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="does not exist"):
        open_library(tmp_path / "nowhere" / "x.sqlite3")
