import sqlite3
from pathlib import Path

import pytest

from pkdesk.core.errors import PkdeskError, StoreError
from pkdesk.store.backup import backup_now, list_backups
from pkdesk.store.db import SCHEMA_HEAD, Database
from pkdesk.store.library import open_library
from pkdesk.store.restore import restore
from tests.store.safety_support import add_plan, plan_titles


def _folder_names(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir()}


def test_restore_puts_the_backup_back_and_keeps_the_current_data(db: Database) -> None:
    add_plan(db, "Week one")
    saved = backup_now(db.path)
    add_plan(db, "Week two")
    db.close()

    result = restore(db.path, saved)

    assert plan_titles(db.path) == ["Week one"]
    assert result.previous is not None and not result.previous_was_damaged
    assert plan_titles(result.previous) == ["Week one", "Week two"]
    assert result.previous in [b.path for b in list_backups(db.path)]
    assert db.path.stat().st_mode & 0o777 == 0o600
    # No temporary file, no stale -wal/-shm left to be replayed onto the restored file.
    assert _folder_names(db.path.parent) == {db.path.name, "backups"}
    reopened = open_library(db.path)
    reopened.close()


def test_restoring_over_a_damaged_file_moves_it_aside_unchanged(db: Database) -> None:
    add_plan(db, "Keep me")
    saved = backup_now(db.path)
    db.close()
    damaged = b"SQLite format 3\x00" + b"\xff" * 5000
    db.path.write_bytes(damaged)

    result = restore(db.path, saved)

    assert result.previous_was_damaged and result.previous is not None
    assert result.previous.name.startswith(f"{db.path.name}.damaged-")
    assert result.previous.read_bytes() == damaged
    assert plan_titles(db.path) == ["Keep me"]


def test_restore_into_a_missing_database(tmp_path: Path, db: Database) -> None:
    add_plan(db, "Carried on a USB stick")
    stick = backup_now(db.path, tmp_path / "stick.sqlite3")
    target = tmp_path / "laptop" / "pkdesk.sqlite3"
    target.parent.mkdir()
    result = restore(target, stick)
    assert result.previous is None
    assert plan_titles(target) == ["Carried on a USB stick"]


def _bad_sources(tmp_path: Path, good: Path) -> dict[str, tuple[Path, str]]:
    out: dict[str, tuple[Path, str]] = {}

    def make(name: str, data: bytes, match: str) -> None:
        p = tmp_path / name
        p.write_bytes(data)
        out[name] = (p, match)

    data = good.read_bytes()
    make("empty.sqlite3", b"", "is empty")
    make("text.sqlite3", b"plain text, not a database\n" * 20, "not an SQLite file")
    make("truncated.sqlite3", data[: len(data) // 3], "damaged")
    make("header-only.sqlite3", data[:100], "damaged|not a pkdesk")
    other = tmp_path / "other.sqlite3"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE customers (id INTEGER)")
    conn.close()
    out["other.sqlite3"] = (other, "not a pkdesk database, or is too damaged to tell")
    newer = tmp_path / "newer.sqlite3"
    newer.write_bytes(data)
    with sqlite3.connect(newer) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.close()
    out["newer.sqlite3"] = (newer, "newer version of pkdesk")
    trap = tmp_path / "trigger.sqlite3"
    trap.write_bytes(data)
    with sqlite3.connect(trap) as conn:
        conn.execute("CREATE TRIGGER wipe AFTER INSERT ON plan BEGIN DELETE FROM plan; END")
    conn.close()
    out["trigger.sqlite3"] = (trap, "trigger pkdesk does not create")
    return out


def test_bad_files_are_refused_and_nothing_changes(db: Database, tmp_path: Path) -> None:
    add_plan(db, "Precious")
    incoming = tmp_path / "incoming"
    incoming.mkdir()
    good = backup_now(db.path, incoming / "good.sqlite3")
    db.close()
    before = db.path.read_bytes()
    before_names = _folder_names(db.path.parent)
    for name, (source, match) in _bad_sources(incoming, good).items():
        source_bytes = source.read_bytes()
        with pytest.raises(PkdeskError, match=match) as err:
            restore(db.path, source)
        assert "\n" not in str(err.value), name
        assert source.read_bytes() == source_bytes, name
        assert db.path.read_bytes() == before, name
        assert _folder_names(db.path.parent) == before_names, name  # no temp file left


def test_restore_is_refused_while_another_connection_is_open(db: Database) -> None:
    add_plan(db, "Open elsewhere")
    saved = backup_now(db.path)
    add_plan(db, "Newer edit")
    with pytest.raises(StoreError, match="open in another pkdesk window"):
        restore(db.path, saved)   # `db` is still open: replacing the file would orphan it
    assert plan_titles(db.path) == ["Open elsewhere", "Newer edit"]
    db.close()


def test_an_older_schema_backup_is_upgraded_on_restore(db: Database, tmp_path: Path) -> None:
    from alembic import command
    from sqlalchemy import create_engine

    from pkdesk.store.db import _alembic_config

    old = tmp_path / "old.sqlite3"
    engine = create_engine(f"sqlite:///{old}")
    with engine.begin() as conn:
        command.upgrade(_alembic_config(conn), "0001")
    engine.dispose()
    db.close()
    restore(db.path, old)
    conn = sqlite3.connect(db.path)
    try:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == SCHEMA_HEAD
        assert conn.execute("SELECT count(*) FROM ref_node").fetchone()[0] >= 40
    finally:
        conn.close()
